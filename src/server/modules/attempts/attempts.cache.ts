import type { AppContext } from '../../context.js';
import type { AttemptPaper } from '../../../shared/exam.js';
import * as catalog from '../catalog/catalog.service.js';
import type { ExamVersion } from '../catalog/catalog.service.js';
import type { AttemptRow } from '../access/access.service.js';
import { choiceIndex, type ChoiceIndex } from './answer-check.js';

export type { ExamVersion };

/**
 * What never changes once written, kept in memory per app: an exam version (a new version is a new row),
 * and an attempt's paper, owner, workstation and deadline (fixed at « Commencer »). The attempt's
 * state is never cached: every transition and every save checks it in its conditional write.
 */
export interface StartedAttempt {
  id: string;
  userId: string;
  workstationId: string;
  servicePointId: string;
  enrolmentId: string;
  examVersionId: string;
  deadlineAt: string;
  paper: AttemptPaper;
  /** The shape of each item's answer (its valid ids, pairs, or text), for answer checks. */
  choices: ChoiceIndex;
}

const MAX_ENTRIES = 5000;

interface Caches {
  versions: Map<string, ExamVersion>;
  /** Versions being read now, for those who ask meanwhile. */
  reading: Map<string, Promise<ExamVersion>>;
  attempts: Map<string, StartedAttempt>;
  authorized: Map<string, AttemptRow>;
}
const byApp = new WeakMap<AppContext, Caches>();

function caches(ctx: AppContext): Caches {
  let c = byApp.get(ctx);
  if (!c) {
    c = { versions: new Map(), reading: new Map(), attempts: new Map(), authorized: new Map() };
    byApp.set(ctx, c);
  }
  return c;
}

function remember<V>(map: Map<string, V>, key: string, value: V) {
  if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value!);
  map.set(key, value);
}

/**
 * The catalog's exam version (with its keys: server side only), kept in memory once read; read once however many
 * ask for it meanwhile (a room pressing « Commencer » on a fresh instance).
 */
export async function examVersion(ctx: AppContext, versionId: string): Promise<ExamVersion> {
  const { versions, reading } = caches(ctx);
  const hit = versions.get(versionId);
  if (hit) return hit;
  let read = reading.get(versionId);
  if (!read) {
    read = catalog.examVersion(ctx, versionId).finally(() => reading.delete(versionId));
    reading.set(versionId, read);
  }
  const version = await read;
  remember(versions, versionId, version);
  return version;
}

/**
 * An authorized attempt as its intro page read it. « Commencer » takes who, where and which day from it
 * (they never change: a cancelled exam is authorized again as a new attempt) and leaves the state to its
 * conditional write, which refuses an attempt no longer authorized. Forgotten once started.
 */
export function rememberAuthorized(ctx: AppContext, view: AttemptRow) {
  if (view.state === 'authorized') remember(caches(ctx).authorized, view.id, view);
}

export function authorizedView(ctx: AppContext, attemptId: string): AttemptRow | undefined {
  return caches(ctx).authorized.get(attemptId);
}

export function forgetAuthorized(ctx: AppContext, attemptId: string) {
  caches(ctx).authorized.delete(attemptId);
}

/** Forgets a started attempt's facts (its deadline moved: downtime.service.ts). */
export function forgetStarted(ctx: AppContext, attemptId: string) {
  caches(ctx).attempts.delete(attemptId);
}

/** A started attempt's fixed facts, when kept. */
export function knownStarted(ctx: AppContext, attemptId: string): StartedAttempt | undefined {
  return caches(ctx).attempts.get(attemptId);
}

/** Keeps a started attempt's fixed facts from its row (read by the access check); null when not started. */
export async function rememberStarted(ctx: AppContext, row: AttemptRow): Promise<StartedAttempt | null> {
  if (!row.items || !row.deadline_at) return null;
  const version = await examVersion(ctx, row.exam_version_id);
  const paper = JSON.parse(row.items) as AttemptPaper;
  const started: StartedAttempt = {
    id: row.id,
    userId: row.user_id,
    workstationId: row.workstation_id,
    servicePointId: row.service_point_id,
    enrolmentId: row.enrolment_id,
    examVersionId: row.exam_version_id,
    deadlineAt: row.deadline_at,
    paper,
    choices: choiceIndex(version.content, paper),
  };
  remember(caches(ctx).attempts, row.id, started);
  return started;
}
