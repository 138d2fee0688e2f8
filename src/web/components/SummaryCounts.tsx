import { useTranslation } from 'react-i18next';
import type { SummaryCounts as Counts } from '../../shared/live';
import { formatNumber } from '../format';

const COUNTS: (keyof Counts)[] = ['authorized', 'started', 'passed', 'failed', 'terminated', 'cancelled'];

/**
 * « Bilan de la journée » in figures — « Autorisés », « Commencés », « Réussis », « Échoués », « Terminés par
 * l’opérateur », « Annulés » — and what they count; at the desk and in a service point's administration.
 */
export function SummaryCounts({ counts }: { counts: Counts }) {
  const { t, i18n } = useTranslation('monitoring');
  return (
    <>
      <dl className="summary-counts figure-tiles" data-testid="summary-counts">
        {COUNTS.map((k) => (
          <div key={k} className={`summary-count summary-${k}`}>
            <dt>{t(`summary.counts.${k}`)}</dt>
            <dd>{formatNumber(counts[k], i18n.language)}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">{t('summary.countsHint')}</p>
    </>
  );
}
