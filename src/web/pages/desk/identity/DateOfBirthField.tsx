import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Parts = { year: string; month: string; day: string };

const split = (value: string): Parts => {
  const [year = '', month = '', day = ''] = value.split('-');
  return { year, month, day };
};

/** "YYYY-MM-DD" once the three parts are there (the server checks it is a real day), else what was typed. */
const join = ({ year, month, day }: Parts) =>
  year && month && day ? `${year}-${month}-${day.padStart(2, '0')}` : [year, month, day].join('-').replace(/-+$/, '');

/**
 * The date of birth in the card's order, « Année » « Mois » « Jour »: three fields, the month by its name,
 * so the browser's language (mm/dd/yyyy in English) cannot swap day and month as its date picker did.
 */
export function DateOfBirthField({
  value,
  onChange,
  hint,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  hint: string;
  error: string | null;
}) {
  const { t, i18n } = useTranslation('identity');
  const id = useId();
  const [parts, setParts] = useState(() => split(value));
  // Emptied from outside (the form reset once saved): the three fields follow.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    if (value !== join(parts)) setParts(split(value));
  }
  const set = (patch: Partial<Parts>) => {
    const next = { ...parts, ...patch };
    setParts(next);
    setShown(join(next));
    onChange(join(next));
  };
  const monthName = new Intl.DateTimeFormat(i18n.language, { month: 'long', timeZone: 'UTC' });
  const describedBy = [`${id}-hint`, error ? `${id}-err` : ''].filter(Boolean).join(' ');
  const invalid = error ? true : undefined;
  return (
    <fieldset className="field date-parts" aria-describedby={describedBy}>
      <legend>{t('dateOfBirth')}</legend>
      <div className="date-parts-row">
        <div className="date-part">
          <label htmlFor={`${id}-y`}>{t('year')}</label>
          <input
            id={`${id}-y`}
            inputMode="numeric"
            autoComplete="off"
            maxLength={4}
            placeholder={t('yearPlaceholder')}
            aria-invalid={invalid}
            value={parts.year}
            onChange={(e) => set({ year: e.target.value.replace(/\D/g, '') })}
          />
        </div>
        <div className="date-part">
          <label htmlFor={`${id}-m`}>{t('month')}</label>
          <select
            id={`${id}-m`}
            aria-invalid={invalid}
            value={parts.month}
            onChange={(e) => set({ month: e.target.value })}
          >
            <option value="">—</option>
            {Array.from({ length: 12 }, (_, i) => {
              const mm = String(i + 1).padStart(2, '0');
              return (
                <option key={mm} value={mm}>
                  {mm} – {monthName.format(new Date(Date.UTC(2000, i, 1)))}
                </option>
              );
            })}
          </select>
        </div>
        <div className="date-part date-part-day">
          <label htmlFor={`${id}-d`}>{t('day')}</label>
          <input
            id={`${id}-d`}
            inputMode="numeric"
            autoComplete="off"
            maxLength={2}
            placeholder={t('dayPlaceholder')}
            aria-invalid={invalid}
            value={parts.day}
            onChange={(e) => set({ day: e.target.value.replace(/\D/g, '') })}
          />
        </div>
      </div>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      {error && (
        <p className="field-error" id={`${id}-err`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
