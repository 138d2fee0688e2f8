import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { healthCheckDigit, nameLetters } from '../../src/server/modules/identity/rules';
import {
  capture,
  choosePhotoFile,
  expectWithinPhoneWidth,
  registerAccount,
  section,
  signIn,
  signOut,
  tickPhotoChecklist,
  typeHealthCard,
} from './support';

/**
 * Issue 16's whole path without the command line, in the browser, by the pages' labels: the administrator
 * creates a service point with two workstations, imports an exam from a QTI package (« Examens », with its
 * preview, then « Publier ») and a training that gives it, grants an operator; a learner registers through the
 * four pages and is enrolled by CSV; the operator registers her browser as « Poste 1 », finds him, confirms his
 * identity from his health card, takes his photo from a file, crops it and authorizes the exam there — the desk's
 * pages, no call of its API; he passes and his card appears; made the point's manager, she reports an
 * irregularity from its « Bilan de la journée ». Specs share one demo database, so every name here is new (a
 * suffix of the run).
 */
const suffix = Date.now().toString(36);
const POINT = `Point de service Chemin ${suffix}`;
const TRAINING_CODE = `CHEM-${suffix}`.toUpperCase();
const TRAINING_TITLE = `Parcours complet ${suffix}`;
const EXAM_CODE = `EX-CHEM-${suffix}`.toUpperCase();
/** The package's title (tests/fixtures/qti). */
const EXAM_TITLE = 'Premiers soins en milieu de travail';
const QTI_FIXTURE = 'tests/fixtures/qti/premiers-soins-qti3.zip';
const WORK = 'test-results/e2e/admin-whole-path';
/** A studio portrait on a white wall that passes every automatic check (tests/fixtures/photos/labels.json). */
const PHOTO = path.resolve('tests/fixtures/photos/b1-studio.jpg');
const PASSWORD = 'tuque-hivernale-2026';

const learner = {
  username: `wbouchard${suffix}`,
  email: `wilfrid.${suffix}@exemple.qc.ca`,
  firstName: 'Wilfrid',
  lastName: 'Bouchard',
  dateOfBirth: '1985-06-15',
};
const operator = {
  username: `oparent${suffix}`,
  email: `odile.${suffix}@exemple.qc.ca`,
  firstName: 'Odile',
  lastName: 'Parent',
};

/** The health number of a man born on `day`, twin rank 1, as the desk's rules check it (IDENTITY.md). */
function healthNumber(lastName: string, firstName: string, day: string) {
  const [year, month, date] = day.split('-') as [string, string, string];
  const body = `${nameLetters(lastName, firstName)}${year.slice(2)}${month}${date}1`;
  return `${body}${healthCheckDigit(`${body}0`, Number(year))}`;
}

/** « Créer un compte »: the four pages, then « Déconnexion ». Returns the user code the last page shows. */
async function register(page: Page, who: { username: string; email: string; firstName: string; lastName: string }) {
  const code = await registerAccount(page, { ...who, password: PASSWORD });
  await signOut(page);
  return code;
}

/**
 * « Examens » › « Importer un examen »: the QTI 3.0 package of tests/fixtures/qti (no duration, no passing mark,
 * as another tool writes it) under a code of this run — the specs share one database and admin-exams.spec.ts
 * imports the same package as EX-PREMIERS-SOINS. The page asks for what the package lacks; the draft's preview
 * shows every item with its key (read here: the learner answers by it); « Publier ». Returns the exam's code and,
 * question by question, the labels of the correct choices.
 */
async function importExam(page: Page): Promise<{ code: string; keys: string[][] }> {
  const files = unzipSync(readFileSync(QTI_FIXTURE));
  for (const name of Object.keys(files))
    if (name.endsWith('.xml'))
      files[name] = strToU8(strFromU8(files[name]!).replaceAll('EX-PREMIERS-SOINS', EXAM_CODE));
  mkdirSync(WORK, { recursive: true });
  const file = `${WORK}/${EXAM_CODE.toLowerCase()}.zip`;
  writeFileSync(file, zipSync(files));

  await page.goto('/administration');
  await page.getByRole('link', { name: 'Examens', exact: true }).click();
  await page.getByRole('link', { name: 'Importer un examen' }).click();
  await page.getByLabel('Fichier de l’examen').setInputFiles(file);
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Fichier refusé : 2 problèmes.' })).toBeVisible();
  await page.getByLabel('Durée (minutes)').fill('20');
  await page.getByLabel('Note de passage (%)').fill('70');
  await page.getByRole('button', { name: 'Importer', exact: true }).click();

  await expect(page.getByRole('heading', { name: `${EXAM_CODE} — version 1` })).toBeVisible();
  await expect(page.getByText('Brouillon', { exact: true })).toBeVisible();
  const first = page.getByRole('heading', { name: /^Question 1 sur \d+ / });
  await expect(first).toBeVisible();
  const count = Number(/sur (\d+)/.exec((await first.textContent())!)![1]);
  expect(count, 'the package’s three items').toBe(3);
  const keys: string[][] = [];
  for (let i = 1; i <= count; i++) {
    await expect(page.getByRole('heading', { name: new RegExp(`^Question ${i} sur ${count} `) })).toBeVisible();
    const key = page.getByTestId('item-key');
    await expect(key).toContainText(/Bonnes? réponses? : /);
    const said = /Bonnes? réponses? : (.+)$/.exec((await key.textContent())!.trim())![1]!;
    keys.push(said.split(' ; '));
    // Each key is a choice the learner sees, ticked (and locked) in the preview.
    for (const label of keys.at(-1)!) await expect(page.getByLabel(label, { exact: true })).toBeChecked();
    if (i < count) await page.getByRole('button', { name: 'Suivante' }).click();
  }
  expect(keys, 'the fixture’s keys (tests/fixtures/qti/README.md)').toEqual([
    ['911'],
    ['Des pansements', 'Des gants jetables'],
    ['Faux'],
  ]);

  await page.getByRole('button', { name: 'Publier' }).click();
  await page.getByRole('dialog', { name: 'Publier la version 1 ?' }).getByRole('button', { name: 'Publier' }).click();
  await expect(page.getByRole('status')).toHaveText('Version 1 publiée.');
  await expect(page.getByText('Publiée', { exact: true })).toBeVisible();
  return { code: EXAM_CODE, keys };
}

/** The page at 1280 and 390 px (test-results/screenshots/admin-path-<name>-<width>.png), axe finding nothing. */
const picture = (page: Page, name: string) => capture(page, `admin-path-${name}`);

test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

let learnerCode = '';
/** The imported exam's correct choices, question by question, as its preview says them. */
let keys: string[][] = [];

test('the organisation is set up in the browser: a service point, a training, its exam, an operator', async ({
  page,
}) => {
  const operatorCode = await register(page, operator);
  expect(operatorCode).not.toBe('');

  await signIn(page, 'admin');
  await page.goto('/administration');
  await page.getByRole('link', { name: 'Points de service', exact: true }).click();
  const form = page.getByRole('region', { name: 'Nouveau point de service' });
  await form.getByLabel('Nom', { exact: true }).fill(POINT);
  await form.getByLabel('Adresse').fill('1, rue du Chemin, Trois-Rivières (Québec)');
  await form.getByLabel('Nombre de postes de travail').fill('2');
  await form.getByRole('button', { name: 'Créer le point de service' }).click();
  await expect(page.getByRole('status')).toHaveText(`Point de service « ${POINT} » créé.`);

  const exam = await importExam(page);
  keys = exam.keys;
  await page.goto('/administration/formations/nouvelle');
  await page.getByLabel('Code').fill(TRAINING_CODE);
  await page.getByLabel('Titre en français').fill(TRAINING_TITLE);
  await page.getByLabel('Titre en anglais').fill(`Whole path ${suffix}`);
  const examOption = page
    .getByLabel('Examen final')
    .locator('option')
    .filter({ hasText: new RegExp(`^${exam.code} — `) });
  await page.getByLabel('Examen final').selectOption((await examOption.first().getAttribute('value'))!);
  await page.getByLabel(POINT).check();
  await page.getByRole('button', { name: 'Créer la formation' }).click();
  await expect(page.getByText(`Formation ${TRAINING_CODE} créée.`)).toBeVisible();

  // « Opérateurs »: the new point found by « Chercher un point de service » (the demo has more points), the
  // account by its e-mail.
  await page.goto('/administration/operateurs');
  await page.getByLabel('Chercher un point de service').fill(`Chemin ${suffix}`);
  await page.getByRole('button', { name: 'Chercher', exact: true }).click();
  await expect(page.getByLabel('Point de service', { exact: true }).locator('option', { hasText: POINT })).toHaveCount(
    1,
  );
  await picture(page, 'point-search');
  await page.getByLabel('Point de service', { exact: true }).selectOption({ label: POINT });
  await page.getByRole('searchbox').fill(operator.email);
  await page.getByRole('button', { name: 'Appliquer' }).click();
  await page.getByRole('button', { name: 'Accorder le rôle d’opérateur à Odile Parent' }).click();
  await expect(page.getByRole('status')).toHaveText(`Odile Parent a maintenant le rôle « Opérateur » à ${POINT}.`);
  await signOut(page);
});

test('a learner registers and is enrolled by CSV', async ({ page }) => {
  learnerCode = await register(page, learner);
  mkdirSync(WORK, { recursive: true });
  const file = `${WORK}/inscriptions.csv`;
  writeFileSync(file, ['courriel;formation;point de service', `${learner.email};${TRAINING_CODE};${POINT}`].join('\n'));
  await signIn(page, 'admin');
  await page.goto('/administration/inscriptions');
  await page.getByLabel('Fichier CSV', { exact: true }).setInputFiles(file);
  await page.getByRole('button', { name: 'Aperçu' }).click();
  await expect(page.getByRole('row', { name: /^2 / })).toContainText('Sera inscrit : Wilfrid Bouchard');
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(page.getByText('1 inscription créée.')).toBeVisible();
  await signOut(page);
});

test('the operator finds him, confirms his identity, takes his photo and authorizes the exam at « Poste 1 »; he passes; his card appears', async ({
  page,
}) => {
  await signIn(page, operator.username, PASSWORD);
  await page.goto('/point-de-service');
  // This browser becomes « Poste 1 » of the new point, where the learner will sit.
  await page.getByText('Ce poste de travail').click();
  await page.getByLabel('Poste de travail', { exact: true }).selectOption({ label: 'Poste 1' });
  await page.getByRole('button', { name: 'Enregistrer ce navigateur comme poste' }).click();
  await expect(page.getByText('Ce navigateur est enregistré comme « Poste 1 ».')).toBeVisible();

  await page.getByLabel('Rechercher un apprenant').fill(learnerCode);
  await page.getByRole('button', { name: 'Appliquer' }).click();
  const row = page.getByRole('row', { name: /Bouchard/ });
  await expect(row).toContainText(TRAINING_TITLE);
  await row.getByRole('link', { name: 'Accéder à la fiche' }).click();
  await expect(page.getByRole('heading', { name: /Wilfrid Bouchard/ })).toBeVisible();
  await expect(page.getByText('Confirmez d’abord l’identité de l’apprenant.')).toBeVisible();

  // His health card: the number and the date of birth, as he hands it over.
  const identity = await section(page, 'Confirmation de l’identité');
  await typeHealthCard(
    identity,
    healthNumber(learner.lastName, learner.firstName, learner.dateOfBirth),
    learner.dateOfBirth,
  );
  await expect(identity.getByTestId('identity-summary').getByText('Identité confirmée')).toBeVisible();
  await expect(page.getByText('Enregistrez d’abord la photo de l’apprenant.')).toBeVisible();

  // His photo from a file: the server checks it and the crop tool opens on the crop it proposes.
  const photo = await section(page, 'Photo de l’apprenant');
  await choosePhotoFile(photo, PHOTO);
  await expect(photo.getByTestId('photo-file-name')).toHaveText('Nom du fichier : BouchardWilfrid');
  await photo.getByRole('button', { name: 'Transférer' }).click();
  await expect(photo.getByText('Le cadre s’ouvre sur le recadrage proposé', { exact: false })).toBeVisible({
    timeout: 20_000,
  });
  await photo.getByRole('button', { name: 'Valider le recadrage' }).click();
  await expect(photo.getByRole('img', { name: /Aperçu recadré/ })).toBeVisible();
  await expect(photo.getByRole('region', { name: 'Vérification automatique du recadrage' })).toBeVisible({
    timeout: 20_000,
  });
  await tickPhotoChecklist(photo);
  await photo.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(photo.getByText('Photo enregistrée', { exact: true })).toBeVisible();
  await expect(photo.getByTestId('override-reason')).toHaveCount(0);

  // The new training's exam (his only one here), at « Poste 1 ».
  const authorize = await section(page, 'Autorisation de l’examen');
  const exams = authorize.getByRole('group', { name: 'Examen' }).getByRole('radio');
  await expect(exams).toHaveCount(1);
  await exams.check();
  await authorize.getByRole('radio', { name: 'Poste 1 — libre' }).check();
  await authorize.getByRole('button', { name: 'Autoriser l’examen' }).click();
  await expect(authorize.getByRole('status')).toContainText('Examen autorisé au Poste 1');
  await picture(page, 'desk-file-authorized');
  await signOut(page);

  // At « Poste 1 »: he signs in and passes the imported exam, answering by the keys its preview showed (the
  // package shuffles neither items nor choices: the paper's order is the preview's).
  await page.goto('/connexion');
  await expect(page.getByText(`${POINT} —`)).toBeVisible();
  await signIn(page, learner.username, PASSWORD);
  await page.getByRole('button', { name: 'Menu du compte' }).click();
  await page.getByRole('menuitem', { name: 'Mes formations' }).click();
  const training = page.getByRole('listitem').filter({ hasText: TRAINING_TITLE });
  await expect(training.getByText('Votre examen est autorisé au Poste 1.')).toBeVisible();
  await training.getByRole('link', { name: 'Accéder' }).click();
  await page.getByRole('link', { name: 'Lancer l’examen' }).click();
  await page.getByRole('button', { name: 'Commencer' }).click();
  const question = page.locator('.exam-question');
  expect(keys).toHaveLength(3);
  for (const [i, picks] of keys.entries()) {
    await expect(page.getByRole('heading', { name: new RegExp(`Question ${i + 1} sur ${keys.length}`) })).toBeVisible();
    for (const pick of picks) await question.getByLabel(pick, { exact: true }).check();
    await expect(page.getByTestId('save-status')).toHaveText('Enregistré');
    if (i < keys.length - 1) await page.getByRole('button', { name: /Suivante/ }).click();
  }
  await page.getByRole('button', { name: 'Terminer', exact: true }).click();
  await page
    .getByRole('dialog', { name: 'Terminer l’examen ?' })
    .getByRole('button', { name: 'Confirmer et terminer' })
    .click();
  await expect(page.getByTestId('outcome')).toHaveText('Réussite');
  await expect(page.getByTestId('score')).toHaveText('4 / 4 points');

  await page.goto('/formations/attestations');
  const card = page.getByRole('listitem').filter({ hasText: TRAINING_TITLE });
  await expect(card.getByText('N° de carte')).toBeVisible();
  await expect(card.getByText(POINT)).toBeVisible();
});

test('the day’s report of the new point; its new manager reports an irregularity on the exam; a manager’s « Inscriptions » of their own point', async ({
  page,
}) => {
  await signIn(page, 'admin');
  await page.goto('/administration/points-de-service');
  await page.getByRole('link', { name: `Ouvrir la fiche de ${POINT}` }).click();
  await page.getByRole('link', { name: 'Bilan de la journée' }).click();
  await expect(page.getByRole('heading', { name: /Bilan de la journée/, level: 1 })).toBeVisible();
  await expect(page.getByRole('row', { name: /Wilfrid Bouchard/ })).toContainText('Réussite');
  await picture(page, 'point-summary');

  // The operator becomes the point's manager too (« Opérateurs »).
  await page.goto('/administration/operateurs');
  await page.getByLabel('Chercher un point de service').fill(`Chemin ${suffix}`);
  await page.getByRole('button', { name: 'Chercher', exact: true }).click();
  await page.getByLabel('Point de service', { exact: true }).selectOption({ label: POINT });
  await page.getByRole('searchbox').fill(operator.email);
  await page.getByRole('button', { name: 'Appliquer' }).click();
  await page.getByRole('button', { name: 'Accorder le rôle de gestionnaire à Odile Parent' }).click();
  await expect(page.getByRole('status')).toHaveText(
    `Odile Parent a maintenant le rôle « Gestionnaire de point de service » à ${POINT}.`,
  );
  await signOut(page);

  // She reports, from the point's « Bilan de la journée », what she saw during his exam: it changes no result.
  await signIn(page, operator.username, PASSWORD);
  await page.goto('/administration');
  await page.getByRole('link', { name: 'Points de service', exact: true }).click();
  await page.getByRole('link', { name: `Ouvrir la fiche de ${POINT}` }).click();
  await page.getByRole('link', { name: 'Bilan de la journée' }).click();
  const exam = page
    .getByRole('region', { name: 'Examens de la journée' })
    .getByRole('row', { name: /Wilfrid Bouchard/ });
  await exam.getByRole('button', { name: 'Signaler une irrégularité' }).click();
  const dialog = page.getByRole('dialog', { name: 'Signaler une irrégularité' });
  await expect(dialog).toContainText(`Wilfrid Bouchard — ${EXAM_TITLE}`);
  await dialog.getByLabel('Catégorie').selectOption({ label: 'Comportement' });
  await dialog.getByLabel('Description').fill('A parlé à voix haute avec son voisin pendant la question 2');
  await expect(dialog.getByLabel('Heure')).toHaveValue(/^\d{2}:\d{2}$/);
  await picture(page, 'manager-irregularity-dialog');
  await dialog.getByRole('button', { name: 'Signaler', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(exam.getByRole('status')).toHaveText('Irrégularité signalée.');
  const reported = page.getByRole('region', { name: 'Irrégularités' }).getByRole('row', { name: /Wilfrid Bouchard/ });
  await expect(reported).toContainText('Comportement');
  await expect(reported).toContainText('A parlé à voix haute avec son voisin pendant la question 2');
  await expect(reported).toContainText('Odile Parent');
  await expect(exam).toContainText('Réussite');
  await picture(page, 'manager-irregularity');
  await expectWithinPhoneWidth(page, reported.getByRole('cell', { name: 'Odile Parent' }));

  // Eight days on (this browser's clock), the same day's report is past what the server takes (7 days): it lists
  // the exam, offers no « Signaler une irrégularité », and says why.
  await page.clock.setFixedTime(Date.now() + 8 * 86_400_000);
  await page.reload();
  await expect(exam).toContainText('Réussite');
  const exams = page.getByRole('region', { name: 'Examens de la journée' });
  await expect(exams).toContainText('Les irrégularités se signalent le jour même ou dans les 7 jours qui suivent.');
  await expect(exams.getByRole('button', { name: /Signaler une irrégularité/ })).toHaveCount(0);
  await expect(exams.getByRole('columnheader', { name: 'Actions' })).toHaveCount(0);
  await picture(page, 'manager-summary-past-week');

  // Seven days on, the day still takes one, from the time of day it is now: one dated at midnight is refused in
  // words in the dialog, and nothing is sent (the server would take it, its clock a week behind this browser's).
  await page.clock.setFixedTime(Date.now() + 7 * 86_400_000 - 60_000);
  await page.reload();
  await exam.getByRole('button', { name: 'Signaler une irrégularité' }).click();
  await dialog.getByLabel('Catégorie').selectOption({ label: 'Technique' });
  await dialog.getByLabel('Description').fill('Écran figé');
  await dialog.getByLabel('Heure').fill('00:00');
  await dialog.getByRole('button', { name: 'Signaler', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    'Les irrégularités se signalent le jour même ou dans les 7 jours qui suivent.',
  );
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await expect(page.getByRole('region', { name: 'Irrégularités' }).getByRole('row', { name: /Wilfrid/ })).toHaveCount(
    1,
  );
  await signOut(page);

  await signIn(page, 'gestionnaire');
  await page.goto('/administration');
  await page.getByRole('link', { name: 'Inscriptions', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Inscriptions', level: 1 })).toBeVisible();
  const pointFilter = page.getByLabel('Point de service', { exact: true }).first();
  await expect(pointFilter.locator('option')).toHaveText([
    'Tous les points de service',
    'Point de service Démo — Québec',
  ]);
  await expect(page.getByText(POINT)).toHaveCount(0);
  await picture(page, 'manager-enrolments');
});

test('« Importer dans la banque de questions »: the training’s bank from a package of items', async ({ page }) => {
  // The fixture's three items without its test (an item bank's shape); a second package with one item cut short.
  const fixture = unzipSync(readFileSync(QTI_FIXTURE));
  const bank = (broken: boolean) => {
    const files: Record<string, Uint8Array> = {};
    const ids = ['q1', 'q2', 'q3'];
    const resources = ids.map((id) => {
      const xml = strFromU8(fixture[`items/${id}.xml`]!);
      files[`items/${id}.xml`] = strToU8(broken && id === 'q3' ? xml.slice(0, xml.length - 60) : xml);
      return `<resource identifier="R-${id}" type="imsqti_item_xmlv3p0" href="items/${id}.xml"><file href="items/${id}.xml"/></resource>`;
    });
    files['imsmanifest.xml'] = strToU8(
      `<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="M"><resources>${resources.join('')}</resources></manifest>`,
    );
    const file = `${WORK}/banque${broken ? '-abimee' : ''}.zip`;
    writeFileSync(file, zipSync(files));
    return file;
  };
  mkdirSync(WORK, { recursive: true });
  await signIn(page, 'admin');
  await page.goto('/administration');
  await page.getByRole('link', { name: 'Examens', exact: true }).click();
  await page.getByRole('link', { name: 'Importer dans la banque de questions' }).click();
  await expect(page.getByRole('heading', { name: 'Importer dans la banque de questions', level: 1 })).toBeVisible();
  await page.getByLabel('Code de la formation').fill(TRAINING_CODE);
  await page.getByLabel('Paquet de questions').setInputFiles(bank(true));
  await page.getByRole('button', { name: 'Importer dans la banque' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: /Fichier refusé : \d+ problèmes?\./ });
  await expect(refusal.getByRole('listitem').first()).toContainText(/banque-abimee\.zip\/items\/q3\.xml, ligne \d+/);
  await picture(page, 'bank-refused');

  await page.getByLabel('Paquet de questions').setInputFiles(bank(false));
  await page.getByRole('button', { name: 'Importer dans la banque' }).click();
  await expect(page.getByRole('status')).toHaveText(
    `Banque de ${TRAINING_CODE} : 3 question(s) lue(s), 3 ajoutée(s), 0 remplacée(s), 0 inchangée(s).`,
  );
  await expect(refusal).toHaveCount(0);
  await picture(page, 'bank-imported');
});
