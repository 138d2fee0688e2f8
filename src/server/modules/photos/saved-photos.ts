import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import { newId } from '../../crypto.js';
import type { Database } from '../../db/schema.js';
import * as audit from '../audit/audit.service.js';
import * as repo from './photos.repo.js';

/**
 * The saved photo as other modules ask for it (authorizing an exam, the attestation card, the demo), and how
 * long photos are kept. The desk's work on a photo (upload, crop, save) is photos.service.ts.
 */

/** An upload left unsaved is destroyed after this long: the original is kept only until the crop is saved. */
const UNSAVED_HOURS = 24;

/** The day a photo saved at `at` is destroyed (PHOTO_RETENTION_DAYS later). */
export function retentionEnd(ctx: AppContext, at: Date): string {
  return new Date(at.getTime() + ctx.config.photoRetentionDays * 86_400_000).toISOString();
}

/** The decrypted final photo, for the attestation card. The caller records its own audit row. */
export async function savedPhotoOf(ctx: AppContext, learnerId: string): Promise<{ id: string; jpeg: Buffer } | null> {
  const row = await repo.photoWithImages(ctx.db, learnerId);
  if (!row || row.state !== 'saved' || !row.cropped_enc) return null;
  return { id: row.id, jpeg: ctx.secrets.decrypt(row.cropped_enc) };
}

/**
 * The id of the learner's saved photo, read within the caller's transaction (a card is issued inside the transaction
 * that ends the attempt or saves the photo: on SQLite a query outside it would wait); null when none is saved.
 */
export async function savedPhotoIdIn(trx: Transaction<Database>, learnerId: string): Promise<string | null> {
  return (await repo.savedPhotoId(trx, learnerId)) ?? null;
}

/**
 * Stores a saved, cropped 413 × 531 ID photo as one, in the caller's transaction: encrypted at rest, kept until its
 * retention date, no audit row (the demo's portrait and the tests' scenes; an operator saves through savePhoto).
 */
export async function storeSavedPhoto(
  ctx: AppContext,
  trx: Transaction<Database>,
  opts: { userId: string; servicePointId: string; operatorId: string; jpeg: Buffer; at: Date; fileName?: string },
): Promise<string> {
  const id = newId();
  const at = opts.at.toISOString();
  await repo.insertPhoto(trx, {
    id,
    user_id: opts.userId,
    state: 'saved',
    file_name: opts.fileName ?? 'Portrait.jpg',
    original_enc: null,
    original_width: 413,
    original_height: 531,
    cropped_enc: ctx.secrets.encrypt(opts.jpeg),
    crop: JSON.stringify({ x: 0, y: 0, width: 413, height: 531 }),
    checks: null,
    checklist: null,
    override_reason: null,
    uploaded_by: opts.operatorId,
    service_point_id: opts.servicePointId,
    created_at: at,
    saved_at: at,
    retain_until: retentionEnd(ctx, opts.at),
  });
  return id;
}

/** Whether the learner's photo is saved, without the picture (for authorizing an exam). */
export async function photoStatus(
  ctx: AppContext,
  learnerId: string,
): Promise<{ saved: boolean; photoId: string | null; savedAt: string | null }> {
  const row = await repo.photoOf(ctx.db, learnerId);
  return { saved: row?.state === 'saved', photoId: row?.id ?? null, savedAt: row?.saved_at ?? null };
}

/**
 * Destroys saved photos past their retention date and uploads left unsaved for a day, each recorded in the
 * audit log. Safe on several instances at once: a photo another instance already deleted is skipped.
 */
export async function destroyExpiredPhotos(ctx: AppContext): Promise<number> {
  const now = ctx.now();
  const unsavedBefore = new Date(now.getTime() - UNSAVED_HOURS * 3_600_000).toISOString();
  let destroyed = 0;
  for (;;) {
    const batch = await repo.expiredPhotos(ctx.db, now.toISOString(), unsavedBefore, 100);
    if (batch.length === 0) return destroyed;
    for (const p of batch) {
      await ctx.db.transaction().execute(async (trx) => {
        if (!(await repo.deletePhoto(trx, p.id))) return;
        destroyed++;
        await audit.record(ctx, trx, {
          action: 'photo.destroyed',
          actorId: null,
          subjectUserId: p.user_id,
          servicePointId: p.service_point_id,
          payload: { photoId: p.id, reason: p.state === 'saved' ? 'retention' : 'unsaved' },
        });
      });
    }
  }
}
