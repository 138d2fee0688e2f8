import { localized } from '../../../shared/api/common.js';
import type { AdminCard, AdminCardFilter } from '../../../shared/cards.js';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../errors.js';
import * as audit from '../audit/audit.service.js';
import { formatUserCode } from '../accounts/user-code.js';
import * as repo from './cards.repo.js';
import { printableFace, statusOf, todayAt } from './cards.service.js';
import { renderPrintSheet } from './print-sheet.js';

/** The most cards one print sheet PDF may hold (ten A4 sheets). */
export const MAX_SHEET_CARDS = 80;

/** The administrators' list: the print queue by default; printable only with a photo saved now. */
export async function listForAdmin(
  ctx: AppContext,
  filter: AdminCardFilter,
  search: string | null,
): Promise<AdminCard[]> {
  const rows = await repo.listCards(ctx.db, filter, search, 500);
  const withPhoto = await repo.learnersWithSavedPhoto(
    ctx.db,
    rows.map((r) => r.user_id),
  );
  return rows.map((c) => {
    const status = statusOf(ctx, c);
    return {
      cardNumber: c.card_number,
      status,
      holderName: c.holder_name,
      userCode: formatUserCode(c.user_code),
      trainingCode: c.training_code,
      trainingTitle: localized(c.training_title, c.training_title_en),
      servicePointName: c.service_point_name ?? '',
      successDate: c.success_date,
      expiresOn: c.expires_on,
      issuedAt: c.issued_at,
      printedAt: c.printed_at,
      reprintCount: c.reprint_count,
      revokedAt: c.revoked_at,
      revokedReason: c.revoked_reason,
      downloadCount: c.download_count,
      verifyCount: c.verify_count,
      printable: c.state === 'issued' && !c.revoked_at && withPhoto.has(c.user_id),
      needsPhoto: status === 'awaiting_photo' || (status !== 'revoked' && !withPhoto.has(c.user_id)),
    };
  });
}

/** One A4 PDF of the chosen cards, in the order given. Every photo put on the sheet is an audited view. */
export async function printSheet(
  ctx: AppContext,
  adminId: string,
  cardNumbers: string[],
  opts: { baseUrl: string; ip: string | null },
) {
  const unique = [...new Set(cardNumbers)];
  const rows = new Map((await repo.cardsByNumbers(ctx.db, unique)).map((r) => [r.card_number, r]));
  const faces = [];
  const views: { userId: string; photoId: string; servicePointId: string }[] = [];
  for (const n of unique) {
    const card = rows.get(n);
    if (!card) throw new DomainError('card_unknown', { params: { cardNumber: n } });
    const printable = await printableFace(ctx, card, opts.baseUrl).catch((err: unknown) => {
      if (err instanceof DomainError) throw new DomainError('card_not_printable', { params: { cardNumber: n } });
      throw err;
    });
    faces.push(printable.face);
    views.push({ userId: card.user_id, photoId: printable.photoId, servicePointId: card.service_point_id });
  }
  const pdf = await renderPrintSheet(faces, { generatedOn: todayAt(ctx, null) });
  await ctx.db.transaction().execute(async (trx) => {
    for (const v of views)
      await audit.record(ctx, trx, {
        action: 'photo.viewed',
        actorId: adminId,
        subjectUserId: v.userId,
        servicePointId: v.servicePointId,
        ip: opts.ip,
        payload: { photoId: v.photoId, variant: 'card-print-sheet' },
      });
  });
  return pdf;
}

/** Marks printed those of the cards still waiting in the queue; returns them. */
export async function markPrinted(ctx: AppContext, adminId: string, cardNumbers: string[], ip: string | null) {
  return ctx.db.transaction().execute(async (trx) => {
    const marked = await repo.markPrinted(trx, [...new Set(cardNumbers)], ctx.now().toISOString());
    const rows = await repo.cardsByNumbers(trx, marked);
    for (const c of rows)
      await audit.record(ctx, trx, {
        action: 'card.printed',
        actorId: adminId,
        subjectUserId: c.user_id,
        servicePointId: c.service_point_id,
        ip,
        payload: { cardNumber: c.card_number },
      });
    return marked;
  });
}

async function existing(ctx: AppContext, cardNumber: string) {
  const card = await repo.cardByNumber(ctx.db, cardNumber);
  if (!card) throw new DomainError('card_unknown');
  return card;
}

/** A lost card: the same number, the reprint counter up by one, back in the print queue. */
export async function reissueCard(ctx: AppContext, adminId: string, cardNumber: string, ip: string | null) {
  const card = await existing(ctx, cardNumber);
  if (card.revoked_at) throw new DomainError('card_revoked');
  if (card.state !== 'issued') throw new DomainError('card_awaiting_photo');
  return ctx.db.transaction().execute(async (trx) => {
    const r = await repo.reissue(trx, cardNumber);
    if (!r) throw new DomainError('conflict');
    await audit.record(ctx, trx, {
      action: 'card.reprinted',
      actorId: adminId,
      subjectUserId: r.user_id,
      servicePointId: r.service_point_id,
      ip,
      payload: { cardNumber, reprintCount: r.reprint_count },
    });
    return { reprintCount: r.reprint_count };
  });
}

/** Revokes a card for good, with the administrator's reason (kept, audited, shown to the holder). */
export async function revokeCard(
  ctx: AppContext,
  adminId: string,
  cardNumber: string,
  reason: string,
  ip: string | null,
) {
  const card = await existing(ctx, cardNumber);
  if (card.revoked_at) throw new DomainError('card_revoked');
  await ctx.db.transaction().execute(async (trx) => {
    const r = await repo.revoke(trx, cardNumber, adminId, reason, ctx.now().toISOString());
    if (!r) throw new DomainError('card_revoked');
    await audit.record(ctx, trx, {
      action: 'card.revoked',
      actorId: adminId,
      subjectUserId: r.user_id,
      servicePointId: r.service_point_id,
      ip,
      payload: { cardNumber, reason },
    });
  });
}
