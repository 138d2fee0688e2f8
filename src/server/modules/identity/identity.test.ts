import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { learnerEnrolledAt, openDesk } from '../../../../tests/support/desk.js';
import { makeLearner, makeOperator, makeServicePoint } from '../../../../tests/support/factories.js';
import { storedText } from '../../../../tests/support/stored-text.js';
import { Client, type TestApp } from '../../../../tests/support/test-app.js';
import { identityStatus } from './identity.service.js';
import { healthCheckDigit } from './rules.js';

const two = (n: number) => String(n).padStart(2, '0');
let seq = 0;
/** A valid health number for Marie Tremblay never used before in this file (numbers used twice raise a warning). */
function uniqueNam() {
  seq++;
  const year = 1960 + Math.floor(seq / 28);
  const day = (seq % 28) + 1;
  const body = `TREM${two(year % 100)}57${two(day)}1`;
  return { number: `${body}${healthCheckDigit(body + '0', year)}`, dob: `${year}-07-${two(day)}`, day, year };
}

describe.each(dbKinds())('identity confirmation on %s', (kind) => {
  let t: TestApp;
  let sp: Awaited<ReturnType<typeof makeServicePoint>>;
  let op: Client;
  let operatorId: string;

  beforeAll(async () => {
    ({ t, sp, op, operatorId } = await openDesk(kind));
  });
  afterAll(async () => t.close());

  /** A learner enrolled at the operator's service point. */
  const learnerHere = (firstName = 'Marie', lastName = 'Tremblay') =>
    learnerEnrolledAt(t.ctx, sp.id, firstName, lastName);
  const url = (id: string) => `/api/desk/learners/${id}/identity`;
  const health = (number: string, dateOfBirth: string, extra: object = {}) => ({
    documentType: 'health',
    number,
    dateOfBirth,
    ...extra,
  });
  async function auditRows(subject: string) {
    return t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'payload', 'actor_id', 'service_point_id'])
      .where('subject_user_id', '=', subject)
      .where('action', 'like', 'identity.%')
      .where('action', '<>', 'identity.duplicate_checked') // identity-privacy.test.ts looks at those
      .orderBy('id')
      .execute();
  }

  it('confirms a valid health number, shows only the masked form, and records who, where, when', async () => {
    const l = await learnerHere();
    expect((await op.get(url(l.id))).json()).toEqual({ check: null, confirmedToday: false });
    const res = await op.post(url(l.id), health('trem 8557-2313', '1985-07-23'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    const body = res.json();
    expect(body.sameNumberAs).toBeNull();
    expect(body.check).toMatchObject({
      documentType: 'health',
      masked: '•••• •••• ••13',
      warnings: [],
      overrideReason: null,
      checkedBy: { id: operatorId, name: 'Olivier Opérateur' },
      servicePoint: { id: sp.id, name: sp.name },
    });
    expect(JSON.stringify(body)).not.toContain('8557');
    expect(JSON.stringify(body)).not.toContain('1985');

    const view = await op.get(url(l.id));
    expect(view.json()).toMatchObject({ check: { masked: '•••• •••• ••13' } });
    expect(view.body).not.toContain('1985');
    expect(view.json().confirmedToday).toBe(true);

    const rows = await t.ctx.db.selectFrom('identity_checks').selectAll().where('user_id', '=', l.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      document_type: 'health',
      number_masked: '•••• •••• ••13',
      checked_by: operatorId,
      service_point_id: sp.id,
      override_reason: null,
    });
    expect(rows[0]!.number_hmac).toBe(t.ctx.secrets.hmac('hmac-identity', 'TREM85572313'));
    expect(rows[0]!.date_of_birth_enc).not.toContain('1985');
    expect(t.ctx.secrets.decryptText(rows[0]!.date_of_birth_enc)).toBe('1985-07-23');

    const audit = await auditRows(l.id);
    expect(audit.map((a) => a.action)).toEqual(['identity.confirmed', 'identity.viewed']);
    expect(JSON.parse(audit[0]!.payload)).toEqual({ documentType: 'health', masked: '•••• •••• ••13', warnings: [] });
    expect(audit[0]).toMatchObject({ actor_id: operatorId, service_point_id: sp.id });

    expect(await identityStatus(t.ctx, l.id, sp.id)).toMatchObject({
      confirmed: true,
      confirmedToday: true,
      documentType: 'health',
      overridden: false,
    });
  });

  it('stores the number and the date of birth nowhere in clear (database file, tables, audit log)', async () => {
    const l = await learnerHere('Luc', 'D’Amour');
    expect((await op.post(url(l.id), health('DAML 6212 0111', '1962-12-01'))).statusCode).toBe(200);
    const lic = await learnerHere('Jean', 'Tremblay');
    expect(
      (await op.post(url(lic.id), { documentType: 'licence', number: 'T1234-251280-07', dateOfBirth: '1980-12-25' }))
        .statusCode,
    ).toBe(200);
    const text = await storedText(t);
    expect(text).toContain('•••• •••• ••11'); // the search does see what is stored
    for (const secret of ['DAML', '62120111', 'T123425128007', '1234-251280', '1962-12-01'])
      expect(text, secret).not.toContain(secret);
  });

  it('recognises the same number typed again', async () => {
    const l = await learnerHere();
    const nam = uniqueNam();
    const first = (await op.post(url(l.id), health(nam.number, nam.dob))).json();
    expect(first.check.masked).toBe(`•••• •••• ••${nam.number.slice(-2)}`);
    const again = await op.post(url(l.id), health(nam.number.toLowerCase(), nam.dob));
    expect(again.statusCode).toBe(200);
    expect(again.json().sameNumberAs).toEqual({ checkedAt: first.check.checkedAt });
  });

  it('warns when the number differs from the previous check, or was used for another learner', async () => {
    const l = await learnerHere();
    const nam = uniqueNam();
    expect((await op.post(url(l.id), health(nam.number, nam.dob))).statusCode).toBe(200);
    // The number of the first learner of this file.
    const res = await op.post(url(l.id), health('TREM 8557 2313', '1985-07-23'));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('identity_warnings');
    expect(res.json().error.details.warnings.map((w: { code: string }) => w.code)).toEqual([
      'number_differs_from_previous',
      'number_used_by_other_learner',
    ]);
    expect(res.json().error.message).toContain('diffère de celui de la vérification précédente');
  });

  describe('refuses what is impossible, saying what to check, and stores nothing', () => {
    const cases: Array<[string, object, string, string, string]> = [
      [
        'health number too short',
        health('TREM 8557 231', '1985-07-23'),
        'number',
        'health_length',
        'compte 12 caractères',
      ],
      [
        'health number without letters',
        health('1234 8557 2313', '1985-07-23'),
        'number',
        'health_letters',
        '4 lettres',
      ],
      ['month 13', health('TREM 8513 2313', '1985-07-23'), 'number', 'health_month', 'Le mois 13 est impossible'],
      [
        'licence number in the wrong format',
        { documentType: 'licence', number: '16515-251280-01', dateOfBirth: '1980-12-25' },
        'number',
        'licence_format',
        'une lettre suivie de 12 chiffres',
      ],
      [
        'licence number too long',
        { documentType: 'licence', number: 'T6515-251280-012', dateOfBirth: '1980-12-25' },
        'number',
        'licence_length',
        '14 caractères',
      ],
      [
        'date of birth in the future',
        health('TREM 8557 2313', '2999-07-23'),
        'dateOfBirth',
        'birth_date_future',
        'dans le futur',
      ],
      [
        'date of birth before 1900',
        health('TREM 9957 2313', '1899-07-23'),
        'dateOfBirth',
        'birth_date_before_1900',
        'antérieure à 1900',
      ],
      [
        'date of birth that does not exist',
        health('TREM 8557 2313', '1985-02-30'),
        'dateOfBirth',
        'birth_date_invalid',
        '',
      ],
    ];
    it.each(cases)('%s', async (_name, body, field, code, sentence) => {
      const l = await learnerHere();
      const res = await op.post(url(l.id), body);
      expect(res.statusCode).toBe(400);
      const err = res.json().error;
      expect(err.code).toBe('identity_invalid');
      expect(err.field).toBe(field);
      expect(err.message).toContain('Identité non confirmée');
      expect(err.message).toContain(sentence);
      expect(err.details.errors.map((e: { code: string }) => e.code)).toContain(code);
      const n = await t.ctx.db.selectFrom('identity_checks').select('id').where('user_id', '=', l.id).execute();
      expect(n).toHaveLength(0);
    });

    it('refuses a missing document type or a wrong one as a validation error', async () => {
      const l = await learnerHere();
      const res = await op.post(url(l.id), { documentType: 'passport', number: 'X', dateOfBirth: '1985-07-23' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation', field: 'documentType' });
    });
  });

  it('date of birth disagreeing with the health number: refused, then passed on a written reason, audited', async () => {
    const l = await learnerHere();
    const nam = uniqueNam();
    const typed = `${nam.year}-07-${two(nam.day + 1)}`;
    const none = await op.post(url(l.id), health(nam.number, typed));
    expect(none.statusCode).toBe(409);
    expect(none.json().error).toMatchObject({ code: 'identity_override_required', field: 'overrideReason' });
    expect(none.json().error.details.mismatch.message).toContain(`AA-MM-JJ : ${nam.dob.slice(2)}`);
    expect(none.json().error.details.mismatch.message).toContain(typed);

    const short = await op.post(url(l.id), health(nam.number, typed, { overrideReason: 'ok' }));
    expect(short.json().error.code).toBe('identity_override_required');

    const spaced = `${nam.number.slice(0, 4)} ${nam.number.slice(4, 8)} ${nam.number.slice(8)}`;
    const leaks = await op.post(
      url(l.id),
      health(nam.number, typed, { overrideReason: `Carte ${spaced} présentée, date différente` }),
    );
    expect(leaks.statusCode).toBe(400);
    expect(leaks.json().error).toMatchObject({ code: 'identity_invalid', field: 'overrideReason' });

    const reason = 'Erreur de date sur la carte, confirmée avec le permis de conduire';
    const ok = await op.post(url(l.id), health(nam.number, typed, { overrideReason: reason }));
    expect(ok.statusCode).toBe(200);
    expect(ok.json().check).toMatchObject({ overrideReason: reason });
    expect(ok.body).not.toContain(typed);
    const audit = await auditRows(l.id);
    expect(audit.map((a) => a.action)).toEqual(['identity.overridden']);
    expect(JSON.parse(audit[0]!.payload)).toEqual({
      documentType: 'health',
      masked: `•••• •••• ••${nam.number.slice(-2)}`,
      reason,
      warnings: [],
    });
    expect((await identityStatus(t.ctx, l.id, sp.id)).overridden).toBe(true);
  });

  it('doubtful check digit or name letters: warns, saying what to check; saved once the operator confirms', async () => {
    const l = await learnerHere('Marie', 'Lavigne');
    const res = await op.post(url(l.id), health('TREM 8557 2314', '1985-07-23'));
    expect(res.statusCode).toBe(409);
    const err = res.json().error;
    expect(err.code).toBe('identity_warnings');
    expect(err.details.warnings.map((w: { code: string }) => w.code)).toEqual([
      'health_check_digit',
      'health_name_letters',
    ]);
    expect(err.message).toContain('retapez le numéro');
    expect(err.message).toContain('LAVM attendu');
    expect(await t.ctx.db.selectFrom('identity_checks').select('id').where('user_id', '=', l.id).execute()).toEqual([]);

    const ok = await op.post(url(l.id), health('TREM 8557 2314', '1985-07-23', { acknowledgeWarnings: true }));
    expect(ok.statusCode).toBe(200);
    expect(ok.json().check.warnings).toEqual([
      { code: 'health_check_digit', label: 'Chiffre de contrôle' },
      { code: 'health_name_letters', label: 'Lettres du nom' },
    ]);
    const audit = await auditRows(l.id);
    expect(JSON.parse(audit[0]!.payload).warnings).toEqual(['health_check_digit', 'health_name_letters']);
  });

  it('driver’s licence: passes with the right date, warns « la date ne correspond pas » otherwise', async () => {
    const l = await learnerHere('Jean', 'Tremblay');
    const lic = (dateOfBirth: string, extra = {}) => ({
      documentType: 'licence',
      number: 't6515 251280 01',
      dateOfBirth,
      ...extra,
    });
    const warn = await op.post(url(l.id), lic('1980-12-26'));
    expect(warn.statusCode).toBe(409);
    expect(warn.json().error.message).toContain('la date ne correspond pas');
    const ok = await op.post(url(l.id), lic('1980-12-25'));
    expect(ok.statusCode).toBe(200);
    expect(ok.json().check).toMatchObject({ documentType: 'licence', masked: '•••••-••••••-01', warnings: [] });
  });

  describe('isolation', () => {
    it('an operator of another service point, or a learner not enrolled here, gets the same 404 as a missing learner', async () => {
      const l = await learnerHere();
      const nam = uniqueNam();
      expect((await op.post(url(l.id), health(nam.number, nam.dob))).statusCode).toBe(200);
      const elsewhere = await makeServicePoint(t.ctx);
      const other = await makeOperator(t.ctx, elsewhere.id);
      const otherOp = await Client.start(t.app);
      await otherOp.signIn(other.username);
      const notHere = await makeLearner(t.ctx);
      const missing = await otherOp.get(url('no-such-learner'));
      expect(missing.statusCode).toBe(404);
      for (const [client, id] of [
        [otherOp, l.id],
        [op, notHere.id],
        [op, 'no-such-learner'],
      ] as const) {
        const get = await client.get(url(id));
        expect(get.statusCode).toBe(404);
        expect(get.json()).toEqual(missing.json());
        const post = await client.post(url(id), health('TREM 8557 2313', '1985-07-23'));
        expect(post.statusCode).toBe(404);
        expect(post.json()).toEqual(missing.json());
      }
      // Nothing was revealed nor written: no audit row by the other operator.
      const rows = await t.ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('actor_id', '=', other.id)
        .where('action', 'like', 'identity.%')
        .execute();
      expect(rows).toEqual([]);
    });

    it('a learner gets the same 403 for another learner as for a missing one', async () => {
      const l = await learnerHere();
      const me = await makeLearner(t.ctx);
      const c = await Client.start(t.app);
      await c.signIn(me.username);
      for (const id of [l.id, me.id, 'no-such-learner']) {
        expect((await c.get(url(id))).statusCode).toBe(403);
        expect((await c.post(url(id), health('TREM 8557 2313', '1985-07-23'))).statusCode).toBe(403);
      }
    });
  });
});
