import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { localized } from '../../i18n/localized';
import type { LearnerFileReply } from '../../../shared/api/desk';
import { IrregularityButton } from './IrregularityButton';

/** The irregularities reported about the learner at this service point, and « Signaler une irrégularité ». */
export function IrregularitiesPanel({ file, onChange }: { file: LearnerFileReply; onChange: () => void }) {
  const { t, i18n } = useTranslation('care');
  const list = file.irregularities;
  return (
    <details className="card file-fold" open={list.length > 0 || undefined}>
      <summary>
        <h2>
          {t('irregularities.title')} ({list.length})
        </h2>
      </summary>
      {list.length === 0 ? (
        <p className="hint">{t('irregularities.none')}</p>
      ) : (
        <ul className="care-list">
          {list.map((i) => (
            <li key={i.id}>
              <p>
                {t('irregularities.line', {
                  time: formatDateTime(i.occurredAt, i18n.language, file.servicePoint.timeZone),
                  category: t(`irregularities.categories.${i.category}`),
                  by: i.reportedBy,
                })}
              </p>
              {i.examTitle && (
                <p className="hint">{t('irregularities.exam', { exam: localized(i.examTitle, i18n.language) })}</p>
              )}
              <p className="care-text">{i.description}</p>
            </li>
          ))}
        </ul>
      )}
      <IrregularityButton learnerId={file.learner.id} onDone={onChange} />
    </details>
  );
}
