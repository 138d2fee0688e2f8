import { expect, test, type Page } from '@playwright/test';
import { capture, signIn } from './support';

/**
 * Issue 16, « Examens », by its labels: the administrator imports a QTI 3.0 package that gives no duration and no
 * passing mark (tests/fixtures/qti/premiers-soins-qti3.zip): the page lists the problems and asks for both; the
 * draft's preview shows each item as the learner sees it with its correct answer marked; « Essayer l'examen » runs
 * the exam page, saying nothing is saved; « Publier » makes it the version new authorizations use. Each page is
 * pictured at 1280 and 390 px (test-results/screenshots/admin-exams-*.png) with axe-core finding no WCAG 2.1 A/AA
 * violation.
 */
const FIXTURE = 'tests/fixtures/qti/premiers-soins-qti3.zip';

const picture = (page: Page, name: string) => capture(page, `admin-exams-${name}`);

test.describe.configure({ mode: 'serial' });

test('imports a QTI package through « Importer un examen », previews it with its keys, tries it, publishes it', async ({
  page,
}) => {
  await signIn(page, 'admin');
  await page.goto('/administration');
  await page.getByRole('link', { name: 'Examens', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Examens', level: 1 })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'EX-SIGNALEUR-ROUTIER', exact: true })).toBeVisible();
  await picture(page, 'list');

  await page.getByRole('link', { name: 'Importer un examen' }).click();
  await expect(page.getByRole('heading', { name: 'Importer un examen' })).toBeVisible();
  await picture(page, 'import');
  await page.getByLabel('Fichier de l’examen').setInputFiles(FIXTURE);
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  // Refused whole: both problems at once, with their file; the two settings the package lacks are asked for.
  const refusal = page.getByRole('alert').filter({ hasText: 'Fichier refusé : 2 problèmes.' });
  await expect(refusal).toBeVisible();
  await expect(refusal.getByRole('listitem')).toHaveCount(2);
  await expect(refusal.getByRole('listitem').first()).toContainText(
    'premiers-soins-qti3.zip/assessment.xml : le test ne donne pas de durée',
  );
  await expect(page.getByLabel('Durée (minutes)')).toBeVisible();
  // The fields appear above « Importer »: focus goes to the first one asked for.
  await expect(page.getByLabel('Durée (minutes)')).toBeFocused();
  await picture(page, 'import-refused');
  await page.getByLabel('Durée (minutes)').fill('20');
  await page.getByLabel('Note de passage (%)').fill('70');
  await page.getByRole('button', { name: 'Importer', exact: true }).click();

  // The draft: every item as the learner will see it, the key ticked and said for the administration.
  await expect(page.getByRole('heading', { name: /EX-PREMIERS-SOINS — version \d+/ })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('la version');
  await expect(page.getByText('Brouillon', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Question 1 sur 3' })).toBeVisible();
  await expect(page.getByText('Quel numéro composer pour joindre les services d’urgence ?')).toBeVisible();
  await expect(page.getByLabel('911')).toBeChecked();
  await expect(page.getByLabel('911')).toBeDisabled();
  await expect(page.getByLabel('411')).not.toBeChecked();
  await expect(page.getByTestId('item-key')).toHaveText('Réservé à l’administration Bonne réponse : 911');
  await picture(page, 'version-draft');
  await page.getByRole('button', { name: 'Suivante' }).click();
  await expect(page.getByRole('heading', { name: 'Question 2 sur 3' })).toBeFocused();
  await expect(page.getByTestId('item-key')).toContainText('Bonnes réponses : Des pansements ; Des gants jetables');
  await page.getByRole('button', { name: /^Question 3/ }).click();
  await expect(page.getByTestId('item-key')).toContainText('Bonne réponse : Faux');
  const versionUrl = page.url();

  // « Essayer l'examen »: the exam page itself, nothing saved, said on every screen.
  await page.getByRole('link', { name: 'Essayer l’examen' }).click();
  await expect(page.getByRole('note')).toContainText('Essai — rien n’est enregistré');
  await expect(page.getByRole('button', { name: 'Commencer' })).toBeVisible();
  await picture(page, 'trial-intro');
  await page.getByRole('button', { name: 'Commencer' }).click();
  await expect(page.getByTestId('countdown')).toBeVisible();
  await expect(page.getByTestId('save-status')).toHaveCount(0);
  await picture(page, 'trial-question');
  // The paper's order is the version's (no shuffling in this package): 911, the kit, the spine.
  await page.getByLabel('911').check();
  await page.getByRole('button', { name: 'Suivante' }).click();
  await page.getByLabel('Des pansements').check();
  await page.getByLabel('Des gants jetables').check();
  await page.getByRole('button', { name: 'Suivante' }).click();
  await page.getByLabel('Faux').check();
  await page.getByRole('button', { name: 'Terminer', exact: true }).click();
  await page.getByRole('button', { name: 'Confirmer et terminer' }).click();
  await expect(page.getByTestId('outcome')).toHaveText('Réussite');
  await expect(page.getByTestId('score')).toHaveText('4 / 4 points');
  await expect(page.getByRole('note')).toContainText('Essai — rien n’est enregistré');
  await picture(page, 'trial-result');
  await page.getByRole('button', { name: 'Fermer la fenêtre' }).click();
  await expect(page).toHaveURL(versionUrl);

  // Each format downloads.
  for (const [label, type] of [
    ['Télécharger en QTI 3.0', 'application/zip'],
    ['Télécharger en YAML', 'application/yaml'],
  ] as const) {
    const href = await page.getByRole('link', { name: label }).getAttribute('href');
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain(type);
  }

  // « Publier »: the version new authorizations use; it no longer changes.
  await page.getByRole('button', { name: 'Publier' }).click();
  const dialog = page.getByRole('dialog', { name: /Publier la version \d+ \?/ });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Publier' }).click();
  await expect(page.getByRole('status')).toContainText('publiée.');
  await expect(page.getByText('Publiée', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Publier' })).toHaveCount(0);
  await picture(page, 'version-published');

  await page.getByRole('link', { name: /← Examen EX-PREMIERS-SOINS/ }).click();
  await expect(page.getByRole('heading', { name: 'Examen EX-PREMIERS-SOINS' })).toBeVisible();
  await expect(page.getByText(/Les nouvelles autorisations utilisent la version \d+\./)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Premiers soins en milieu de travail' }).first()).toContainText(
    'Publiée',
  );
  await picture(page, 'exam');
});

test('keyboard only: a long-titled exam published, then its published version retired after a warning; a file over 8 MB is not sent', async ({
  page,
}) => {
  test.slow(); // seven pages pictured at two widths, with axe
  const code = `EX-RETRAIT-${Date.now().toString(36).toUpperCase()}`;
  const title = `Habilitation électrique pour les interventions de maintenance ${'très '.repeat(12)}longue`;
  const yaml = `format: vigie-exam/1\ncode: ${code}\ntitle: ${title}\nduration_minutes: 10\npassing_mark: 50\nitems:\n  - id: q1\n    type: single\n    stem: Couleur du panneau d’arrêt ?\n    choices:\n      - { id: a, text: Rouge }\n      - { id: b, text: Vert }\n    correct: a\n`;
  await signIn(page, 'admin');
  await page.goto('/administration/examens/importer');
  const fileInput = page.getByLabel('Fichier de l’examen');
  // Over the limit: said under the field, nothing sent.
  let sent = 0;
  page.on('request', (r) => r.url().includes('/api/admin/exams/import') && sent++);
  await fileInput.setInputFiles({
    name: 'gros.zip',
    mimeType: 'application/zip',
    buffer: Buffer.alloc(9 * 1024 * 1024),
  });
  await page.getByRole('button', { name: 'Importer', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Fichier trop volumineux : 8 Mo au maximum.')).toBeVisible();
  await expect(fileInput).toHaveAttribute('aria-invalid', 'true');
  expect(sent).toBe(0);
  await picture(page, 'import-too-big');

  await fileInput.setInputFiles({ name: 'long.yaml', mimeType: 'application/yaml', buffer: Buffer.from(yaml) });
  await page.getByRole('button', { name: 'Importer', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: new RegExp(`${code} — version 1`) })).toBeVisible();

  await page.getByRole('button', { name: 'Publier' }).focus();
  await page.keyboard.press('Enter');
  const publish = page.getByRole('dialog', { name: 'Publier la version 1 ?' });
  await expect(publish).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(publish).toBeHidden();
  await expect(page.getByRole('button', { name: 'Publier' })).toBeFocused();
  await page.keyboard.press('Enter');
  await publish.getByRole('button', { name: 'Publier' }).focus();
  await page.keyboard.press('Enter');
  // The button pressed is gone: focus is on the sentence saying it was done.
  await expect(page.getByRole('status')).toHaveText('Version 1 publiée.');
  await expect(page.getByRole('status')).toBeFocused();

  await page.getByRole('button', { name: 'Retirer' }).focus();
  await page.keyboard.press('Enter');
  const retire = page.getByRole('dialog', { name: 'Retirer la version 1 ?' });
  await expect(retire).toContainText('C’est la version publiée');
  await picture(page, 'retire-published');
  await retire.getByRole('button', { name: 'Retirer' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Version 1 retirée.');
  await expect(page.getByRole('status')).toBeFocused();
  await expect(page.getByText('Retirée', { exact: true })).toBeVisible();

  await page.getByRole('link', { name: new RegExp(`← Examen ${code}`) }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Aucune version publiée', { exact: false })).toBeVisible();
  await picture(page, 'exam-long-title');
  await page.goto(`/administration/examens?q=${code}`);
  await expect(page.getByRole('cell', { name: code, exact: true })).toBeVisible();
  await picture(page, 'list-long-title');
  await page.goto('/administration/examens?q=aucun-examen-de-ce-nom');
  await expect(page.getByRole('status')).toHaveText('Aucun examen ne correspond à « aucun-examen-de-ce-nom ».');
  await picture(page, 'list-empty');
});

test('« cochez-en au moins 2 »: a multiple-response item with min_choices, tried by the administrator', async ({
  page,
}) => {
  // No demo exam has min_choices: one of its own, imported through « Importer un examen », then tried.
  const code = `EX-MIN-CHOIX-${Date.now().toString(36).toUpperCase()}`;
  const yaml = [
    'format: vigie-exam/1',
    `code: ${code}`,
    'title: Équipement de protection',
    'duration_minutes: 10',
    'passing_mark: 50',
    'items:',
    '  - id: q1',
    '    type: multiple',
    '    min_choices: 2',
    '    stem: Quels équipements le signaleur porte-t-il toujours ?',
    '    choices:',
    '      - { id: a, text: Un casque de sécurité }',
    '      - { id: b, text: Une veste haute visibilité }',
    '      - { id: c, text: Des lunettes de soleil }',
    '    correct: [a, b]',
    '  - id: q2',
    '    type: single',
    '    stem: Couleur du panneau d’arrêt ?',
    '    choices:',
    '      - { id: a, text: Rouge }',
    '      - { id: b, text: Vert }',
    '    correct: a',
    '',
  ].join('\n');
  await signIn(page, 'admin');
  await page.goto('/administration/examens/importer');
  await page
    .getByLabel('Fichier de l’examen')
    .setInputFiles({ name: 'min-choix.yaml', mimeType: 'application/yaml', buffer: Buffer.from(yaml) });
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`${code} — version 1`) })).toBeVisible();

  await page.getByRole('link', { name: 'Essayer l’examen' }).click();
  await page.getByRole('button', { name: 'Commencer' }).click();
  await expect(page.getByRole('heading', { name: 'Question 1 sur 2' })).toBeVisible();
  // The group's own description says both « several » and « at least 2 »; a polite status under the choices
  // reminds the count while the response holds fewer (one choice is kept, but the panel counts it unanswered).
  const group = page.getByRole('group', { name: 'Quels équipements le signaleur porte-t-il toujours ?' });
  await expect(group).toHaveAccessibleDescription('Plusieurs réponses possibles : cochez-en au moins 2.');
  const reminder = group.getByRole('status');
  const below = 'Cochez au moins 2 réponses : la question reste sans réponse d’ici là.';
  await expect(reminder).toHaveText(below);
  await page.getByLabel('Un casque de sécurité').check();
  await expect(reminder).toHaveText(below);
  await expect(page.getByText('0 sur 2 répondues')).toBeVisible();
  await picture(page, 'trial-min-choices');
  await page.getByLabel('Une veste haute visibilité').check();
  await expect(reminder).toBeEmpty();
  await expect(group).toHaveAccessibleDescription('Plusieurs réponses possibles : cochez-en au moins 2.');
  await expect(page.getByText('1 sur 2 répondues')).toBeVisible();
});
