import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format';

/**
 * An ended attempt's result in a table cell: « Réussite » or « Échec » as a badge, then « points / max
 * (percentage %) ». Nothing while the attempt has no outcome (not ended, cancelled).
 */
export function AttemptResult({
  outcome,
  points,
  max,
  percentage,
}: {
  outcome: 'passed' | 'failed' | null;
  points: number | null;
  max: number | null;
  percentage: number | null;
}) {
  const { t, i18n } = useTranslation('monitoring');
  if (!outcome) return null;
  const n = (v: number | null) => formatNumber(v ?? 0, i18n.language);
  return (
    <>
      <span className={`badge ${outcome === 'passed' ? 'badge-ok' : 'badge-danger'}`}>
        {t(`terminate.outcome.${outcome}`)}
      </span>{' '}
      {t('summary.result', { points: n(points), max: n(max), percentage: n(percentage) })}
    </>
  );
}
