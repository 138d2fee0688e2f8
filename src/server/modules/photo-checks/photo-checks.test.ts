import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { makeLearner, makeOperator, makeServicePoint } from '../../../../tests/support/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type { PhotoCheckReply } from './photo-checks.schemas.js';

const fixture = (name: string) => readFileSync(`tests/fixtures/photos/${name}`);

function form(parts: { name: string; value: Buffer | string; filename?: string; type?: string }[]) {
  const boundary = 'vigiephotocheck';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const head = p.filename
      ? `Content-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'image/jpeg'}`
      : `Content-Disposition: form-data; name="${p.name}"`;
    chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`), Buffer.from(p.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A PNG whose header claims `width` × `height` pixels (valid chunks, no real pixel data behind them). */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  const out = Buffer.from(png);
  // IHDR data starts at byte 16 (8 signature + 4 length + 4 type); its CRC covers type + 13 data bytes.
  out.writeUInt32BE(width, 16);
  out.writeUInt32BE(height, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)), 29);
  return out;
}

describe.each(dbKinds())('photo checks route on %s', (kind) => {
  let t: TestApp;
  let operator: Client;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const sp = await makeServicePoint(t.ctx);
    const op = await makeOperator(t.ctx, sp.id);
    operator = await Client.start(t.app);
    await operator.signIn(op.username);
  });
  afterAll(async () => t.close());

  const check = (c: Client, parts: Parameters<typeof form>[0]) =>
    c.request({ method: 'POST', url: '/api/desk/photo-checks', ...form(parts) });

  it('checks a studio capture: one face, white background, a 35:45 crop proposed, sentences in French and English', async () => {
    const res = await check(operator, [{ name: 'image', value: fixture('b1-studio.jpg'), filename: 'photo.jpg' }]);
    expect(res.statusCode).toBe(200);
    const body = res.json<PhotoCheckReply>();
    const byCriterion = Object.fromEntries(body.verdicts.map((v) => [v.criterion, v]));
    expect(byCriterion.one_face?.status).toBe('pass');
    expect(byCriterion.background?.status).toBe('pass');
    expect(byCriterion.background?.message.fr).toBe('Arrière-plan blanc et uni');
    expect(byCriterion.head_in_frame?.status).toBe('pass');
    expect(byCriterion.resolution?.value).toBeGreaterThanOrEqual(120);
    // Framing is judged on a crop only.
    expect(byCriterion.centring).toBeUndefined();
    expect(body.cropProblem).toBeNull();
    const crop = body.proposedCrop!;
    expect(crop.width / crop.height).toBeCloseTo(35 / 45, 2);
    expect(crop.x + crop.width).toBeLessThanOrEqual(body.width);
    expect(crop.y + crop.height).toBeLessThanOrEqual(body.height);
    expect(body.timingMs).toBeGreaterThan(0);

    // The crop tool sends the proposed crop back: centring and head size pass on it.
    const again = await check(operator, [
      { name: 'image', value: fixture('b1-studio.jpg'), filename: 'photo.jpg' },
      { name: 'crop', value: JSON.stringify(crop) },
    ]);
    expect(again.statusCode).toBe(200);
    const onCrop = Object.fromEntries(again.json<PhotoCheckReply>().verdicts.map((v) => [v.criterion, v.status]));
    expect(onCrop).toMatchObject({ centring: 'pass', head_size: 'pass' });
    expect(onCrop.head_in_frame).toBeUndefined();

    // An off-centre crop fails and says what to do.
    const off = await check(operator, [
      { name: 'image', value: fixture('b1-studio.jpg'), filename: 'photo.jpg' },
      { name: 'crop', value: JSON.stringify({ ...crop, x: 0 }) },
    ]);
    const centring = off.json<PhotoCheckReply>().verdicts.find((v) => v.criterion === 'centring')!;
    expect(centring.status).toBe('fail');
    expect(centring.message.fr).toMatch(/^Visage décentré : recadrez/);
  });

  it('says what to change: background, tilt, too tight', async () => {
    const verdict = async (file: string, criterion: string) =>
      (await check(operator, [{ name: 'image', value: fixture(file), filename: file }]))
        .json<PhotoCheckReply>()
        .verdicts.find((v) => v.criterion === criterion)!;
    expect((await verdict('b1-cluttered-bg.jpg', 'background')).message.fr).toBe(
      'Arrière-plan non uniforme : placez la personne devant un mur blanc',
    );
    expect((await verdict('b2-rotated-20.jpg', 'pose')).message).toEqual({
      fr: 'Tête inclinée : redressez la tête',
      en: 'Head tilted: straighten the head',
    });
    const tight = await check(operator, [{ name: 'image', value: fixture('b2-too-tight.jpg'), filename: 't.jpg' }]);
    const body = tight.json<PhotoCheckReply>();
    expect(body.proposedCrop).toBeNull();
    expect(body.cropProblem?.code).toBe('step_back');
    expect(body.cropProblem?.message.fr).toMatch(/^Reculez l’appareil/);
  });

  it('answers with verdicts for no face, several faces, an all-white picture', async () => {
    for (const [file, message] of [
      ['two-faces.jpg', 'Plusieurs visages détectés'],
      ['no-face.jpg', 'Aucun visage détecté'],
      ['all-white.jpg', 'Aucun visage détecté'],
    ] as const) {
      const res = await check(operator, [{ name: 'image', value: fixture(file), filename: file }]);
      expect(res.statusCode, file).toBe(200);
      const oneFace = res.json<PhotoCheckReply>().verdicts.find((v) => v.criterion === 'one_face')!;
      expect(oneFace.status, file).toBe('fail');
      expect(oneFace.message.fr, file).toContain(message);
    }
  });

  it('reads a true black-and-white JPEG (one channel) and says to take a colour photo', async () => {
    const grey = await sharp(fixture('b1-studio.jpg')).toColourspace('b-w').jpeg().toBuffer();
    const res = await check(operator, [{ name: 'image', value: grey, filename: 'nb.jpg' }]);
    expect(res.statusCode).toBe(200);
    expect(res.json<PhotoCheckReply>().verdicts.find((v) => v.criterion === 'colour')).toMatchObject({
      status: 'fail',
      message: { fr: 'Photo en noir et blanc : prenez une photo en couleur' },
    });
  });

  it('refuses what is not a picture with a clear error, and keeps serving', async () => {
    const truncated = fixture('b1-studio.jpg').subarray(0, 5000);
    for (const [value, code, status] of [
      [Buffer.from('not an image at all'), 'invalid_image', 400],
      [truncated, 'image_truncated', 400],
      [await pngClaiming(20000, 20000), 'image_too_many_pixels', 400],
    ] as const) {
      const res = await check(operator, [{ name: 'image', value, filename: 'x.jpg' }]);
      expect(res.statusCode).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    const noFile = await check(operator, [{ name: 'crop', value: '{"x":0,"y":0,"width":10,"height":10}' }]);
    expect(noFile.json().error.code).toBe('invalid_image');
    const badCrop = await check(operator, [
      { name: 'image', value: fixture('b1-studio.jpg'), filename: 'p.jpg' },
      { name: 'crop', value: '{"x":0,"y":0,"width":99999,"height":10}' },
    ]);
    expect(badCrop.statusCode).toBe(400);
    expect(badCrop.json().error.field).toBe('crop');
    const big = await check(operator, [
      { name: 'image', value: Buffer.alloc(11 * 1024 * 1024, 1), filename: 'big.jpg' },
    ]);
    expect(big.statusCode).toBe(413);
    expect((await operator.get('/healthz')).statusCode).toBe(200);
  });

  it('is for operators only', async () => {
    const learner = await makeLearner(t.ctx);
    const c = await Client.start(t.app);
    expect((await check(c, [{ name: 'image', value: fixture('b1-studio.jpg'), filename: 'p.jpg' }])).statusCode).toBe(
      401,
    );
    await c.signIn(learner.username);
    expect((await check(c, [{ name: 'image', value: fixture('b1-studio.jpg'), filename: 'p.jpg' }])).statusCode).toBe(
      403,
    );
  });

  it('serves the browser its models and WebAssembly, and nothing else from those folders', async () => {
    const c = await Client.start(t.app);
    const model = await c.get('/vendor/human/models/blazeface.json');
    expect(model.statusCode).toBe(200);
    expect(model.headers['content-type']).toContain('application/json');
    expect(model.json()).toHaveProperty('weightsManifest');
    const wasm = await c.get('/vendor/human/wasm/tfjs-backend-wasm-simd.wasm');
    expect(wasm.statusCode).toBe(200);
    expect(wasm.headers['content-type']).toBe('application/wasm');
    expect(wasm.rawPayload.subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
    for (const url of [
      '/vendor/human/models/faceres.json',
      '/vendor/human/models/..%2f..%2fpackage.json',
      '/vendor/human/wasm/tfjs-backend-wasm.js',
    ])
      expect((await c.get(url)).statusCode, url).toBe(404);
  });
});
