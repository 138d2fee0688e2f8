/** Pixel-level helpers shared by the measures: an RGB picture in memory, regions, colour spaces. Pure. */

/** Interleaved 8-bit RGB, row-major (what sharp's `.raw()` gives with 3 channels). */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Rec. 601 luma, 0–255. */
export function luminance(r: number, g: number, b: number): number {
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

function srgbToLinear(c: number): number {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

const LINEAR = Float64Array.from({ length: 256 }, (_, i) => srgbToLinear(i));

function labF(t: number): number {
  return t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 / 116) * t + 16 / 116;
}

/** sRGB (D65) → CIELAB. */
export function rgbToLab(r: number, g: number, b: number): { L: number; a: number; b: number } {
  const R = LINEAR[r]!;
  const G = LINEAR[g]!;
  const B = LINEAR[b]!;
  const X = (0.4124564 * R + 0.3575761 * G + 0.1804375 * B) / 0.95047;
  const Y = 0.2126729 * R + 0.7151522 * G + 0.072175 * B;
  const Z = (0.0193339 * R + 0.119192 * G + 0.9503041 * B) / 1.08883;
  const fx = labF(X);
  const fy = labF(Y);
  const fz = labF(Z);
  return { L: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz) };
}

/** The rectangle clipped to the picture, in whole pixels; null when nothing is left. */
export function clipRect(img: { width: number; height: number }, r: Rect): Rect | null {
  const x0 = Math.max(0, Math.floor(r.x));
  const y0 = Math.max(0, Math.floor(r.y));
  const x1 = Math.min(img.width, Math.ceil(r.x + r.width));
  const y1 = Math.min(img.height, Math.ceil(r.y + r.height));
  if (x1 <= x0 || y1 <= y0) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Calls `fn(r, g, b)` for every pixel of the (clipped) rectangle, optionally only where `inside(x, y)`. */
export function forEachPixel(
  img: RgbImage,
  rect: Rect,
  fn: (r: number, g: number, b: number, x: number, y: number) => void,
  inside?: (x: number, y: number) => boolean,
): number {
  const c = clipRect(img, rect);
  if (!c) return 0;
  let n = 0;
  for (let y = c.y; y < c.y + c.height; y++) {
    let i = (y * img.width + c.x) * 3;
    for (let x = c.x; x < c.x + c.width; x++, i += 3) {
      if (inside && !inside(x + 0.5, y + 0.5)) continue;
      fn(img.data[i]!, img.data[i + 1]!, img.data[i + 2]!, x, y);
      n++;
    }
  }
  return n;
}

/**
 * Calls `fn` for every pixel inside the polygon (pixel centres, even-odd rule), row by row with a scanline fill:
 * the face measures visit tens of thousands of pixels, a point-in-polygon test for each would dominate their time.
 */
export function forEachPixelInPolygon(
  img: RgbImage,
  polygon: readonly Point[],
  fn: (r: number, g: number, b: number, x: number, y: number) => void,
  step = 1,
): number {
  const box = clipRect(img, boundingRect(polygon));
  if (!box) return 0;
  let n = 0;
  const xs: number[] = [];
  for (let y = box.y; y < box.y + box.height; y += step) {
    const cy = y + 0.5;
    xs.length = 0;
    for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
      const a = polygon[i]!;
      const b = polygon[j]!;
      if (a.y > cy !== b.y > cy) xs.push(a.x + ((cy - a.y) * (b.x - a.x)) / (b.y - a.y));
    }
    xs.sort((p, q) => p - q);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const from = Math.max(box.x, Math.ceil(xs[k]! - 0.5));
      const to = Math.min(box.x + box.width - 1, Math.floor(xs[k + 1]! - 0.5));
      let i = (y * img.width + from) * 3;
      for (let x = from; x <= to; x += step, i += 3 * step) {
        fn(img.data[i]!, img.data[i + 1]!, img.data[i + 2]!, x, y);
        n++;
      }
    }
  }
  return n;
}

export function boundingRect(points: readonly Point[]): Rect {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of points) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Luminance of every pixel of the rectangle (inside the polygon when given). */
export function luminances(img: RgbImage, rect: Rect, inside?: (x: number, y: number) => boolean): number[] {
  const out: number[] = [];
  forEachPixel(img, rect, (r, g, b) => out.push(luminance(r, g, b)), inside);
  return out;
}

export function mean(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return values.length ? s / values.length : 0;
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

export function midpoint(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

/**
 * The grey picture of a region resampled to `width` × `height`, as luminance floats: the mean of the source
 * pixels each output pixel covers when shrinking (no aliasing), bilinear when enlarging.
 */
export function resampleGrey(img: RgbImage, rect: Rect, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  const sx = rect.width / width;
  const sy = rect.height / height;
  const lum = (x: number, y: number) => {
    const cx = Math.min(img.width - 1, Math.max(0, x));
    const cy = Math.min(img.height - 1, Math.max(0, y));
    const i = (cy * img.width + cx) * 3;
    return luminance(img.data[i]!, img.data[i + 1]!, img.data[i + 2]!);
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (sx > 1 || sy > 1) {
        const x0 = Math.floor(rect.x + x * sx);
        const y0 = Math.floor(rect.y + y * sy);
        const x1 = Math.max(x0 + 1, Math.floor(rect.x + (x + 1) * sx));
        const y1 = Math.max(y0 + 1, Math.floor(rect.y + (y + 1) * sy));
        let s = 0;
        for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) s += lum(xx, yy);
        out[y * width + x] = s / ((x1 - x0) * (y1 - y0));
      } else {
        const fx = rect.x + (x + 0.5) * sx - 0.5;
        const fy = rect.y + (y + 0.5) * sy - 0.5;
        const x0 = Math.floor(fx);
        const y0 = Math.floor(fy);
        const tx = fx - x0;
        const ty = fy - y0;
        const top = lum(x0, y0) * (1 - tx) + lum(x0 + 1, y0) * tx;
        const bottom = lum(x0, y0 + 1) * (1 - tx) + lum(x0 + 1, y0 + 1) * tx;
        out[y * width + x] = top * (1 - ty) + bottom * ty;
      }
    }
  }
  return out;
}
