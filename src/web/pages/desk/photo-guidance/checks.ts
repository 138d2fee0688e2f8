/** The automatic checks' verdicts, as the server sends them with the photo (src/shared/api/photos.ts). */
import type { PhotoVerdict } from '../../../../shared/api/photos';

export const failed = (verdicts: readonly PhotoVerdict[] | undefined) =>
  (verdicts ?? []).filter((v) => v.status === 'fail');
