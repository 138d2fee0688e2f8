import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A column header that sorts its list (a button; the direction said to screen readers and by `aria-sort`). */
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
  const { t } = useTranslation('admin');
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
            <span className="visually-hidden"> ({dir === 'asc' ? t('list.sortedAsc') : t('list.sortedDesc')})</span>
          </>
        )}
      </button>
    </th>
  );
}
