import { z } from 'zod';
import { filePart } from '../../../shared/api/common.js';
import { identifier, text } from '../../../shared/text-input.js';

// The replies: one home, src/shared/api/ (the web imports their types from there).
export { photoReply } from '../../../shared/api/photos.js';
export { binaryReply } from '../../../shared/api/common.js';

/** POST …/photo: one `photo` file (JPEG or PNG, 10 MB at most). */
export const uploadParts = z.object({ photo: filePart });

export const learnerParams = z.object({ learnerId: identifier() });

/** A rectangle in the uploaded picture's pixels (after its EXIF orientation was applied). */
export const cropBody = z.object({
  x: z.number().int().min(0).max(100_000),
  y: z.number().int().min(0).max(100_000),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
});

/** The operator's checklist: what no program checks reliably. Every item must be ticked to save. */
export const CHECKLIST_ITEMS = ['whiteBackground', 'noHeadwear', 'noSunglasses', 'eyesOpen', 'faceCentred'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export const saveBody = z.object({
  checklist: z.object({
    whiteBackground: z.boolean().default(false),
    noHeadwear: z.boolean().default(false),
    noSunglasses: z.boolean().default(false),
    eyesOpen: z.boolean().default(false),
    faceCentred: z.boolean().default(false),
  } satisfies Record<ChecklistItem, unknown>),
  /** Needed only when the automatic check of the crop failed a criterion: why the photo is saved anyway. */
  overrideReason: text({ max: 500, multiline: true }).optional(),
});

export type Checklist = z.infer<typeof saveBody>['checklist'];

export const imageQuery = z.object({
  variant: z.enum(['original', 'preview', 'final']).default('final'),
});

export type PhotoVariant = z.infer<typeof imageQuery>['variant'];
