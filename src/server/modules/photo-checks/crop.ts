/**
 * The 35:45 head-and-shoulders crop, by construction from the landmarks (IDENTITY.md §4): head height ≈ 2T is 75 %
 * of the crop's height, the eye line at 45 % from the top, centred on M. When that rectangle leaves the picture,
 * the crop may slide or tighten a little (within the framing gates); beyond that it is refused — never padded,
 * since padding fakes the background — and the operator is told what to do.
 */
import { photoChecksConfig } from './photo-checks.config.js';
import type { Point, Rect } from './pixels.js';
import { distance, midpoint } from './pixels.js';

export interface CropLandmarks {
  eyeLeft: Point;
  eyeRight: Point;
  chin: Point;
}

/** `step_back`: the head is too big or too close to the edges for any 35:45 crop; `recentre`: off to one side. */
export type CropProblem = 'step_back' | 'recentre';

export type CropProposal = { crop: Rect; problem: null } | { crop: null; problem: CropProblem };

export function proposeCrop(
  landmarks: CropLandmarks,
  width: number,
  height: number,
  cfg = photoChecksConfig.crop,
): CropProposal {
  const M = midpoint(landmarks.eyeLeft, landmarks.eyeRight);
  const T = distance(M, landmarks.chin);
  if (!(T > 0)) return { crop: null, problem: 'step_back' };
  for (const share of cfg.headShareSteps) {
    const h = (2 * T) / share;
    const w = h * cfg.aspect;
    if (w > width || h > height) continue;
    const idealX = M.x - w / 2;
    const idealY = M.y - cfg.eyeFromTop * h;
    const x = Math.min(Math.max(idealX, 0), width - w);
    const y = Math.min(Math.max(idealY, 0), height - h);
    // Pushed back inside: accept only if M stays near its place in the crop.
    if (Math.abs(x - idealX) / w <= cfg.eyeXTolerance && Math.abs(y - idealY) / h <= cfg.eyeYTolerance) {
      return { crop: roundRect({ x, y, width: w, height: h }, width, height), problem: null };
    }
  }
  // The ideal crop is small enough for the picture but cannot sit around this head: the person is off to one side.
  const idealHeight = (2 * T) / cfg.headShare;
  const idealFits = idealHeight <= height && idealHeight * cfg.aspect <= width;
  return { crop: null, problem: idealFits ? 'recentre' : 'step_back' };
}

/** Whole pixels, still inside the picture and still 35:45 to within a pixel. */
function roundRect(r: Rect, width: number, height: number): Rect {
  const x = Math.max(0, Math.round(r.x));
  const y = Math.max(0, Math.round(r.y));
  return {
    x,
    y,
    width: Math.min(Math.round(r.width), width - x),
    height: Math.min(Math.round(r.height), height - y),
  };
}
