import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { makeLearner, makeServicePoint, makeTraining } from '../../../../tests/support/factories.js';
import { createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { DomainError } from '../../errors.js';
import { enrolmentsAtServicePoint } from './catalog.service.js';
import { enrol, enrolFromCsv } from './enrolments.service.js';
import { problemMessages } from './import-problems.js';

const run = promisify(execFile);

describe.each(dbKinds())('enrolments on %s', (kind) => {
  let t: TestApp;
  let sp: Awaited<ReturnType<typeof makeServicePoint>>;
  let training: Awaited<ReturnType<typeof makeTraining>>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    sp = await makeServicePoint(t.ctx);
    training = await makeTraining(t.ctx);
  });
  afterAll(async () => t.close());

  const enrolmentsOf = (userId: string) =>
    t.ctx.db.selectFrom('enrolments').selectAll().where('user_id', '=', userId).execute();

  async function errorOf(p: Promise<unknown>): Promise<DomainError> {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }

  /** The command line, as an administrator runs it, on this test's database. */
  function cli(...args: string[]) {
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      VIGIE_SECRET: t.ctx.config.secret,
      DATA_DIR: t.database.dataDir,
      DATABASE_URL: t.database.url ?? '',
      LOG_LEVEL: 'error',
    };
    return run(path.resolve('node_modules/.bin/tsx'), ['src/cli/main.ts', ...args], { env }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  }

  it('enrols one learner at a service point, where the operators then see the exam to authorize', async () => {
    const l = await makeLearner(t.ctx);
    await enrol(
      t.ctx,
      { login: l.username.toUpperCase(), trainingCode: training.code, servicePointName: sp.name },
      { actorId: null },
    );
    const rows = await enrolmentsOf(l.id);
    expect(rows).toMatchObject([{ training_id: training.trainingId, service_point_id: sp.id, status: 'in_training' }]);
    expect(await enrolmentsAtServicePoint(t.ctx, l.id, sp.id)).toMatchObject([
      {
        status: 'in_training',
        examId: training.examId,
        examVersionId: training.versionId,
        training: { code: training.code },
      },
    ]);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'enrolment.created')
      .where('subject_user_id', '=', l.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.service_point_id).toBe(sp.id);
  });

  it('refuses an unknown training code, an unknown learner, an unknown service point and a duplicate enrolment', async () => {
    const l = await makeLearner(t.ctx);
    const input = { login: l.username, trainingCode: training.code, servicePointName: sp.name };
    const meta = { actorId: null };
    const unknownTraining = await errorOf(enrol(t.ctx, { ...input, trainingCode: 'INCONNUE' }, meta));
    expect(unknownTraining.code).toBe('unknown_training');
    expect((await errorOf(enrol(t.ctx, { ...input, login: 'personne' }, meta))).code).toBe('unknown_learner');
    expect((await errorOf(enrol(t.ctx, { ...input, servicePointName: 'Ailleurs' }, meta))).code).toBe(
      'unknown_service_point',
    );
    await enrol(t.ctx, input, meta);
    const dup = await errorOf(enrol(t.ctx, input, meta));
    expect(dup.code).toBe('already_enrolled');
    expect(await enrolmentsOf(l.id)).toHaveLength(1);
  });

  it('enrols a whole CSV file (semicolons, header, quotes, e-mail or user name) in one go', async () => {
    const a = await makeLearner(t.ctx);
    const b = await makeLearner(t.ctx);
    const other = await makeTraining(t.ctx);
    const csv = `\uFEFFUtilisateur;Formation\r\n${a.username};${training.code}\r\n"${b.username}@example.test";${training.code}\r\n\r\n${a.username};"${other.code}"\r\n`;
    expect(
      await enrolFromCsv(
        t.ctx,
        { text: csv, fileName: 'inscriptions.csv', servicePointName: sp.name },
        { actorId: null },
      ),
    ).toEqual({
      enrolled: 3,
    });
    expect(await enrolmentsOf(a.id)).toHaveLength(2);
    expect(await enrolmentsOf(b.id)).toHaveLength(1);
  });

  it('reports every bad CSV row by its line number, and enrols nobody', async () => {
    const ok = await makeLearner(t.ctx);
    const enrolled = await makeLearner(t.ctx);
    await enrol(
      t.ctx,
      { login: enrolled.username, trainingCode: training.code, servicePointName: sp.name },
      { actorId: null },
    );
    const csv = [
      'user,training',
      `${ok.username},${training.code}`,
      `inconnu,${training.code}`,
      `${ok.username},NOPE`,
      `${enrolled.username},${training.code}`,
      `${ok.username},${training.code}`,
      `${ok.username}`,
    ].join('\n');
    const err = await errorOf(
      enrolFromCsv(t.ctx, { text: csv, fileName: 'lot.csv', servicePointName: sp.name }, { actorId: null, lang: 'en' }),
    );
    expect(err.code).toBe('import_invalid');
    expect(problemMessages(err)).toEqual([
      'lot.csv, line 3: no account has the user name or e-mail « inconnu ».',
      'lot.csv, line 4: unknown training code: « NOPE ».',
      `lot.csv, line 5: « ${enrolled.username} » is already enrolled in the training « ${training.code} ».`,
      'lot.csv, line 6: same enrolment as on line 2.',
      `lot.csv, line 7: two columns expected: user name or e-mail, training code (read: « ${ok.username} »).`,
    ]);
    expect(await enrolmentsOf(ok.id)).toHaveLength(0);
  });

  it('a CSV file that is not UTF-8 (Latin-1) is refused naming its line, enrolling nobody', async () => {
    const ok = await makeLearner(t.ctx);
    const latin1 = Buffer.from(`${ok.username},${training.code}\nb\xe9langer,${training.code}\n`, 'latin1');
    const err = await errorOf(
      enrolFromCsv(
        t.ctx,
        { text: latin1, fileName: 'lot.csv', servicePointName: sp.name },
        { actorId: null, lang: 'en' },
      ),
    );
    expect(err.code).toBe('import_invalid');
    expect(problemMessages(err)).toEqual([
      'lot.csv, line 2: the file is not UTF-8 (perhaps Latin-1 or Windows-1252): save it as UTF-8.',
    ]);
    expect(await enrolmentsOf(ok.id)).toHaveLength(0);
  });

  it('from the command line: enrol --csv imports a good file, and names the bad lines of a bad one, enrolling nobody', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vigie-csv-'));
    const a = await makeLearner(t.ctx);
    const b = await makeLearner(t.ctx);
    const good = path.join(dir, 'bons.csv');
    writeFileSync(good, `${a.username},${training.code}\n${b.username}@example.test,${training.code}\n`);
    const r = await cli('enrol', '--csv', good, '--service-point', sp.name);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`2 enrolment(s) created at « ${sp.name} »`);
    expect(r.code).toBe(0);
    expect(await enrolmentsOf(a.id)).toHaveLength(1);

    const c = await makeLearner(t.ctx);
    const bad = path.join(dir, 'mauvais.csv');
    writeFileSync(bad, `${c.username},${training.code}\n${a.username},${training.code}\nquelquun,${training.code}\n`);
    const r2 = await cli('enrol', '--csv', bad, '--service-point', sp.name);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('nothing imported');
    expect(r2.stderr).toContain(
      `mauvais.csv, line 2: « ${a.username} » is already enrolled in the training « ${training.code} ».`,
    );
    expect(r2.stderr).toContain('mauvais.csv, line 3: no account has the user name or e-mail « quelquun ».');
    expect(await enrolmentsOf(c.id)).toHaveLength(0);

    const r3 = await cli('enrol', '--user', c.username, '--training', 'INCONNUE', '--service-point', sp.name);
    expect(r3.code).toBe(1);
    expect(r3.stderr).toContain('No training has the code "INCONNUE"');
  }, 60_000);
});
