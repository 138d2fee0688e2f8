import { performance } from 'node:perf_hooks';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { operatorAuthorizes, secondsOf } from './exam-support';
import { shot, signIn } from './support';

const LEARNER = 'Luc D’Amour';
const WIDTHS = [1280, 390] as const;
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** At each width: the picture, then axe over the whole page. */
async function capture(page: Page, name: string) {
  const before = page.viewportSize();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width > 800 ? 800 : 844 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await shot(page, `${name}-${width}`);
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    const found = violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect.soft(found, `${name} at ${width} px`).toEqual([]);
  }
  if (before) await page.setViewportSize(before);
}

test('the operator pauses and resumes an exam and adds time; the learner’s screen follows within 2 s', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const workstation = await browser.newContext();
  const desk = await browser.newContext();
  const learner = await workstation.newPage();
  const operator = await desk.newPage();

  const attemptId = await operatorAuthorizes(learner, 'ldamour', 'Poste 4');
  await signIn(learner, 'ldamour');
  await learner.goto(`/examen/${attemptId}`);
  await learner.getByRole('button', { name: 'Commencer' }).click();
  await expect(learner.getByRole('heading', { name: /Question 1 sur 5/ })).toBeVisible();

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

  // « Ajouter du temps »: 10 minutes; the learner's countdown follows at once.
  const beforeAdd = secondsOf((await countdown.textContent())!);
  await operator.getByRole('button', { name: 'Ajouter du temps' }).click();
  const timeDialog = operator.getByRole('dialog', { name: 'Ajouter du temps à l’examen ?' });
  await timeDialog.getByLabel('Minutes à ajouter').fill('10');
  await timeDialog.getByLabel('Motif').fill('Mesure d’adaptation');
  const addedAt = performance.now();
  await timeDialog.getByRole('button', { name: 'Ajouter du temps' }).click();
  await expect
    .poll(async () => secondsOf((await countdown.textContent())!), { timeout: 2_000 })
    .toBeGreaterThan(beforeAdd + 9 * 60);
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
