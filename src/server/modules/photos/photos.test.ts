import { existsSync, readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { learnerEnrolledAt, openDesk } from '../../../../tests/support/desk.js';
import { makeAdmin, makeServicePoint } from '../../../../tests/support/factories.js';
import {
  hasExif,
  jpegQuality,
  multipart,
  pngWithAlpha,
  rotatedJpegWithExif,
  samplePhoto,
} from '../../../../tests/support/images.js';
import { Client, type TestApp } from '../../../../tests/support/test-app.js';
import { destroyExpiredPhotos, photoStatus, savedPhotoOf } from './saved-photos.js';

const ALL_TICKED = { whiteBackground: true, noHeadwear: true, noSunglasses: true, eyesOpen: true, faceCentred: true };
/** The sample is a group photo in a room: its crops fail the automatic check, so saving needs the operator's reason. */
const OVERRIDE = 'Vérifié à l’œil : la vérification automatique se trompe';
const SAVE_ANYWAY = { checklist: ALL_TICKED, overrideReason: OVERRIDE };

describe.each(dbKinds())('the ID photo on %s', (kind) => {
  let t: TestApp;
  let sp: Awaited<ReturnType<typeof makeServicePoint>>;
  let op: Client;
  let operatorId: string;

  beforeAll(async () => {
    ({ t, sp, op, operatorId } = await openDesk(kind));
  });
  afterAll(async () => t.close());

  const learnerHere = (firstName = 'Geneviève', lastName = 'Lavigne') =>
    learnerEnrolledAt(t.ctx, sp.id, firstName, lastName);
  const base = (id: string) => `/api/desk/learners/${id}/photo`;
  const upload = (c: Client, id: string, name: string, type: string, data: Buffer) =>
    c.request({ method: 'POST', url: base(id), ...multipart(name, type, data) });
  async function actions(subject: string) {
    const rows = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'payload', 'actor_id', 'service_point_id'])
      .where('subject_user_id', '=', subject)
      .where('action', 'like', 'photo.%')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as Record<string, unknown> }));
  }

  it('« Transférer »: orients the picture, strips its metadata, names it LastnameFirstname, stores it encrypted', async () => {
    const l = await learnerHere();
    const res = await upload(op, l.id, 'IMG_0042.JPG', 'image/jpeg', await rotatedJpegWithExif());
    expect(res.statusCode).toBe(200);
    const photo = res.json().photo;
    expect(photo).toMatchObject({
      state: 'uploaded',
      fileName: 'LavigneGenevieve',
      width: 900,
      height: 1200,
      crop: null,
      hasOriginal: true,
      hasPreview: false,
      uploadedBy: { id: operatorId, name: 'Olivier Opérateur' },
      savedAt: null,
    });

    const img = await op.get(`${base(l.id)}/image?variant=original`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect(img.headers['cache-control']).toContain('no-store');
    const meta = await sharp(img.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([900, 1200]);
    expect(meta.orientation).toBeUndefined();
    expect(hasExif(img.rawPayload)).toBe(false);
    expect(img.rawPayload.includes('Proprietaire Secret')).toBe(false);
    // The red band stored on the left edge is now along the top.
    // (sharp's stats() ignores a pending extract: render the patch first.)
    const patch = await sharp(img.rawPayload).extract({ left: 400, top: 20, width: 10, height: 10 }).toBuffer();
    const top = await sharp(patch).stats();
    expect(top.channels[0]!.mean).toBeGreaterThan(180);
    expect(top.channels[1]!.mean).toBeLessThan(60);

    const row = await t.ctx.db.selectFrom('photos').selectAll().where('user_id', '=', l.id).executeTakeFirstOrThrow();
    const sealed = Buffer.from(row.original_enc!);
    expect(sealed.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
    expect(t.ctx.secrets.decrypt(sealed).equals(img.rawPayload)).toBe(true);
    expect((await actions(l.id)).map((a) => [a.action, a.payload])).toEqual([
      ['photo.uploaded', { photoId: photo.id, fileName: 'LavigneGenevieve' }],
      ['photo.viewed', { photoId: photo.id, variant: 'original' }],
    ]);
  });

  it('sniffs the real type: a PNG named .gif is accepted, its transparency flattened on white', async () => {
    const l = await learnerHere('Éric', "D'Amour-Côté");
    const res = await upload(op, l.id, 'photo.gif', 'image/gif', await pngWithAlpha());
    expect(res.statusCode).toBe(200);
    expect(res.json().photo).toMatchObject({ fileName: 'DAmourCoteEric', width: 700, height: 900 });
  });

  it('crop, « Recadrer la photo », checklist, « Enregistrer »: a 413 × 531 JPEG, original destroyed, then only « Retirer »', async () => {
    const l = await learnerHere();
    const up = (await upload(op, l.id, 'camera.jpg', 'image/jpeg', samplePhoto())).json().photo;
    expect([up.width, up.height]).toEqual([1920, 1280]);

    // Saving before cropping is refused.
    const early = await op.post(`${base(l.id)}/save`, { checklist: ALL_TICKED });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('photo_not_cropped');

    const first = await op.put(`${base(l.id)}/crop`, { x: 100, y: 50, width: 350, height: 450 });
    expect(first.statusCode).toBe(200);
    expect(first.json().photo).toMatchObject({ crop: { x: 100, y: 50, width: 350, height: 450 }, hasPreview: true });
    const preview1 = (await op.get(`${base(l.id)}/image?variant=preview`)).rawPayload;
    expect(await sharp(preview1).metadata()).toMatchObject({ width: 413, height: 531, format: 'jpeg' });

    // « Recadrer la photo »: from the original again, the ratio tolerating a pixel of rounding.
    const again = await op.put(`${base(l.id)}/crop`, { x: 1300, y: 200, width: 467, height: 600 });
    expect(again.statusCode).toBe(200);
    const preview2 = (await op.get(`${base(l.id)}/image?variant=preview`)).rawPayload;
    expect(preview2.equals(preview1)).toBe(false);

    const partial = await op.post(`${base(l.id)}/save`, {
      checklist: { ...ALL_TICKED, noSunglasses: false, eyesOpen: false },
    });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().error).toMatchObject({ code: 'photo_checklist_incomplete', field: 'checklist' });
    expect(partial.json().error.message).toContain('ni lunettes de soleil ni verres teintés, yeux ouverts');
    expect(partial.json().error.details.missing).toEqual(['noSunglasses', 'eyesOpen']);

    // Clock moves stay in the past of the sessions' last use, so no session times out meanwhile.
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 - 10 * 86_400_000);
    t.clock.freezeAt(at);
    // The automatic check of the crop failed criteria: the decision is the operator's, with a reason.
    const unexplained = await op.post(`${base(l.id)}/save`, { checklist: ALL_TICKED });
    expect(unexplained.statusCode).toBe(409);
    expect(unexplained.json().error).toMatchObject({ code: 'photo_override_required', field: 'overrideReason' });
    const failed = unexplained.json().error.details.failed as string[];
    expect(failed).toContain('background');
    expect(unexplained.json().error.message).toContain('arrière-plan blanc uni');
    expect((await op.post(`${base(l.id)}/save`, { checklist: ALL_TICKED, overrideReason: '   ' })).statusCode).toBe(
      409,
    );
    const saved = await op.post(`${base(l.id)}/save`, SAVE_ANYWAY);
    expect(saved.statusCode).toBe(200);
    const days = t.ctx.config.photoRetentionDays;
    expect(saved.json().photo).toMatchObject({
      state: 'saved',
      hasOriginal: false,
      hasPreview: false,
      checklist: ALL_TICKED,
      overrideReason: OVERRIDE,
      savedAt: at.toISOString(),
      retainUntil: new Date(at.getTime() + days * 86_400_000).toISOString(),
    });
    expect(saved.json().photo.checks.crop).toMatchObject({ rect: { x: 1300, y: 200, width: 467, height: 600 } });
    const savedAudit = (await actions(l.id)).find((a) => a.action === 'photo.saved')!;
    expect(savedAudit.payload).toMatchObject({ failedChecks: failed, overrideReason: OVERRIDE });

    const final = await op.get(`${base(l.id)}/image?variant=final`);
    expect(final.statusCode).toBe(200);
    expect(await sharp(final.rawPayload).metadata()).toMatchObject({
      width: 413,
      height: 531,
      format: 'jpeg',
      density: 300,
    });
    expect(hasExif(final.rawPayload)).toBe(false);
    expect(jpegQuality(final.rawPayload)).toBeGreaterThanOrEqual(90);
    expect(final.rawPayload.equals(preview2)).toBe(true);

    const row = await t.ctx.db.selectFrom('photos').selectAll().where('user_id', '=', l.id).executeTakeFirstOrThrow();
    expect(row.original_enc).toBeNull();
    expect(row.state).toBe('saved');
    for (const variant of ['original', 'preview'])
      expect((await op.get(`${base(l.id)}/image?variant=${variant}`)).statusCode).toBe(404);

    // After the final save only « Retirer » remains.
    expect((await op.put(`${base(l.id)}/crop`, { x: 0, y: 0, width: 350, height: 450 })).json().error.code).toBe(
      'photo_already_saved',
    );
    expect((await op.post(`${base(l.id)}/save`, SAVE_ANYWAY)).statusCode).toBe(409);
    const replace = await upload(op, l.id, 'autre.jpg', 'image/jpeg', samplePhoto());
    expect(replace.statusCode).toBe(409);
    expect(replace.json().error.message).toContain('« Retirer »');

    expect((await savedPhotoOf(t.ctx, l.id))?.jpeg.equals(final.rawPayload)).toBe(true);
    expect(await photoStatus(t.ctx, l.id)).toEqual({ saved: true, photoId: up.id, savedAt: at.toISOString() });

    const removed = await op.delete(base(l.id));
    expect(removed.statusCode).toBe(200);
    expect((await op.get(base(l.id))).json()).toEqual({ photo: null });
    expect(await savedPhotoOf(t.ctx, l.id)).toBeNull();
    expect((await op.delete(base(l.id))).statusCode).toBe(404);

    expect((await actions(l.id)).map((a) => `${a.action}${a.payload.variant ? ':' + a.payload.variant : ''}`)).toEqual([
      'photo.uploaded',
      'photo.cropped',
      'photo.viewed:preview',
      'photo.cropped',
      'photo.viewed:preview',
      'photo.saved',
      'photo.viewed:final',
      'photo.removed',
    ]);
    t.clock.unfreeze(); // the later tests of this file run at the real time
  });

  it('checks the upload and proposes the crop, checks the crop again; a compliant crop saves without a reason', async () => {
    const l = await learnerHere();
    const studio = readFileSync('tests/fixtures/photos/b1-studio.jpg');
    const up = (await upload(op, l.id, 'studio.jpg', 'image/jpeg', studio)).json().photo;
    const verdict = (list: { criterion: string; status: string }[], c: string) => list.find((v) => v.criterion === c);
    expect(verdict(up.checks.upload.verdicts, 'one_face')?.status).toBe('pass');
    expect(verdict(up.checks.upload.verdicts, 'background')?.status).toBe('pass');
    expect(verdict(up.checks.upload.verdicts, 'centring')).toBeUndefined();
    expect(up.checks.crop).toBeNull();
    const proposed = up.checks.upload.proposedCrop;
    expect(proposed.width / proposed.height).toBeCloseTo(35 / 45, 2);

    // The crop tool opens on the proposed crop; applied as is, it is checked again: centred, head size right.
    const cropped = (await op.put(`${base(l.id)}/crop`, proposed)).json().photo;
    expect(cropped.checks.crop.rect).toEqual(proposed);
    expect(verdict(cropped.checks.crop.verdicts, 'centring')?.status).toBe('pass');
    expect(verdict(cropped.checks.crop.verdicts, 'head_size')?.status).toBe('pass');
    expect(cropped.checks.upload).toEqual(up.checks.upload);
    expect(cropped.checks.crop.verdicts.filter((v: { status: string }) => v.status === 'fail')).toEqual([]);

    const saved = await op.post(`${base(l.id)}/save`, { checklist: ALL_TICKED, overrideReason: 'inutile' });
    expect(saved.statusCode).toBe(200);
    // Nothing failed: no override is recorded, whatever was sent.
    expect(saved.json().photo.overrideReason).toBeNull();
    expect((await actions(l.id)).find((a) => a.action === 'photo.saved')?.payload).not.toHaveProperty('overrideReason');

    // An off-centre crop of the same picture fails centring.
    const m = await learnerHere('Lan', 'Ng');
    await upload(op, m.id, 'studio.jpg', 'image/jpeg', studio);
    const off = (await op.put(`${base(m.id)}/crop`, { ...proposed, x: 0 })).json().photo;
    expect(verdict(off.checks.crop.verdicts, 'centring')).toMatchObject({
      status: 'fail',
      message: { fr: expect.stringMatching(/^Visage décentré/) },
    });
  });

  it('a new upload replaces an unsaved one (one photo per learner)', async () => {
    const l = await learnerHere();
    const a = (await upload(op, l.id, 'a.jpg', 'image/jpeg', samplePhoto())).json().photo;
    await op.put(`${base(l.id)}/crop`, { x: 0, y: 0, width: 350, height: 450 });
    const b = (await upload(op, l.id, 'b.png', 'image/png', await pngWithAlpha())).json().photo;
    expect(b.id).not.toBe(a.id);
    expect(b).toMatchObject({ crop: null, hasPreview: false, width: 700 });
    const rows = await t.ctx.db.selectFrom('photos').select('id').where('user_id', '=', l.id).execute();
    expect(rows).toEqual([{ id: b.id }]);
    expect((await actions(l.id)).map((x) => [x.action, x.payload.photoId])).toEqual([
      ['photo.uploaded', a.id],
      ['photo.cropped', a.id],
      ['photo.removed', a.id],
      ['photo.uploaded', b.id],
    ]);
  });

  it('no picture is stored in clear anywhere in the database', async () => {
    const l = await learnerHere();
    await upload(op, l.id, 'a.jpg', 'image/jpeg', samplePhoto());
    await op.put(`${base(l.id)}/crop`, { x: 600, y: 100, width: 700, height: 900 });
    const original = (await op.get(`${base(l.id)}/image?variant=original`)).rawPayload;
    const preview = (await op.get(`${base(l.id)}/image?variant=preview`)).rawPayload;
    const pieces = [original, preview].flatMap((b) => [
      b.subarray(2000, 2064),
      b.subarray(b.length - 600, b.length - 536),
    ]);
    let stored: Buffer;
    if (t.database.sqliteFile) {
      stored = Buffer.concat(
        [t.database.sqliteFile, `${t.database.sqliteFile}-wal`].filter(existsSync).map((f) => readFileSync(f)),
      );
    } else {
      const rows = await t.ctx.db.selectFrom('photos').select(['original_enc', 'cropped_enc']).execute();
      stored = Buffer.concat(
        rows
          .flatMap((r) => [r.original_enc, r.cropped_enc])
          .filter((b) => b !== null)
          .map((b) => Buffer.from(b)),
      );
      expect(stored.length).toBeGreaterThan(original.length);
    }
    for (const piece of pieces) expect(stored.includes(piece)).toBe(false);
  });

  it('administrators read the saved photo through their own route, audited; never on the public profile', async () => {
    const l = await learnerHere();
    await upload(op, l.id, 'a.jpg', 'image/jpeg', samplePhoto());
    await op.put(`${base(l.id)}/crop`, { x: 100, y: 50, width: 350, height: 450 });
    expect((await op.post(`${base(l.id)}/save`, SAVE_ANYWAY)).statusCode).toBe(200);
    const admin = await makeAdmin(t.ctx);
    const ac = await Client.start(t.app);
    await ac.signIn(admin.username);
    // The desk is for operators.
    expect((await ac.get(`${base(l.id)}/image`)).statusCode).toBe(403);
    const img = await ac.get(`/api/admin/learners/${l.id}/photo/image`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['cache-control']).toContain('no-store');
    expect((await sharp(img.rawPayload).metadata()).width).toBe(413);
    expect((await ac.get(`/api/admin/learners/${l.id}/photo`)).json().photo.state).toBe('saved');
    const viewed = (await actions(l.id)).filter((a) => a.action === 'photo.viewed');
    expect(viewed.at(-1)).toMatchObject({ actor_id: admin.id, service_point_id: null, payload: { variant: 'final' } });
    // Operators do not reach the administrators' route.
    expect((await op.get(`/api/admin/learners/${l.id}/photo/image`)).statusCode).toBe(403);

    // The learner's public profile picture is a different thing, untouched.
    const self = await Client.start(t.app);
    await self.signIn(l.username);
    expect((await self.get('/api/account/profile/picture')).statusCode).toBe(404);
    expect((await self.get(`${base(l.id)}/image`)).statusCode).toBe(403);
  });

  it('destroys saved photos past their retention date and uploads left unsaved for a day, audited', async () => {
    const kept = await learnerHere();
    const old = await learnerHere();
    const abandoned = await learnerHere();
    const day0 = Math.floor(Date.now() / 86_400_000 - 30) * 86_400_000;
    const hours = (h: number) => new Date(day0 + h * 3_600_000);
    t.clock.freezeAt(hours(12));
    for (const l of [kept, old]) {
      await upload(op, l.id, 'a.jpg', 'image/jpeg', samplePhoto());
      await op.put(`${base(l.id)}/crop`, { x: 100, y: 50, width: 350, height: 450 });
    }
    expect((await op.post(`${base(old.id)}/save`, SAVE_ANYWAY)).statusCode).toBe(200);
    await upload(op, abandoned.id, 'a.jpg', 'image/jpeg', samplePhoto());
    t.clock.freezeAt(hours(20));
    expect(await destroyExpiredPhotos(t.ctx)).toBe(0);
    expect((await op.post(`${base(kept.id)}/save`, SAVE_ANYWAY)).statusCode).toBe(200);

    t.clock.freezeAt(hours(24 + 13));
    // (Unsaved uploads of the earlier tests of this file go too.)
    expect(await destroyExpiredPhotos(t.ctx)).toBeGreaterThanOrEqual(1);
    expect(await savedPhotoOf(t.ctx, old.id)).not.toBeNull();
    expect((await op.get(base(abandoned.id))).json().photo).toBeNull();
    expect((await actions(abandoned.id)).at(-1)).toMatchObject({
      action: 'photo.destroyed',
      actor_id: null,
      payload: { reason: 'unsaved' },
    });

    const days = t.ctx.config.photoRetentionDays;
    t.clock.freezeAt(hours(days * 24 + 13));
    expect(await destroyExpiredPhotos(t.ctx)).toBeGreaterThanOrEqual(1);
    expect(await savedPhotoOf(t.ctx, old.id)).toBeNull();
    expect(await savedPhotoOf(t.ctx, kept.id)).not.toBeNull();
    expect((await actions(old.id)).at(-1)).toMatchObject({
      action: 'photo.destroyed',
      payload: { reason: 'retention' },
    });
  });
});
