import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

/**
 * What every list of the organisation's administration shares: its search, sort, one yes/no filter and page
 * live in the address (`q`, `tri`, `tous`, `page`), so a list can be bookmarked and the browser's back works.
 */
export function useListParams(defaultSort: string) {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const sort = params.get('tri') ?? defaultSort;
  const all = params.get('tous') === '1';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const change = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === null || v === '') p.delete(k);
      else p.set(k, v);
    }
    if (!('page' in next)) p.delete('page');
    setParams(p);
  };
  return { q, sort, all, page, params, change };
}

export function ListControls({
  list,
  searchPlaceholder,
  sorts,
  toggleLabel,
}: {
  list: ReturnType<typeof useListParams>;
  searchPlaceholder: string;
  sorts: { value: string; label: string }[];
  toggleLabel?: string;
}) {
  const { t } = useTranslation('adminOrg');
  const [search, setSearch] = useState(list.q);
  useEffect(() => setSearch(list.q), [list.q]);
  const searchId = useId();
  const sortId = useId();
  const toggleId = useId();
  const apply = (e: FormEvent) => {
    e.preventDefault();
    list.change({ q: search.trim() });
  };
  return (
    <div className="toolbar org-toolbar">
      <form className="inline-search" role="search" onSubmit={apply}>
        <label htmlFor={searchId} className="visually-hidden">
          {t('search')}
        </label>
        <input
          id={searchId}
          type="search"
          value={search}
          placeholder={searchPlaceholder}
          onChange={(e) => setSearch(e.target.value)}
        />
        <button type="submit" className="button">
          {t('apply')}
        </button>
      </form>
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

export function Pager({ list, hasMore }: { list: ReturnType<typeof useListParams>; hasMore: boolean }) {
  const { t } = useTranslation('adminOrg');
  if (list.page === 1 && !hasMore) return null;
  const to = (page: number) => {
    const p = new URLSearchParams(list.params);
    p.set('page', String(page));
    return `?${p}`;
  };
  return (
    <nav className="pager" aria-label={t('page', { n: list.page })}>
      {list.page > 1 && <Link to={to(list.page - 1)}>{t('previous')}</Link>}
      <span>{t('page', { n: list.page })}</span>
      {hasMore && <Link to={to(list.page + 1)}>{t('next')}</Link>}
    </nav>
  );
}

/** « Prénom Nom », or the e-mail when the profile has no name yet. */
export function personLabel(p: { firstName: string | null; lastName: string | null; email: string }) {
  const name = [p.firstName, p.lastName].filter(Boolean).join(' ');
  return name || p.email;
}
