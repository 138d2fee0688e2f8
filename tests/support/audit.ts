import type { AppContext } from '../../src/server/context.js';

/** The audit rows about a user, in the order they were written: the action, who acted, the payload. */
export async function auditActions(ctx: AppContext, userId: string) {
  const rows = await ctx.db
    .selectFrom('audit_log')
    .select(['action', 'payload', 'actor_id'])
    .where('subject_user_id', '=', userId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ action: r.action, actorId: r.actor_id, payload: JSON.parse(r.payload) as object }));
}
