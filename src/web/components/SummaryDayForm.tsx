import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * « Journée » of a « Bilan de la journée »: the day shown (`day`, once read), « Afficher » another
 * (`onShow`, '' for today), and « Télécharger le bilan (CSV) » of the day shown (`csvHref`).
 */
export function SummaryDayForm({
  day,
  csvHref,
  onShow,
}: {
  day: string | undefined;
  csvHref: string | undefined;
  onShow: (day: string) => void;
}) {
  const { t } = useTranslation('monitoring');
  const id = useId();
  const [draft, setDraft] = useState(day ?? '');
  useEffect(() => setDraft(day ?? ''), [day]);
  const show = (e: FormEvent) => {
    e.preventDefault();
    onShow(draft);
  };
  return (
    <form className="inline-form summary-form" onSubmit={show}>
      <label htmlFor={id}>{t('summary.date')}</label>
      <input id={id} type="date" value={draft} onChange={(e) => setDraft(e.target.value)} />
      <button type="submit" className="button">
        {t('summary.show')}
      </button>
      {csvHref && (
        <a className="button primary" href={csvHref} download>
          {t('summary.download')}
        </a>
      )}
    </form>
  );
}
