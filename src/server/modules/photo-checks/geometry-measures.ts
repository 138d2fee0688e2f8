/**
 * The landmark-only measures of IDENTITY.md §4 (no pixels): resolution, pose, eyes, mouth, head in the frame,
 * and the framing of a crop. Pure functions.
 */
import { geometry, type EyeContour, type FaceLandmarks } from './landmarks.js';
import { distance, type Rect } from './pixels.js';

/** Inter-eye distance in the source's pixels (`scale` = source pixels per analysed pixel). */
export function measureResolution(face: FaceLandmarks, scale = 1): number {
  return geometry(face).ied * scale;
}

/** Yaw and pitch from the 3-D mesh; roll from the eye line, which is steadier than the mesh's. Degrees. */
export function measurePose(face: FaceLandmarks): { yaw: number; pitch: number; roll: number } {
  const roll = (Math.atan2(face.eyeRight.y - face.eyeLeft.y, face.eyeRight.x - face.eyeLeft.x) * 180) / Math.PI;
  return { yaw: face.pose.yaw, pitch: face.pose.pitch, roll };
}

/** Eye aspect ratio: mean lid opening over the corner-to-corner width. */
export function eyeAspectRatio(eye: EyeContour): number {
  const width = distance(eye.corners[0], eye.corners[1]);
  if (width <= 0) return 0;
  return (distance(eye.upper[0], eye.lower[0]) + distance(eye.upper[1], eye.lower[1])) / (2 * width);
}

/** The smaller of the two eyes' aspect ratios (one closed eye is enough to retake). */
export function measureEyesOpen(face: FaceLandmarks): number {
  return Math.min(eyeAspectRatio(face.eyes[0]), eyeAspectRatio(face.eyes[1]));
}

/** Inner-lip gap over mouth width. */
export function measureMouthOpen(face: FaceLandmarks): number {
  const width = distance(face.mouth.cornerLeft, face.mouth.cornerRight);
  return width > 0 ? distance(face.mouth.upperInner, face.mouth.lowerInner) / width : 0;
}

/** Room around the head in the source picture: above and below M in T, and beside the eyes in IED. */
export function measureHeadInFrame(
  face: FaceLandmarks,
  width: number,
  height: number,
): { above: number; below: number; sides: number } {
  const { M, T, ied } = geometry(face);
  return {
    above: M.y / T,
    below: (height - M.y) / T,
    sides: Math.min(face.eyeLeft.x, width - face.eyeRight.x) / ied,
  };
}

/** Where the face sits in a crop: M as a share of the width and height, face width and head height (≈ 2T) shares. */
export function measureFraming(
  face: FaceLandmarks,
  crop: Rect,
): { eyeX: number; eyeY: number; faceWidth: number; headHeight: number } {
  const g = geometry(face);
  return {
    eyeX: (g.M.x - crop.x) / crop.width,
    eyeY: (g.M.y - crop.y) / crop.height,
    faceWidth: g.faceWidth / crop.width,
    headHeight: (2 * g.T) / crop.height,
  };
}
