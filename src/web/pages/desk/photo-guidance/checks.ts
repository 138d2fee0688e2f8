/** The automatic checks as the server sends them with the photo (see photo-checks.service.ts). */

export type Criterion =
  | 'one_face'
  | 'colour'
  | 'resolution'
  | 'sharpness'
  | 'background'
  | 'lighting'
  | 'glare'
  | 'exposure'
  | 'pose'
  | 'eyes_open'
  | 'mouth_closed'
  | 'head_in_frame'
  | 'dark_glasses'
  | 'centring'
  | 'head_size';

export type VerdictStatus = 'pass' | 'to_check' | 'fail';

export interface Verdict {
  criterion: Criterion;
  status: VerdictStatus;
  message: { fr: string; en: string };
  value: number | Record<string, number> | null;
}

export interface CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PhotoChecks {
  upload: {
    verdicts: Verdict[];
    proposedCrop: CropRect | null;
    cropProblem: { code: 'step_back' | 'recentre'; message: { fr: string; en: string } } | null;
    checkedAt: string;
  } | null;
  crop: { rect: CropRect; verdicts: Verdict[]; checkedAt: string } | null;
}

export const failed = (verdicts: readonly Verdict[] | undefined) => (verdicts ?? []).filter((v) => v.status === 'fail');
