import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HotspotArea } from '../../../../shared/exam';
import { localized } from '../../../i18n/localized';
import { imageSrc, type InteractionProps } from './interaction';
import { HotspotShape } from './HotspotShape';
import { MinChoicesStatus } from './MinChoicesStatus';

/** Where an area's marker sits: a circle's centre, a rectangle's middle, a polygon's mean point. */
function centre({ shape, coords }: HotspotArea): [number, number] {
  if (shape === 'circle') return [coords[0] ?? 0, coords[1] ?? 0];
  if (shape === 'rect') return [((coords[0] ?? 0) + (coords[2] ?? 0)) / 2, ((coords[1] ?? 0) + (coords[3] ?? 0)) / 2];
  const xs = coords.filter((_, i) => i % 2 === 0);
  const ys = coords.filter((_, i) => i % 2 === 1);
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / Math.max(v.length, 1);
  return [mean(xs), mean(ys)];
}

/**
 * `hotspot`: the item's image with one control per area, placed on it. The controls are radio buttons (check
 * boxes when the item allows more than one area), so Tab reaches the group and the arrows move between areas;
 * each is named « Zone 1 », « Zone 2 »… — never by what is there, which would give the answer away. The areas are
 * drawn over the image (SVG, in the image's own pixels): the chosen one filled, the focused one outlined.
 */
export function HotspotInteraction({ item, response, disabled, lang, labelledBy, onChange }: InteractionProps) {
  const { t } = useTranslation('exam');
  const img = useRef<HTMLImageElement>(null);
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);
  const [focused, setFocused] = useState<string | null>(null);
  const max = item.maxChoices ?? 1;
  const many = max > 1;
  const full = many && response.length >= max;
  const areas = item.choices.filter((c) => c.area);

  const measure = () => {
    const el = img.current;
    if (el?.complete && el.naturalWidth > 0) setSize({ w: el.naturalWidth, h: el.naturalHeight });
  };
  // A data: image may be decoded before React listens to its load event.
  useEffect(measure, [item.id]);

  if (!item.image) return null;
  const choose = (id: string, checked: boolean) => {
    if (!many) return onChange([id]);
    const set = new Set(response);
    if (checked) set.add(id);
    else set.delete(id);
    onChange(areas.map((c) => c.id).filter((x) => set.has(x)));
  };
  const zone = (id: string) => t('question.zone', { n: areas.findIndex((c) => c.id === id) + 1 });
  const hintId = `hint-${item.id}`;

  return (
    <fieldset className="hotspot" disabled={disabled} aria-labelledby={labelledBy} aria-describedby={hintId}>
      <p className="hint" id={hintId}>
        {many ? t('question.hotspotMany', { count: max }) : t('question.hotspotOne')}
      </p>
      <div className="hotspot-stage">
        <img
          ref={img}
          className="hotspot-image"
          src={imageSrc(item.image)}
          alt={item.image.alt ? localized(item.image.alt, lang) : ''}
          onLoad={measure}
        />
        {size && (
          <svg
            className="hotspot-areas"
            viewBox={`0 0 ${size.w} ${size.h}`}
            preserveAspectRatio="none"
            aria-hidden="true"
            focusable="false"
          >
            {areas.map((c) => (
              <HotspotShape
                key={c.id}
                area={c.area!}
                className={`hotspot-area ${response.includes(c.id) ? 'is-chosen' : ''} ${focused === c.id ? 'is-focused' : ''}`}
              />
            ))}
          </svg>
        )}
        {size &&
          areas.map((c, i) => {
            const [x, y] = centre(c.area!);
            const checked = response.includes(c.id);
            return (
              <span
                key={c.id}
                className={`hotspot-marker ${checked ? 'is-chosen' : ''}`}
                style={{ left: `${(x / size.w) * 100}%`, top: `${(y / size.h) * 100}%` }}
              >
                <input
                  type={many ? 'checkbox' : 'radio'}
                  name={`item-${item.id}`}
                  aria-label={t('question.zone', { n: i + 1 })}
                  checked={checked}
                  disabled={full && !checked}
                  onChange={(e) => choose(c.id, e.target.checked)}
                  onFocus={() => setFocused(c.id)}
                  onBlur={() => setFocused(null)}
                />
                <span className="hotspot-number" aria-hidden="true">
                  {i + 1}
                </span>
              </span>
            );
          })}
      </div>
      <p className="hotspot-chosen" aria-live="polite">
        {response.length > 0
          ? t('question.zonesChosen', { count: response.length, list: response.map(zone).join(', ') })
          : t('question.noZone')}
      </p>
      <MinChoicesStatus item={item} response={response} />
    </fieldset>
  );
}
