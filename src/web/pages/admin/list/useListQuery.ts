import { useSearchParams } from 'react-router';

/**
 * What every administration list keeps in the address, so a list can be bookmarked and the browser's back
 * works: the search `q`, the sort `tri` (one of `sorts`) and its direction `ordre`, a yes/no filter `tous`,
 * the `page`, and whatever filter the page adds (`point`, `formation`, `filtre`…, read from `params`).
 * Any change but the page's own goes back to page 1.
 */
export function useListQuery<S extends string = string>(
  sorts: readonly S[] = [],
  defaultSort: S = '' as S,
  defaultDir: 'asc' | 'desc' = 'asc',
) {
  const [params, setParams] = useSearchParams();
  const asked = params.get('tri') ?? '';
  const sort = (sorts as readonly string[]).includes(asked) ? (asked as S) : defaultSort;
  const ordre = params.get('ordre');
  const dir: 'asc' | 'desc' = ordre === 'desc' || ordre === 'asc' ? ordre : defaultDir;
  const q = params.get('q') ?? '';
  const all = params.get('tous') === '1';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const change = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  /** The address of another page of the same list. */
  const pageHref = (n: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(n));
    return `?${next}`;
  };
  return { params, q, sort, dir, all, page, change, pageHref };
}

export type ListQuery = ReturnType<typeof useListQuery>;
