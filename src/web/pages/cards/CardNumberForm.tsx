import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Field } from '../../components/Field';

/** The number typed in the form: kept loose, the server reads it (dashes, spaces, lower case). */
export function CardNumberForm({ initial }: { initial: string }) {
  const { t } = useTranslation('cards');
  const navigate = useNavigate();
  const [value, setValue] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = value.trim().toUpperCase().replace(/\s+/g, '-');
    if (n) void navigate(`/verifier/${encodeURIComponent(n)}`);
  };
  return (
    <form className="card verify-form" onSubmit={submit} role="search">
      <Field
        label={t('verify.number')}
        hint={t('verify.numberHint')}
        name="cardNumber"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className="button primary">
        {t('verify.submit')}
      </button>
    </form>
  );
}
