import type { AppContext } from '../../context.js';
import type { IdentityView } from '../../../shared/api/desk.js';
import { newId } from '../../crypto.js';
import { DomainError } from '../../errors.js';
import type { Lang } from '../../http/messages.js';
import * as audit from '../audit/audit.service.js';
import * as servicePoints from '../service-points/service-points.service.js';
import { isIssueCode, issueMessage, issueSummary, type IssueCode } from './identity.messages.js';
import * as repo from './identity.repo.js';
import { numberUsedElsewhere } from './duplicate-checks.js';
import type { ConfirmIdentityInput } from './identity.schemas.js';
import { reasonLeaks, type Ymd } from './reason-filter.js';
import { checkIdentity, type DocumentType } from './rules.js';

/** Who acts, where, from which address (from the desk scope of the request). */
export interface DeskActor {
  operatorId: string;
  servicePointId: string;
  ip: string | null;
}

type Issue = { code: IssueCode; field: string; params: Record<string, string> };

/** What the operator sees of a finding: its code, the field to look at, and the sentence saying what to check. */
function shown(issues: Issue[], lang: Lang) {
  return issues.map((i) => ({ code: i.code, field: i.field, message: issueMessage(i, lang) }));
}

const joined = (issues: Issue[], lang: Lang) => issues.map((i) => issueMessage(i, lang)).join(' ');

export const MIN_OVERRIDE_REASON = 10;

/**
 * What the desk sees of a confirmed identity (its type: src/shared/api/desk.ts): the type of card and its last two
 * characters, who confirmed and when. Never the date of birth: with it, the name and those two characters, the
 * health number can be rebuilt.
 */
export type { IdentityView };

/**
 * What an override reason must not hold: digit groups of the number, the typed date of birth and the date the
 * number encodes (both centuries: the typed year may be the wrong one).
 */
function secretsOf(documentType: DocumentType, normalized: string, dateOfBirth: string): [string[], Ymd[]] {
  const dates: Ymd[] = [];
  const typed = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth.trim());
  if (typed) dates.push({ y: Number(typed[1]), m: Number(typed[2]), d: Number(typed[3]) });
  const [yy, mm, dd] =
    documentType === 'health'
      ? [normalized.slice(4, 6), Number(normalized.slice(6, 8)) % 50, normalized.slice(8, 10)]
      : [normalized.slice(9, 11), Number(normalized.slice(7, 9)), normalized.slice(5, 7)];
  for (const century of [1900, 2000]) dates.push({ y: century + Number(yy), m: Number(mm), d: Number(dd) });
  const digits =
    documentType === 'health'
      ? [normalized.slice(4), normalized.slice(4, 10)]
      : [normalized.slice(1), normalized.slice(5, 11)];
  return [digits.filter((d) => /^\d+$/.test(d)), dates];
}

async function today(ctx: AppContext, servicePointId: string) {
  const sp = await servicePoints.servicePoint(ctx, servicePointId);
  return { date: servicePoints.localDate(ctx.now(), sp.time_zone), timeZone: sp.time_zone };
}

/**
 * Confirms a learner's identity from the number of one document and the date of birth printed on it.
 * Refuses what is impossible, asks for a written reason when the date of birth disagrees with a health
 * number, and for an explicit confirmation when something is doubtful. Stores only the masked number,
 * a keyed hash of it and the encrypted date of birth; the audit row is written in the same transaction.
 */
export async function confirmIdentity(
  ctx: AppContext,
  actor: DeskActor,
  learnerId: string,
  input: ConfirmIdentityInput,
  lang: Lang,
): Promise<{ check: IdentityView; sameNumberAs: { checkedAt: string } | null }> {
  const learner = await repo.learnerName(ctx.db, learnerId);
  const { date: todayDate, timeZone } = await today(ctx, actor.servicePointId);
  const verdict = checkIdentity({
    documentType: input.documentType,
    number: input.number,
    dateOfBirth: input.dateOfBirth,
    firstName: learner?.first_name ?? null,
    lastName: learner?.last_name ?? null,
    today: todayDate,
  });
  if (verdict.errors.length > 0 || !verdict.masked) {
    throw new DomainError('identity_invalid', {
      field: verdict.errors[0]?.field,
      params: { reason: joined(verdict.errors, lang) },
      details: { errors: shown(verdict.errors, lang), warnings: shown(verdict.warnings, lang) },
    });
  }
  const normalized = verdict.normalized;
  const hmac = ctx.secrets.hmac('hmac-identity', normalized);

  const warnings: Issue[] = [...verdict.warnings];
  const previous = await repo.latestCheck(ctx.db, learnerId);
  if (previous && previous.document_type === input.documentType && previous.number_hmac !== hmac)
    warnings.push({
      code: 'number_differs_from_previous',
      field: 'number',
      params: { date: servicePoints.localDate(new Date(previous.checked_at), timeZone) },
    });
  if (await numberUsedElsewhere(ctx, actor, learnerId, input.documentType, hmac))
    warnings.push({ code: 'number_used_by_other_learner', field: 'number', params: {} });

  let overrideReason: string | null = null;
  if (verdict.mismatch) {
    const reason = input.overrideReason?.trim() ?? '';
    if (reason.length < MIN_OVERRIDE_REASON) {
      throw new DomainError('identity_override_required', {
        field: 'overrideReason',
        details: { mismatch: shown([verdict.mismatch], lang)[0], warnings: shown(warnings, lang) },
      });
    }
    // The reason goes to the audit log, kept for ever: it must carry neither the number nor a date of birth.
    if (reasonLeaks(reason, ...secretsOf(input.documentType, normalized, input.dateOfBirth))) {
      const issue: Issue = { code: 'reason_contains_number', field: 'overrideReason', params: {} };
      throw new DomainError('identity_invalid', {
        field: 'overrideReason',
        params: { reason: joined([issue], lang) },
        details: { errors: shown([issue], lang), warnings: [] },
      });
    }
    overrideReason = reason;
  }
  if (warnings.length > 0 && !input.acknowledgeWarnings) {
    throw new DomainError('identity_warnings', {
      field: warnings[0]!.field,
      params: { reason: joined(warnings, lang) },
      details: { warnings: shown(warnings, lang) },
    });
  }

  const same = await repo.latestWithHash(ctx.db, learnerId, hmac);
  const warningCodes = warnings.map((w) => w.code);
  const id = newId();
  const now = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertCheck(trx, {
      id,
      user_id: learnerId,
      document_type: input.documentType,
      number_masked: verdict.masked!,
      number_hmac: hmac,
      date_of_birth_enc: ctx.secrets.encryptText(input.dateOfBirth.trim()),
      warnings: JSON.stringify(warningCodes),
      override_reason: overrideReason,
      checked_by: actor.operatorId,
      service_point_id: actor.servicePointId,
      checked_at: now,
    });
    const common = { actorId: actor.operatorId, subjectUserId: learnerId, servicePointId: actor.servicePointId };
    const payload = { documentType: input.documentType, masked: verdict.masked!, warnings: warningCodes };
    if (overrideReason)
      await audit.record(ctx, trx, {
        action: 'identity.overridden',
        ...common,
        ip: actor.ip,
        payload: { ...payload, reason: overrideReason },
      });
    else await audit.record(ctx, trx, { action: 'identity.confirmed', ...common, ip: actor.ip, payload });
  });
  const check = await latestView(ctx, learnerId, lang);
  return { check: check!, sameNumberAs: same ? { checkedAt: same.checked_at } : null };
}

async function latestView(ctx: AppContext, learnerId: string, lang: Lang): Promise<IdentityView | null> {
  const row = await repo.latestCheck(ctx.db, learnerId);
  if (!row) return null;
  const codes = JSON.parse(row.warnings) as string[];
  return {
    documentType: row.document_type,
    masked: row.number_masked,
    warnings: codes.map((code) => ({ code, label: isIssueCode(code) ? issueSummary(code, lang) : code })),
    overrideReason: row.override_reason,
    checkedAt: row.checked_at,
    checkedBy: {
      id: row.checked_by,
      name: [row.checker_first_name, row.checker_last_name].filter(Boolean).join(' '),
    },
    servicePoint: { id: row.service_point_id, name: row.service_point_name ?? '' },
  };
}

/** The learner's latest identity check, as the operator sees it. Reading it is audited. */
export async function viewIdentity(
  ctx: AppContext,
  actor: DeskActor,
  learnerId: string,
  lang: Lang,
): Promise<{ check: IdentityView | null; confirmedToday: boolean }> {
  const check = await latestView(ctx, learnerId, lang);
  if (!check) return { check: null, confirmedToday: false };
  await audit.recordAlone(ctx, {
    action: 'identity.viewed',
    actorId: actor.operatorId,
    subjectUserId: learnerId,
    servicePointId: actor.servicePointId,
    ip: actor.ip,
    payload: {},
  });
  const { date, timeZone } = await today(ctx, actor.servicePointId);
  return { check, confirmedToday: servicePoints.localDate(new Date(check.checkedAt), timeZone) === date };
}

export interface IdentityStatus {
  /** An identity check exists for this learner. */
  confirmed: boolean;
  /** The latest check was made today (the calendar day at `servicePointId`). */
  confirmedToday: boolean;
  checkedAt: string | null;
  documentType: DocumentType | null;
  /** The latest check passed a date-of-birth mismatch on a written reason. */
  overridden: boolean;
  servicePointId: string | null;
}

/**
 * Whether the learner's identity is confirmed, without any personal data (for authorizing an exam).
 * `servicePointId` gives the calendar day for `confirmedToday`.
 */
export async function identityStatus(
  ctx: AppContext,
  learnerId: string,
  servicePointId: string,
): Promise<IdentityStatus> {
  const row = await repo.latestCheck(ctx.db, learnerId);
  if (!row)
    return {
      confirmed: false,
      confirmedToday: false,
      checkedAt: null,
      documentType: null,
      overridden: false,
      servicePointId: null,
    };
  const { date, timeZone } = await today(ctx, servicePointId);
  return {
    confirmed: true,
    confirmedToday: servicePoints.localDate(new Date(row.checked_at), timeZone) === date,
    checkedAt: row.checked_at,
    documentType: row.document_type,
    overridden: row.override_reason !== null,
    servicePointId: row.service_point_id,
  };
}
