/**
 * The pixel measures of IDENTITY.md §4, one pure function each: pixels (decoded by sharp) and landmarks in,
 * numbers out. No thresholds here — verdicts.ts compares these numbers to photo-checks.config.ts.
 */
import { photoChecksConfig as cfg } from './photo-checks.config.js';
import { geometry, type FaceLandmarks } from './landmarks.js';
import {
  clipRect,
  forEachPixel,
  forEachPixelInPolygon,
  luminances,
  mean,
  resampleGrey,
  luminance as luma,
  rgbToLab,
  type Point,
  type RgbImage,
  type Rect,
} from './pixels.js';

const square = (c: Point, side: number): Rect => ({ x: c.x - side / 2, y: c.y - side / 2, width: side, height: side });

/** Colour: mean CIELAB chroma of the face, and the mean a*, b* of the two cheek squares. */
export function measureColour(
  img: RgbImage,
  face: FaceLandmarks,
): { faceChroma: number; cheekA: number; cheekB: number } {
  let chroma = 0;
  // Every second pixel each way is plenty for a mean.
  const n = forEachPixelInPolygon(
    img,
    face.silhouette,
    (r, g, b) => {
      const lab = rgbToLab(r, g, b);
      chroma += Math.hypot(lab.a, lab.b);
    },
    2,
  );
  const side = cfg.lighting.squareSideIed * geometry(face).ied;
  let a = 0;
  let bb = 0;
  let m = 0;
  for (const c of face.cheeks)
    m += forEachPixel(img, square(c, side), (r, g, b) => {
      const lab = rgbToLab(r, g, b);
      a += lab.a;
      bb += lab.b;
    });
  return { faceChroma: n ? chroma / n : 0, cheekA: m ? a / m : 0, cheekB: m ? bb / m : 0 };
}

/** Variance of the 4-neighbour Laplacian of a grey picture (border pixels skipped). */
export function laplacianVariance(grey: Float32Array, width: number, height: number): number {
  let s = 0;
  let s2 = 0;
  let n = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const v = grey[i - 1]! + grey[i + 1]! + grey[i - width]! + grey[i + width]! - 4 * grey[i]!;
      s += v;
      s2 += v * v;
      n++;
    }
  }
  if (!n) return 0;
  const m = s / n;
  return s2 / n - m * m;
}

/** Sharpness: Laplacian variance of the inner face, resampled so that the inter-eye distance is 120 px. */
export function measureSharpness(img: RgbImage, face: FaceLandmarks): number {
  const { ied } = geometry(face);
  const b = face.box;
  // The inner face (eyebrows to mouth), away from the outline where hair and background begin.
  const inner = clipRect(img, {
    x: b.x + b.width * 0.15,
    y: b.y + b.height * 0.2,
    width: b.width * 0.7,
    height: b.height * 0.65,
  });
  if (!inner || ied <= 0) return 0;
  const k = cfg.sharpness.normalisedIed / ied;
  const w = Math.max(3, Math.round(inner.width * k));
  const h = Math.max(3, Math.round(inner.height * k));
  return laplacianVariance(resampleGrey(img, inner, w, h), w, h);
}

export interface BackgroundStats {
  /** Share of the picture measured. */
  sampleShare: number;
  meanR: number;
  meanG: number;
  meanB: number;
  /** Mean CIELAB chroma. */
  chroma: number;
  /** Standard deviation of L*. */
  lStd: number;
  /** Share of neighbouring samples (2 px apart) whose L* differ by more than `edgeStep`: texture, objects. */
  edgeShare: number;
}

/**
 * The regions of the picture that should be background: a band above the head (well above the hair), and the two
 * upper corners beside the head, away from hair and ears. Without a segmentation model, the person is kept out by
 * geometry.
 */
export function backgroundRegions(img: { width: number; height: number }, face: FaceLandmarks): Rect[] {
  const { M, faceWidth } = geometry(face);
  const faceHeight = Math.abs(face.chin.y - face.forehead.y);
  const headTop = face.forehead.y - 0.55 * faceHeight;
  const sideBottom = Math.min(M.y, face.forehead.y + 0.2 * faceHeight);
  const leftEdge = face.faceSides[0].x - 0.6 * faceWidth;
  const rightEdge = face.faceSides[1].x + 0.6 * faceWidth;
  const regions = [
    { x: leftEdge, y: 0, width: rightEdge - leftEdge, height: headTop },
    { x: 0, y: 0, width: leftEdge, height: sideBottom },
    { x: rightEdge, y: 0, width: img.width - rightEdge, height: sideBottom },
  ];
  return regions.flatMap((r) => (r.width > 0 && r.height > 0 ? (clipRect(img, r) ?? []) : []));
}

export function measureBackground(img: RgbImage, face: FaceLandmarks): BackgroundStats {
  let r = 0;
  let g = 0;
  let b = 0;
  let chroma = 0;
  let edges = 0;
  let pairs = 0;
  let n = 0;
  let sumL = 0;
  let sumL2 = 0;
  for (const region of backgroundRegions(img, face)) {
    // A grid of every second pixel in each direction is plenty for these statistics.
    const cols = Math.ceil(region.width / 2);
    const rows = Math.ceil(region.height / 2);
    const grid = new Float32Array(cols * rows);
    for (let j = 0; j < rows; j++) {
      let i = ((region.y + 2 * j) * img.width + region.x) * 3;
      for (let k = 0; k < cols; k++, i += 6) {
        const R = img.data[i]!;
        const G = img.data[i + 1]!;
        const B = img.data[i + 2]!;
        r += R;
        g += G;
        b += B;
        const lab = rgbToLab(R, G, B);
        chroma += Math.hypot(lab.a, lab.b);
        n++;
        sumL += lab.L;
        sumL2 += lab.L * lab.L;
        grid[j * cols + k] = lab.L;
      }
    }
    // Texture: neighbours on the grid that differ by more than a few L* units (edges of objects, slats, patterns).
    for (let j = 0; j < rows; j++)
      for (let k = 0; k < cols; k++) {
        const here = grid[j * cols + k]!;
        if (k + 1 < cols) {
          pairs++;
          if (Math.abs(grid[j * cols + k + 1]! - here) > cfg.background.edgeStep) edges++;
        }
        if (j + 1 < rows) {
          pairs++;
          if (Math.abs(grid[(j + 1) * cols + k]! - here) > cfg.background.edgeStep) edges++;
        }
      }
  }
  const meanL = n ? sumL / n : 0;
  return {
    sampleShare: (n * 4) / (img.width * img.height),
    meanR: n ? r / n : 0,
    meanG: n ? g / n : 0,
    meanB: n ? b / n : 0,
    chroma: n ? chroma / n : 0,
    lStd: n ? Math.sqrt(Math.max(0, sumL2 / n - meanL * meanL)) : 0,
    edgeShare: pairs ? edges / pairs : 0,
  };
}

/** Histogram intersection (0–1) of two samples of luminance. */
export function histogramIntersection(a: readonly number[], b: readonly number[], bins: number): number {
  if (!a.length || !b.length) return 0;
  const ha = new Float64Array(bins);
  const hb = new Float64Array(bins);
  for (const v of a) ha[Math.min(bins - 1, Math.floor((v / 256) * bins))]! += 1 / a.length;
  for (const v of b) hb[Math.min(bins - 1, Math.floor((v / 256) * bins))]! += 1 / b.length;
  let s = 0;
  for (let i = 0; i < bins; i++) s += Math.min(ha[i]!, hb[i]!);
  return s;
}

/** Even light: OFIQ-style score 100·raw^0.3 of the cheeks' luminance histogram intersection. */
export function measureLighting(img: RgbImage, face: FaceLandmarks): { intersection: number; score: number } {
  const side = cfg.lighting.squareSideIed * geometry(face).ied;
  const [a, b] = face.cheeks.map((c) => luminances(img, square(c, side))) as [number[], number[]];
  const raw = histogramIntersection(a, b, cfg.lighting.histogramBins);
  return { intersection: raw, score: 100 * raw ** 0.3 };
}

/** The two rectangles where glasses would be: around each eye centre, 0.8·IED wide and 0.45·IED high. */
export function eyeRegions(face: FaceLandmarks, widthIed = 0.8, heightIed = 0.45): [Rect, Rect] {
  const { ied } = geometry(face);
  const r = (c: Point): Rect => ({
    x: c.x - (widthIed * ied) / 2,
    y: c.y - (heightIed * ied) / 2,
    width: widthIed * ied,
    height: heightIed * ied,
  });
  return [r(face.eyeLeft), r(face.eyeRight)];
}

/** Glare: share of face pixels (and of the eye regions) at or above the saturation luminance. */
export function measureGlare(img: RgbImage, face: FaceLandmarks): { faceShare: number; eyeShare: number } {
  const hot = cfg.glare.saturatedLuminance;
  let faceHot = 0;
  const faceN = forEachPixelInPolygon(img, face.silhouette, (r, g, b) => {
    if (luma(r, g, b) >= hot) faceHot++;
  });
  let eyeHot = 0;
  let eyeN = 0;
  for (const region of eyeRegions(face))
    eyeN += forEachPixel(img, region, (r, g, b) => {
      if (luma(r, g, b) >= hot) eyeHot++;
    });
  return { faceShare: faceN ? faceHot / faceN : 0, eyeShare: eyeN ? eyeHot / eyeN : 0 };
}

/** Exposure: mean luminance of the face / 255. */
export function measureExposure(img: RgbImage, face: FaceLandmarks): number {
  let sum = 0;
  const n = forEachPixelInPolygon(img, face.silhouette, (r, g, b) => {
    sum += luma(r, g, b);
  });
  return n ? sum / n / 255 : 0;
}

/** Tinted lenses hint: the 75th percentile of the eye regions' luminance over the cheeks' mean luminance. */
export function measureEyeToCheekLuminance(img: RgbImage, face: FaceLandmarks): number {
  const side = cfg.lighting.squareSideIed * geometry(face).ied;
  const eyes = eyeRegions(face, 0.5, 0.25)
    .flatMap((r) => luminances(img, r))
    .sort((a, b) => a - b);
  const cheeks = face.cheeks.flatMap((c) => luminances(img, square(c, side)));
  const c = mean(cheeks);
  if (!eyes.length || c <= 0) return 1;
  return eyes[Math.floor(eyes.length * 0.75)]! / c;
}

/**
 * Mouth interior: the share of the lips' outline that is neither lip nor skin — teeth (light, little colour) or
 * the open mouth (dark). The landmark gap alone misses smiles where the lips part over the teeth.
 */
export function measureMouthInterior(img: RgbImage, face: FaceLandmarks): number {
  const outline = face.mouth.outline;
  const pixels: { L: number; a: number; chroma: number }[] = [];
  forEachPixelInPolygon(img, outline, (r, g, b) => {
    const lab = rgbToLab(r, g, b);
    pixels.push({ L: lab.L, a: lab.a, chroma: Math.hypot(lab.a, lab.b) });
  });
  if (pixels.length < 20) return 0;
  const median = (xs: number[]) => xs.sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;
  const lipL = median(pixels.map((p) => p.L));
  const lipChroma = median(pixels.map((p) => p.chroma));
  // Teeth: lighter than the lips and less coloured (or, without colour, clearly lighter); inside: much darker.
  const teeth = (p: { L: number; chroma: number }) =>
    lipChroma >= 4 ? p.L > lipL + 8 && p.chroma < 0.6 * lipChroma : p.L > lipL + 15;
  const open = pixels.filter((p) => teeth(p) || p.L < 0.45 * lipL);
  return open.length / pixels.length;
}
