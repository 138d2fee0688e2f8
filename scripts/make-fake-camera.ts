/**
 * A Y4M video for Chromium's fake camera (`--use-file-for-fake-video-capture`): one 1280 × 960 frame (looped by
 * Chromium) showing a portrait from the calibration set framed as the camera guidance asks — eyes near the
 * middle, head about 60 % of the height, on a white wall.
 *
 *   npx tsx scripts/make-fake-camera.ts [out.y4m] [portrait.jpg]
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';

export const FAKE_CAMERA_SIZE = { width: 1280, height: 960 };

/** Where the studio portraits of the calibration set put the eyes and how long T is (eyes to chin), in T units. */
const STUDIO = { mx: 1.6, my: 1.8, widthT: 3.2 };

export async function makeFakeCamera(
  out: string,
  portrait = 'tests/fixtures/photos/b1-studio.jpg',
  eyeY = 0.45,
  T = 0.3,
) {
  const { width: W, height: H } = FAKE_CAMERA_SIZE;
  const meta = await sharp(portrait).metadata();
  // The studio picture is 3.2·T wide: scale it so that T is the wanted share of the frame's height.
  const tPx = T * H;
  const k = (STUDIO.widthT * tPx) / meta.width!;
  const scaled = await sharp(portrait)
    .resize(Math.round(meta.width! * k), Math.round(meta.height! * k), { kernel: 'lanczos3' })
    .toBuffer();
  const sm = await sharp(scaled).metadata();
  const left = Math.round(W / 2 - STUDIO.mx * tPx);
  const top = Math.round(eyeY * H - STUDIO.my * tPx);
  // Cut what falls outside the frame, then place it on white.
  const cut = {
    left: Math.max(0, -left),
    top: Math.max(0, -top),
    width: Math.min(sm.width!, W - left) - Math.max(0, -left),
    height: Math.min(sm.height!, H - top) - Math.max(0, -top),
  };
  const framed = await sharp({ create: { width: W, height: H, channels: 3, background: '#ffffff' } })
    .composite([{ input: await sharp(scaled).extract(cut).toBuffer(), left: Math.max(0, left), top: Math.max(0, top) }])
    .png()
    .toBuffer();
  const { data, info } = await sharp(framed).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`fake camera: ${info.channels} channels`);
  // RGB → Y'CbCr 4:2:0, BT.601 studio range (what Chromium assumes for Y4M).
  const Y = Buffer.alloc(W * H);
  const U = Buffer.alloc((W / 2) * (H / 2));
  const V = Buffer.alloc((W / 2) * (H / 2));
  const px = (x: number, y: number) => {
    const i = (y * W + x) * 3;
    return [data[i]! / 255, data[i + 1]! / 255, data[i + 2]! / 255] as const;
  };
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const [r, g, b] = px(x, y);
      Y[y * W + x] = Math.round(16 + 65.481 * r + 128.553 * g + 24.966 * b);
    }
  for (let y = 0; y < H / 2; y++)
    for (let x = 0; x < W / 2; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const p = px(2 * x + dx, 2 * y + dy);
        r += p[0] / 4;
        g += p[1] / 4;
        b += p[2] / 4;
      }
      U[y * (W / 2) + x] = Math.round(128 - 37.797 * r - 74.203 * g + 112 * b);
      V[y * (W / 2) + x] = Math.round(128 + 112 * r - 93.786 * g - 18.214 * b);
    }
  writeFileSync(out, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F30:1 Ip A1:1 C420jpeg\nFRAME\n`), Y, U, V]));
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = await makeFakeCamera(process.argv[2] ?? 'tmp/fake-camera.y4m', process.argv[3]);
  console.log(`Fake camera video written to ${out}`);
}
