import { performance } from 'node:perf_hooks';
import { expect, test } from '@playwright/test';
import { operatorAuthorizes, secondsOf, startExam } from './exam-support';
import { capture, signIn } from './support';

const LEARNER = 'Luc D’Amour';

test('the operator pauses and resumes an exam and adds time; the learner’s screen follows within 2 s', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const workstation = await browser.newContext();
  const desk = await browser.newContext();
  const learner = await workstation.newPage();
  const operator = await desk.newPage();

  const attemptId = await operatorAuthorizes(learner, 'ldamour', 'Poste 4');
  await startExam(learner, 'ldamour', attemptId, 5);

  await signIn(operator, 'operateur');
  await operator.goto('/point-de-service');
  const row = operator.locator('.live-table tbody tr').filter({ hasText: LEARNER });
  await expect(row).toHaveClass(/row-live/);
  await row.getByRole('link', { name: LEARNER }).click();
  await expect(operator.getByRole('heading', { level: 1, name: LEARNER })).toBeVisible();

  // « Mettre en pause », with a reason.
  await operator.getByRole('button', { name: 'Mettre en pause' }).click();
  const pauseDialog = operator.getByRole('dialog', { name: 'Mettre l’examen en pause ?' });
  await pauseDialog.getByLabel('Motif').fill('Pause sanitaire');
  const pausedAt = performance.now();
  await pauseDialog.getByRole('button', { name: 'Mettre en pause' }).click();
  const overlay = learner.getByRole('dialog', { name: 'Examen en pause' });
  await expect(overlay).toBeVisible({ timeout: 2_000 });
  expect(performance.now() - pausedAt).toBeLessThan(2_000);
  await expect(operator.getByRole('button', { name: 'Reprendre', exact: true })).toBeVisible();

  // The countdown stands still and the answers cannot be changed.
  const countdown = learner.getByTestId('countdown');
  const frozen = await countdown.textContent();
  await learner.waitForTimeout(1_500);
  await expect(countdown).toHaveText(frozen!);
  // A click on a choice lands on the pause, not on the question behind it.
  const choice = learner.locator('.exam-question .choice input').first();
  const box = (await choice.boundingBox())!;
  await learner.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(choice).not.toBeChecked();
  await capture(learner, 'desk-day-learner-paused');
  await capture(operator, 'desk-day-file-paused');

  // « Reprendre »: the overlay leaves, the countdown runs from where it stood.
  const resumedAt = performance.now();
  await operator.getByRole('button', { name: 'Reprendre', exact: true }).click();
  await expect(overlay).toBeHidden({ timeout: 2_000 });
  expect(performance.now() - resumedAt).toBeLessThan(2_000);
  expect(secondsOf((await countdown.textContent())!)).toBeLessThanOrEqual(secondsOf(frozen!));
  expect(secondsOf((await countdown.textContent())!)).toBeGreaterThan(secondsOf(frozen!) - 5);
  await learner.locator('.exam-question .choice').filter({ hasText: 'Le casque de sécurité' }).locator('input').check();
  await expect(learner.getByTestId('save-status')).toHaveText('Enregistré');

  // « Ajouter du temps »: more than the exam's own duration (5 minutes) in all is refused, said in the dialog;
  // 4 minutes go through and the learner's countdown follows at once.
  const beforeAdd = secondsOf((await countdown.textContent())!);
  await operator.getByRole('button', { name: 'Ajouter du temps' }).click();
  const timeDialog = operator.getByRole('dialog', { name: 'Ajouter du temps à l’examen ?' });
  await timeDialog.getByLabel('Minutes à ajouter').fill('10');
  await timeDialog.getByLabel('Motif').fill('Panne du poste');
  await timeDialog.getByRole('button', { name: 'Ajouter du temps' }).click();
  await expect(timeDialog.getByText(/ne peut dépasser sa durée \(5 minutes\) : il reste 5 min/)).toBeVisible();
  await expect(timeDialog).toBeVisible();
  expect(secondsOf((await countdown.textContent())!)).toBeLessThanOrEqual(beforeAdd);
  await capture(operator, 'desk-day-add-time-refused');
  await timeDialog.getByLabel('Minutes à ajouter').fill('4');
  const addedAt = performance.now();
  await timeDialog.getByRole('button', { name: 'Ajouter du temps' }).click();
  await expect
    .poll(async () => secondsOf((await countdown.textContent())!), { timeout: 2_000 })
    .toBeGreaterThan(beforeAdd + 3 * 60);
  expect(performance.now() - addedAt).toBeLessThan(2_000);

  // The whole room: the live list's « Mettre toute la salle en pause », then « Reprendre toute la salle ».
  await operator.goto('/point-de-service');
  await operator.getByRole('button', { name: 'Mettre toute la salle en pause' }).click();
  const roomDialog = operator.getByRole('dialog', { name: 'Mettre toute la salle en pause ?' });
  await roomDialog.getByLabel('Motif').fill('Alarme incendie');
  await roomDialog.getByRole('button', { name: 'Mettre toute la salle en pause' }).click();
  await expect(overlay).toBeVisible({ timeout: 2_000 });
  await expect(row.getByText('En pause')).toBeVisible();
  await capture(operator, 'desk-day-live-paused');
  await operator.getByRole('button', { name: 'Reprendre toute la salle' }).click();
  await expect(overlay).toBeHidden({ timeout: 2_000 });
  await expect(row.getByText('En cours', { exact: true })).toBeVisible();

  await workstation.close();
  await desk.close();
});
