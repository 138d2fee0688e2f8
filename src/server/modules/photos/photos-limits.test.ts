import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import {
  enrol,
  makeLearner,
  makeOperator,
  makeServicePoint,
  makeTraining,
  markReady,
} from '../../../../tests/support/factories.js';
import { multipart, samplePhoto } from '../../../../tests/support/images.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { DecodeGate } from './decode-gate.js';
import { MAX_MEGAPIXELS } from './image.js';

/** A plain PNG of `mp` megapixels: small on the wire, large decoded. */
async function plainPng(mp: number): Promise<Buffer> {
  const side = Math.ceil(Math.sqrt(mp * 1_000_000));
  return sharp({ create: { width: side, height: side, channels: 3, background: '#ffffff' } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** Issue 14: what one upload may cost the server, and how often. */
describe.each(dbKinds())('photo upload limits on %s', (kind) => {
  let t: TestApp;
  let sp: Awaited<ReturnType<typeof makeServicePoint>>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    sp = await makeServicePoint(t.ctx);
  });
  afterAll(async () => t.close());

  async function operator() {
    const o = await makeOperator(t.ctx, sp.id);
    const c = await Client.start(t.app);
    await c.signIn(o.username);
    return { ...o, client: c };
  }
  async function learnerHere() {
    const l = await makeLearner(t.ctx);
    const training = await makeTraining(t.ctx);
    await enrol(t.ctx, l.id, training.trainingId, sp.id);
    return l;
  }
  const upload = (c: Client, learnerId: string, data: Buffer, name = 'photo.png') =>
    c.request({ method: 'POST', url: `/api/desk/learners/${learnerId}/photo`, ...multipart(name, 'image/png', data) });

  it('refuses a picture over the pixel cap (an ID photo needs a few megapixels), before decoding it', async () => {
    expect(MAX_MEGAPIXELS).toBeLessThanOrEqual(24);
    const op = await operator();
    const l = await learnerHere();
    const res = await upload(op.client, l.id, await plainPng(30));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'image_too_many_pixels', field: 'photo' });
    expect(res.json().error.message).toContain(`plus de ${MAX_MEGAPIXELS} mégapixels`);
  });

  it('a saved photo refuses the upload before the file is even looked at', async () => {
    const op = await operator();
    const l = await learnerHere();
    await markReady(t.ctx, l.id, sp.id, op.id);
    // Not an image at all: refused for the photo's state, not for the file (it was never decoded).
    const res = await upload(op.client, l.id, Buffer.from('pas une image'.repeat(100)), 'x.jpg');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('photo_already_saved');
  });

  it('one decode at a time per operator: a second upload while the first is decoded is refused', async () => {
    const op = await operator();
    const [a, b] = [await learnerHere(), await learnerHere()];
    const big = await plainPng(20);
    const answers = await Promise.all([upload(op.client, a.id, big), upload(op.client, b.id, big)]);
    const codes = answers.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 429]);
    expect(answers.find((r) => r.statusCode === 429)!.json().error.code).toBe('rate_limited');
    // Another operator is not held up by the first one's decode.
    const other = await operator();
    expect((await upload(other.client, (await learnerHere()).id, samplePhoto(), 'p.jpg')).statusCode).toBe(200);
  });

  it('the upload route is rate-limited per operator', async () => {
    const op = await operator();
    const l = await learnerHere();
    const junk = Buffer.from('pas une image'.repeat(100));
    let limited: number | null = null;
    for (let i = 0; i < 40 && limited === null; i++) {
      const res = await upload(op.client, l.id, junk, 'x.jpg');
      if (res.statusCode === 429) limited = i;
      else expect(res.json().error.code).toBe('invalid_image');
    }
    expect(limited).not.toBeNull();
    expect(limited!).toBeLessThanOrEqual(20);
  });
});

describe('the decode gate', () => {
  const deferred = () => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  };

  it('runs at most `concurrency` at once, queues a bounded number, refuses the rest and a user’s second', async () => {
    const gate = new DecodeGate({ concurrency: 2, maxWaiting: 1 });
    const holds = [deferred(), deferred(), deferred()];
    let running = 0;
    let most = 0;
    const job = (i: number) => async () => {
      running++;
      most = Math.max(most, running);
      await holds[i]!.promise;
      running--;
      return i;
    };
    const first = gate.run('u1', job(0));
    await expect(gate.run('u1', job(1))).rejects.toMatchObject({ code: 'rate_limited' });
    const second = gate.run('u2', job(1));
    const third = gate.run('u3', job(2)); // waits
    await expect(gate.run('u4', job(2))).rejects.toMatchObject({ code: 'rate_limited' }); // queue full
    await new Promise((r) => setImmediate(r));
    expect(running).toBe(2);
    holds[0]!.resolve();
    expect(await first).toBe(0);
    holds[1]!.resolve();
    holds[2]!.resolve();
    expect(await Promise.all([second, third])).toEqual([1, 2]);
    expect(most).toBe(2);
    // A failure frees its place and its user.
    await expect(
      gate.run('u1', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await gate.run('u1', async () => 'again')).toBe('again');
  });
});
