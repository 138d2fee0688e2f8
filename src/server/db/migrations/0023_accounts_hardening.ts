import type { Kysely } from 'kysely';
import { loadConfig } from '../../config.js';
import { Secrets } from '../../crypto.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time */
/**
 * Issue 14, accounts:
 * - sign-in failures are counted per account *and* client address (the throttle an outsider cannot turn
 *   against the owner), so each failure keeps the address it came from;
 * - profile pictures are encrypted at rest like ID photos (AES-256-GCM under the key derived from
 *   VIGIE_SECRET): the clear ones stored before are encrypted here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('login_failures').addColumn('ip', 'text').execute();
  await db.schema
    .createIndex('login_failures_user_ip_at')
    .on('login_failures')
    .columns(['user_id', 'ip', 'at'])
    .execute();
  // Only when there is something to encrypt: a new database (and every test's) needs no key. The key is the
  // one the server and the command line derive from the same environment, read the same way.
  if (await anyPicture(db)) await sealProfilePictures(db, new Secrets(loadConfig().secret));
}

export async function down(db: Kysely<any>): Promise<void> {
  if (await anyPicture(db)) await openProfilePictures(db, new Secrets(loadConfig().secret));
  await db.schema.dropIndex('login_failures_user_ip_at').execute();
  await db.schema.alterTable('login_failures').dropColumn('ip').execute();
}

async function anyPicture(db: Kysely<any>) {
  return !!(await db.selectFrom('users').select('id').where('profile_picture', 'is not', null).executeTakeFirst());
}

/** Rewrites every stored picture through `change`, a page of rows at a time (pictures are ~20 KB each). */
async function rewritePictures(db: Kysely<any>, change: (picture: Buffer) => Buffer): Promise<number> {
  let after = '';
  let count = 0;
  for (;;) {
    const rows: { id: string; profile_picture: Uint8Array }[] = await db
      .selectFrom('users')
      .select(['id', 'profile_picture'])
      .where('profile_picture', 'is not', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(200)
      .execute();
    if (rows.length === 0) return count;
    for (const row of rows) {
      await db
        .updateTable('users')
        .set({ profile_picture: change(Buffer.from(row.profile_picture)) })
        .where('id', '=', row.id)
        .execute();
      count++;
    }
    after = rows.at(-1)!.id;
  }
}

/** Encrypts every profile picture (stored in clear before this migration); returns how many. */
export function sealProfilePictures(db: Kysely<any>, secrets: Secrets): Promise<number> {
  return rewritePictures(db, (picture) => secrets.encrypt(picture));
}

/** The reverse, for `down`. */
export function openProfilePictures(db: Kysely<any>, secrets: Secrets): Promise<number> {
  return rewritePictures(db, (picture) => secrets.decrypt(picture));
}
