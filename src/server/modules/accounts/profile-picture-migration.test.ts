import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { makeLearner } from '../../../../tests/support/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { openProfilePictures, sealProfilePictures } from '../../db/migrations/0023_accounts_hardening.js';

describe.each(dbKinds())('migration 0023 on %s: profile pictures stored before it', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.close());

  const stored = async (id: string) =>
    Buffer.from(
      (await t.ctx.db.selectFrom('users').select('profile_picture').where('id', '=', id).executeTakeFirstOrThrow())
        .profile_picture!,
    );

  it('encrypts every clear picture, which reads back as it was; down opens them again', async () => {
    const l = await makeLearner(t.ctx);
    const without = await makeLearner(t.ctx);
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#aa3366' } })
      .jpeg()
      .toBuffer();
    await t.ctx.db
      .updateTable('users')
      .set({ profile_picture: jpeg, profile_picture_type: 'image/jpeg' })
      .where('id', '=', l.id)
      .execute();

    expect(await sealProfilePictures(t.ctx.db, t.ctx.secrets)).toBe(1);
    expect((await stored(l.id)).equals(jpeg)).toBe(false);
    expect(t.ctx.secrets.decrypt(await stored(l.id)).equals(jpeg)).toBe(true);
    const c = await Client.start(t.app);
    await c.signIn(l.username);
    expect((await c.get('/api/account/profile/picture')).rawPayload.equals(jpeg)).toBe(true);
    const none = await t.ctx.db
      .selectFrom('users')
      .select('profile_picture')
      .where('id', '=', without.id)
      .executeTakeFirstOrThrow();
    expect(none.profile_picture).toBeNull();

    expect(await openProfilePictures(t.ctx.db, t.ctx.secrets)).toBe(1);
    expect((await stored(l.id)).equals(jpeg)).toBe(true);
  });
});
