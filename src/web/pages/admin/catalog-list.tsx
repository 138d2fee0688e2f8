import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

/** The list controls « Formations » and « Inscriptions » share: a sortable column header and a pager. */
export function useListParams<S extends string>(sorts: readonly S[], defaultSort: S, defaultDir: 'asc' | 'desc') {
  const [params, setParams] = useSearchParams();
  const sort = (sorts as readonly string[]).includes(params.get('tri') ?? '') ? (params.get('tri') as S) : defaultSort;
  const dir = params.get('ordre') === 'desc' ? 'desc' : params.get('ordre') === 'asc' ? 'asc' : defaultDir;
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  return { params, sort, dir, page, set };
}

export function SortHeader<S extends string>({
  column,
  sort,
  dir,
  onSort,
  children,
}: {
  column: S;
  sort: S;
  dir: 'asc' | 'desc';
  onSort: (column: S, dir: 'asc' | 'desc') => void;
  children: ReactNode;
}) {
  const { t } = useTranslation('adminCatalog');
  const active = column === sort;
  return (
    <th scope="col" aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button
        type="button"
        className="sort-button"
        onClick={() => onSort(column, active && dir === 'asc' ? 'desc' : 'asc')}
      >
        {children}
        {active && (
          <>
            <span aria-hidden="true">{dir === 'asc' ? ' ▲' : ' ▼'}</span>
            <span className="visually-hidden"> ({dir === 'asc' ? t('sortedAsc') : t('sortedDesc')})</span>
          </>
        )}
      </button>
    </th>
  );
}

export function Pager({ page, hasMore, onPage }: { page: number; hasMore: boolean; onPage: (n: number) => void }) {
  const { t } = useTranslation('adminCatalog');
  if (page === 1 && !hasMore) return null;
  return (
    <nav className="pager" aria-label={t('pages')}>
      {page > 1 && (
        <button type="button" className="button" onClick={() => onPage(page - 1)}>
          {t('previous')}
        </button>
      )}
      <span>{t('page', { n: page })}</span>
      {hasMore && (
        <button type="button" className="button" onClick={() => onPage(page + 1)}>
          {t('next')}
        </button>
      )}
    </nav>
  );
}

/** A service's « { fr, en } » text in the interface's language. */
export const localized = (s: { fr: string; en?: string | undefined }, lang: string) =>
  lang.startsWith('en') && s.en ? s.en : s.fr;
