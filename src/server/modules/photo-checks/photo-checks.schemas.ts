import { z } from 'zod';
import { text } from '../../../shared/text-input.js';
import { CRITERIA } from './verdicts.js';

const message = z.object({ fr: z.string(), en: z.string() });

export const rectSchema = z.object({
  x: z.number().int().min(0),
  y: z.number().int().min(0),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
});

/** The optional `crop` field of the multipart request: JSON of a rectangle in the picture's pixels. */
export const cropField = text({ max: 200 })
  .transform((s, c) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      c.addIssue({ code: 'custom', message: 'crop: JSON expected' });
      return z.NEVER;
    }
  })
  .pipe(rectSchema);

export const verdictSchema = z.object({
  criterion: z.enum(CRITERIA),
  status: z.enum(['pass', 'to_check', 'fail']),
  message,
  value: z.union([z.number(), z.record(z.string(), z.number()), z.null()]),
});

export const photoCheckReply = z.object({
  verdicts: z.array(verdictSchema),
  proposedCrop: rectSchema.nullable(),
  cropProblem: z.object({ code: z.enum(['step_back', 'recentre']), message }).nullable(),
  width: z.number().int(),
  height: z.number().int(),
  timingMs: z.number(),
});

export type PhotoCheckReply = z.infer<typeof photoCheckReply>;
