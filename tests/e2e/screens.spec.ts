import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { call, LEARNERS, operatorAuthorizes } from './exam-support';
import { capture, DEMO_PASSWORD, expectWithinPhoneWidth, signIn, signOut } from './support';

/**
 * Every page issues 14 and 15 touched, at a desktop's width and a phone's: a picture of each under
 * test-results/screenshots/<page>-<width>.png, and axe-core finding no WCAG 2.1 A/AA violation.
 * By role: the public, the operator (a test per page, each signed in), then the learner at a workstation.
 */

const WORK = 'test-results/e2e/screens';

/** Anne Roy's card as the inspector's phone reads it: the address in the QR code of her PDF card. */
let qrAddress = '';

test.describe.configure({ mode: 'serial' });

test('public: sign-in and the card verification page from a scanned QR code', async ({ page, playwright }) => {
  await page.goto('/connexion');
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await capture(page, 'sign-in');
  await page.goto('/inscription');
  await expect(page.getByRole('heading', { name: 'Créer un compte' })).toBeVisible();
  await capture(page, 'register');
  await page.goto('/mot-de-passe-oublie');
  await expect(page.getByRole('heading', { name: 'Mot de passe oublié' })).toBeVisible();
  await capture(page, 'forgot');
  await page.goto('/verifier');
  await expect(page.getByRole('heading', { name: 'Vérifier une carte d’attestation' })).toBeVisible();
  await capture(page, 'verify-form');

  // The card's QR code, read from the PDF Anne Roy downloads (the page needs its fragment: the signed statement).
  const aroy = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  await call(aroy, 'GET', '/api/session');
  await call(aroy, 'POST', '/api/auth/sign-in', { login: 'aroy', password: DEMO_PASSWORD, remember: false });
  const { cards } = (await call(aroy, 'GET', '/api/learning/cards')) as { cards: { cardNumber: string }[] };
  const pdf = await aroy.get(`/api/learning/cards/${cards[0]!.cardNumber}.pdf`);
  expect(pdf.ok()).toBe(true);
  mkdirSync(WORK, { recursive: true });
  const file = path.join(WORK, 'card.pdf');
  writeFileSync(file, await pdf.body());
  await aroy.dispose();
  execFileSync('pdftoppm', ['-r', '300', '-f', '1', '-l', '1', '-png', '-singlefile', file, path.join(WORK, 'card')]);
  const { data, info } = await sharp(path.join(WORK, 'card.png'))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  qrAddress = jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? '';
  expect(qrAddress).toMatch(/\/verifier\/VG-[\w-]+#VG1\./);

  await page.goto(qrAddress);
  await expect(page.getByRole('heading', { name: 'Carte valide' })).toBeVisible();
  await expect(page.getByText('Le code QR scanné est authentique')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Photo au dossier' })).toHaveCount(0);
  await capture(page, 'verify-public');
});

// The operator's pages, one test each (a sign-in each): together they were near one test's 60 s on a loaded machine.
test('operator: the list of learners and the « Bilan de la journée »', async ({ page }) => {
  await signIn(page, 'operateur');
  await page.goto('/point-de-service');
  await expect(page.getByRole('heading', { name: 'Liste des apprenants' })).toBeVisible();
  await capture(page, 'desk-list');
  await page.goto('/point-de-service/bilan');
  await expect(page.getByRole('heading', { name: /Bilan de la journée/ })).toBeVisible();
  await capture(page, 'desk-summary');
});

test('operator: the identity form, then the learner file after confirmation and its photo panel', async ({ page }) => {
  await signIn(page, 'operateur');
  // Geneviève Lavigne's identity confirmed (as the desk's form does it), no photo yet.
  const api = page.context().request;
  const found = (await call(api, 'GET', `/api/desk/learners?q=${encodeURIComponent('glavigne@vigie.demo')}`)) as {
    learners: { id: string }[];
  };
  const learnerId = found.learners[0]!.id;
  // Before: the form that confirms it (the choice of document, the number, the date of birth).
  await page.goto(`/point-de-service/apprenants/${learnerId}`);
  await expect(page.getByLabel('Numéro d’assurance maladie')).toBeVisible();
  await capture(page, 'identity-form', { region: 'Confirmation de l’identité' });
  const { nam, dateOfBirth } = LEARNERS.glavigne;
  await call(api, 'POST', `/api/desk/learners/${learnerId}/identity`, {
    documentType: 'health',
    number: nam,
    dateOfBirth,
    acknowledgeWarnings: true,
  });
  await page.goto(`/point-de-service/apprenants/${learnerId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Geneviève Lavigne' })).toBeVisible();
  const summary = page.getByTestId('identity-summary');
  await expect(summary.getByText('Identité confirmée')).toBeVisible();
  await expect(summary.getByText('•••• •••• ••10')).toBeVisible();
  await expect(summary.getByText('Olivier Bélanger', { exact: false })).toBeVisible();
  const photo = page.getByRole('region', { name: 'Photo de l’apprenant' });
  await expect(photo.getByRole('button', { name: 'Parcourir' })).toBeVisible();
  await expect(photo.getByText(/24 mégapixels/)).toBeVisible();
  await capture(page, 'desk-file');
  await capture(page, 'photo-panel', { region: 'Photo de l’apprenant' });
});

test('operator: the card with its photo, from its QR code opened at the desk', async ({ page }) => {
  await signIn(page, 'operateur');
  // The same QR code opened on the desk's workstation (signed in there, under this server's own address).
  const { pathname, hash } = new URL(qrAddress);
  await page.goto(pathname + hash);
  await expect(page.getByRole('heading', { name: 'Carte valide' })).toBeVisible();
  await expect(page.getByText('Le code QR scanné est authentique')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Photo au dossier' })).toBeVisible();
  await capture(page, 'verify-operator');
});

test('operator: a passed exam’s result in the learner file and in the « Bilan » of its day', async ({ page }) => {
  // Anne Roy passed an exam twelve days ago (the demo's card).
  await signIn(page, 'operateur');
  const api = page.context().request;
  const roy = (await call(api, 'GET', `/api/desk/learners?q=${encodeURIComponent('aroy@vigie.demo')}`)) as {
    learners: { id: string }[];
  };
  const royId = roy.learners[0]!.id;
  const royFile = (await call(api, 'GET', `/api/desk/learners/${royId}`)) as {
    attempts: { authorizedAt: string }[];
    servicePoint: { timeZone: string };
  };
  const examDay = new Intl.DateTimeFormat('en-CA', { timeZone: royFile.servicePoint.timeZone }).format(
    new Date(royFile.attempts[0]!.authorizedAt),
  );
  await page.goto(`/point-de-service/apprenants/${royId}`);
  const history = page.getByRole('region', { name: 'Examens à ce point de service' });
  await expect(history.getByRole('row').nth(1)).toContainText(/Réussite \d+ \/ \d+ \(100\s%\)/);
  await capture(page, 'desk-file-result');
  await expectWithinPhoneWidth(page, history.getByRole('row').nth(1).getByRole('cell').last());
  await page.goto(`/point-de-service/bilan?date=${examDay}`);
  const royRow = page.getByRole('row').filter({ hasText: 'Anne Roy' });
  await expect(royRow).toContainText(/Réussite \d+ \/ \d+ \(100\s%\)/);
  await capture(page, 'desk-summary-result');
  await expectWithinPhoneWidth(page, royRow.getByRole('cell').last());
});

test('learner: « Mon compte » and the exam page mid-exam', async ({ page }) => {
  const attemptId = await operatorAuthorizes(page, 'glavigne', 'Poste 1');
  await signIn(page, 'glavigne');

  await page.goto('/compte/mon-compte');
  await expect(page.getByRole('heading', { name: 'Mon compte' })).toBeVisible();
  await expect(page.getByLabel('Courriel')).toHaveValue('glavigne@vigie.demo');
  await expect(page.getByLabel('Mot de passe actuel')).toBeVisible();
  await capture(page, 'account');

  await page.goto(`/examen/${attemptId}`);
  await page.getByRole('button', { name: 'Commencer' }).click();
  await expect(page.getByRole('heading', { name: /Question 1 sur 5/ })).toBeVisible();
  await page.locator('.exam-question .choice input').first().check();
  await expect(page.getByTestId('save-status')).toHaveText('Enregistré');
  await page.getByRole('button', { name: /Suivante/ }).click();
  await expect(page.getByRole('heading', { name: /Question 2 sur 5/ })).toBeVisible();
  await page.getByLabel('À revoir').check();
  await capture(page, 'exam');
});

test("a learner's trainings and cards, the exam in progress on the desk, the administration's print queue", async ({
  page,
}) => {
  await signIn(page, 'aroy');
  await page.goto('/formations');
  await expect(page.getByRole('heading', { name: 'Mes formations', level: 1 })).toBeVisible();
  await capture(page, 'my-trainings');
  await page.getByRole('link', { name: 'Accéder' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await capture(page, 'training');
  await page.goto('/formations/attestations');
  await expect(page.getByRole('heading', { name: 'Mes attestations' })).toBeVisible();
  await expect(page.getByText('N° de carte').first()).toBeVisible();
  await capture(page, 'my-cards');
  await signOut(page);

  // Geneviève Lavigne is mid-exam (the test before): her file shows it, with « Terminer l'examen ».
  await signIn(page, 'operateur');
  const found = (await call(
    page.context().request,
    'GET',
    `/api/desk/learners?q=${encodeURIComponent('glavigne@vigie.demo')}`,
  )) as { learners: { id: string }[] };
  await page.goto(`/point-de-service/apprenants/${found.learners[0]!.id}`);
  const terminate = page.getByRole('button', { name: 'Terminer l’examen' });
  await expect(terminate).toBeVisible();
  await capture(page, 'desk-file-running');
  await terminate.click();
  const dialog = page.getByRole('dialog', { name: 'Terminer l’examen de Geneviève Lavigne ?' });
  await expect(dialog.getByTestId('termination-warning')).toBeVisible();
  await capture(page, 'terminate-confirm');
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await expect(dialog).toBeHidden();
  await signOut(page);

  await signIn(page, 'admin');
  await page.goto('/administration/cartes');
  await expect(page.getByRole('heading', { name: 'Cartes d’attestation' })).toBeVisible();
  await expect(page.getByRole('cell').first()).toBeVisible();
  await capture(page, 'admin-cards');
});
