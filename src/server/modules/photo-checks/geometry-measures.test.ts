import { describe, expect, it } from 'vitest';
import { syntheticLandmarks } from '../../../../tests/support/synthetic-face.js';
import { proposeCrop } from './crop.js';
import {
  eyeAspectRatio,
  measureEyesOpen,
  measureFraming,
  measureHeadInFrame,
  measureMouthOpen,
  measurePose,
  measureResolution,
} from './geometry-measures.js';
import { geometry } from './landmarks.js';
import { photoChecksConfig as cfg } from './photo-checks.config.js';

const base = { cx: 300, cy: 330, ied: 120 };

describe('landmark measures', () => {
  it('measures the inter-eye distance in source pixels', () => {
    const f = syntheticLandmarks(base);
    expect(measureResolution(f)).toBeCloseTo(120);
    expect(measureResolution(f, 2.5)).toBeCloseTo(300);
  });

  it('takes the roll from the eye line', () => {
    expect(measurePose(syntheticLandmarks({ ...base, roll: 12 })).roll).toBeCloseTo(12, 5);
    expect(measurePose(syntheticLandmarks({ ...base, roll: -5 })).roll).toBeCloseTo(-5, 5);
  });

  it('tells open eyes from closed ones', () => {
    const open = syntheticLandmarks({ ...base, ear: 0.3 });
    expect(eyeAspectRatio(open.eyes[0])).toBeCloseTo(0.3);
    expect(measureEyesOpen(open)).toBeGreaterThan(cfg.eyes.minAspectRatio);
    expect(measureEyesOpen(syntheticLandmarks({ ...base, ear: 0.05 }))).toBeLessThan(cfg.eyes.failBelowAspectRatio);
  });

  it('measures the inner-lip gap against the mouth width', () => {
    expect(measureMouthOpen(syntheticLandmarks(base))).toBe(0);
    expect(measureMouthOpen(syntheticLandmarks({ ...base, mouthGap: 0.3 }))).toBeCloseTo(0.3);
  });

  it('measures the room around the head in T and IED', () => {
    const f = syntheticLandmarks(base);
    const { T } = geometry(f);
    const room = measureHeadInFrame(f, 600, 780);
    expect(room.above).toBeCloseTo(330 / T);
    expect(room.below).toBeCloseTo((780 - 330) / T);
    expect(room.sides).toBeCloseTo(240 / 120);
  });
});

describe('crop by construction', () => {
  it('proposes 35:45 with the head at 75 % of the height, the eyes at 45 % from the top, centred', () => {
    const f = syntheticLandmarks(base);
    const { M, T } = geometry(f);
    const { crop, problem } = proposeCrop(f, 1200, 1400);
    expect(problem).toBeNull();
    expect(crop!.width / crop!.height).toBeCloseTo(35 / 45, 2);
    expect((2 * T) / crop!.height).toBeCloseTo(0.75, 2);
    expect((M.y - crop!.y) / crop!.height).toBeCloseTo(0.45, 2);
    expect((M.x - crop!.x) / crop!.width).toBeCloseTo(0.5, 2);
    // And the framing measured on it passes every gate.
    const framing = measureFraming(f, crop!);
    expect(framing.eyeX).toBeGreaterThanOrEqual(cfg.framing.eyeX.min);
    expect(framing.eyeX).toBeLessThanOrEqual(cfg.framing.eyeX.max);
    expect(framing.eyeY).toBeGreaterThanOrEqual(cfg.framing.eyeY.min);
    expect(framing.eyeY).toBeLessThanOrEqual(cfg.framing.eyeY.max);
    expect(framing.faceWidth).toBeGreaterThanOrEqual(cfg.framing.faceWidth.min);
    expect(framing.faceWidth).toBeLessThanOrEqual(cfg.framing.faceWidth.max);
    expect(framing.headHeight).toBeGreaterThanOrEqual(cfg.framing.headHeight.min);
    expect(framing.headHeight).toBeLessThanOrEqual(cfg.framing.headHeight.max);
  });

  it('slides a little to stay inside the picture, never pads', () => {
    const f = syntheticLandmarks(base);
    const ideal = proposeCrop(f, 1200, 1400).crop!;
    // A picture cut just inside the ideal crop's top: the crop slides down by a few pixels.
    const shifted = proposeCrop(
      {
        ...f,
        eyeLeft: { ...f.eyeLeft, y: f.eyeLeft.y - ideal.y + 4 },
        eyeRight: { ...f.eyeRight, y: f.eyeRight.y - ideal.y + 4 },
        chin: { ...f.chin, y: f.chin.y - ideal.y + 4 },
      },
      1200,
      1400,
    );
    expect(shifted.crop).not.toBeNull();
    expect(shifted.crop!.y).toBeGreaterThanOrEqual(0);
  });

  it('asks to step back when the head is too big for the picture, to recentre when it is off to one side', () => {
    const f = syntheticLandmarks(base);
    const { T } = geometry(f);
    expect(proposeCrop(f, 600, Math.round(2 * T))).toEqual({ crop: null, problem: 'step_back' });
    // Plenty of room, but the eyes 40 px from the left edge.
    const left = syntheticLandmarks({ ...base, cx: 100 });
    expect(proposeCrop(left, 2000, 2000)).toEqual({ crop: null, problem: 'recentre' });
  });
});
