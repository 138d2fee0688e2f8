import { expect, test } from '@playwright/test';
import { call, operatorAuthorizes, secondsOf } from './exam-support';
import { capture, signIn } from './support';

const LEARNER = 'Émile Côté';

test('« Mesures d’adaptation »: +50 % granted on the file is in the learner’s countdown from « Commencer »; an irregularity reported on the live row is in « Bilan de la journée »', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const workstation = await browser.newContext();
  const desk = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const learner = await workstation.newPage();
  const operator = await desk.newPage();

  const attemptId = await operatorAuthorizes(learner, 'ecote', 'Poste 2');

  // The operator opens the file from the live list: identity, photo and authorization in view at 1280 × 800.
  await signIn(operator, 'operateur');
  await operator.goto('/point-de-service');
  await operator
    .locator(`.live-table tbody tr[data-attempt="${attemptId}"]`)
    .getByRole('link', { name: LEARNER })
    .click();
  await expect(operator.getByRole('heading', { level: 1, name: LEARNER })).toBeVisible();
  await expect(operator.getByRole('heading', { name: 'Autorisation de l’examen' })).toBeInViewport();

  // « Mesures d'adaptation » → « Ajouter une mesure »: +50 %.
  await operator.getByText(/^Mesures d’adaptation \(\d+\)$/).click();
  await operator.getByRole('button', { name: 'Ajouter une mesure' }).click();
  await operator.getByLabel('Mesure', { exact: true }).selectOption({ label: 'Temps supplémentaire +50 %' });
  await operator.getByLabel('Motif').fill('Trouble d’apprentissage attesté');
  await operator.getByLabel('Accordée par').fill('Direction des études');
  await operator.getByLabel('Valide jusqu’au').fill('2099-12-31');
  await operator.getByRole('button', { name: 'Enregistrer la mesure' }).click();
  const inForce = operator.locator('.care-active');
  await expect(inForce).toContainText('Temps supplémentaire +50 %');
  await capture(operator, 'desk-care-file');

  // The learner's intro says it; « Commencer » runs the countdown from 5 + 3 minutes (+50 %, rounded up).
  await signIn(learner, 'ecote');
  // « Mes formations » says the extra time in force.
  await learner.goto('/formations');
  await expect(learner.getByTestId('extra-time')).toContainText('Temps supplémentaire accordé : +50 %');
  await capture(learner, 'desk-care-my-trainings');
  await learner.goto(`/examen/${attemptId}`);
  await expect(learner.getByText('Temps supplémentaire accordé')).toBeVisible();
  await capture(learner, 'desk-care-intro');
  await learner.getByRole('button', { name: 'Commencer' }).click();
  await expect(learner.getByRole('heading', { name: /Question 1 sur 5/ })).toBeVisible();
  const left = secondsOf((await learner.getByTestId('countdown').textContent())!);
  expect(left).toBeGreaterThan(7 * 60);
  expect(left).toBeLessThanOrEqual(8 * 60);

  // The live row: the extra time, and « Signaler une irrégularité » on this attempt.
  await operator.goto('/point-de-service');
  const row = operator.locator(`.live-table tbody tr[data-attempt="${attemptId}"]`);
  await expect(row).toContainText('Temps supplémentaire accordé : 3 min');
  await row.getByRole('button', { name: 'Signaler une irrégularité' }).click();
  const dialog = operator.getByRole('dialog', { name: 'Signaler une irrégularité' });
  await dialog.getByLabel('Catégorie').selectOption({ label: 'Comportement' });
  const description = `Consulte un téléphone pendant l’examen (${attemptId.slice(0, 6)})`;
  await dialog.getByLabel('Description').fill(description);
  await dialog.getByRole('button', { name: 'Signaler', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByRole('status')).toHaveText('Irrégularité signalée.');
  await capture(operator, 'desk-care-live');

  // « Bilan de la journée » lists it; the exam goes on, its result untouched.
  await operator.goto('/point-de-service/bilan');
  const listed = operator
    .getByRole('region', { name: 'Irrégularités' })
    .getByRole('row')
    .filter({ hasText: description });
  await expect(listed).toContainText('Comportement');
  await expect(listed).toContainText(LEARNER);
  await capture(operator, 'desk-care-summary');

  // The shared demo goes on: the exam ends and the measure is revoked, so later specs find Émile Côté as usual.
  await call(operator.context().request, 'POST', `/api/desk/attempts/${attemptId}/terminate`);
  await listed.getByRole('link', { name: LEARNER }).click();
  await operator.getByRole('button', { name: 'Révoquer' }).click();
  await operator
    .getByRole('dialog', { name: 'Révoquer cette mesure d’adaptation ?' })
    .getByRole('button', { name: 'Révoquer' })
    .click();
  await expect(inForce).toBeHidden();

  await workstation.close();
  await desk.close();
});
