/**
 * For the tests that need a card (cards, accounts, the fuzz scene): what the attempts and photos modules do for
 * real — end an attempt with an outcome, save or remove a learner's photo — done directly on the tables.
 */
import type { AppContext } from '../../src/server/context.js';
import { issueCardIfPassed, issuePendingCardsFor } from '../../src/server/modules/cards/cards.service.js';
import { storeSavedPhoto } from '../../src/server/modules/photos/saved-photos.js';
import { drawnPortrait } from '../../src/server/modules/cards/portrait.js';
import { beforeAll } from 'vitest';
import { auditActions as auditOf } from './audit.js';
import type { DbKind } from './databases.js';
import { makeAdmin, makeAuthorizedScene } from './factories.js';
import { Client, testAppFor } from './test-app.js';

export async function endAttempt(
  ctx: AppContext,
  attemptId: string,
  outcome: 'passed' | 'failed',
  endedAt: Date = ctx.now(),
) {
  const started = new Date(endedAt.getTime() - 20 * 60_000);
  await ctx.db
    .updateTable('attempts')
    .set({
      state: 'submitted',
      started_at: started.toISOString(),
      deadline_at: new Date(started.getTime() + 30 * 60_000).toISOString(),
      ended_at: endedAt.toISOString(),
      score_points: outcome === 'passed' ? 7 : 3,
      max_points: 8,
      percentage: outcome === 'passed' ? 87.5 : 37.5,
      outcome,
    })
    .where('id', '=', attemptId)
    .execute();
}

/** As the attempts module will: the card is issued inside the transaction that ends the attempt. */
export async function issueAsAttemptsWould(ctx: AppContext, attemptId: string) {
  return ctx.db.transaction().execute((trx) => issueCardIfPassed(ctx, trx, attemptId));
}

/** A saved, cropped photo (encrypted as the photos module stores it); then, as it will, issues waiting cards. */
export async function savePhoto(
  ctx: AppContext,
  opts: { userId: string; servicePointId: string; operatorId: string; jpeg?: Buffer },
) {
  const jpeg = opts.jpeg ?? (await drawnPortrait('a'));
  return ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('photos').where('user_id', '=', opts.userId).execute();
    const photoId = await storeSavedPhoto(ctx, trx, { ...opts, jpeg, at: ctx.now() });
    const issued = await issuePendingCardsFor(ctx, trx, opts.userId);
    return { photoId, issued };
  });
}

/** « Retirer »: the photo is gone until another one is saved. */
export async function removePhoto(ctx: AppContext, userId: string) {
  await ctx.db.deleteFrom('photos').where('user_id', '=', userId).execute();
}

/** A learner who passed, with a photo saved before: their card is issued. */
export async function passedWithPhoto(ctx: AppContext, opts: Parameters<typeof makeAuthorizedScene>[1] = {}) {
  const scene = await makeAuthorizedScene(ctx, opts);
  await savePhoto(ctx, { userId: scene.learner.id, servicePointId: scene.sp.id, operatorId: scene.operator.id });
  await endAttempt(ctx, scene.attemptId, 'passed');
  const card = await issueAsAttemptsWould(ctx, scene.attemptId);
  return { ...scene, card: card! };
}

/**
 * What the cards' test files share, for the describe that calls it: its test app on `kind` and an administrator
 * (both made before its tests), a client signed in by login, and a learner's audited actions.
 */
export function cardsSetting(kind: DbKind) {
  const t = testAppFor(kind);
  // Filled in before the tests, so the describe may hold it as a constant.
  const admin = {} as Awaited<ReturnType<typeof makeAdmin>>;
  beforeAll(async () => {
    Object.assign(admin, await makeAdmin(t.ctx));
  });
  return {
    t,
    admin,
    signedIn: (login: string) => Client.signedIn(t.app, login),
    auditActions: (userId: string) => auditOf(t.ctx, userId),
  };
}
