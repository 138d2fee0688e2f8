import { expect, test, type Page, type Request } from '@playwright/test';
import { e2eDb, operatorAuthorizes, secondsOf, SHORT_TRAINING, storedAttempt, type DemoLearner } from './exam-support';
import { shot, signIn } from './support';

/** Signs the learner in at the workstation: no « Se souvenir de moi » there. */
async function learnerSignsIn(page: Page, learner: DemoLearner) {
  await page.goto('/connexion');
  await expect(page.getByText('Point de service Démo — Montréal —')).toBeVisible();
  await expect(page.getByLabel('Se souvenir de moi')).toHaveCount(0);
  await signIn(page, learner);
}

/** Opens the exam page directly (the training page's « Lancer l'examen » leads there) and starts. */
async function openAndStart(page: Page, attemptId: string) {
  await page.goto(`/examen/${attemptId}`);
  await expect(
    page.getByRole('heading', { level: 1, name: /Initiation à la sécurité sur les chantiers/ }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Commencer' }).click();
  await expect(page.getByRole('heading', { name: /Question 1 sur 5/ })).toBeVisible();
}

const question = (page: Page) => page.locator('.exam-question');
const status = (page: Page) => page.getByTestId('save-status');

/** Chooses the n-th choice (0-based) of the question on screen. */
async function choose(page: Page, n: number) {
  await question(page).locator('.choice input').nth(n).check();
}

test.describe.configure({ mode: 'serial' });

test('the whole learner path on the demo’s short exam, from sign-in to « Déconnexion »', async ({ page }) => {
  const attemptId = await operatorAuthorizes(page, 'egagnon', 'Poste 1');
  await learnerSignsIn(page, 'egagnon');

  await page.getByRole('button', { name: 'Menu du compte' }).click();
  await page.getByRole('menuitem', { name: 'Mes formations' }).click();
  await page.getByRole('listitem').filter({ hasText: SHORT_TRAINING }).getByRole('link', { name: 'Accéder' }).click();
  await page.getByRole('link', { name: 'Lancer l’examen' }).click();
  await expect(page).toHaveURL(new RegExp(`/examen/${attemptId}$`));

  // The focused view: no site menu; title, questions, duration, passing mark, rules, « Commencer ».
  await expect(page.getByRole('button', { name: 'Menu du compte' })).toHaveCount(0);
  await expect(
    page.getByRole('heading', { level: 1, name: /Initiation à la sécurité sur les chantiers/ }),
  ).toBeVisible();
  const facts = page.locator('.attempt-facts');
  await expect(facts).toContainText('Nombre de questions5');
  await expect(facts).toContainText('Durée5 minutes');
  await expect(facts).toContainText('Note de passage60 %');
  await expect(page.getByRole('heading', { name: 'Consignes' })).toBeVisible();
  await shot(page, 'exam-intro');
  await page.getByRole('button', { name: 'Commencer' }).click();

  // One question per screen; the panel shows what is answered and flagged.
  await expect(page.getByRole('heading', { name: /Question 1 sur 5/ })).toBeVisible();
  await expect(page.getByTestId('countdown')).toHaveText(/^0[45]:\d\d$/);
  // The stem keeps its structure: paragraphs, a table with its header, emphasis (issue 18).
  const table = question(page).getByRole('table');
  await expect(table.getByRole('columnheader', { name: 'Équipement' })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(question(page).locator('.stem strong')).toHaveText('la tête');
  await shot(page, 'exam-question-table-1280');
  const wide = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(table).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, 'exam-question-table-390');
  await page.setViewportSize(wide);
  await choose(page, 0);
  await expect(status(page)).toHaveText('Enregistré');
  await page.getByRole('button', { name: /Suivante/ }).click();
  await expect(page.getByRole('heading', { name: /Question 2 sur 5/ })).toBeVisible();
  await choose(page, 1);
  await page.getByLabel('À revoir').check();
  await page.getByRole('button', { name: /Suivante/ }).click();
  await choose(page, 0);
  await expect(status(page)).toHaveText('Enregistré');
  await expect(page.getByRole('button', { name: /^Question 2 — Répondue, À revoir$/ })).toBeVisible();
  await shot(page, 'exam-question');

  // Jump to question 5 from the panel, answer it; question 4 stays unanswered.
  await page.getByRole('button', { name: /^Question 5 — Sans réponse$/ }).click();
  await expect(page.getByRole('heading', { name: /Question 5 sur 5/ })).toBeVisible();
  await choose(page, 0);
  await expect(status(page)).toHaveText('Enregistré');

  // « Terminer » lists what is unanswered, then submits.
  await page.getByRole('button', { name: 'Terminer', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Terminer l’examen ?' });
  await expect(dialog.getByTestId('unanswered')).toHaveText('Une question est sans réponse : 4.');
  await expect(dialog).toContainText('Marquées « À revoir » : 2.');
  await shot(page, 'exam-finish-confirm');
  await dialog.getByRole('button', { name: 'Confirmer et terminer' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Résultat' })).toBeVisible();
  const stored = storedAttempt(attemptId);
  expect(stored.state).toBe('submitted');
  await expect(page.getByTestId('outcome')).toHaveText(stored.outcome === 'passed' ? 'Réussite' : 'Échec');
  await expect(page.getByTestId('score')).toHaveText(
    `${String(stored.score_points).replace('.', ',')} / ${stored.max_points} points`,
  );
  await expect(page.getByTestId('percentage')).toHaveText(
    new RegExp(`^${stored.percentage!.toFixed(2).replace('.', ',')}\\s%$`),
  );
  await shot(page, 'exam-result');

  await page.getByRole('button', { name: 'Fermer la fenêtre' }).click();
  const leave = page.getByRole('dialog', { name: 'Quitter la page ?' });
  await expect(leave).toBeVisible();
  await leave.getByRole('button', { name: 'Quitter la page' }).click();
  await expect(page).toHaveURL(/\/compte$/);
  await page.getByRole('button', { name: 'Menu du compte' }).click();
  await page.getByRole('menuitem', { name: 'Déconnexion' }).click();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
});

test('offline for 60 s mid-exam: answers wait in the browser, survive a reload, and all reach the server in order', async ({
  page,
  context,
}) => {
  const attemptId = await operatorAuthorizes(page, 'ecote', 'Poste 2');
  await learnerSignsIn(page, 'ecote');
  // The exam page runs on Playwright's clock: real time until the test moves it (the server's clock is not moved).
  await page.clock.install();
  await openAndStart(page, attemptId);
  await choose(page, 0);
  await expect(status(page)).toHaveText('Enregistré');
  expect(storedAttempt(attemptId).answers).toHaveLength(1);

  await context.setOffline(true);
  await page.getByRole('button', { name: /Suivante/ }).click();
  await choose(page, 0); // question 2: first choice…
  await choose(page, 1); // …then changed
  await expect(status(page)).toHaveText('Hors ligne — vos réponses seront envoyées');
  await page.getByRole('button', { name: /Suivante/ }).click();
  await choose(page, 0);
  await choose(page, 1);
  await page.getByLabel('À revoir').check();
  await page.getByRole('button', { name: /^Question 5 — Sans réponse$/ }).click();
  await choose(page, 1);
  await expect(page.getByRole('button', { name: /^Question 3 — Répondue, À revoir$/ })).toBeVisible();
  // Nothing reached the server meanwhile.
  expect(storedAttempt(attemptId).answers).toHaveLength(1);
  await shot(page, 'exam-offline');

  // Still offline for 60 s of the page's time, 5 s at a time: each step fires the retry due in it (the delay
  // grows to 5 s) and the heartbeats, and waits for that retry to fail, as on a cut network.
  let failedSaves = 0;
  const countFailed = (r: Request) => {
    if (r.method() === 'PUT' && r.url().includes('/answers/')) failedSaves++;
  };
  page.on('requestfailed', countFailed);
  for (let elapsed = 0; elapsed < 60_000; elapsed += 5_000) {
    const before = failedSaves;
    await page.clock.runFor(5_000);
    await expect
      .poll(() => failedSaves, { message: `a retry failed in second ${elapsed / 1000}–${elapsed / 1000 + 5}` })
      .toBeGreaterThan(before);
  }
  page.off('requestfailed', countFailed);
  await expect(status(page)).toHaveText('Hors ligne — vos réponses seront envoyées');
  expect(storedAttempt(attemptId).answers).toHaveLength(1);

  // The page is reloaded before the network comes back for the answers: they are still in the browser.
  await page.route('**/api/attempts/*/answers/*', (route) => route.abort('internetdisconnected'));
  await context.setOffline(false);
  page.once('dialog', (d) => {
    expect(d.type()).toBe('beforeunload');
    void d.accept();
  });
  await page.reload();
  await expect(page.getByRole('heading', { name: /Question \d sur 5/ })).toBeVisible();
  await expect(status(page)).toHaveText('Hors ligne — vos réponses seront envoyées');
  await expect(page.getByRole('button', { name: /^Question 3 — Répondue, À revoir$/ })).toBeVisible();
  expect(storedAttempt(attemptId).answers).toHaveLength(1);

  // The connection is back: everything is sent, in the order it was made.
  const sent: number[] = [];
  page.on('request', (r) => {
    if (r.method() === 'PUT' && r.url().includes('/answers/')) sent.push((r.postDataJSON() as { seq: number }).seq);
  });
  await page.unroute('**/api/attempts/*/answers/*');
  await expect(status(page)).toHaveText('Enregistré', { timeout: 15_000 });
  expect(sent.length).toBeGreaterThanOrEqual(6);
  expect([...sent].sort((a, b) => a - b)).toEqual(sent);

  const stored = storedAttempt(attemptId);
  const byItem = Object.fromEntries(stored.answers.map((a) => [a.item, a]));
  const items = Object.keys(byItem);
  expect(items).toHaveLength(4);
  expect(stored.last_seq).toBe(7);
  // Question 2's and 3's last changes won over their first.
  const seqs = stored.answers.map((a) => a.seq);
  expect(seqs).toEqual([1, 3, 6, 7]);
  expect(stored.answers[2]!.flagged).toBe(true);
  expect(stored.state).toBe('in_progress');
});

test('with the workstation’s clock 3 hours ahead, the countdown still shows the server’s time left', async ({
  page,
}) => {
  const attemptId = await operatorAuthorizes(page, 'lng', 'Poste 3');
  await page.clock.install({ time: new Date(Date.now() + 3 * 3600_000) });
  await learnerSignsIn(page, 'lng');
  await openAndStart(page, attemptId);
  // The page's own clock is indeed 3 hours ahead.
  expect(await page.evaluate(() => Date.now())).toBeGreaterThan(Date.now() + 3 * 3600_000 - 60_000);

  const check = async () => {
    const shown = secondsOf((await page.getByTestId('countdown').textContent())!);
    // The server's clock is this machine's: the time left is the deadline minus now.
    const left = (Date.parse(storedAttempt(attemptId).deadline_at) - Date.now()) / 1000;
    expect(Math.abs(shown - left), `shown ${shown} s, server says ${left.toFixed(1)} s`).toBeLessThanOrEqual(2);
  };
  await check();
  // The clock jumps again while the exam runs: nothing changes either.
  await page.clock.setSystemTime(new Date(Date.now() + 5 * 3600_000));
  await page.waitForTimeout(1500);
  await check();
  await shot(page, 'exam-clock-ahead');

  // Screen readers hear the last minute coming (the page's timers run ahead here: the announcement is
  // the page's own work; the server's deadline is untouched).
  await page.clock.fastForward('04:05');
  await expect(page.getByRole('status').filter({ hasText: 'Attention : il reste 1 minute.' })).toHaveCount(1);
  await expect(page.locator('.countdown')).toContainText('Dernière minute !');
});

test('time runs out with the learner on the page: the server closes the exam and the page shows the result', async ({
  page,
}) => {
  const attemptId = await operatorAuthorizes(page, 'jsaintemarie', 'Poste 4');
  await learnerSignsIn(page, 'jsaintemarie');
  await openAndStart(page, attemptId);
  await choose(page, 0);
  await expect(status(page)).toHaveText('Enregistré');
  // The five minutes pass on the server: here its deadline is brought 3 seconds from now.
  const db = e2eDb();
  try {
    db.prepare('update attempts set deadline_at = ? where id = ?').run(
      new Date(Date.now() + 3000).toISOString(),
      attemptId,
    );
  } finally {
    db.close();
  }
  await expect(page.getByRole('heading', { level: 1, name: 'Résultat' })).toBeVisible({ timeout: 30_000 });
  await expect(
    page.getByText(
      'Le temps est écoulé : l’examen a été fermé automatiquement et corrigé avec vos réponses enregistrées.',
    ),
  ).toBeVisible();
  const stored = storedAttempt(attemptId);
  expect(stored.state).toBe('expired');
  expect(stored.answers).toHaveLength(1);
  await expect(page.getByTestId('score')).toHaveText(`${stored.score_points} / ${stored.max_points} points`);
  await shot(page, 'exam-expired');
});
