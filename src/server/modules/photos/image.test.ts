import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cropProblem, renderCrop, withPrintDensity } from './image.js';

describe('crop rectangle', () => {
  const picture = { width: 1920, height: 1280 };
  it('accepts a 35:45 rectangle inside the picture, up to its edges', () => {
    expect(cropProblem({ x: 0, y: 0, width: 350, height: 450 }, picture)).toBeNull();
    expect(cropProblem({ x: 1920 - 996, y: 0, width: 996, height: 1280 }, picture)).toBeNull();
  });
  it('tolerates one pixel of rounding in the width, not more', () => {
    expect(cropProblem({ x: 0, y: 0, width: 351, height: 450 }, picture)).toBeNull();
    expect(cropProblem({ x: 0, y: 0, width: 349, height: 450 }, picture)).toBeNull();
    expect(cropProblem({ x: 0, y: 0, width: 352, height: 450 }, picture)).toBe('ratio');
    expect(cropProblem({ x: 0, y: 0, width: 450, height: 350 }, picture)).toBe('ratio');
  });
  it('refuses a rectangle leaving the picture on any side', () => {
    expect(cropProblem({ x: 1571, y: 0, width: 350, height: 450 }, picture)).toBe('outside');
    expect(cropProblem({ x: 0, y: 831, width: 350, height: 450 }, picture)).toBe('outside');
    expect(cropProblem({ x: -1, y: 0, width: 350, height: 450 }, picture)).toBe('outside');
    expect(cropProblem({ x: 0, y: -1, width: 350, height: 450 }, picture)).toBe('outside');
  });
  it('refuses a rectangle too small to give a sharp photo', () => {
    expect(cropProblem({ x: 0, y: 0, width: 140, height: 180 }, picture)).toBeNull();
    expect(cropProblem({ x: 0, y: 0, width: 132, height: 170 }, picture)).toBe('too_small');
  });
});

describe('rendering', () => {
  it('declares 300 dpi in a JFIF header and stays a valid JPEG', async () => {
    const src = await sharp({ create: { width: 700, height: 900, channels: 3, background: '#abc' } })
      .jpeg()
      .toBuffer();
    const out = await renderCrop(src, { x: 0, y: 0, width: 700, height: 900 });
    expect(out.subarray(6, 11).toString('latin1')).toBe('JFIF\0');
    expect(await sharp(out).metadata()).toMatchObject({ width: 413, height: 531, density: 300, format: 'jpeg' });
    // Applying it twice replaces the header rather than stacking a second one.
    const twice = withPrintDensity(out);
    expect(twice.length).toBe(out.length);
    expect((await sharp(twice).metadata()).density).toBe(300);
  });
});
