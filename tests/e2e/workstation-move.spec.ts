import { performance } from 'node:perf_hooks';
import { expect, test, type Page } from '@playwright/test';
import { call, e2eDb, operatorAuthorizes, secondsOf, startExam } from './exam-support';
import { capture, DEMO_PASSWORD, signIn } from './support';

/*
 * A broken workstation (issue 17): « Déplacer vers un autre poste » with two workstations and the operator's desk,
 * a reload that comes back to the question the learner was on, « Terminer » refused while paused, and the same
 * pages in English. Luc D'Amour takes « Signaleur routier » (the other specs use his short exam).
 */

const LEARNER = 'Luc D’Amour';
const TRAINING = 'Signaleur routier';
const EXAM = 'Examen final — Signaleur routier';

/** The name of the workstation the attempt is at, as the server stored it. */
function workstationOf(attemptId: string): string {
  const db = e2eDb();
  try {
    return (
      db
        .prepare('select w.name from attempts a join workstations w on w.id = a.workstation_id where a.id = ?')
        .get(attemptId) as { name: string }
    ).name;
  } finally {
    db.close();
  }
}

/** The operator registers this browser as a free workstation (not `except`) through the API; its name. */
async function registerFreeWorkstation(page: Page, except: string): Promise<string> {
  const api = page.context().request;
  await call(api, 'GET', '/api/session');
  await call(api, 'POST', '/api/auth/sign-in', { login: 'operateur', password: DEMO_PASSWORD, remember: false });
  const found = (await call(api, 'GET', `/api/desk/learners?q=${encodeURIComponent('ldamour@vigie.demo')}`)) as {
    learners: { id: string }[];
  };
  const file = (await call(api, 'GET', `/api/desk/learners/${found.learners[0]!.id}`)) as {
    workstations: { id: string; name: string; occupiedBy: string | null }[];
  };
  const free = file.workstations.find((w) => w.occupiedBy === null && w.name !== except)!;
  expect(free, 'a free workstation to move to').toBeDefined();
  await call(api, 'POST', `/api/desk/workstations/${free.id}/register`);
  await call(api, 'POST', '/api/auth/sign-out');
  return free.name;
}

/** Answers the question on screen, whatever its type: the road-flagger exam draws every interaction type. */
async function answerShown(page: Page) {
  const question = page.locator('.exam-question');
  // Whatever the type, something to answer with is on screen first (a hotspot's areas once its image is laid out).
  await expect(
    question.locator('.choice input, .hotspot input, select, .text-entry input, .order-moves button').first(),
  ).toBeVisible();
  const choice = question.locator('.choice input, .hotspot input').first();
  if ((await choice.count()) > 0) return choice.check();
  const lists = await question.locator('select').all();
  if (lists.length > 0) {
    for (const [i, list] of lists.entries()) await list.selectOption({ index: i + 1 });
    return;
  }
  const typed = question.locator('.text-entry input');
  if ((await typed.count()) > 0) return typed.fill('12');
  await question.locator('.order-moves button:not([disabled])').first().click();
}

test.describe.configure({ mode: 'serial' });

test('a reload comes back to the question; « Déplacer vers un autre poste »: the old screen says where to go, the new one resumes with every answer, the clock frozen meanwhile; « Terminer » is refused while paused', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const [oldWs, newWs, desk] = [await browser.newContext(), await browser.newContext(), await browser.newContext()];
  const before = await oldWs.newPage();
  const after = await newWs.newPage();
  const operator = await desk.newPage();

  const attemptId = await operatorAuthorizes(before, 'ldamour', 'Poste 5', TRAINING);
  const oldName = workstationOf(attemptId);
  await startExam(before, 'ldamour', attemptId, 25);

  // Two answers, then on to question 3.
  for (const n of [1, 2]) {
    await answerShown(before);
    await expect(before.getByTestId('save-status')).toHaveText('Enregistré');
    await before.getByRole('button', { name: /Suivante/ }).click();
    await expect(before.getByRole('heading', { name: new RegExp(`Question ${n + 1} sur 25`) })).toBeVisible();
  }

  // A reload (the page asks first: the exam is running) comes back to question 3, answers kept.
  before.on('dialog', (d) => void d.accept());
  await before.reload();
  await expect(before.getByRole('heading', { name: /Question 3 sur 25/ })).toBeVisible();
  await expect(before.getByText('2 sur 25 répondues')).toBeVisible();

  // The operator moves the exam to another free workstation.
  const newName = await registerFreeWorkstation(after, oldName);
  await signIn(operator, 'operateur');
  const learnerId = (
    (await call(desk.request, 'GET', `/api/desk/learners?q=${encodeURIComponent('ldamour@vigie.demo')}`)) as {
      learners: { id: string }[];
    }
  ).learners[0]!.id;
  await operator.goto(`/point-de-service/apprenants/${learnerId}`);
  await expect(operator.getByRole('heading', { level: 1, name: LEARNER })).toBeVisible();
  const running = operator.locator('.running-exam').filter({ hasText: EXAM });
  await running.getByRole('button', { name: 'Déplacer vers un autre poste' }).click();
  const moveDialog = operator.getByRole('dialog', { name: 'Déplacer l’examen vers un autre poste ?' });
  await moveDialog.getByLabel('Nouveau poste de travail').selectOption({ label: newName });
  await moveDialog.getByLabel('Motif').fill('Écran noir');
  const movedAt = performance.now();
  await moveDialog.getByRole('button', { name: 'Déplacer' }).click();

  // The old screen is told within 2 s where the exam went; its countdown stands still.
  const moved = before.getByRole('dialog', { name: 'Examen déplacé' });
  await expect(moved).toBeVisible({ timeout: 2_000 });
  expect(performance.now() - movedAt).toBeLessThan(2_000);
  await expect(moved).toContainText(`L’opérateur a déplacé votre examen au ${newName} : rendez-vous-y.`);
  await capture(before, 'exam-moved');
  // Read once the screen has settled on the move (the capture takes a few seconds).
  const countdown = before.getByTestId('countdown');
  const frozen = secondsOf((await countdown.textContent())!);

  // On the new workstation: the exam resumes, both saved answers there, the time since the move given back.
  await signIn(after, 'ldamour');
  await after.goto(`/examen/${attemptId}`);
  await expect(after.getByRole('heading', { name: /Question \d+ sur 25/ })).toBeVisible();
  await expect(after.getByText('2 sur 25 répondues')).toBeVisible();
  await expect(after.getByText(`Poste : ${newName}`)).toBeVisible();
  expect(performance.now() - movedAt).toBeGreaterThan(2_000);
  expect(secondsOf((await after.getByTestId('countdown').textContent())!)).toBeGreaterThanOrEqual(frozen - 2);
  // The old screen still says where the exam went.
  await expect(moved).toContainText(`au ${newName} : rendez-vous-y`);

  // « Terminer » while paused: the page has not heard of the pause yet (its stream cut), the server refuses.
  await after.route('**/events', (r) => r.abort());
  await after.reload();
  await expect(after.getByRole('heading', { name: /Question \d+ sur 25/ })).toBeVisible();
  await running.getByRole('button', { name: 'Mettre en pause' }).click();
  const pauseDialog = operator.getByRole('dialog', { name: 'Mettre l’examen en pause ?' });
  await pauseDialog.getByLabel('Motif').fill('Toilettes');
  await pauseDialog.getByRole('button', { name: 'Mettre en pause' }).click();
  await expect(running.getByRole('button', { name: 'Reprendre', exact: true })).toBeVisible();
  await after.getByRole('button', { name: 'Terminer', exact: true }).click();
  await after.getByRole('button', { name: 'Confirmer et terminer' }).click();
  await expect(after.locator('.exam-main > .alert-error')).toHaveText(
    'Examen en pause : vous pourrez terminer l’examen à la reprise.',
  );
  await expect(after.getByRole('dialog', { name: 'Examen en pause' })).toBeVisible();
  await capture(after, 'exam-submit-paused');
  await running.getByRole('button', { name: 'Reprendre', exact: true }).click();
  await expect(running.getByRole('button', { name: 'Mettre en pause' })).toBeVisible();

  await oldWs.close();
  await newWs.close();
  await desk.close();
});

test('in English: the training and exam titles, the desk’s radio list, the summary, and the server’s sentences', async ({
  page,
}) => {
  await signIn(page, 'ldamour');
  await page.getByRole('button', { name: 'English' }).click();
  await page.goto('/formations');
  await expect(page.getByRole('heading', { name: 'My trainings', level: 1 })).toBeVisible();
  await expect(page.getByText('Road flagger').first()).toBeVisible();
  await expect(page.getByText('Signaleur routier')).toHaveCount(0);
  // This browser is no workstation: the server says so in English, though Luc's account is in French.
  const db = e2eDb();
  const open = db
    .prepare(
      "select a.id from attempts a join users u on u.id = a.user_id where u.username = 'ldamour' and a.state in ('authorized', 'in_progress') order by a.authorized_at desc",
    )
    .get() as { id: string };
  db.close();
  await page.goto(`/examen/${open.id}`);
  await expect(page.getByRole('alert')).toHaveText(
    'This browser is not a registered exam workstation. The exam is taken at the workstation the operator assigned you.',
  );
  await capture(page, 'exam-refused-en');

  await page.goto('/');
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await signInEnglish(page, 'operateur');
  // The desk's radio list of exams to authorize: Marie Tremblay's « Signaleur routier » (no spec authorizes it).
  const marie = (
    (await call(
      page.context().request,
      'GET',
      `/api/desk/learners?q=${encodeURIComponent('mtremblay@vigie.demo')}`,
    )) as {
      learners: { id: string }[];
    }
  ).learners[0]!.id;
  await page.goto(`/point-de-service/apprenants/${marie}`);
  await expect(page.getByRole('radio', { name: 'Final exam — Road flagger' })).toBeVisible();
  await expect(page.getByRole('radio', { name: EXAM })).toHaveCount(0);
  await capture(page, 'desk-file-en');
  await page.goto('/point-de-service/bilan');
  await expect(page.getByRole('cell', { name: 'Final exam — Road flagger' }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: EXAM })).toHaveCount(0);
  await capture(page, 'summary-en');
});

async function signInEnglish(page: Page, login: string) {
  await page.goto('/connexion');
  await page.getByLabel('User name or e-mail').fill(login);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Account menu' })).toBeVisible();
}
