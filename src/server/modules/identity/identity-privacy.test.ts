import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { learnerEnrolledAt, openDesk } from '../../../../tests/support/desk.js';
import {
  enrol,
  makeLearner,
  makeOperator,
  makeServicePoint,
  makeTraining,
} from '../../../../tests/support/factories.js';
import { Client, type TestApp } from '../../../../tests/support/test-app.js';
import { up as maskLastTwo } from '../../db/migrations/0024_identity_mask_last_two.js';
import { healthCheckDigit } from './rules.js';

const two = (n: number) => String(n).padStart(2, '0');

/** Every health number a masked form and a date of birth leave possible (what an attacker would try). */
function rebuild(masked: string, dateOfBirth: string, letters: string): string[] {
  const tail = masked.replace(/[^0-9A-Z]/g, '').slice(-2);
  const [y, m, d] = dateOfBirth.split('-');
  const out: string[] = [];
  for (const month of [Number(m), Number(m) + 50]) {
    const n = `${letters}${y!.slice(2)}${two(month)}${d}${tail}`;
    if (healthCheckDigit(n, Number(y)) === Number(n[11])) out.push(n);
  }
  return out;
}

/** Issue 14 #6 and #7: what an operator sees of an identity number, and what the audit log keeps. */
describe.each(dbKinds())('identity privacy on %s', (kind) => {
  let t: TestApp;
  let sp: Awaited<ReturnType<typeof makeServicePoint>>;
  let op: Client;
  let operatorId: string;

  beforeAll(async () => {
    ({ t, sp, op, operatorId } = await openDesk(kind));
  });
  afterAll(async () => t.close());

  const learnerHere = (firstName = 'Marie', lastName = 'Tremblay') =>
    learnerEnrolledAt(t.ctx, sp.id, firstName, lastName);
  const url = (id: string) => `/api/desk/learners/${id}/identity`;
  const health = (number: string, dateOfBirth: string, extra: object = {}) => ({
    documentType: 'health',
    number,
    dateOfBirth,
    ...extra,
  });

  it('the desk replies never let the full health number be rebuilt (no date of birth, no date digits)', async () => {
    const l = await learnerHere();
    const saved = await op.post(url(l.id), health('TREM 8557 2313', '1985-07-23'));
    expect(saved.statusCode).toBe(200);
    const replies = [
      saved.body,
      (await op.get(url(l.id))).body,
      (await op.get(`/api/desk/learners/${l.id}`)).body,
      (await op.get('/api/desk/learners?q=Tremblay')).body,
    ];
    for (const body of replies) {
      for (const leak of ['1985', '07-23', '8557', '2313', 'TREM', '23 juillet', 'dateOfBirth'])
        expect(body, leak).not.toContain(leak);
    }
    const check = JSON.parse(saved.body).check;
    expect(check).toMatchObject({
      documentType: 'health',
      masked: '•••• •••• ••13',
      checkedBy: { id: operatorId },
    });
    expect(check.checkedAt).toBeTruthy();
    // Even someone who knows the date of birth from elsewhere is left with more than one candidate per twin mark:
    // the letters are hidden too.
    expect(rebuild(check.masked, '1985-07-23', 'TREM')).toContain('TREM85572313');
    expect(check.masked).not.toContain('TREM');

    const row = await t.ctx.db
      .selectFrom('identity_checks')
      .select('number_masked')
      .where('user_id', '=', l.id)
      .executeTakeFirstOrThrow();
    expect(row.number_masked).toBe('•••• •••• ••13');
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('payload')
      .where('subject_user_id', '=', l.id)
      .where('action', '=', 'identity.confirmed')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.payload)).toEqual({ documentType: 'health', masked: '•••• •••• ••13', warnings: [] });
  });

  it('migration 0024 rewrites the masks stored before it to their last two characters', async () => {
    const l = await learnerHere();
    const row = (id: string, document_type: 'health' | 'licence', number_masked: string) => ({
      id,
      user_id: l.id,
      document_type,
      number_masked,
      number_hmac: `hmac-${id}`,
      date_of_birth_enc: t.ctx.secrets.encryptText('1985-07-23'),
      warnings: '[]',
      override_reason: null,
      checked_by: operatorId,
      service_point_id: sp.id,
      checked_at: new Date().toISOString(),
    });
    const ids = [`old-h-${kind}`, `old-l-${kind}`];
    await t.ctx.db
      .insertInto('identity_checks')
      .values([row(ids[0]!, 'health', 'TREM •••• ••13'), row(ids[1]!, 'licence', 'T••••-••••••-01')])
      .execute();
    await maskLastTwo(t.ctx.db);
    await maskLastTwo(t.ctx.db); // running it twice changes nothing
    const rows = await t.ctx.db
      .selectFrom('identity_checks')
      .select(['id', 'number_masked'])
      .where('id', 'in', ids)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: ids[0], number_masked: '•••• •••• ••13' },
      { id: ids[1], number_masked: '•••••-••••••-01' },
    ]);
  });

  it('a driver’s licence shows its last two digits only', async () => {
    const l = await learnerHere('Jean', 'Tremblay');
    const res = await op.post(url(l.id), {
      documentType: 'licence',
      number: 'T6515-251280-01',
      dateOfBirth: '1980-12-25',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().check.masked).toBe('•••••-••••••-01');
    expect(res.body).not.toContain('1980');
  });

  describe('the override reason may not carry the number or the date of birth, however it is written', () => {
    const leaks = [
      'Carte TREM 8557 2313 présentée',
      'numéro 8557.2313 selon la carte',
      'numéro 8557/2313 selon la carte',
      'numéro ８５５７２３１３ selon la carte',
      'numéro 855 723 13 selon la carte',
      'né le 1985-07-24 selon le permis',
      'né le 24/07/1985 selon le permis',
      'né le 24.07.1985 selon le permis',
      'né le 24 juillet 1985 selon le permis',
      'né le 1985-07-23 selon la carte',
      'date 850723 sur la carte, vérifié',
    ];
    it.each(leaks)('%s', async (reason) => {
      const l = await learnerHere();
      const res = await op.post(url(l.id), health('TREM 8557 2313', '1985-07-24', { overrideReason: reason }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'identity_invalid', field: 'overrideReason' });
      const rows = await t.ctx.db.selectFrom('identity_checks').select('id').where('user_id', '=', l.id).execute();
      expect(rows).toEqual([]);
    });

    it('an ordinary reason passes', async () => {
      const l = await learnerHere();
      const reason = 'Erreur de date sur la carte, confirmée avec le permis de conduire';
      const res = await op.post(
        url(l.id),
        health('TREM 8557 2313', '1985-07-24', { overrideReason: reason, acknowledgeWarnings: true }),
      );
      expect(res.statusCode).toBe(200);
    });
  });

  it('asking whether a number belongs to another learner is audited and limited per operator', async () => {
    const owner = await learnerHere();
    const nam = 'TREM 8557 2313';
    // The owner's number, confirmed once (the operator who owns it may be anywhere).
    const elsewhere = await makeServicePoint(t.ctx);
    const other = await makeOperator(t.ctx, elsewhere.id);
    const otherOp = await Client.start(t.app);
    await otherOp.signIn(other.username);
    const probe = await makeLearner(t.ctx, { firstName: 'Marie', lastName: 'Tremblay' });
    const training = await makeTraining(t.ctx);
    await enrol(t.ctx, probe.id, training.trainingId, elsewhere.id);
    expect((await op.post(url(owner.id), health(nam, '1985-07-23', { acknowledgeWarnings: true }))).statusCode).toBe(
      200,
    );

    const first = await otherOp.post(url(probe.id), health(nam, '1985-07-23'));
    expect(first.statusCode).toBe(409);
    expect(first.json().error.details.warnings.map((w: { code: string }) => w.code)).toContain(
      'number_used_by_other_learner',
    );
    const audited = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'payload', 'service_point_id'])
      .where('actor_id', '=', other.id)
      .where('action', '=', 'identity.duplicate_checked')
      .execute();
    expect(audited).toHaveLength(1);
    expect(audited[0]!.service_point_id).toBe(elsewhere.id);
    expect(JSON.parse(audited[0]!.payload)).toEqual({ documentType: 'health', found: true });
    expect(audited[0]!.payload).not.toContain('8557');

    let limited = false;
    for (let i = 0; i < 40 && !limited; i++) {
      const res = await otherOp.post(url(probe.id), health(nam, '1985-07-23'));
      if (res.statusCode === 429) {
        expect(res.json().error.code).toBe('rate_limited');
        limited = true;
      }
    }
    expect(limited).toBe(true);
  });
});
