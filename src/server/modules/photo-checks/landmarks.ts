/**
 * The landmarks the measures use, taken from the face mesh (MediaPipe 468-point topology, plus 10 iris points).
 * Everything downstream works on this small, plain structure (pixels of the analysed picture), never on Human's
 * objects, so the measures stay pure and testable with hand-made landmarks.
 */
import type { FaceResult } from '@vladmandic/human';
import type { Point, Rect } from './pixels.js';
import { boundingRect, distance, midpoint } from './pixels.js';

export interface EyeContour {
  /** The two corners, then the two upper and the two lower lid points facing each other (EAR order). */
  corners: [Point, Point];
  upper: [Point, Point];
  lower: [Point, Point];
}

export interface FaceLandmarks {
  /** Detector confidence (box) and mesh confidence, 0–1. */
  boxScore: number;
  meshScore: number;
  box: Rect;
  /** Eye centres, by position in the picture (not the person's left and right). */
  eyeLeft: Point;
  eyeRight: Point;
  eyes: [EyeContour, EyeContour];
  chin: Point;
  /** Top of the forehead (hairline level); the top of the head is higher. */
  forehead: Point;
  /** The face outline (36 points, clockwise from the forehead). */
  silhouette: Point[];
  /** Cheek centres, picture-left then picture-right. */
  cheeks: [Point, Point];
  /** The outermost face points at ear level, picture-left then picture-right. */
  faceSides: [Point, Point];
  noseTip: Point;
  mouth: { upperInner: Point; lowerInner: Point; cornerLeft: Point; cornerRight: Point; outline: Point[] };
  /** Head pose estimated from the 3-D mesh, degrees. */
  pose: { yaw: number; pitch: number; roll: number };
}

/** Derived distances (IDENTITY.md §4 notation). */
export interface FaceGeometry {
  /** Midpoint of the eye centres. */
  M: Point;
  /** Inter-eye distance. */
  ied: number;
  /** |M − C|, eyes to chin. */
  T: number;
  /** Cheek-to-cheek width at ear level. */
  faceWidth: number;
}

export function geometry(f: FaceLandmarks): FaceGeometry {
  const M = midpoint(f.eyeLeft, f.eyeRight);
  return {
    M,
    ied: distance(f.eyeLeft, f.eyeRight),
    T: distance(M, f.chin),
    faceWidth: distance(f.faceSides[0], f.faceSides[1]),
  };
}

const SILHOUETTE = [
  10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136,
  172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
];
const LIPS_OUTER = [61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291, 375, 321, 405, 314, 17, 84, 181, 91, 146];
// Eye aspect ratio points (corners, upper lid, lower lid, facing pairs) of each eye in the MediaPipe mesh.
const EYE_A = { corners: [33, 133], upper: [160, 158], lower: [144, 153] } as const;
const EYE_B = { corners: [362, 263], upper: [385, 387], lower: [380, 373] } as const;

const rad2deg = (r: number) => (r * 180) / Math.PI;

/** Builds the landmarks from one of Human's face results; null when the mesh is missing. */
export function fromHuman(face: FaceResult): FaceLandmarks | null {
  const mesh = face.mesh;
  if (!mesh || mesh.length < 468) return null;
  const p = (i: number): Point => ({ x: mesh[i]![0], y: mesh[i]![1] });
  const centre = (ids: readonly number[]): Point => {
    const pts = ids.map(p);
    return { x: pts.reduce((s, q) => s + q.x, 0) / pts.length, y: pts.reduce((s, q) => s + q.y, 0) / pts.length };
  };
  const eye = (e: typeof EYE_A | typeof EYE_B): EyeContour => ({
    corners: [p(e.corners[0]), p(e.corners[1])],
    upper: [p(e.upper[0]), p(e.upper[1])],
    lower: [p(e.lower[0]), p(e.lower[1])],
  });
  // Iris centres when the iris model ran (points 468 and 473), else the centre of the eye outline.
  const irisA = mesh.length >= 478 ? p(473) : centre([33, 133, 159, 145]);
  const irisB = mesh.length >= 478 ? p(468) : centre([362, 263, 386, 374]);
  const [eyeLeft, eyeRight] = irisA.x <= irisB.x ? [irisA, irisB] : [irisB, irisA];
  const eyes = [eye(EYE_A), eye(EYE_B)].sort((a, b) => a.corners[0].x - b.corners[0].x) as [EyeContour, EyeContour];
  const cheeks = [p(205), p(425)].sort((a, b) => a.x - b.x) as [Point, Point];
  const faceSides = [p(234), p(454)].sort((a, b) => a.x - b.x) as [Point, Point];
  const corners = [p(61), p(291)].sort((a, b) => a.x - b.x);
  const angle = face.rotation?.angle ?? { yaw: 0, pitch: 0, roll: 0 };
  const silhouette = SILHOUETTE.map(p);
  return {
    boxScore: face.boxScore,
    meshScore: face.faceScore,
    box: boundingRect(silhouette),
    eyeLeft,
    eyeRight,
    eyes,
    chin: p(152),
    forehead: p(10),
    silhouette,
    cheeks,
    faceSides,
    noseTip: p(1),
    mouth: {
      upperInner: p(13),
      lowerInner: p(14),
      cornerLeft: corners[0]!,
      cornerRight: corners[1]!,
      outline: LIPS_OUTER.map(p),
    },
    pose: { yaw: rad2deg(angle.yaw), pitch: rad2deg(angle.pitch), roll: rad2deg(angle.roll) },
  };
}

/** Moves and scales landmarks (from the analysed picture to the source's pixels, or into a crop). */
export function transformLandmarks(f: FaceLandmarks, scale: number, dx = 0, dy = 0): FaceLandmarks {
  const t = (q: Point): Point => ({ x: q.x * scale + dx, y: q.y * scale + dy });
  const eye = (e: EyeContour): EyeContour => ({
    corners: [t(e.corners[0]), t(e.corners[1])],
    upper: [t(e.upper[0]), t(e.upper[1])],
    lower: [t(e.lower[0]), t(e.lower[1])],
  });
  return {
    ...f,
    box: { x: f.box.x * scale + dx, y: f.box.y * scale + dy, width: f.box.width * scale, height: f.box.height * scale },
    eyeLeft: t(f.eyeLeft),
    eyeRight: t(f.eyeRight),
    eyes: [eye(f.eyes[0]), eye(f.eyes[1])],
    chin: t(f.chin),
    forehead: t(f.forehead),
    silhouette: f.silhouette.map(t),
    cheeks: [t(f.cheeks[0]), t(f.cheeks[1])],
    faceSides: [t(f.faceSides[0]), t(f.faceSides[1])],
    noseTip: t(f.noseTip),
    mouth: {
      upperInner: t(f.mouth.upperInner),
      lowerInner: t(f.mouth.lowerInner),
      cornerLeft: t(f.mouth.cornerLeft),
      cornerRight: t(f.mouth.cornerRight),
      outline: f.mouth.outline.map(t),
    },
  };
}
