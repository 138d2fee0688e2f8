/**
 * The photo check itself: decode (sharp), find the face and its landmarks (Human, WASM), measure each criterion of
 * IDENTITY.md §4, judge, and propose the 35:45 crop. Stateless: nothing is stored, nothing leaves the process, no
 * face embedding is computed. It runs in the photo-check worker (photo-checks.worker.ts); the rest of the server
 * calls `analyzePhoto` in photo-checks.service.ts.
 */
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { DomainError } from '../../errors.js';
import { proposeCrop, type CropProblem } from './crop.js';
import { detectFaces } from './face-detector.js';
import {
  measureEyesOpen,
  measureFraming,
  measureHeadInFrame,
  measureMouthOpen,
  measurePose,
  measureResolution,
} from './geometry-measures.js';
import { fromHuman, geometry, transformLandmarks, type FaceLandmarks } from './landmarks.js';
import {
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
import type { Rect, RgbImage } from './pixels.js';
import { verdictMessages, type Message } from './verdict-messages.js';
import { faceCountVerdict, verdictsFor, type Measurements, type Verdict } from './verdicts.js';

export interface PhotoAnalysis {
  verdicts: Verdict[];
  /** The 35:45 crop proposed by construction, in the source's pixels (after EXIF orientation). */
  proposedCrop: Rect | null;
  /** Why no crop could be proposed (the head too near the edges), when a face was found. */
  cropProblem: { code: CropProblem; message: Message } | null;
  /** The picture's size after EXIF orientation. */
  width: number;
  height: number;
  timingMs: number;
}

interface Decoded {
  /** The picture scaled down for the pixel measures. */
  working: RgbImage;
  /** The same, smaller and padded to a square, for the detector (its models work at 256 px or less). */
  detection: RgbImage;
  /** Working pixels per detection pixel. */
  toWorking: number;
  /** Source pixels per working pixel. */
  scale: number;
  width: number;
  height: number;
}

// Process-wide libvips settings: its operation cache would keep up to 50 MB of results no check (nor any other
// module) reuses, and one thread per operation keeps memory flat on a 2-core workstation server.
sharp.cache(false);
sharp.concurrency(1);

const asRgb = ({ data, info }: { data: Buffer; info: OutputInfo }): RgbImage => {
  if (info.channels !== 3) throw new Error(`unexpected ${info.channels} channels`);
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    width: info.width,
    height: info.height,
  };
};

/** Decodes a JPEG or PNG, applying its EXIF orientation, into RGB pictures for the measures and the detector. */
async function decode(input: Buffer): Promise<Decoded> {
  const d = cfg.detection;
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw new DomainError('invalid_image', { field: 'image' });
  }
  if (meta.format !== 'jpeg' && meta.format !== 'png') throw new DomainError('invalid_image', { field: 'image' });
  if (!meta.width || !meta.height) throw new DomainError('invalid_image', { field: 'image' });
  if (meta.width * meta.height > d.maxInputPixels)
    throw new DomainError('image_too_many_pixels', {
      field: 'image',
      params: { max: Math.round(d.maxInputPixels / 1e6) },
    });
  const swap = (meta.orientation ?? 1) >= 5;
  const width = swap ? meta.height : meta.width;
  const height = swap ? meta.width : meta.height;
  try {
    const working = asRgb(
      await sharp(input, { failOn: 'truncated', limitInputPixels: d.maxInputPixels })
        .rotate()
        .resize({ width: d.workingMaxSide, height: d.workingMaxSide, fit: 'inside', withoutEnlargement: true })
        // Transparency on white, as the photos module stores it.
        .flatten({ background: '#ffffff' })
        .toColourspace('srgb')
        .raw()
        .toBuffer({ resolveWithObject: true }),
    );
    // The detector always gets the same square (the picture scaled to fit, black to the right and below): one input
    // size keeps the WebAssembly heap from fragmenting, and the detector's square input is not stretched.
    const side = d.detectionSize;
    const k = Math.min(1, side / Math.max(working.width, working.height));
    const fitted = {
      width: Math.max(1, Math.round(working.width * k)),
      height: Math.max(1, Math.round(working.height * k)),
    };
    const detection = asRgb(
      await sharp(working.data, { raw: { width: working.width, height: working.height, channels: 3 } })
        .resize(fitted.width, fitted.height, { fit: 'fill' })
        .extend({ right: side - fitted.width, bottom: side - fitted.height, background: '#000' })
        .raw()
        .toBuffer({ resolveWithObject: true }),
    );
    return { working, detection, toWorking: working.width / fitted.width, scale: width / working.width, width, height };
  } catch {
    // The header was readable but the pixels are not: a truncated or damaged file.
    throw new DomainError('image_truncated', { field: 'image' });
  }
}

function validCrop(crop: Rect, width: number, height: number): boolean {
  return (
    [crop.x, crop.y, crop.width, crop.height].every(Number.isFinite) &&
    crop.x >= 0 &&
    crop.y >= 0 &&
    crop.width >= 1 &&
    crop.height >= 1 &&
    crop.x + crop.width <= width + 0.5 &&
    crop.y + crop.height <= height + 0.5
  );
}

/** The faces that count: a confident box and a confident mesh, largest first; tiny extra faces dropped. */
function countedFaces(faces: FaceLandmarks[]): FaceLandmarks[] {
  const d = cfg.detection;
  const area = (f: FaceLandmarks) => f.box.width * f.box.height;
  const sure = faces.filter((f) => f.boxScore >= d.minBoxScore && f.meshScore >= d.minMeshScore);
  sure.sort((a, b) => area(b) - area(a));
  const first = sure[0];
  if (!first) return [];
  return sure.filter((f) => f === first || area(f) >= d.ignoreSecondFaceBelowAreaShare * area(first));
}

/** Every measure on one face of the working picture. */
export function measureFace(
  img: RgbImage,
  face: FaceLandmarks,
  faceCount: number,
  scale: number,
  crop: Rect | null,
): Measurements {
  const colour = measureColour(img, face);
  return {
    faceCount,
    faceChroma: colour.faceChroma,
    cheekA: colour.cheekA,
    cheekB: colour.cheekB,
    iedSource: measureResolution(face, scale),
    sharpness: measureSharpness(img, face),
    background: measureBackground(img, face),
    lighting: measureLighting(img, face).score,
    glare: measureGlare(img, face),
    exposure: measureExposure(img, face),
    pose: measurePose(face),
    eyesOpen: measureEyesOpen(face),
    mouthOpen: measureMouthOpen(face),
    mouthInterior: measureMouthInterior(img, face),
    headInFrame: crop ? null : measureHeadInFrame(face, img.width, img.height),
    eyeToCheekLuminance: measureEyeToCheekLuminance(img, face),
    framing: crop ? measureFraming(transformLandmarks(face, scale), crop) : null,
  };
}

/**
 * Checks a photo against the ID-photo criteria. With `crop` (source pixels, after EXIF orientation), the framing
 * is judged on that rectangle (centring and head size) instead of the room around the head, and only faces inside
 * it count.
 */
export async function analyzeInProcess(image: Buffer, crop?: Rect): Promise<PhotoAnalysis> {
  const started = performance.now();
  const decoded = await decode(image);
  const { working, detection, toWorking, scale, width, height } = decoded;
  if (crop && !validCrop(crop, width, height))
    throw new DomainError('validation', { field: 'crop', params: { field: 'crop' } });

  const detected = (await detectFaces(detection))
    .map(fromHuman)
    .filter((f): f is FaceLandmarks => f !== null)
    .map((f) => (toWorking === 1 ? f : transformLandmarks(f, toWorking)));
  const inCrop = (f: FaceLandmarks) => {
    if (!crop) return true;
    const M = geometry(f).M;
    const x = M.x * scale;
    const y = M.y * scale;
    return x >= crop.x && x <= crop.x + crop.width && y >= crop.y && y <= crop.y + crop.height;
  };
  const faces = countedFaces(detected.filter(inCrop));
  const face = faces[0];
  const timing = () => Math.round(performance.now() - started);
  if (!face)
    return {
      verdicts: [faceCountVerdict(0)],
      proposedCrop: null,
      cropProblem: null,
      width,
      height,
      timingMs: timing(),
    };

  const verdicts = verdictsFor(measureFace(working, face, faces.length, scale, crop ?? null));
  const proposal = proposeCrop(transformLandmarks(face, scale), width, height);
  return {
    verdicts,
    proposedCrop: proposal.crop,
    cropProblem: proposal.problem ? { code: proposal.problem, message: verdictMessages.crop[proposal.problem] } : null,
    width,
    height,
    timingMs: timing(),
  };
}
