import { forgetUserSessions } from './modules/accounts/sessions.service.js';
import { attemptsHooks, type AttemptsHooks } from './modules/attempts/attempts.hooks.js';
import { issueCardIfPassed, issuePendingCardsFor } from './modules/cards/cards.service.js';
import { photosHooks, type PhotosHooks } from './modules/photos/photos.hooks.js';
import { servicePointsHooks, type ServicePointsHooks } from './modules/service-points/service-points.hooks.js';

/** Every module's hooks: one set per context (AppContext.hooks). */
export type ModuleHooks = AttemptsHooks & PhotosHooks & ServicePointsHooks;

/**
 * Who reacts to whom, in one place. A module that must react to another's change registers here; the module
 * that changes runs its hooks and never imports the one that reacts (no cycle between modules,
 * modules/import-graph.test.ts). Called once for each context built (buildApp, the command line).
 */
export function wireModules(): ModuleHooks {
  const hooks: ModuleHooks = { ...attemptsHooks(), ...photosHooks(), ...servicePointsHooks() };
  // A pass issues the attestation card in the ending's transaction (or records that it waits for the photo).
  hooks.attemptEnded.register((ctx, trx, ended) => issueCardIfPassed(ctx, trx, ended.attemptId));
  // Cards waiting for a photo (a pass recorded before the photo existed) are issued with the saved photo.
  hooks.photoSaved.register((ctx, trx, saved) => issuePendingCardsFor(ctx, trx, saved.learnerId));
  // The sessions cached by this instance forget what the user could reach as an operator.
  hooks.operatorChanged.register((ctx, { userId }) => forgetUserSessions(ctx, userId));
  return hooks;
}
