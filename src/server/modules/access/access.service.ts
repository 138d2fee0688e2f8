import type { AppContext } from '../../context.js';
import { notFound } from '../../errors.js';
import * as repo from './access.repo.js';

/**
 * Object-level access, in one place: a service asks here first, before anything else (Immich's requireAccess).
 * Whether a role may use a route at all is policies.ts (route `config.access`); this says whether this actor
 * may reach this learner or this attempt. "Not yours" and "does not exist" throw the same 404. An operator
 * acts at one service point (the session's, http/desk-scope.ts) and reaches only what is there.
 *
 * This module imports no other module: every module may call it without a cycle (modules/import-graph.test.ts).
 */

export type { AttemptRow } from './access.repo.js';

/**
 * Who is asking: a learner (for their own things), or an operator working at one of their service points
 * (what they reach depends on that point only; who they are goes to the audit, not here).
 */
export interface LearnerActor {
  kind: 'learner';
  userId: string;
}
export interface OperatorActor {
  kind: 'operator';
  servicePointId: string;
}
export type Actor = LearnerActor | OperatorActor;

export const learnerActor = (userId: string): LearnerActor => ({ kind: 'learner', userId });
export const operatorAt = (servicePointId: string): OperatorActor => ({ kind: 'operator', servicePointId });

type Owned = { user_id: string; service_point_id: string };

/** The rule: a learner reaches their own, an operator what is at their service point. */
function reaches(actor: Actor, owned: Owned): boolean {
  return actor.kind === 'learner' ? owned.user_id === actor.userId : owned.service_point_id === actor.servicePointId;
}

/** The same check for a row already in hand (kept in memory from an earlier read): the same 404 otherwise. */
export function mayReachKept<R extends Owned>(actor: Actor, row: R): R {
  if (!reaches(actor, row)) throw notFound();
  return row;
}

/** A learner is within an operator's reach when they have an enrolment at the operator's service point. */
export async function mayReachLearner(ctx: AppContext, actor: Actor, learnerId: string): Promise<void> {
  const reached =
    actor.kind === 'learner'
      ? learnerId === actor.userId
      : await repo.enrolledAt(ctx.db, learnerId, actor.servicePointId);
  if (!reached) throw notFound();
}

/**
 * The attempt, when the actor may reach it: its learner, or an operator of its service point. Returns the row
 * read for the check, with what the caller goes on to need, so that it is not read twice.
 */
export async function mayReachAttempt(ctx: AppContext, actor: Actor, attemptId: string): Promise<repo.AttemptRow> {
  const row = await repo.attemptRow(ctx.db, attemptId);
  if (!row || !reaches(actor, row)) throw notFound();
  return row;
}
