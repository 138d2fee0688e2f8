import { useTranslation } from 'react-i18next';
import type { TerminationFigures } from '../../../shared/live';
import { formatNumber } from '../../format';
import { localized } from '../../i18n/localized';

/** What ending the exam now means, in figures: shown in the confirmation of « Terminer l'examen ». */
export function TerminationFiguresView({ figures, updated }: { figures: TerminationFigures; updated: boolean }) {
  const { t, i18n } = useTranslation('monitoring');
  const lang = i18n.language;
  const n = (v: number) => formatNumber(v, lang);
  return (
    <div className="termination-figures" data-testid="termination-figures">
      <p>{localized(figures.examTitle, lang)}</p>
      <ul>
        <li>{t('terminate.answered', { answered: figures.answered, total: figures.questionCount })}</li>
        <li>{t('terminate.points', { points: n(figures.points), max: n(figures.maxPoints) })}</li>
        <li>{t('terminate.passingMark', { mark: figures.passingMark })}</li>
      </ul>
      <p className="alert alert-error termination-warning" data-testid="termination-warning">
        <strong>
          {t('terminate.warning', {
            points: n(figures.points),
            max: n(figures.maxPoints),
            percentage: n(figures.percentage),
            outcome: t(`terminate.outcome.${figures.outcome}`),
          })}
        </strong>
      </p>
      <p>{t('terminate.consequence')}</p>
      {updated && (
        <p className="hint" role="status">
          {t('terminate.updated')}
        </p>
      )}
    </div>
  );
}
