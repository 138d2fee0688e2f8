import { z } from 'zod';
import { text } from '../../../shared/text-input.js';
import { filePart } from '../../../shared/api/common.js';
import { rect as rectSchema } from '../../../shared/api/photos.js';

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

// The reply: one home, src/shared/api/ (the web imports its type from there).
export { photoCheckReply, type PhotoCheckReply } from '../../../shared/api/photos.js';
export { binaryReply } from '../../../shared/api/common.js';

/** POST /api/desk/photo-checks: one `image` file and, optionally, `crop` (JSON of a rectangle). */
export const checkParts = z.object({
  image: filePart,
  crop: z.string().optional().meta({ description: 'JSON: { x, y, width, height } in the picture’s pixels' }),
});
