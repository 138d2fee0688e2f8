import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServicePointDetail } from '../../../../shared/admin-org';
import { get } from '../../../api/client';
import type { ListQuery } from '../list/useListQuery';

type Choice = { id: string; name: string };

/**
 * The service points the user may pick from (every one for an administrator, their own for a manager), a page
 * of 25 at a time, matching `q` (name or address): « Afficher plus de points » adds the next page, so any number
 * of points is reachable, and the search narrows them.
 */
function useServicePointChoices() {
  const [state, setState] = useState<{ q: string; points: Choice[]; page: number; hasMore: boolean } | null>(null);
  const [asked, setAsked] = useState({ q: '', page: 1 });
  useEffect(() => {
    let live = true;
    const { q, page } = asked;
    const query = new URLSearchParams({ q, closed: '1', page: String(page) });
    get<{ servicePoints: Choice[]; hasMore: boolean }>(`/api/admin/service-points?${query}`)
      .then(
        (r) =>
          live &&
          setState((s) => ({
            q,
            page,
            hasMore: r.hasMore,
            points: [...(page > 1 && s ? s.points : []), ...r.servicePoints],
          })),
      )
      .catch(() => live && setState({ q, page, points: [], hasMore: false }));
    return () => {
      live = false;
    };
  }, [asked]);
  return {
    ...state,
    search: (q: string) => setAsked({ q, page: 1 }),
    more: () => setAsked((a) => ({ ...a, page: a.page + 1 })),
  };
}

/**
 * The service point a page works on (`?point=`); the first one when none is chosen. Returns its id, or null
 * while the choices load (or when there is none).
 */
export function usePickedPoint(list: ListQuery) {
  const [first, setFirst] = useState<Choice | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    get<{ servicePoints: Choice[] }>('/api/admin/service-points?closed=1')
      .then((r) => live && setFirst(r.servicePoints[0] ?? null))
      .catch(() => live && setFirst(null));
    return () => {
      live = false;
    };
  }, []);
  const chosen = list.params.get('point');
  const id = chosen || (first?.id ?? null);
  return { id, chosen, first };
}

export function PointPicker({ list, picked }: { list: ListQuery; picked: ReturnType<typeof usePickedPoint> }) {
  const { t } = useTranslation('adminOrg');
  const selectId = useId();
  const searchId = useId();
  const [draft, setDraft] = useState('');
  const choices = useServicePointChoices();
  const [current, setCurrent] = useState<Choice | null>(null);
  const { id, chosen } = picked;
  // Keep the address naming the point shown, so a reload or a shared link shows the same one.
  useEffect(() => {
    if (id && chosen !== id) list.change({ point: id, page: null });
  }, [id, chosen, list]);
  // The point shown stays among the options even when the search or the page does not list it.
  const listed = choices.points?.find((p) => p.id === id) ?? (picked.first?.id === id ? picked.first : null);
  useEffect(() => {
    if (!id || current?.id === id) return;
    if (listed) return setCurrent(listed);
    let live = true;
    get<ServicePointDetail>(`/api/admin/service-points/${encodeURIComponent(id)}`)
      .then((sp) => live && setCurrent({ id: sp.id, name: sp.name }))
      .catch(() => live && setCurrent(null));
    return () => {
      live = false;
    };
  }, [id, current, listed]);
  if (!choices.points) return null;
  const options = [...choices.points];
  if (current && current.id === id && !options.some((p) => p.id === id)) options.unshift(current);
  const search = (e: FormEvent) => {
    e.preventDefault();
    choices.search(draft.trim());
  };
  return (
    <div className="org-point">
      <div className="field">
        <label htmlFor={selectId}>{t('chooseServicePoint')}</label>
        <select
          id={selectId}
          value={id ?? ''}
          onChange={(e) => {
            setCurrent(options.find((p) => p.id === e.target.value) ?? null);
            list.change({ point: e.target.value, q: null });
          }}
        >
          {options.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <label htmlFor={searchId}>{t('pointSearch.label')}</label>
      <form className="inline-search" onSubmit={search}>
        <input id={searchId} type="text" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" className="button">
          {t('pointSearch.button')}
        </button>
        {choices.hasMore && (
          <button type="button" className="button" onClick={choices.more}>
            {t('pointSearch.more')}
          </button>
        )}
      </form>
      <p className="hint" aria-live="polite">
        {choices.q || choices.hasMore || (choices.page ?? 1) > 1
          ? t('pointSearch.listed', { count: choices.points.length })
          : ''}
      </p>
    </div>
  );
}
