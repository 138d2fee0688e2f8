/**
 * Framing guidance at the camera, from the face found in the live video: where the head should be (the target
 * oval) and what to say. It aims at a picture from which the server's 35:45 crop by construction fits with room
 * to spare: the eyes near the middle, the head (≈ 2T, eyes to chin doubled) about 60 % of the frame's height.
 * Only a guide — the server checks the captured picture, and its verdict is the one recorded.
 */

export interface Pt {
  x: number;
  y: number;
}

/** What the browser's detector found, in video pixels. */
export interface SeenFace {
  eyeLeft: Pt;
  eyeRight: Pt;
  chin: Pt;
  /** Degrees, from the mesh (the eye line gives the roll). */
  yaw: number;
}

export type GuidanceState = 'noFace' | 'severalFaces' | 'closer' | 'further' | 'centre' | 'tilted' | 'turned' | 'ok';

export interface Oval {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

/** The target: T ≈ 0.3·H (head ≈ 60 % of the height), eye line at 45 % from the top, centred. */
export const TARGET = {
  eyeY: 0.45,
  T: 0.3,
  tolerance: { x: 0.07, y: 0.08 },
  T_min: 0.22,
  T_max: 0.38,
  roll: 8,
  yaw: 10,
};

/** The head outline to aim for, in video pixels: from the top of the head (≈ M − T) to the chin (M + T). */
export function targetOval(width: number, height: number): Oval {
  const T = TARGET.T * height;
  return { cx: width / 2, cy: TARGET.eyeY * height, rx: 0.78 * T, ry: 1.08 * T };
}

export function guidanceFor(faces: SeenFace[], width: number, height: number): GuidanceState {
  if (faces.length === 0) return 'noFace';
  if (faces.length > 1) return 'severalFaces';
  const f = faces[0]!;
  const M = { x: (f.eyeLeft.x + f.eyeRight.x) / 2, y: (f.eyeLeft.y + f.eyeRight.y) / 2 };
  const T = Math.hypot(f.chin.x - M.x, f.chin.y - M.y) / height;
  if (T < TARGET.T_min) return 'closer';
  if (T > TARGET.T_max) return 'further';
  if (Math.abs(M.x / width - 0.5) > TARGET.tolerance.x || Math.abs(M.y / height - TARGET.eyeY) > TARGET.tolerance.y)
    return 'centre';
  const roll = (Math.atan2(f.eyeRight.y - f.eyeLeft.y, f.eyeRight.x - f.eyeLeft.x) * 180) / Math.PI;
  if (Math.abs(roll) > TARGET.roll) return 'tilted';
  if (Math.abs(f.yaw) > TARGET.yaw) return 'turned';
  return 'ok';
}
