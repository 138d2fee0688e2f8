import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { E2E_DATA_DIR } from '../../playwright.config';
import { shot, signIn } from './support';

test('a demo learner opens « Mes formations », then « Accéder » on « Signaleur routier »', async ({ page }) => {
  await signIn(page, 'glavigne');
  await page.getByRole('button', { name: 'Menu du compte' }).click();
  await page.getByRole('menuitem', { name: 'Mes formations' }).click();

  await expect(page.getByRole('heading', { name: 'Mes formations', level: 1 })).toBeVisible();
  const cards = page.getByRole('listitem');
  await expect(cards).toHaveCount(2);
  const signaleur = cards.filter({ hasText: 'Signaleur routier' });
  await expect(signaleur.getByText('En formation')).toBeVisible();
  await expect(signaleur.getByText('Point de service : Point de service Démo — Montréal')).toBeVisible();
  await expect(cards.filter({ hasText: 'Initiation à la sécurité sur les chantiers' })).toBeVisible();
  await shot(page, 'learning-my-trainings');

  await signaleur.getByRole('link', { name: 'Accéder' }).click();
  await expect(page).toHaveURL(/\/formations\/[\w-]+$/);
  await expect(page.getByRole('heading', { name: 'Signaleur routier', level: 1 })).toBeVisible();
  await expect(page.getByText('dirigent la circulation aux abords des chantiers routiers')).toBeVisible();
  const facts = page.locator('.exam-facts');
  await expect(facts.getByRole('term').nth(0)).toHaveText('Durée de l’examen');
  await expect(facts.getByRole('definition').nth(0)).toHaveText('30 minutes');
  await expect(facts.getByRole('definition').nth(1)).toHaveText('25');
  await expect(facts.getByRole('definition').nth(2)).toHaveText(/^80\s%$/);
  await expect(page.getByText('Aucun résultat pour le moment.')).toBeVisible();
  // No operator has authorized the exam: no way to launch it.
  await expect(page.getByRole('link', { name: 'Lancer l’examen' })).toHaveCount(0);
  await expect(page.getByText('un opérateur vérifie votre identité')).toBeVisible();
  await shot(page, 'learning-training');

  // The same page in English.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Road flagger', level: 1 })).toBeVisible();
  await expect(page.getByText('Number of questions')).toBeVisible();
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.getByRole('heading', { name: 'Signaleur routier', level: 1 })).toBeVisible();

  await page.getByRole('link', { name: '← Mes formations' }).click();
  await expect(page.getByRole('heading', { name: 'Mes formations', level: 1 })).toBeVisible();
});

/**
 * Authorizing is the desk's work (another part of Vigie): here the rows an operator's authorization and a
 * finished attempt leave are written straight into the e2e database, then removed.
 */
test('« Lancer l’examen » appears once an operator has authorized the exam, and past results are listed', async ({
  page,
}) => {
  const db = new Database(path.join(E2E_DATA_DIR, 'vigie.db'));
  db.pragma('busy_timeout = 5000');
  const one = <T>(q: string, ...args: unknown[]) => db.prepare(q).get(...args) as T;
  const learner = one<{ id: string }>(`select id from users where username = 'aroy'`);
  const operator = one<{ id: string }>(`select id from users where username = 'operateur'`);
  const scene = one<{ enrolment: string; sp: string; exam: string; version: string; ws: string }>(
    `select n.id as enrolment, n.service_point_id as sp, e.id as exam, e.current_version_id as version,
            (select w.id from workstations w where w.service_point_id = n.service_point_id order by w.name limit 1) as ws
       from enrolments n join trainings t on t.id = n.training_id join exams e on e.id = t.exam_id
      where n.user_id = ? and t.code = 'SECURITE-CHANTIERS'`,
    learner.id,
  );
  const insert = db.prepare(
    `insert into attempts (id, user_id, enrolment_id, exam_id, exam_version_id, service_point_id, workstation_id, state,
       authorized_by, authorized_at, authorized_for, started_at, ended_at, percentage, outcome, score_points, max_points)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const now = new Date();
  const earlier = new Date(now.getTime() - 7 * 24 * 3600_000).toISOString();
  const ids = { finished: `e2e-finished-${now.getTime()}`, open: `e2e-open-${now.getTime()}` };
  const base = [learner.id, scene.enrolment, scene.exam, scene.version, scene.sp, scene.ws] as const;
  insert.run(
    ids.finished,
    ...base,
    'submitted',
    operator.id,
    earlier,
    earlier.slice(0, 10),
    earlier,
    earlier,
    40,
    'failed',
    2,
    5,
  );
  insert.run(
    ids.open,
    ...base,
    'authorized',
    operator.id,
    now.toISOString(),
    now.toISOString().slice(0, 10),
    null,
    null,
    null,
    null,
    null,
    null,
  );
  db.prepare(`update enrolments set status = 'exam_authorized' where id = ?`).run(scene.enrolment);
  try {
    await signIn(page, 'aroy');
    await page.goto('/formations');
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Initiation à la sécurité sur les chantiers' })
      .getByRole('link', { name: 'Accéder' })
      .click();
    await expect(page.getByRole('heading', { name: 'Initiation à la sécurité sur les chantiers' })).toBeVisible();
    const launch = page.getByRole('link', { name: 'Lancer l’examen' });
    await expect(launch).toBeVisible();
    await expect(launch).toHaveAttribute('href', `/examen/${ids.open}`);
    await expect(page.getByText('Un opérateur a autorisé votre examen.')).toBeVisible();
    await expect(page.getByText('Examen autorisé', { exact: true })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: 'Échec' });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('cell').nth(1)).toHaveText(/^40\s%$/);
    await shot(page, 'learning-training-authorized');
  } finally {
    db.prepare('delete from attempts where id in (?, ?)').run(ids.finished, ids.open);
    db.prepare(`update enrolments set status = 'in_training' where id = ?`).run(scene.enrolment);
    db.close();
  }
});
