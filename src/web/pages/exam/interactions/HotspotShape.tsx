import type { HotspotArea } from '../../../../shared/exam';

/** One area of a hotspot image, drawn in the image's own pixels (QTI's circle, rect and poly). */
export function HotspotShape({ area, className }: { area: HotspotArea; className: string }) {
  const c = area.coords;
  if (area.shape === 'circle')
    return <circle className={className} cx={c[0]} cy={c[1]} r={c[2]} vectorEffect="non-scaling-stroke" />;
  if (area.shape === 'rect') {
    const [l = 0, t = 0, r = 0, b = 0] = c;
    return (
      <rect
        className={className}
        x={Math.min(l, r)}
        y={Math.min(t, b)}
        width={Math.abs(r - l)}
        height={Math.abs(b - t)}
        vectorEffect="non-scaling-stroke"
      />
    );
  }
  const points: string[] = [];
  for (let i = 0; i + 1 < c.length; i += 2) points.push(`${c[i]},${c[i + 1]}`);
  return <polygon className={className} points={points.join(' ')} vectorEffect="non-scaling-stroke" />;
}
