import { describe, expect, it } from 'vitest';
import { drawFace, render } from '../../../../tests/support/synthetic-face.js';
import {
  histogramIntersection,
  laplacianVariance,
  measureBackground,
  measureColour,
  measureExposure,
  measureEyeToCheekLuminance,
  measureGlare,
  measureLighting,
  measureMouthInterior,
  measureSharpness,
} from './measures.js';
import { photoChecksConfig as cfg } from './photo-checks.config.js';

// A head-and-shoulders picture: 600 × 780, eyes at (300, 330), IED 120 px.
const face = { cx: 300, cy: 330, ied: 120 };
const size = { width: 600, height: 780 };
/** Skin with freckle-like texture, so that blur has something to remove. */
const texture = Array.from({ length: 160 }, (_, i) => {
  const x = 200 + ((i * 37) % 200);
  const y = 260 + ((i * 53) % 260);
  return `<circle cx="${x}" cy="${y}" r="${1.5 + (i % 3)}" fill="#8a5a45"/>`;
}).join('');

describe('colour', () => {
  it('finds skin colour in a colour picture and none in its greyscale copy', async () => {
    const colour = await drawFace(face, size);
    const c = measureColour(colour.img, colour.face);
    expect(c.faceChroma).toBeGreaterThan(cfg.colour.greyscaleMaxChroma);
    expect(c.cheekA).toBeGreaterThan(cfg.colour.cheekA.min);
    expect(c.cheekA).toBeLessThan(cfg.colour.cheekA.max);
    expect(c.cheekB).toBeGreaterThan(cfg.colour.cheekB.min);
    expect(c.cheekB).toBeLessThan(cfg.colour.cheekB.max);
    const grey = await drawFace(face, size, (s) => s.greyscale());
    expect(measureColour(grey.img, grey.face).faceChroma).toBeLessThan(cfg.colour.greyscaleMaxChroma);
  });
});

describe('sharpness', () => {
  it('measures a sharp face well above the same face blurred', async () => {
    const sharpFace = await drawFace(face, { ...size, over: texture });
    const blurred = await drawFace(face, { ...size, over: texture }, (s) => s.blur(face.ied / 30));
    const a = measureSharpness(sharpFace.img, sharpFace.face);
    const b = measureSharpness(blurred.img, blurred.face);
    expect(a).toBeGreaterThan(cfg.sharpness.passMin);
    expect(b).toBeLessThan(cfg.sharpness.failBelow);
  });

  it('does not depend on the picture’s scale: the face is resampled to IED 120', async () => {
    const big = await drawFace({ cx: 600, cy: 660, ied: 240 }, { width: 1200, height: 1560 });
    const small = await drawFace(face, size);
    const ratio = measureSharpness(big.img, big.face) / measureSharpness(small.img, small.face);
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.6);
  });

  it('computes the Laplacian variance: zero on a flat field, high on a checkerboard', () => {
    const flat = new Float32Array(100).fill(128);
    expect(laplacianVariance(flat, 10, 10)).toBe(0);
    const board = Float32Array.from({ length: 100 }, (_, i) => (((i % 10) + Math.floor(i / 10)) % 2 ? 255 : 0));
    expect(laplacianVariance(board, 10, 10)).toBeGreaterThan(1e5);
  });
});

describe('background', () => {
  it('passes a plain white wall', async () => {
    const { img, face: f } = await drawFace(face, size);
    const b = measureBackground(img, f);
    expect(Math.min(b.meanR, b.meanG, b.meanB)).toBeGreaterThanOrEqual(cfg.background.minChannelMean);
    expect(b.chroma).toBeLessThanOrEqual(cfg.background.maxChroma);
    expect(b.lStd).toBeLessThanOrEqual(cfg.background.maxLStd);
    expect(b.edgeShare).toBeLessThanOrEqual(cfg.background.maxEdgeShare);
    expect(b.sampleShare).toBeGreaterThan(cfg.background.minSampleShare);
  });

  it('sees a coloured wall, a grey wall and a striped wall', async () => {
    const blue = await drawFace(face, { ...size, background: '#9cc3ee' });
    expect(measureBackground(blue.img, blue.face).chroma).toBeGreaterThan(cfg.background.maxChroma * 1.6);
    const grey = await drawFace(face, { ...size, background: '#9a9a9a' });
    expect(measureBackground(grey.img, grey.face).meanG).toBeLessThan(cfg.background.minChannelMean * 0.9);
    const stripes = Array.from(
      { length: 60 },
      (_, i) => `<rect x="0" y="${i * 14}" width="600" height="4" fill="#8c8c8c"/>`,
    ).join('');
    const striped = await drawFace(face, { ...size, under: stripes });
    const s = measureBackground(striped.img, striped.face);
    expect(s.edgeShare).toBeGreaterThan(cfg.background.maxEdgeShare * 1.6);
  });

  it('measures nothing when the face fills the picture', async () => {
    const { img, face: f } = await drawFace({ cx: 150, cy: 120, ied: 120 }, { width: 300, height: 330 });
    expect(measureBackground(img, f).sampleShare).toBeLessThan(cfg.background.minSampleShareForFail);
  });
});

describe('even light', () => {
  it('scores an evenly lit face high and a half-shadowed face low', async () => {
    const even = await drawFace(face, size);
    const evenScore = measureLighting(even.img, even.face).score;
    expect(evenScore).toBeGreaterThan(95);
    const shade = `<rect x="0" y="0" width="${face.cx}" height="${size.height}" fill="#000" fill-opacity="0.6"/>`;
    const half = await drawFace(face, { ...size, over: shade });
    expect(measureLighting(half.img, half.face).score).toBeLessThan(cfg.lighting.failBelowScore);
  });

  it('intersects histograms: 1 for the same sample, 0 for disjoint ones', () => {
    expect(histogramIntersection([10, 20, 30], [10, 20, 30], 32)).toBeCloseTo(1);
    expect(histogramIntersection([10, 12, 14], [200, 210, 220], 32)).toBe(0);
  });
});

describe('glare and exposure', () => {
  it('counts saturated pixels on the face', async () => {
    const clean = await drawFace(face, size);
    expect(measureGlare(clean.img, clean.face).faceShare).toBe(0);
    const spot = `<circle cx="${face.cx}" cy="${face.cy - 70}" r="30" fill="#ffffff"/>`;
    const shiny = await drawFace(face, { ...size, over: spot });
    expect(measureGlare(shiny.img, shiny.face).faceShare).toBeGreaterThan(cfg.glare.failAboveFaceShare);
  });

  it('measures the face’s mean light', async () => {
    const normal = await drawFace(face, size);
    const e = measureExposure(normal.img, normal.face);
    expect(e).toBeGreaterThan(cfg.exposure.min);
    expect(e).toBeLessThan(cfg.exposure.max);
    const dark = await drawFace(face, size, (s) => s.linear(0.2, 0));
    expect(measureExposure(dark.img, dark.face)).toBeLessThan(cfg.exposure.min);
    const bright = await drawFace(face, size, (s) => s.linear(2.5, 60));
    expect(measureExposure(bright.img, bright.face)).toBeGreaterThan(cfg.exposure.max);
  });
});

describe('tinted lenses and mouth interior', () => {
  it('sees dark lenses over the eyes', async () => {
    const bare = await drawFace(face, size);
    expect(measureEyeToCheekLuminance(bare.img, bare.face)).toBeGreaterThan(cfg.darkGlasses.maxEyeToCheekLuminance);
    const lenses = [face.cx - 60, face.cx + 60]
      .map((x) => `<ellipse cx="${x}" cy="${face.cy}" rx="48" ry="29" fill="#15161a"/>`)
      .join('');
    const tinted = await drawFace(face, { ...size, over: lenses });
    expect(measureEyeToCheekLuminance(tinted.img, tinted.face)).toBeLessThan(cfg.darkGlasses.maxEyeToCheekLuminance);
  });

  it('finds teeth between parted lips, none on closed lips', async () => {
    const closed = await drawFace(face, size);
    expect(measureMouthInterior(closed.img, closed.face)).toBeLessThan(cfg.mouth.maxInteriorShare);
    const smile = await drawFace({ ...face, mouthGap: 0.08 }, { ...size, teeth: true });
    expect(measureMouthInterior(smile.img, smile.face)).toBeGreaterThan(cfg.mouth.failAboveInteriorShare);
  });
});

describe('rendering helper', () => {
  it('draws what it is asked (sanity check of the synthetic pictures)', async () => {
    const img = await render(
      '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2"><rect width="4" height="2" fill="#ff0000"/></svg>',
    );
    expect([img.width, img.height, img.data[0], img.data[1], img.data[2]]).toEqual([4, 2, 255, 0, 0]);
  });
});
