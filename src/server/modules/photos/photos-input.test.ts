import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import {
  enrol,
  makeLearner,
  makeOperator,
  makeServicePoint,
  makeTraining,
} from '../../../../tests/support/factories.js';
import {
  fiftyMegapixelPng,
  gif,
  multipart,
  multipartWithoutFile,
  samplePhoto,
  smallJpeg,
} from '../../../../tests/support/images.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { MAX_MEGAPIXELS } from './image.js';

/** Bad input on every photo route, and who may reach them. */
describe.each(dbKinds())('the ID photo: bad input and isolation on %s', (kind) => {
  let t: TestApp;
  let sp: Awaited<ReturnType<typeof makeServicePoint>>;
  let op: Client;

  beforeAll(async () => {
    t = await createTestApp(kind);
    sp = await makeServicePoint(t.ctx);
    const operator = await makeOperator(t.ctx, sp.id);
    op = await Client.start(t.app);
    await op.signIn(operator.username);
  });
  afterAll(async () => t.close());

  async function learnerHere() {
    const l = await makeLearner(t.ctx, { firstName: 'Geneviève', lastName: 'Lavigne' });
    const training = await makeTraining(t.ctx);
    await enrol(t.ctx, l.id, training.trainingId, sp.id);
    return l;
  }
  const base = (id: string) => `/api/desk/learners/${id}/photo`;
  const upload = (c: Client, id: string, name: string, type: string, data: Buffer) =>
    c.request({ method: 'POST', url: base(id), ...multipart(name, type, data) });
  const stored = async (id: string) => t.ctx.db.selectFrom('photos').select('id').where('user_id', '=', id).execute();

  describe('refuses a file that cannot be an ID photo, with a clear French message, storing nothing', () => {
    const sample = samplePhoto();
    const cases: Array<[string, () => Promise<Buffer> | Buffer, string, number, string, string]> = [
      [
        'a text file named .jpg',
        () => Buffer.from('Ceci n’est pas une photo.\n'.repeat(50)),
        'photo.jpg',
        400,
        'invalid_image',
        'n’est pas une image valide',
      ],
      ['a GIF (neither JPEG nor PNG)', gif, 'photo.png', 400, 'invalid_image', 'JPEG ou PNG'],
      [
        'a truncated JPEG',
        () => sample.subarray(0, Math.floor(sample.length * 0.7)),
        'photo.jpg',
        400,
        'image_truncated',
        'incomplète ou endommagée',
      ],
      [
        'a 50-megapixel image',
        fiftyMegapixelPng,
        'grande.png',
        400,
        'image_too_many_pixels',
        `plus de ${MAX_MEGAPIXELS} mégapixels`,
      ],
      ['a picture too small to crop', () => smallJpeg(100, 120), 'mini.jpg', 400, 'image_too_small', '100 × 120 px'],
      [
        'a file over 10 MB',
        () => Buffer.concat([sample, Buffer.alloc(10 * 1024 * 1024 + 1, 7)]),
        'enorme.jpg',
        413,
        'file_too_large',
        '10 Mo au maximum',
      ],
    ];
    it.each(cases)('%s', async (_name, make, fileName, status, code, sentence) => {
      const l = await learnerHere();
      const res = await upload(op, l.id, fileName, 'image/jpeg', await make());
      expect(res.statusCode).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.message).toContain(sentence);
      expect(await stored(l.id)).toEqual([]);
    });

    it('a form without a file, or a JSON body', async () => {
      const l = await learnerHere();
      const none = await op.request({ method: 'POST', url: base(l.id), ...multipartWithoutFile() });
      expect(none.statusCode).toBe(400);
      expect(none.json().error.code).toBe('invalid_image');
      const json = await op.post(base(l.id), { photo: 'data:image/jpeg;base64,AAAA' });
      expect(json.statusCode).toBe(400);
      expect(await stored(l.id)).toEqual([]);
    });
  });

  describe('refuses a crop rectangle it cannot use (the picture is 1920 × 1280)', () => {
    let learnerId: string;
    beforeAll(async () => {
      const l = await learnerHere();
      learnerId = l.id;
      expect((await upload(op, l.id, 'a.jpg', 'image/jpeg', samplePhoto())).statusCode).toBe(200);
    });
    const cases: Array<[string, object, number, string, string]> = [
      [
        'outside the picture on the right',
        { x: 1700, y: 0, width: 350, height: 450 },
        400,
        'photo_crop_invalid',
        'sort de la photo',
      ],
      [
        'outside the picture at the bottom',
        { x: 0, y: 900, width: 350, height: 450 },
        400,
        'photo_crop_invalid',
        'sort de la photo',
      ],
      ['taller than the picture', { x: 0, y: 0, width: 1050, height: 1350 }, 400, 'photo_crop_invalid', 'sort'],
      ['negative', { x: -10, y: 0, width: 350, height: 450 }, 400, 'validation', 'x'],
      ['not 35:45', { x: 0, y: 0, width: 450, height: 450 }, 400, 'photo_crop_invalid', 'portrait 35:45'],
      ['too small', { x: 0, y: 0, width: 70, height: 90 }, 400, 'photo_crop_invalid', 'trop petit'],
      ['not whole pixels', { x: 0.5, y: 0, width: 350, height: 450 }, 400, 'validation', 'x'],
    ];
    it.each(cases)('%s', async (_name, rect, status, code, sentence) => {
      const res = await op.put(`${base(learnerId)}/crop`, rect);
      expect(res.statusCode).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.message).toContain(sentence);
      const row = await t.ctx.db
        .selectFrom('photos')
        .select(['crop', 'cropped_enc'])
        .where('user_id', '=', learnerId)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ crop: null, cropped_enc: null });
    });
    it('accepts the picture’s full height at 35:45, up to its edges', async () => {
      const res = await op.put(`${base(learnerId)}/crop`, { x: 1920 - 996, y: 0, width: 996, height: 1280 });
      expect(res.statusCode).toBe(200);
    });
  });

  it('an operator of another service point, or a learner not enrolled here: the same 404 as a missing learner, on every route', async () => {
    const l = await learnerHere();
    await upload(op, l.id, 'a.jpg', 'image/jpeg', samplePhoto());
    await op.put(`${base(l.id)}/crop`, { x: 0, y: 0, width: 350, height: 450 });
    const elsewhere = await makeServicePoint(t.ctx);
    const other = await makeOperator(t.ctx, elsewhere.id);
    const otherOp = await Client.start(t.app);
    await otherOp.signIn(other.username);
    const notHere = await makeLearner(t.ctx);

    const routes = (id: string) => [
      { method: 'GET' as const, url: base(id) },
      { method: 'POST' as const, url: base(id), ...multipart('a.jpg', 'image/jpeg', samplePhoto()) },
      { method: 'PUT' as const, url: `${base(id)}/crop`, payload: { x: 0, y: 0, width: 350, height: 450 } },
      { method: 'POST' as const, url: `${base(id)}/save`, payload: { checklist: {} } },
      { method: 'DELETE' as const, url: base(id) },
      { method: 'GET' as const, url: `${base(id)}/image?variant=original` },
      { method: 'GET' as const, url: `${base(id)}/image?variant=preview` },
      { method: 'GET' as const, url: `${base(id)}/image` },
    ];
    for (const [i, route] of routes('no-such-learner').entries()) {
      const missing = await otherOp.request(route);
      expect(missing.statusCode, route.url).toBe(404);
      for (const [client, id] of [
        [otherOp, l.id],
        [op, notHere.id],
        [op, 'no-such-learner'],
      ] as const) {
        const res = await client.request(routes(id)[i]!);
        expect(res.statusCode, `${route.method} ${route.url}`).toBe(404);
        expect(res.json()).toEqual(missing.json());
      }
    }
    // Nothing changed, nothing was read.
    expect(await stored(l.id)).toHaveLength(1);
    const actions = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_user_id', 'in', [l.id, notHere.id])
      .where('action', 'in', ['photo.viewed', 'photo.removed'])
      .execute();
    expect(actions).toEqual([]);
  });

  it('a learner gets 403 on every photo route, for themself, another learner or a missing one', async () => {
    const l = await learnerHere();
    const me = await makeLearner(t.ctx);
    const c = await Client.start(t.app);
    await c.signIn(me.username);
    for (const id of [l.id, me.id, 'no-such-learner']) {
      expect((await c.get(base(id))).statusCode).toBe(403);
      expect((await upload(c, id, 'a.jpg', 'image/jpeg', samplePhoto())).statusCode).toBe(403);
      expect((await c.put(`${base(id)}/crop`, { x: 0, y: 0, width: 350, height: 450 })).statusCode).toBe(403);
      expect((await c.post(`${base(id)}/save`, { checklist: {} })).statusCode).toBe(403);
      expect((await c.delete(base(id))).statusCode).toBe(403);
      expect((await c.get(`${base(id)}/image`)).statusCode).toBe(403);
      expect((await c.get(`/api/admin/learners/${id}/photo/image`)).statusCode).toBe(403);
    }
  });
});
