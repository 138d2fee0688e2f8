import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListQuery } from '../list/useListQuery';
import { SearchForm } from '../list/SearchForm';

/** The organisation's lists' toolbar: the search, the sort (a drop-down) and one yes/no filter (`tous`). */
export function ListControls({
  list,
  searchPlaceholder,
  sorts,
  toggleLabel,
}: {
  list: ListQuery;
  searchPlaceholder: string;
  sorts: { value: string; label: string }[];
  toggleLabel?: string;
}) {
  const { t } = useTranslation('adminOrg');
  const sortId = useId();
  const toggleId = useId();
  return (
    <div className="toolbar org-toolbar">
      <SearchForm q={list.q} onApply={(q) => list.change({ q })} label={t('search')} placeholder={searchPlaceholder} />
      <div className="org-filters">
        <label htmlFor={sortId}>{t('sort')}</label>
        <select id={sortId} value={list.sort} onChange={(e) => list.change({ tri: e.target.value })}>
          {sorts.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
        {toggleLabel && (
          <span className="org-toggle">
            <input
              id={toggleId}
              type="checkbox"
              checked={list.all}
              onChange={(e) => list.change({ tous: e.target.checked ? '1' : null })}
            />
            <label htmlFor={toggleId}>{toggleLabel}</label>
          </span>
        )}
      </div>
    </div>
  );
}

/** « Prénom Nom », or the e-mail when the profile has no name yet. */
export function personLabel(p: { firstName: string | null; lastName: string | null; email: string }) {
  const name = [p.firstName, p.lastName].filter(Boolean).join(' ');
  return name || p.email;
}
