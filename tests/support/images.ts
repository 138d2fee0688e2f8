import { readFileSync } from 'node:fs';
import sharp from 'sharp';

/** A real photograph shipped with a dev dependency (a 1920 × 1280 JPEG of three people). */
export const SAMPLE_PHOTO = 'node_modules/@vladmandic/face-api/demo/sample1.jpg';
export const samplePhoto = () => readFileSync(SAMPLE_PHOTO);

/**
 * A landscape JPEG (1200 × 900 stored) whose EXIF says "rotate 90°" (orientation 6) and names its owner:
 * once oriented it is a 900 × 1200 portrait, and the owner's name must not survive.
 */
export async function rotatedJpegWithExif(): Promise<Buffer> {
  const width = 1200;
  const height = 900;
  // A red band along the stored image's left edge: once oriented, it runs along the top.
  const pixels = Buffer.alloc(width * height * 3, 0xf4);
  for (let y = 0; y < height; y++) for (let x = 0; x < 100; x++) pixels.set([0xd0, 0x00, 0x00], (y * width + x) * 3);
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Artist: 'Proprietaire Secret', Copyright: 'GPS 46.81,-71.21' } })
    .toBuffer();
}

export async function pngWithAlpha(width = 700, height = 900): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 30, g: 90, b: 200, alpha: 0.4 } } })
    .png()
    .toBuffer();
}

export async function gif(): Promise<Buffer> {
  return sharp({ create: { width: 400, height: 500, channels: 3, background: '#888' } })
    .gif()
    .toBuffer();
}

/** 8000 × 6250 = 50 megapixels, yet a small file (plain colour compresses well): a decompression bomb. */
export async function fiftyMegapixelPng(): Promise<Buffer> {
  return sharp({ create: { width: 8000, height: 6250, channels: 3, background: '#ffffff' } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

export async function smallJpeg(width = 100, height = 120): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .jpeg()
    .toBuffer();
}

/** A multipart/form-data body with one file, as a browser sends it. */
export function multipart(fileName: string, contentType: string, data: Buffer, field = 'photo') {
  const boundary = `----vigie${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, data, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A multipart body with a text field only (no file). */
export function multipartWithoutFile() {
  const boundary = `----vigie${Math.random().toString(16).slice(2)}`;
  return {
    payload: Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nbonjour\r\n--${boundary}--\r\n`,
    ),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const IJG_LUMINANCE = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51,
  87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101,
  72, 92, 95, 98, 112, 100, 103, 99,
];

/**
 * The JPEG quality a file was written with, estimated from its luminance quantisation table against the
 * standard (IJG) one: quality q ≥ 50 scales that table by (200 − 2q) %.
 */
export function jpegQuality(jpeg: Buffer): number {
  let i = 2;
  while (i + 4 < jpeg.length) {
    if (jpeg[i] !== 0xff) throw new Error('not a JPEG marker');
    const marker = jpeg[i + 1]!;
    const length = jpeg.readUInt16BE(i + 2);
    if (marker === 0xdb) {
      const precision = jpeg[i + 4]! >> 4;
      if (precision !== 0) throw new Error('16-bit table');
      const table = [...jpeg.subarray(i + 5, i + 5 + 64)];
      const scale = (table.reduce((a, b) => a + b, 0) * 100) / IJG_LUMINANCE.reduce((a, b) => a + b, 0);
      return Math.round((200 - scale) / 2);
    }
    i += 2 + length;
  }
  throw new Error('no quantisation table');
}

/** Whether a JPEG holds an EXIF segment (APP1 "Exif"). */
export function hasExif(jpeg: Buffer): boolean {
  return jpeg.includes(Buffer.from('Exif\0\0', 'latin1'));
}
