import sharp, { type OutputInfo } from 'sharp';
import { MAX_UPLOAD_MEGAPIXELS } from '../../../shared/photo-limits.js';
import { DomainError } from '../../errors.js';

/** The ID photo: 35 × 45 mm printed at 300 dpi. */
export const FINAL_WIDTH = 413;
export const FINAL_HEIGHT = 531;
export const FINAL_QUALITY = 92;
/**
 * Above this, a picture is refused before it is decoded. An ID photo needs far less: the final picture is
 * 413 × 531, the face checks want 120 px between the eyes, and phones save 12 MP (4032 × 3024) by default —
 * 48–200 MP sensors too, binned — webcams 2 MP. 24 MP still takes a full-frame camera's photo (6000 × 4000);
 * 40 MP let a 126 KB PNG cost ≈ 270 MB of memory per upload (issue 14).
 */
export const MAX_MEGAPIXELS = MAX_UPLOAD_MEGAPIXELS;
/** The smallest crop (and so the smallest picture) that still gives a usable ID photo once enlarged. */
export const MIN_CROP = { width: 140, height: 180 } as const;

export interface CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * libvips, for the whole process: no operation cache (it would keep decoded pictures after the request, up to
 * 50 MB by default) and one worker thread per pipeline (fewer tile buffers; decodes are already bounded by
 * the decode gate, two at a time).
 */
sharp.cache(false);
sharp.concurrency(1);

/** Refuse over the cap before decoding; read the file top to bottom (no whole copy where a pass needs none). */
const options = {
  limitInputPixels: MAX_MEGAPIXELS * 1_000_000,
  failOn: 'truncated',
  sequentialRead: true,
} as const;

function sniff(data: Buffer): 'jpeg' | 'png' | null {
  if (data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  if (data.length > 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  return null;
}

/**
 * Checks an uploaded file really is a whole JPEG or PNG of a sensible size (whatever its name says), then
 * applies its EXIF orientation and re-encodes it without any metadata (EXIF, GPS, XMP, ICC: all dropped),
 * transparency flattened on white.
 */
export async function normalizeUpload(data: Buffer): Promise<{ jpeg: Buffer; width: number; height: number }> {
  const sniffed = sniff(data);
  let format: string | undefined;
  try {
    format = (await sharp(data, options).metadata()).format;
  } catch (err) {
    if (err instanceof Error && /pixel limit/i.test(err.message))
      throw new DomainError('image_too_many_pixels', { field: 'photo', params: { max: MAX_MEGAPIXELS } });
    throw new DomainError('invalid_image', { field: 'photo' });
  }
  if (!sniffed || format !== sniffed) throw new DomainError('invalid_image', { field: 'photo' });
  let out: { data: Buffer; info: OutputInfo };
  try {
    out = await sharp(data, options)
      .rotate()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      // Without « optimised coding » (Huffman tables fitted to the picture), the encoder streams: with it, it
      // keeps every coefficient of the picture until the end — ≈ 290 MB for 24 MP in 4:4:4, against ≈ 15 MB.
      // The file is a little larger; it is kept only until the crop is saved.
      .jpeg({ quality: 95, chromaSubsampling: '4:4:4', optimiseCoding: false })
      .toBuffer({ resolveWithObject: true });
  } catch {
    // The header was readable but the pixels are not: a truncated or damaged file.
    throw new DomainError('image_truncated', { field: 'photo' });
  }
  const { width, height } = out.info;
  if (width < MIN_CROP.width || height < MIN_CROP.height)
    throw new DomainError('image_too_small', {
      field: 'photo',
      params: { width, height, minWidth: MIN_CROP.width, minHeight: MIN_CROP.height },
    });
  return { jpeg: out.data, width, height };
}

export type CropProblem = 'outside' | 'ratio' | 'too_small';

/** Why a crop rectangle (in the picture's pixels) cannot be used, or null when it can. */
export function cropProblem(rect: CropRect, picture: { width: number; height: number }): CropProblem | null {
  if (rect.x < 0 || rect.y < 0 || rect.x + rect.width > picture.width || rect.y + rect.height > picture.height)
    return 'outside';
  // 35:45, within the rounding of a crop tool working in whole pixels (one pixel of width).
  if (Math.abs(rect.width * 45 - rect.height * 35) > 45) return 'ratio';
  if (rect.width < MIN_CROP.width || rect.height < MIN_CROP.height) return 'too_small';
  return null;
}

/**
 * Declares 300 dpi in a JFIF header (libvips writes none), so the 413 × 531 picture prints at 35 × 45 mm.
 * JFIF carries no personal data, unlike EXIF.
 */
export function withPrintDensity(jpeg: Buffer): Buffer {
  const hasJfif = jpeg[2] === 0xff && jpeg[3] === 0xe0;
  const jfif = Buffer.from([
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x01, 0x01, 0x2c, 0x01, 0x2c, 0x00, 0x00,
  ]);
  const rest = hasJfif ? jpeg.subarray(4 + jpeg.readUInt16BE(4)) : jpeg.subarray(2);
  return Buffer.concat([jpeg.subarray(0, 2), jfif, rest]);
}

/** The ID photo: the crop of the (already oriented, metadata-free) picture at 413 × 531, JPEG, no EXIF. */
export async function renderCrop(picture: Buffer, rect: CropRect): Promise<Buffer> {
  const jpeg = await sharp(picture, options)
    .extract({ left: rect.x, top: rect.y, width: rect.width, height: rect.height })
    .resize(FINAL_WIDTH, FINAL_HEIGHT, { fit: 'fill', kernel: 'lanczos3' })
    .jpeg({ quality: FINAL_QUALITY, chromaSubsampling: '4:4:4' })
    .toBuffer();
  return withPrintDensity(jpeg);
}
