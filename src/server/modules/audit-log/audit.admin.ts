import type { AppContext } from '../../context.js';
import { DomainError, notFound } from '../../errors.js';
import { addDays, localInstant } from '../../../shared/day-input.js';
import { formatUserCode, parseUserCode } from '../accounts/user-code.js';
import { verifyChain } from '../audit/audit.service.js';
import * as repo from './audit.admin.repo.js';

/**
 * « Journal d'audit » in the browser: the chain read with filters, newest first, one page at a time (keyset on
 * the id, so page 400 costs what page 1 does); an entry with its payload; and the chain check the command line
 * runs (`npm run vigie -- audit verify`), saying where a break is.
 */
export const AUDIT_PAGE = 50;
/** Days are read in the organisation's time zone (the service points' default). */
const ORGANISATION_TIME_ZONE = 'America/Toronto';

/** The UTC instant at which `day` begins in `timeZone`. */
export function dayStart(day: string, timeZone: string): string {
  return localInstant(day, '00:00', timeZone);
}

async function accountsNamed(ctx: AppContext, login: string | undefined, field: string) {
  if (!login) return undefined;
  const ids = await repo.accountIds(ctx.db, login, parseUserCode(login));
  if (ids.length === 0) throw new DomainError('unknown_learner', { field, params: { login } });
  return ids;
}

const person = (first: string | null, last: string | null, code: string | null) =>
  code ? { name: [first, last].filter(Boolean).join(' '), userCode: formatUserCode(code) } : null;

function shape(r: Awaited<ReturnType<typeof repo.listEntries>>[number]) {
  return {
    id: Number(r.id),
    at: r.at,
    action: r.action,
    ip: r.ip,
    actor: person(r.actor_first_name, r.actor_last_name, r.actor_user_code),
    learner: person(r.subject_first_name, r.subject_last_name, r.subject_user_code),
    servicePoint: r.service_point_id
      ? { id: r.service_point_id, name: r.service_point_name ?? r.service_point_id }
      : null,
  };
}

export async function listEntries(
  ctx: AppContext,
  f: {
    from?: string | undefined;
    to?: string | undefined;
    actor?: string | undefined;
    learner?: string | undefined;
    action?: string | undefined;
    servicePointId?: string | undefined;
    before?: number | undefined;
  },
) {
  if (f.from && f.to && f.to < f.from) throw new DomainError('validation', { field: 'to', params: { field: 'to' } });
  const [actorIds, subjectIds] = await Promise.all([
    accountsNamed(ctx, f.actor, 'actor'),
    accountsNamed(ctx, f.learner, 'learner'),
  ]);
  const rows = await repo.listEntries(ctx.db, {
    from: f.from ? dayStart(f.from, ORGANISATION_TIME_ZONE) : undefined,
    to: f.to ? dayStart(addDays(f.to, 1), ORGANISATION_TIME_ZONE) : undefined,
    actorIds,
    subjectIds,
    action: f.action,
    servicePointId: f.servicePointId,
    before: f.before,
    limit: AUDIT_PAGE + 1,
  });
  const page = rows.slice(0, AUDIT_PAGE);
  return {
    entries: page.map(shape),
    nextBefore: rows.length > AUDIT_PAGE ? Number(page[page.length - 1]!.id) : null,
  };
}

export async function entryDetail(ctx: AppContext, id: number) {
  const r = await repo.entry(ctx.db, id);
  if (!r) throw notFound();
  let payload: unknown;
  try {
    payload = JSON.parse(r.payload) as unknown;
  } catch {
    payload = r.payload;
  }
  return { ...shape(r), payload, prevHash: r.prev_hash, hash: r.hash };
}

const REASONS: Record<string, { fr: string; en: string }> = {
  'prev_hash does not match the previous row': {
    fr: 'son lien (prev_hash) ne correspond pas à l’empreinte de l’entrée précédente : une entrée a été retirée ou insérée avant elle.',
    en: 'its link (prev_hash) does not match the previous entry’s hash: an entry was removed or inserted before it.',
  },
  'row content does not match its hash': {
    fr: 'son contenu ne correspond plus à son empreinte : l’entrée a été modifiée.',
    en: 'its content no longer matches its hash: the entry was altered.',
  },
};

/** `audit verify`, as the command line runs it; a break is named by its entry (id, date, action). */
export async function verify(ctx: AppContext) {
  const v = await verifyChain(ctx);
  if (v.ok) return { ok: true as const, rows: v.rows, brokenAt: null, reason: null };
  const at = await repo.entry(ctx.db, v.brokenAt);
  return {
    ok: false as const,
    rows: v.rows,
    brokenAt: { id: v.brokenAt, at: at?.at ?? null, action: at?.action ?? null },
    reason: REASONS[v.reason] ?? { fr: v.reason, en: v.reason },
  };
}
