import type { ReactNode } from 'react';
import { SortHeader } from './SortHeader';

export interface Column<R, S extends string = string> {
  /** The header, also each cell's `data-label` (the narrow screen's cards show it). */
  label: string;
  /** A header of its own (a « select all » box) instead of the label. */
  header?: ReactNode;
  /** The sort this column's header asks for. */
  sort?: S;
  className?: string;
  cell: (row: R) => ReactNode;
}

/**
 * Every administration list's table: « … » while it loads, the page's sentence when it is empty, else a
 * scrollable region (keyboard-focusable, named) holding the table, its sortable headers and one row per item.
 */
export function AdminTable<R, S extends string = string>({
  rows,
  columns,
  rowKey,
  label,
  caption,
  empty,
  loading = true,
  tableClassName,
  sorting,
}: {
  rows: R[] | null | undefined;
  columns: (Column<R, S> | false)[];
  rowKey: (row: R) => string;
  /** The region's name (the list's title). */
  label: string;
  caption?: string;
  empty: ReactNode;
  /** Say « … » while `rows` is null (false when an error says why there is nothing). */
  loading?: boolean;
  tableClassName?: string;
  sorting?: { sort: S; dir: 'asc' | 'desc'; onSort: (column: S, dir: 'asc' | 'desc') => void };
}) {
  if (!rows) return loading ? <p aria-busy="true">…</p> : null;
  if (rows.length === 0) return <>{empty}</>;
  const shown = columns.filter((c): c is Column<R, S> => !!c);
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      <table className={tableClassName}>
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {shown.map((c) =>
              c.sort && sorting ? (
                <SortHeader key={c.label} column={c.sort} sort={sorting.sort} dir={sorting.dir} onSort={sorting.onSort}>
                  {c.label}
                </SortHeader>
              ) : (
                <th key={c.label} scope="col">
                  {c.header ?? c.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)}>
              {shown.map((c) => (
                <td key={c.label} data-label={c.label} className={c.className}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
