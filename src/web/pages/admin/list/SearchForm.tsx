import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A list's search: one field (its label hidden when the placeholder says it) and « Appliquer »; `children`
 * adds the page's own filters inside the same form. The field follows the address's `q`.
 */
export function SearchForm({
  q,
  onApply,
  label,
  placeholder,
  visibleLabel = false,
  className = 'inline-search',
  id,
  children,
}: {
  q: string;
  onApply: (q: string) => void;
  label: string;
  placeholder?: string;
  visibleLabel?: boolean;
  className?: string;
  id?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation('admin');
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const ownId = useId();
  const inputId = id ?? ownId;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft.trim());
  };
  const input = (
    <>
      <label htmlFor={inputId} className={visibleLabel ? undefined : 'visually-hidden'}>
        {label}
      </label>
      <input
        id={inputId}
        type="search"
        value={draft}
        placeholder={placeholder}
        onChange={(e) => setDraft(e.target.value)}
      />
    </>
  );
  return (
    <form className={className} role="search" onSubmit={submit}>
      {children === undefined ? input : <div className="field">{input}</div>}
      {children}
      <button type="submit" className="button">
        {t('list.apply')}
      </button>
    </form>
  );
}
