/**
 * From measured numbers to verdicts: each criterion ends pass, to_check or fail against photo-checks.config.ts,
 * with the sentence of verdict-messages.ts that says what to change. Pure.
 */
import { photoCriteria } from '../../../shared/api/photos.js';
import { photoChecksConfig, type PhotoChecksConfig } from './photo-checks.config.js';
import type { BackgroundStats } from './measures.js';
import { verdictMessages as msg, type Message } from './verdict-messages.js';

export const CRITERIA = photoCriteria;
export type Criterion = (typeof CRITERIA)[number];
export type VerdictStatus = 'pass' | 'to_check' | 'fail';
export type VerdictValue = number | Record<string, number> | null;

export interface Verdict {
  criterion: Criterion;
  status: VerdictStatus;
  message: Message;
  value: VerdictValue;
}

/** Every number the analysis measured on one face (the crop framing only when a crop was given). */
export interface Measurements {
  faceCount: number;
  faceChroma: number;
  cheekA: number;
  cheekB: number;
  iedSource: number;
  sharpness: number;
  background: BackgroundStats;
  lighting: number;
  glare: { faceShare: number; eyeShare: number };
  exposure: number;
  pose: { yaw: number; pitch: number; roll: number };
  eyesOpen: number;
  mouthOpen: number;
  mouthInterior: number;
  headInFrame: { above: number; below: number; sides: number } | null;
  eyeToCheekLuminance: number;
  framing: { eyeX: number; eyeY: number; faceWidth: number; headHeight: number } | null;
}

const round = (v: number, digits = 3) => Number(v.toFixed(digits));
const v = (criterion: Criterion, status: VerdictStatus, message: Message, value: VerdictValue): Verdict => ({
  criterion,
  status,
  message,
  value,
});
const within = (x: number, r: { min: number; max: number }) => x >= r.min && x <= r.max;

export function faceCountVerdict(faceCount: number): Verdict {
  if (faceCount === 1) return v('one_face', 'pass', msg.one_face.pass, 1);
  return v('one_face', 'fail', faceCount === 0 ? msg.one_face.none : msg.one_face.several, faceCount);
}

function colour(m: Measurements, c: PhotoChecksConfig): Verdict {
  const value = { faceChroma: round(m.faceChroma, 1), cheekA: round(m.cheekA, 1), cheekB: round(m.cheekB, 1) };
  if (m.faceChroma < c.colour.greyscaleMaxChroma) return v('colour', 'fail', msg.colour.greyscale, value);
  if (!within(m.cheekA, c.colour.cheekA) || !within(m.cheekB, c.colour.cheekB))
    return v('colour', 'to_check', msg.colour.cast, value);
  return v('colour', 'pass', msg.colour.pass, value);
}

function resolution(m: Measurements, c: PhotoChecksConfig): Verdict {
  const value = Math.round(m.iedSource);
  if (m.iedSource < c.resolution.failBelowIed) return v('resolution', 'fail', msg.resolution.tooLow, value);
  if (m.iedSource < c.resolution.passMinIed) return v('resolution', 'to_check', msg.resolution.low, value);
  return v('resolution', 'pass', msg.resolution.pass, value);
}

function sharpness(m: Measurements, c: PhotoChecksConfig): Verdict {
  const value = round(m.sharpness, 1);
  if (m.sharpness < c.sharpness.failBelow) return v('sharpness', 'fail', msg.sharpness.blurred, value);
  if (m.sharpness < c.sharpness.passMin) return v('sharpness', 'to_check', msg.sharpness.soft, value);
  return v('sharpness', 'pass', msg.sharpness.pass, value);
}

function background(m: Measurements, c: PhotoChecksConfig): Verdict {
  const b = m.background;
  const g = c.background;
  const t = g.toCheckFactor;
  const value = {
    meanR: round(b.meanR, 1),
    meanG: round(b.meanG, 1),
    meanB: round(b.meanB, 1),
    chroma: round(b.chroma, 1),
    lStd: round(b.lStd, 1),
    edgeShare: round(b.edgeShare),
    sampleShare: round(b.sampleShare),
  };
  if (b.sampleShare < g.minSampleShareForFail) return v('background', 'to_check', msg.background.unmeasurable, value);
  const minMean = Math.min(b.meanR, b.meanG, b.meanB);
  const uneven = b.lStd > g.maxLStd * t.lStd || b.edgeShare > g.maxEdgeShare * t.edgeShare;
  const coloured = b.chroma > g.maxChroma * t.chroma;
  const dark = minMean < g.minChannelMean * t.channelMean;
  // Say the most telling problem first: texture, then colour, then darkness.
  if (uneven) return v('background', 'fail', msg.background.uneven, value);
  if (coloured) return v('background', 'fail', msg.background.coloured, value);
  if (dark) return v('background', 'fail', msg.background.dark, value);
  if (b.sampleShare < g.minSampleShare) return v('background', 'to_check', msg.background.unmeasurable, value);
  const plainWhite =
    minMean >= g.minChannelMean && b.chroma <= g.maxChroma && b.lStd <= g.maxLStd && b.edgeShare <= g.maxEdgeShare;
  if (plainWhite) return v('background', 'pass', msg.background.pass, value);
  return v('background', 'to_check', msg.background.borderline, value);
}

function lighting(m: Measurements, c: PhotoChecksConfig): Verdict {
  const value = round(m.lighting, 1);
  if (m.lighting < c.lighting.failBelowScore) return v('lighting', 'fail', msg.lighting.uneven, value);
  if (m.lighting < c.lighting.passMinScore) return v('lighting', 'to_check', msg.lighting.slightlyUneven, value);
  return v('lighting', 'pass', msg.lighting.pass, value);
}

function glare(m: Measurements, c: PhotoChecksConfig): Verdict {
  const value = { faceShare: round(m.glare.faceShare, 4), eyeShare: round(m.glare.eyeShare, 4) };
  if (m.glare.faceShare > c.glare.failAboveFaceShare) return v('glare', 'fail', msg.glare.face, value);
  if (m.glare.faceShare > c.glare.faceMaxShare) return v('glare', 'to_check', msg.glare.face, value);
  if (m.glare.eyeShare > c.glare.eyeRegionMaxShare) return v('glare', 'to_check', msg.glare.eyes, value);
  return v('glare', 'pass', msg.glare.pass, value);
}

function exposure(m: Measurements, c: PhotoChecksConfig): Verdict {
  const e = c.exposure;
  const value = round(m.exposure);
  if (m.exposure < e.min) return v('exposure', 'fail', msg.exposure.dark, value);
  if (m.exposure > e.max) return v('exposure', 'fail', msg.exposure.bright, value);
  if (m.exposure < e.min + e.toCheckMargin) return v('exposure', 'to_check', msg.exposure.borderlineDark, value);
  if (m.exposure > e.max - e.toCheckMargin) return v('exposure', 'to_check', msg.exposure.borderlineBright, value);
  return v('exposure', 'pass', msg.exposure.pass, value);
}

function pose(m: Measurements, c: PhotoChecksConfig): Verdict {
  const p = c.pose;
  const value = { yaw: round(m.pose.yaw, 1), pitch: round(m.pose.pitch, 1), roll: round(m.pose.roll, 1) };
  const yaw = Math.abs(m.pose.yaw);
  const pitch = Math.abs(m.pose.pitch);
  const roll = Math.abs(m.pose.roll);
  // The axis furthest past its gate names the fix.
  const over = [
    { axis: 'roll' as const, by: roll / p.maxRoll, fail: roll > p.failRoll },
    { axis: 'yaw' as const, by: yaw / p.maxYaw, fail: yaw > p.failYaw },
    { axis: 'pitch' as const, by: pitch / p.maxPitch, fail: pitch > p.failPitch },
  ].sort((a, b) => b.by - a.by);
  const worst = over[0]!;
  if (worst.by <= 1) return v('pose', 'pass', msg.pose.pass, value);
  const failing = over.find((o) => o.fail);
  if (failing) return v('pose', 'fail', msg.pose[failing.axis], value);
  return v('pose', 'to_check', msg.pose[worst.axis], value);
}

function eyesOpen(m: Measurements, c: PhotoChecksConfig): Verdict {
  const value = round(m.eyesOpen);
  if (m.eyesOpen < c.eyes.failBelowAspectRatio) return v('eyes_open', 'fail', msg.eyes_open.closed, value);
  if (m.eyesOpen < c.eyes.minAspectRatio) return v('eyes_open', 'to_check', msg.eyes_open.narrow, value);
  return v('eyes_open', 'pass', msg.eyes_open.pass, value);
}

function mouthClosed(m: Measurements, c: PhotoChecksConfig): Verdict {
  const g = c.mouth;
  const value = { gap: round(m.mouthOpen), interior: round(m.mouthInterior) };
  if (m.mouthOpen > g.failAboveGapRatio || m.mouthInterior > g.failAboveInteriorShare)
    return v('mouth_closed', 'fail', msg.mouth_closed.open, value);
  if (m.mouthOpen > g.maxGapRatio || m.mouthInterior > g.maxInteriorShare)
    return v('mouth_closed', 'to_check', msg.mouth_closed.ajar, value);
  return v('mouth_closed', 'pass', msg.mouth_closed.pass, value);
}

function headInFrame(h: NonNullable<Measurements['headInFrame']>, c: PhotoChecksConfig): Verdict {
  const g = c.headInFrame;
  const value = { above: round(h.above, 2), below: round(h.below, 2), sides: round(h.sides, 2) };
  if (h.above < g.aboveT) return v('head_in_frame', 'fail', msg.head_in_frame.top, value);
  if (h.below < g.belowT) return v('head_in_frame', 'fail', msg.head_in_frame.bottom, value);
  if (h.sides < g.sidesIed) return v('head_in_frame', 'fail', msg.head_in_frame.sides, value);
  return v('head_in_frame', 'pass', msg.head_in_frame.pass, value);
}

function darkGlasses(m: Measurements, c: PhotoChecksConfig): Verdict {
  const value = round(m.eyeToCheekLuminance);
  if (m.eyeToCheekLuminance < c.darkGlasses.maxEyeToCheekLuminance)
    return v('dark_glasses', 'to_check', msg.dark_glasses.suspected, value);
  return v('dark_glasses', 'pass', msg.dark_glasses.pass, value);
}

function framing(f: NonNullable<Measurements['framing']>, c: PhotoChecksConfig): Verdict[] {
  const g = c.framing;
  const centring = { eyeX: round(f.eyeX), eyeY: round(f.eyeY) };
  const size = { faceWidth: round(f.faceWidth), headHeight: round(f.headHeight) };
  const centred = within(f.eyeX, g.eyeX) && within(f.eyeY, g.eyeY);
  const tooSmall = f.faceWidth < g.faceWidth.min || f.headHeight < g.headHeight.min;
  const tooLarge = f.faceWidth > g.faceWidth.max || f.headHeight > g.headHeight.max;
  return [
    centred ? v('centring', 'pass', msg.centring.pass, centring) : v('centring', 'fail', msg.centring.off, centring),
    tooSmall
      ? v('head_size', 'fail', msg.head_size.small, size)
      : tooLarge
        ? v('head_size', 'fail', msg.head_size.large, size)
        : v('head_size', 'pass', msg.head_size.pass, size),
  ];
}

/** All verdicts for one measured face, in the order of CRITERIA. */
export function verdictsFor(m: Measurements, c: PhotoChecksConfig = photoChecksConfig): Verdict[] {
  const out = [
    faceCountVerdict(m.faceCount),
    colour(m, c),
    resolution(m, c),
    sharpness(m, c),
    background(m, c),
    lighting(m, c),
    glare(m, c),
    exposure(m, c),
    pose(m, c),
    eyesOpen(m, c),
    mouthClosed(m, c),
  ];
  if (m.headInFrame) out.push(headInFrame(m.headInFrame, c));
  out.push(darkGlasses(m, c));
  if (m.framing) out.push(...framing(m.framing, c));
  return out;
}
