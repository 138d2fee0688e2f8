import { expect, test } from '@playwright/test';
import { call, operatorAuthorizes, saveDemoPhoto } from './exam-support';
import { capture, DEMO_PASSWORD, fillDateOfBirth, signIn, signOut } from './support';

/**
 * Issue 17's rough edges a counter operator hit, as a user sees them: where each one lands after signing in,
 * the search that folds punctuation, the date of birth in the card's order, the authorization form, and the
 * learner told where to sit. Pictures at 1280 and 390 px, axe finding no WCAG 2.1 A/AA violation.
 */

test.describe.configure({ mode: 'serial' });

test('an operator lands on the desk, cursor in the search; the next learner at that workstation lands on their own page', async ({
  page,
}) => {
  await signIn(page, 'operateur');
  await expect(page.getByRole('heading', { level: 1, name: 'Liste des apprenants' })).toBeVisible();
  await expect(page.getByLabel('Rechercher un apprenant')).toBeFocused();
  await capture(page, 'desk-list');

  // The operator registers this browser as a workstation, then leaves the desk page to the next person.
  await page.getByText('Ce poste de travail').click();
  await page.getByRole('button', { name: 'Enregistrer ce navigateur comme poste' }).click();
  await expect(page.getByText(/Ce navigateur est enregistré comme « Poste/)).toBeVisible();
  await signOut(page);
  // Whoever signs in next may come by the desk's address (a bookmark, the operator's session that ran out).
  await page.goto('/point-de-service');
  await expect(page).toHaveURL(/\/connexion\?retour=%2Fpoint-de-service$/);
  await page.getByLabel('Nom d’utilisateur ou courriel').fill('lng');
  await page.getByLabel('Mot de passe').fill('vigie-demo-2026');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lan Ng' })).toBeVisible();
  await expect(page).toHaveURL(/\/compte$/);
  await expect(page.getByText('Vous n’avez pas accès à cette page.')).toHaveCount(0);
  await signOut(page);

  // A return path the user may open is still honoured.
  await page.goto('/formations');
  await page.getByLabel('Nom d’utilisateur ou courriel').fill('lng');
  await page.getByLabel('Mot de passe').fill('vigie-demo-2026');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes formations' })).toBeVisible();
  await signOut(page);
});

test('the operator finds « D’Amour » however typed, confirms the date in the card’s order, authorizes on a free workstation; the learner is told where to sit', async ({
  page,
}) => {
  // Lan Ng already holds « Poste 1 » (authorized there, not started).
  const lanNg = await operatorAuthorizes(page, 'lng', 'Poste 1');
  await signIn(page, 'operateur');
  const search = page.getByLabel('Rechercher un apprenant');
  const rows = page.locator('table.learners tbody tr');
  for (const [typed, row] of [
    ["d'amour", 'D’Amour, Luc'],
    ['damour', 'D’Amour, Luc'],
    ['Sainte Marie', 'Sainte-Marie, Jean'],
    ['saintemarie@vigie', 'Sainte-Marie, Jean'],
  ]) {
    await search.fill(typed!);
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(row!);
  }
  await search.fill("d'amour");
  await page.getByRole('button', { name: 'Appliquer' }).click();
  await page.getByRole('link', { name: 'Accéder à la fiche' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Luc D’Amour' })).toBeVisible();

  // Identity: the date of birth in three fields, year first as on the card.
  const identity = page.getByRole('region', { name: 'Confirmation de l’identité' });
  await identity.getByLabel('Numéro d’assurance maladie').check();
  await identity.getByLabel('Numéro', { exact: true }).fill('DAML 6212 0111');
  const dob = identity.getByRole('group', { name: 'Date de naissance' });
  await expect(dob.getByLabel('Mois').locator('option', { hasText: '12 – décembre' })).toHaveCount(1);
  await fillDateOfBirth(identity, '1962-12-01');
  await capture(page, 'desk-identity-date');
  await identity.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(identity.getByTestId('identity-summary').getByText('Identité confirmée')).toBeVisible();
  const learnerId = new URL(page.url()).pathname.split('/').pop()!;
  await saveDemoPhoto(page.context().request, learnerId, 'ldamour');
  await page.reload();

  // Two exams can be authorized: none is chosen for the operator, nor any workstation.
  const authorize = page.getByRole('region', { name: 'Autorisation de l’examen' });
  const exams = authorize.getByRole('group', { name: 'Examen' }).getByRole('radio');
  await expect(exams).toHaveCount(2);
  for (const radio of await exams.all()) await expect(radio).not.toBeChecked();
  await expect(authorize.getByRole('radio', { name: 'Poste 1 — occupé par Lan Ng' })).toBeVisible();
  await expect(authorize.getByRole('radio', { name: 'Poste 2 — libre' })).not.toBeChecked();
  await capture(page, 'desk-authorize');
  await authorize.getByRole('button', { name: 'Autoriser l’examen' }).click();
  await expect(authorize.getByRole('alert')).toHaveText('Choisissez un examen.');
  await authorize.getByRole('radio', { name: 'Examen — Initiation à la sécurité sur les chantiers' }).check();
  await authorize.getByRole('button', { name: 'Autoriser l’examen' }).click();
  await expect(authorize.getByRole('alert')).toHaveText('Choisissez un poste de travail.');
  // An occupied workstation is refused by the server, naming it and who holds it.
  await authorize.getByRole('radio', { name: 'Poste 1 — occupé par Lan Ng' }).check();
  await authorize.getByRole('button', { name: 'Autoriser l’examen' }).click();
  await expect(authorize.getByRole('alert')).toHaveText(
    'Le Poste 1 est occupé par Lan Ng : choisissez un poste libre.',
  );
  await authorize.getByRole('radio', { name: 'Poste 2 — libre' }).check();
  await authorize.getByRole('button', { name: 'Autoriser l’examen' }).click();
  await expect(authorize.getByRole('status')).toContainText('Examen autorisé au Poste 2');
  await expect(authorize.getByRole('radio', { name: 'Poste 2 — occupé par Luc D’Amour' })).toBeVisible();
  await signOut(page);

  // The learner is told where to sit, on « Mes formations » and on the training's page, in both languages.
  await signIn(page, 'ldamour');
  await page.goto('/formations');
  const card = page.getByRole('listitem').filter({ hasText: 'Initiation à la sécurité sur les chantiers' });
  await expect(card.getByText('Votre examen est autorisé au Poste 2.')).toBeVisible();
  await expect(page.getByText(/Votre examen est autorisé au/)).toHaveCount(1);
  await capture(page, 'my-trainings-workstation');
  await card.getByRole('link', { name: 'Accéder' }).click();
  await expect(page.getByText('Votre examen est autorisé au Poste 2.')).toBeVisible();
  await capture(page, 'training-workstation');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByText('Your exam is authorized at Poste 2.')).toBeVisible();
  await page.getByRole('button', { name: 'Français' }).click();
  // The API says the same to a program.
  const mine = (await call(page.context().request, 'GET', '/api/learning/trainings')) as {
    trainings: { workstation: string | null }[];
  };
  expect(mine.trainings.map((tr) => tr.workstation).sort()).toEqual(['Poste 2', null]);

  // The other specs share this demo: both authorizations withdrawn, the workstations free again.
  const api = page.context().request;
  await call(api, 'POST', '/api/auth/sign-out');
  await call(api, 'GET', '/api/session');
  await call(api, 'POST', '/api/auth/sign-in', { login: 'operateur', password: DEMO_PASSWORD, remember: false });
  const file = (await call(api, 'GET', `/api/desk/learners/${learnerId}`)) as {
    attempts: { id: string; state: string }[];
  };
  for (const id of [lanNg, ...file.attempts.filter((a) => a.state === 'authorized').map((a) => a.id)])
    await call(api, 'POST', `/api/desk/attempts/${id}/cancel`);
  await call(api, 'POST', '/api/auth/sign-out');
});
