import { describe, expect, it } from 'vitest';
import { guidanceFor, targetOval, TARGET, type SeenFace } from './guidance';

const W = 1280;
const H = 960;

/** A face with its eyes at (x, y) (fractions of the frame), T = t·H, tilted by `roll` degrees. */
function face(x: number, y: number, t: number, roll = 0, yaw = 0): SeenFace {
  const T = t * H;
  const ied = T / 1.7;
  const a = (roll * Math.PI) / 180;
  const M = { x: x * W, y: y * H };
  return {
    eyeLeft: { x: M.x - (ied / 2) * Math.cos(a), y: M.y - (ied / 2) * Math.sin(a) },
    eyeRight: { x: M.x + (ied / 2) * Math.cos(a), y: M.y + (ied / 2) * Math.sin(a) },
    chin: { x: M.x - T * Math.sin(a), y: M.y + T * Math.cos(a) },
    yaw,
  };
}

describe('camera guidance', () => {
  it('says the framing is right when the face sits in the oval', () => {
    expect(guidanceFor([face(0.5, TARGET.eyeY, TARGET.T)], W, H)).toBe('ok');
  });

  it('says what to change', () => {
    expect(guidanceFor([], W, H)).toBe('noFace');
    expect(guidanceFor([face(0.3, 0.45, 0.3), face(0.7, 0.45, 0.3)], W, H)).toBe('severalFaces');
    expect(guidanceFor([face(0.5, 0.45, 0.12)], W, H)).toBe('closer');
    expect(guidanceFor([face(0.5, 0.45, 0.45)], W, H)).toBe('further');
    expect(guidanceFor([face(0.3, 0.45, 0.3)], W, H)).toBe('centre');
    expect(guidanceFor([face(0.5, 0.25, 0.3)], W, H)).toBe('centre');
    expect(guidanceFor([face(0.5, 0.45, 0.3, 15)], W, H)).toBe('tilted');
    expect(guidanceFor([face(0.5, 0.45, 0.3, 0, 20)], W, H)).toBe('turned');
  });

  it('draws the oval around the head it asks for: top of the head to the chin, centred', () => {
    const o = targetOval(W, H);
    expect(o.cx).toBe(W / 2);
    expect(o.cy).toBeCloseTo(TARGET.eyeY * H);
    // From above the eyes by T (top of the head) to the chin (T below), with a little room.
    expect(o.ry).toBeGreaterThan(TARGET.T * H);
    expect(o.cy + o.ry).toBeLessThan(H);
    expect(o.cy - o.ry).toBeGreaterThan(0);
  });
});
