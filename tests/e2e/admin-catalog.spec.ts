import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { capture, registerAccount, signIn, signOut } from './support';

/**
 * Issue 16, the catalog side, by its labels: a learner registers and is served by nobody; the administrator
 * creates a training in « Formations », enrols him from a CSV file after its preview in « Inscriptions », reads
 * « Journal d'audit » and checks the chain; the operator then finds him. Each new page is pictured at 1280 and
 * 390 px (test-results/screenshots/admin-catalog-*.png) with axe-core finding no WCAG 2.1 A/AA violation.
 */
const WORK = 'test-results/e2e/admin-catalog';
const SERVICE_POINT = 'Point de service Démo — Montréal';

const picture = (page: Page, name: string) => capture(page, `admin-catalog-${name}`);

const suffix = Date.now().toString(36);
const email = `xavier.${suffix}@exemple.qc.ca`;
const trainingCode = `SIG-${suffix}`.toUpperCase();

test.describe.configure({ mode: 'serial' });

test('a new learner registers; « Mes formations » says what to do; the desk finds no enrolled learner and says so', async ({
  page,
}) => {
  const code = await registerAccount(page, {
    username: `xnouveau${suffix}`,
    email,
    password: 'tuque-hivernale-2026',
    firstName: 'Xavier',
    lastName: 'Nouveauzèle',
  });
  await page.goto('/formations');
  await expect(page.getByText(`en donnant votre code d’utilisateur : ${code}.`)).toBeVisible();
  await picture(page, 'my-trainings-empty');
  await signOut(page);

  await signIn(page, 'operateur');
  await page.goto('/point-de-service');
  await page.getByLabel('Rechercher un apprenant').fill('Nouveauzele');
  await page.getByRole('button', { name: 'Appliquer' }).click();
  await expect(
    page.getByText(
      'Aucun apprenant inscrit à ce point de service ne correspond. 1 compte correspond mais n’est inscrit à aucune formation ici.',
    ),
  ).toBeVisible();
  // No training offered here allows counter enrolment yet: the desk says who can enrol him.
  await expect(page.getByText('seule l’administration de l’organisation peut inscrire cette personne')).toBeVisible();
  await expect(page.getByText(email)).toHaveCount(0);
  await picture(page, 'desk-walk-in-nobody');
});

test('the administrator creates a training in « Formations »', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/administration');
  await page.getByRole('link', { name: 'Formations' }).click();
  await expect(page.getByRole('heading', { name: 'Formations' })).toBeVisible();
  await picture(page, 'trainings');
  await page.getByRole('link', { name: 'Nouvelle formation' }).click();
  await page.getByLabel('Code').fill(trainingCode);
  await page.getByLabel('Titre en français').fill('Signalisation de chantier');
  await page.getByLabel('Titre en anglais').fill('Work zone signage');
  await page.getByLabel('Validité de l’attestation (mois)').fill('36');
  await expect(page.getByLabel('Nombre maximal de tentatives')).toHaveValue('3');
  await expect(page.getByLabel('Jours d’attente après « Échec »')).toHaveValue('0');
  await page.getByLabel('Nombre maximal de tentatives').fill('0');
  await page.getByLabel(SERVICE_POINT).check();
  await page.getByLabel('Les opérateurs peuvent inscrire au comptoir une personne qui se présente').check();
  await page.getByRole('button', { name: 'Créer la formation' }).click();
  // 0 attempts: refused, the message under the field it names.
  await expect(page.getByText('Champ invalide : maxAttempts.')).toBeVisible();
  await page.getByLabel('Nombre maximal de tentatives').fill('2');
  await page.getByLabel('Jours d’attente après « Échec »').fill('7');
  await picture(page, 'training-form');
  await page.getByRole('button', { name: 'Créer la formation' }).click();
  await expect(page.getByText(`Formation ${trainingCode} créée.`)).toBeVisible();
  await expect(page.getByRole('heading', { name: `Modifier la formation ${trainingCode}` })).toBeVisible();
  await page.getByRole('link', { name: 'Formations' }).click();
  await page.getByLabel('Rechercher une formation (code ou titre)').fill('chantier');
  await page.getByRole('button', { name: 'Appliquer' }).click();
  const row = page.getByRole('row', { name: new RegExp(trainingCode) });
  await expect(row).toContainText('2 tentatives au plus, 7 j d’attente après « Échec »');
  await expect(row).toContainText(SERVICE_POINT);
});

test('the administrator enrols him from a CSV file, after its preview, and reads the audit log', async ({ page }) => {
  mkdirSync(WORK, { recursive: true });
  const file = `${WORK}/inscriptions.csv`;
  writeFileSync(
    file,
    [
      'courriel;formation;point de service',
      `${email};${trainingCode};${SERVICE_POINT}`,
      `personne.${suffix}@exemple.qc.ca;${trainingCode};${SERVICE_POINT}`,
    ].join('\n'),
  );
  await signIn(page, 'admin');
  await page.goto('/administration/inscriptions');
  await expect(page.getByRole('heading', { name: 'Inscriptions', level: 1 })).toBeVisible();
  await page.getByLabel('Fichier CSV', { exact: true }).setInputFiles(file);
  await page.getByRole('button', { name: 'Aperçu' }).click();
  await expect(
    page.getByText('1 inscription(s) à créer, 1 ligne(s) refusée(s). Rien n’est encore enregistré.'),
  ).toBeVisible();
  await expect(page.getByRole('row', { name: /^2 / })).toContainText('Sera inscrit : Xavier Nouveauzèle');
  await expect(page.getByRole('row', { name: /^3 / })).toContainText(
    'Refusée : aucun compte n’a le code d’utilisateur',
  );
  await picture(page, 'enrolments-preview');
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(page.getByText('1 inscription créée. 1 ligne refusée.')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Télécharger le rapport des lignes refusées (CSV)' }).click();
  const report = readFileSync(await (await download).path(), 'utf8');
  expect(report).toContain(`3;personne.${suffix}@exemple.qc.ca`);
  await page.getByLabel('Rechercher un apprenant (nom, courriel ou code d’utilisateur)').fill('nouveauz');
  await page.getByRole('button', { name: 'Appliquer' }).click();
  await expect(page.getByRole('row', { name: /Xavier Nouveauzèle/ })).toContainText(trainingCode);
  await picture(page, 'enrolments');

  await page.goto('/administration/journal');
  await page.getByLabel('Action').selectOption('enrolment.imported');
  await page.getByRole('button', { name: 'Appliquer' }).click();
  await expect(page.getByRole('row', { name: /enrolment\.imported/ })).toHaveCount(1);
  await page.getByRole('button', { name: /Ouvrir l’entrée n° \d+/ }).click();
  await expect(page.getByRole('dialog')).toContainText('"fileName": "inscriptions.csv"');
  await picture(page, 'audit-entry');
  await page.getByRole('button', { name: 'Fermer' }).click();
  await page.getByRole('button', { name: 'Vérifier la chaîne' }).click();
  await expect(page.getByText(/Chaîne intacte : \d+ entrées vérifiées\./)).toBeVisible();
  await picture(page, 'audit');
});

test('the operator finds him; for another account, the desk offers « Inscrire à une formation »', async ({ page }) => {
  await signIn(page, 'operateur');
  await page.goto('/point-de-service');
  await page.getByLabel('Rechercher un apprenant').fill('Nouveauzele');
  await page.getByRole('button', { name: 'Appliquer' }).click();
  const row = page.getByRole('row', { name: /Nouveauzèle/ });
  await expect(row).toContainText('Signalisation de chantier');
  await row.getByRole('link', { name: 'Accéder à la fiche' }).click();
  await expect(page.getByRole('heading', { name: /Xavier Nouveauzèle/ })).toBeVisible();

  // The administrator's own account is not enrolled here: the counter may enrol it in the new training.
  await page.goto('/point-de-service?q=admin');
  await expect(page.getByText('1 compte correspond mais n’est inscrit à aucune formation ici.')).toBeVisible();
  await page.getByRole('button', { name: 'Inscrire à une formation' }).click();
  await expect(page.getByLabel('Code d’utilisateur ou courriel de la personne'))
    .toBeFocused({ timeout: 1 })
    .catch(() => {});
  await page.getByLabel('Formation').selectOption({ label: `Signalisation de chantier (${trainingCode})` });
  await picture(page, 'desk-walk-in');
});
