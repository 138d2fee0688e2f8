import type { AppContext } from '../../context.js';
import type { AttemptPaper } from '../../../shared/exam.js';
import { localized } from '../../../shared/api/common.js';
import type { LiveRow } from '../../../shared/live.js';
import * as repo from './monitoring.repo.js';

/** The latest of some ISO timestamps (they sort as text), or null. */
function latest(...values: (string | null)[]): string | null {
  let best: string | null = null;
  for (const v of values) if (v && (!best || v > best)) best = v;
  return best;
}

export function toLiveRow(r: repo.LiveRowRecord): LiveRow {
  const paper = r.items ? (JSON.parse(r.items) as AttemptPaper) : null;
  return {
    attemptId: r.id,
    state: r.state as LiveRow['state'],
    learnerId: r.user_id,
    learnerName: [r.first_name, r.last_name].filter(Boolean).join(' '),
    examTitle: localized(r.title, r.title_en),
    workstation: r.workstation_name,
    authorizedAt: r.authorized_at,
    startedAt: r.started_at,
    deadlineAt: r.deadline_at,
    pausedAt: r.paused_at,
    answered: Number(r.answered ?? 0),
    questionCount: paper ? paper.items.length : null,
    lastSeq: Number(r.last_seq),
    lastAnswerAt: r.last_answer_at,
    lastSeenAt: r.state === 'in_progress' ? latest(r.last_heartbeat_at, r.last_answer_at, r.started_at) : null,
    extraMinutes: Number(r.extra_minutes),
    // SQLite answers EXISTS with 0/1, PostgreSQL with a boolean.
    separateRoom: Boolean(Number(r.separate_room)),
  };
}

const CHUNK = 500;

/** The records of some attempts at a service point (any state), read in chunks of ids. */
export async function recordsOf(ctx: AppContext, servicePointId: string, ids: string[]) {
  const out: repo.LiveRowRecord[] = [];
  for (let i = 0; i < ids.length; i += CHUNK)
    out.push(...(await repo.liveRows(ctx.db, [servicePointId], ids.slice(i, i + CHUNK))));
  return out;
}

/** Every exam authorized or in progress at the service point. */
export async function openRowsAt(ctx: AppContext, servicePointId: string): Promise<LiveRow[]> {
  return (await repo.liveRows(ctx.db, [servicePointId])).map(toLiveRow);
}

/** Every exam authorized or in progress at some service points, in one query: by service point. */
export async function openRowsAtMany(ctx: AppContext, servicePointIds: string[]): Promise<Map<string, LiveRow[]>> {
  const out = new Map<string, LiveRow[]>(servicePointIds.map((sp) => [sp, []]));
  for (const r of await repo.liveRows(ctx.db, servicePointIds)) out.get(r.service_point_id)?.push(toLiveRow(r));
  return out;
}
