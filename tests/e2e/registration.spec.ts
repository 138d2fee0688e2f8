import { expect, test } from '@playwright/test';
import { shot } from './support';

test('a new user registers through the four pages, signs out, signs in with the e-mail and sees their name and user code', async ({
  page,
}) => {
  const suffix = Date.now().toString(36);
  const email = `nadia.${suffix}@exemple.qc.ca`;
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await shot(page, 'sign-in');
  await page.getByRole('link', { name: 'Créer un compte' }).click();

  // 1. « Mon compte »
  await expect(page.getByRole('heading', { name: 'Créer un compte' })).toBeVisible();
  await page.getByLabel('Nom d’utilisateur').fill(`nboucher${suffix}`);
  await page.getByLabel('Courriel').fill(email);
  await page.getByLabel('Mot de passe').fill('court');
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
  await expect(page.getByRole('alert')).toContainText('au moins 10 caractères');
  await page.getByLabel('Mot de passe').fill('tuque-hivernale-2026');
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();

  // 2. « Mon profil public »
  await expect(page.getByRole('heading', { name: 'Mon profil public' })).toBeVisible();
  await page.getByLabel('Prénom').fill('Nadia');
  await page.getByLabel('Nom', { exact: true }).fill('Boucher');
  await shot(page, 'register-profile');
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();

  // 3. « Mes préférences »
  await expect(page.getByRole('heading', { name: 'Mes préférences' })).toBeVisible();
  await page.getByLabel('Français').check();
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();

  // 4. « Mon membership »
  await expect(page.getByRole('heading', { name: 'Mon membership' })).toBeVisible();
  await page.getByLabel('Type de membership').selectOption('student');
  await page.getByLabel('Organisation').fill('Cégep de Sherbrooke');
  await page.getByRole('button', { name: 'Terminer l’inscription' }).click();

  await expect(page.getByRole('heading', { name: 'Nadia Boucher' })).toBeVisible();
  await expect(page.getByText('Votre inscription est complète.')).toBeVisible();
  const code = (await page.getByTestId('user-code').textContent())!.trim();
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);

  // Sign out from the profile menu, then back in with the e-mail.
  await page.getByRole('button', { name: 'Menu du compte' }).click();
  await page.getByRole('menuitem', { name: 'Déconnexion' }).click();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await page.getByLabel('Nom d’utilisateur ou courriel').fill(email.toUpperCase());
  await page.getByLabel('Mot de passe').fill('tuque-hivernale-2026');
  await expect(page.getByLabel('Se souvenir de moi')).not.toBeChecked();
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { name: 'Nadia Boucher' })).toBeVisible();
  await expect(page.getByTestId('user-code')).toHaveText(code);
  await shot(page, 'account-overview');
});

test('the sign-in page refuses a wrong password in French and shows the demo password', async ({ page }) => {
  await page.goto('/connexion');
  await expect(page.getByText('vigie-demo-2026')).toBeVisible();
  await page.getByLabel('Nom d’utilisateur ou courriel').fill('glavigne');
  await page.getByLabel('Mot de passe').fill('pas-le-bon-mot-de-passe');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toContainText('incorrect');
});

test('« Mon compte » asks for the current password before changing the e-mail', async ({ page }) => {
  const suffix = Date.now().toString(36);
  await page.goto('/');
  await page.getByRole('link', { name: 'Créer un compte' }).click();
  await page.getByLabel('Nom d’utilisateur').fill(`ecourriel${suffix}`);
  await page.getByLabel('Courriel').fill(`ecourriel.${suffix}@exemple.qc.ca`);
  await page.getByLabel('Mot de passe').fill('tuque-hivernale-2026');
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
  await expect(page.getByRole('heading', { name: 'Mon profil public' })).toBeVisible();

  await page.goto('/compte/mon-compte');
  await expect(page.getByRole('heading', { name: 'Mon compte' })).toBeVisible();
  // Exact: the account menu's name holds the username, and this one holds « courriel ».
  await page.getByLabel('Courriel', { exact: true }).fill(`autre.${suffix}@exemple.qc.ca`);
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
  await expect(page.getByRole('alert')).toContainText('mot de passe actuel');
  await page.getByLabel('Mot de passe actuel').fill('pas-le-bon-mot-de-passe');
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
  await expect(page.getByRole('alert')).toContainText('Le mot de passe actuel est incorrect');
  await shot(page, 'account-current-password');
  await page.getByLabel('Mot de passe actuel').fill('tuque-hivernale-2026');
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
  await expect(page.getByRole('heading', { name: 'Mon profil public' })).toBeVisible();
});

/**
 * « Champ invalide : firstName » at the profile step, seen on a loaded machine: each step fills its form from
 * GET /api/account when that answer arrives, and it used to overwrite what had been typed meanwhile (a new
 * account's names are empty). Here the answer is held until the user has typed, on every step.
 */
test('what the user typed before their account arrived is kept, on every step', async ({ page }) => {
  const suffix = Date.now().toString(36);
  let open = () => {};
  let gate = new Promise<void>((r) => (open = r));
  await page.route('**/api/account', async (route) => {
    if (route.request().method() === 'GET') await gate;
    await route.fallback();
  });
  const typedThenArrived = async (type: () => Promise<void>) => {
    const arrived = page.waitForResponse((r) => r.url().endsWith('/api/account') && r.request().method() === 'GET');
    await type();
    open();
    await arrived;
    gate = new Promise<void>((r) => (open = r));
  };

  await page.goto('/inscription');
  await page.getByLabel('Nom d’utilisateur').fill(`lent${suffix}`);
  await page.getByLabel('Courriel').fill(`lent.${suffix}@exemple.qc.ca`);
  await page.getByLabel('Mot de passe').fill('tuque-hivernale-2026');
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();

  await expect(page.getByRole('heading', { name: 'Mon profil public' })).toBeVisible();
  await typedThenArrived(async () => {
    await page.getByLabel('Prénom').fill('Nadia');
    await page.getByLabel('Nom', { exact: true }).fill('Boucher');
  });
  await expect(page.getByLabel('Prénom')).toHaveValue('Nadia');
  await expect(page.getByLabel('Nom', { exact: true })).toHaveValue('Boucher');
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();

  await expect(page.getByRole('heading', { name: 'Mes préférences' })).toBeVisible();
  await typedThenArrived(() => page.getByLabel('Recevoir les avis par courriel').uncheck());
  await expect(page.getByLabel('Recevoir les avis par courriel')).not.toBeChecked();
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();

  await expect(page.getByRole('heading', { name: 'Mon membership' })).toBeVisible();
  await typedThenArrived(async () => {
    await page.getByLabel('Type de membership').selectOption('student');
    await page.getByLabel('Organisation').fill('Cégep de Sherbrooke');
  });
  await expect(page.getByLabel('Type de membership')).toHaveValue('student');
  await expect(page.getByLabel('Organisation')).toHaveValue('Cégep de Sherbrooke');
  await page.unroute('**/api/account');
  await page.getByRole('button', { name: 'Terminer l’inscription' }).click();
  await expect(page.getByRole('heading', { name: 'Nadia Boucher' })).toBeVisible();

  // What was saved is what was typed.
  const saved = (await (await page.request.get('/api/account')).json()) as Record<string, unknown>;
  expect(saved).toMatchObject({
    firstName: 'Nadia',
    lastName: 'Boucher',
    notifyEmail: false,
    membershipType: 'student',
    organisation: 'Cégep de Sherbrooke',
  });
});
