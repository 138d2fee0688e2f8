import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useServicePointChoices, type useListParams } from './ListControls';

/**
 * The service point a page works on (`?point=`), chosen in a drop-down; the first one when none is chosen.
 * Returns its id, or null while the choices load (or when there is none).
 */
export function usePickedPoint(list: ReturnType<typeof useListParams>) {
  const points = useServicePointChoices();
  const chosen = list.params.get('point');
  const id = chosen && points?.some((p) => p.id === chosen) ? chosen : (points?.[0]?.id ?? null);
  return { points, id, chosen };
}

export function PointPicker({
  list,
  picked,
}: {
  list: ReturnType<typeof useListParams>;
  picked: ReturnType<typeof usePickedPoint>;
}) {
  const { t } = useTranslation('adminOrg');
  const selectId = useId();
  const { points, id, chosen } = picked;
  // Keep the address naming the point shown, so a reload or a shared link shows the same one.
  useEffect(() => {
    if (id && chosen !== id) list.change({ point: id, page: null });
  }, [id, chosen, list]);
  if (!points) return null;
  return (
    <div className="field org-point">
      <label htmlFor={selectId}>{t('chooseServicePoint')}</label>
      <select id={selectId} value={id ?? ''} onChange={(e) => list.change({ point: e.target.value, q: null })}>
        {points.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}
