import { useTranslation } from 'react-i18next';
import type { LiveRow } from '../../../shared/live';
import { IrregularityButton } from './IrregularityButton';

/**
 * Under the learner's name on a live row: the accommodations that matter in the room (« Salle séparée », the
 * extra time given at « Commencer ») and « Signaler une irrégularité » on this attempt. Clicks here stay here
 * (the row opens the file).
 */
export function LiveRowCare({ row }: { row: LiveRow }) {
  const { t } = useTranslation('care');
  return (
    <div className="live-care" onClick={(e) => e.stopPropagation()}>
      {row.separateRoom && <span className="badge badge-warn">{t('accommodations.separateRoom')}</span>}
      {row.extraMinutes > 0 && (
        <span className="badge badge-info">{t('accommodations.extraTime', { minutes: row.extraMinutes })}</span>
      )}
      <IrregularityButton learnerId={row.learnerId} attemptId={row.attemptId} onDone={() => undefined} />
    </div>
  );
}
