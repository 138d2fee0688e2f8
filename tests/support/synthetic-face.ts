/**
 * Hand-made faces for the measures' unit tests: landmarks placed by geometry (no detector) and a matching picture
 * drawn with sharp from SVG, so each measure is tested on pixels whose truth is known.
 */
import sharp, { type Sharp } from 'sharp';
import type { EyeContour, FaceLandmarks } from '../../src/server/modules/photo-checks/landmarks.js';
import type { Point, RgbImage } from '../../src/server/modules/photo-checks/pixels.js';

export interface FaceSpec {
  /** Eye midpoint. */
  cx: number;
  cy: number;
  ied: number;
  /** Eye aspect ratio of both eyes. */
  ear?: number;
  /** Inner-lip gap / mouth width. */
  mouthGap?: number;
  /** Degrees, the eye line's tilt (positive: the picture-right eye lower). */
  roll?: number;
}

const ellipse = (cx: number, cy: number, rx: number, ry: number, n: number): Point[] =>
  Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / n - Math.PI / 2;
    return { x: cx + rx * Math.cos(a), y: cy + ry * Math.sin(a) };
  });

/** Geometry: T = 1.7·IED, face width 2.1·IED, forehead 0.55·T above the eyes. */
export function syntheticLandmarks(s: FaceSpec): FaceLandmarks {
  const { cx, cy, ied } = s;
  const ear = s.ear ?? 0.3;
  const gap = s.mouthGap ?? 0;
  const T = 1.7 * ied;
  const roll = ((s.roll ?? 0) * Math.PI) / 180;
  // Rotate every point about M by the roll.
  const r = (p: Point): Point => {
    const dx = p.x - cx;
    const dy = p.y - cy;
    return { x: cx + dx * Math.cos(roll) - dy * Math.sin(roll), y: cy + dx * Math.sin(roll) + dy * Math.cos(roll) };
  };
  const eye = (ex: number): EyeContour => {
    const w = 0.5 * ied;
    const h = (ear * w) / 2;
    return {
      corners: [r({ x: ex - w / 2, y: cy }), r({ x: ex + w / 2, y: cy })],
      upper: [r({ x: ex - w / 6, y: cy - h }), r({ x: ex + w / 6, y: cy - h })],
      lower: [r({ x: ex - w / 6, y: cy + h }), r({ x: ex + w / 6, y: cy + h })],
    };
  };
  const faceWidth = 2.1 * ied;
  const top = cy - 0.55 * T;
  const bottom = cy + T;
  const silhouette = ellipse(cx, (top + bottom) / 2, faceWidth / 2, (bottom - top) / 2, 36).map(r);
  const xs = silhouette.map((p) => p.x);
  const ys = silhouette.map((p) => p.y);
  const mouthY = cy + 0.72 * T;
  const mouthW = 0.9 * ied;
  return {
    boxScore: 0.9,
    meshScore: 0.95,
    box: {
      x: Math.min(...xs),
      y: Math.min(...ys),
      width: Math.max(...xs) - Math.min(...xs),
      height: Math.max(...ys) - Math.min(...ys),
    },
    eyeLeft: r({ x: cx - ied / 2, y: cy }),
    eyeRight: r({ x: cx + ied / 2, y: cy }),
    eyes: [eye(cx - ied / 2), eye(cx + ied / 2)],
    chin: r({ x: cx, y: bottom }),
    forehead: r({ x: cx, y: top }),
    silhouette,
    cheeks: [r({ x: cx - 0.55 * ied, y: cy + 0.5 * ied }), r({ x: cx + 0.55 * ied, y: cy + 0.5 * ied })],
    faceSides: [r({ x: cx - faceWidth / 2, y: cy + 0.1 * T }), r({ x: cx + faceWidth / 2, y: cy + 0.1 * T })],
    noseTip: r({ x: cx, y: cy + 0.4 * T }),
    mouth: {
      upperInner: r({ x: cx, y: mouthY - (gap * mouthW) / 2 }),
      lowerInner: r({ x: cx, y: mouthY + (gap * mouthW) / 2 }),
      cornerLeft: r({ x: cx - mouthW / 2, y: mouthY }),
      cornerRight: r({ x: cx + mouthW / 2, y: mouthY }),
      outline: ellipse(cx, mouthY, mouthW / 2, 0.14 * ied + (gap * mouthW) / 2, 20).map(r),
    },
    pose: { yaw: 0, pitch: 0, roll: s.roll ?? 0 },
  };
}

export const SKIN = '#d9a58a';
export const LIPS = '#b5524f';

export interface DrawOptions {
  width: number;
  height: number;
  background?: string;
  skin?: string;
  /** Extra SVG drawn over the face (stripes, spots, lenses…). */
  over?: string;
  /** Extra SVG drawn under the face (a patterned wall…). */
  under?: string;
  teeth?: boolean;
}

const poly = (pts: Point[], fill: string) =>
  `<polygon points="${pts.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}" fill="${fill}"/>`;

/** The face drawn on a plain background: skin, eyes (white with a dark iris), lips (with teeth if asked). */
export function faceSvg(f: FaceLandmarks, o: DrawOptions): string {
  const eyeShapes = f.eyes
    .map((e, i) => {
      const c = i === 0 ? f.eyeLeft : f.eyeRight;
      const outline = [e.corners[0], e.upper[0], e.upper[1], e.corners[1], e.lower[1], e.lower[0]];
      return (
        poly(outline, '#f2f0ee') +
        `<circle cx="${c.x}" cy="${c.y}" r="${0.08 * Math.abs(f.eyeRight.x - f.eyeLeft.x)}" fill="#3b2a20"/>`
      );
    })
    .join('');
  const mouth = poly(f.mouth.outline, LIPS);
  const teeth = o.teeth
    ? `<rect x="${f.mouth.cornerLeft.x + 8}" y="${f.mouth.upperInner.y - 2}" width="${f.mouth.cornerRight.x - f.mouth.cornerLeft.x - 16}" height="${Math.max(6, f.mouth.lowerInner.y - f.mouth.upperInner.y + 4)}" fill="#f4f1ea"/>`
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${o.width}" height="${o.height}"><rect width="100%" height="100%" fill="${o.background ?? '#ffffff'}"/>${o.under ?? ''}${poly(f.silhouette, o.skin ?? SKIN)}${eyeShapes}${mouth}${teeth}${o.over ?? ''}</svg>`;
}

export async function render(svg: string, transform?: (s: Sharp) => Sharp): Promise<RgbImage> {
  let png = await sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).png().toBuffer();
  if (transform) png = await transform(sharp(png)).png().toBuffer();
  // A separate pipeline: sharp would apply a greyscale() of the transform after toColourspace().
  const { data, info } = await sharp(png)
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`render: ${info.channels} channels`);
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

export async function drawFace(spec: FaceSpec, o: DrawOptions, transform?: (s: Sharp) => Sharp) {
  const face = syntheticLandmarks(spec);
  return { face, img: await render(faceSvg(face, o), transform) };
}
