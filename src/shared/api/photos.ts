/** Replies of the photo routes (the learner's ID photo at the desk) and of the desk's photo checks. */
import { z } from 'zod';

/** The ID-photo criteria, one verdict each (photo-checks/verdicts.ts measures them). */
export const photoCriteria = [
  'one_face',
  'colour',
  'resolution',
  'sharpness',
  'background',
  'lighting',
  'glare',
  'exposure',
  'pose',
  'eyes_open',
  'mouth_closed',
  'head_in_frame',
  'dark_glasses',
  'centring',
  'head_size',
] as const;

/** A sentence of a verdict, in both languages. */
const message = z.object({ fr: z.string(), en: z.string() });

/** A rectangle in the uploaded picture's pixels (after its EXIF orientation was applied). */
export const rect = z.object({
  x: z.number().int().min(0),
  y: z.number().int().min(0),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
});
export type Rect = z.infer<typeof rect>;

export const verdict = z.object({
  criterion: z.enum(photoCriteria),
  status: z.enum(['pass', 'to_check', 'fail']),
  message,
  value: z.union([z.number(), z.record(z.string(), z.number()), z.null()]),
});
export type PhotoVerdict = z.infer<typeof verdict>;

const cropProblem = z.object({ code: z.enum(['step_back', 'recentre']), message }).nullable();

/** POST /api/desk/photo-checks: the verdicts on a picture (nothing stored), and the crop Vigie proposes. */
export const photoCheckReply = z.object({
  verdicts: z.array(verdict),
  proposedCrop: rect.nullable(),
  cropProblem,
  width: z.number().int(),
  height: z.number().int(),
  timingMs: z.number(),
});
export type PhotoCheckReply = z.infer<typeof photoCheckReply>;

/** The learner's photo as the desk sees it, without its pictures (reading those is audited). */
export const photoView = z.object({
  id: z.string(),
  state: z.enum(['uploaded', 'saved']),
  fileName: z.string(),
  width: z.number(),
  height: z.number(),
  crop: rect.nullable(),
  hasOriginal: z.boolean(),
  hasPreview: z.boolean(),
  /** The operator's checklist, once saved. */
  checklist: z
    .object({
      whiteBackground: z.boolean(),
      noHeadwear: z.boolean(),
      noSunglasses: z.boolean(),
      eyesOpen: z.boolean(),
      faceCentred: z.boolean(),
    })
    .nullable(),
  /** The automatic checks of the upload and of the current crop (null before any check). */
  checks: z
    .object({
      upload: z
        .object({ verdicts: z.array(verdict), proposedCrop: rect.nullable(), cropProblem, checkedAt: z.string() })
        .nullable(),
      crop: z.object({ rect, verdicts: z.array(verdict), checkedAt: z.string() }).nullable(),
    })
    .nullable(),
  /** Why the photo was saved despite failed checks. */
  overrideReason: z.string().nullable(),
  uploadedAt: z.string(),
  uploadedBy: z.object({ id: z.string(), name: z.string() }),
  savedAt: z.string().nullable(),
  retainUntil: z.string().nullable(),
});
export type PhotoView = z.infer<typeof photoView>;

/** Every photo route that is not a picture: the photo as it is now (null: none, or just removed). */
export const photoReply = z.object({ photo: photoView.nullable() });
export type PhotoReply = z.infer<typeof photoReply>;
