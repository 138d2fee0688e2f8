import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export const SCREENSHOTS = 'test-results/screenshots';
export const DEMO_PASSWORD = 'vigie-demo-2026';

/** Saves a full-page screenshot under test-results/screenshots/<name>.png. */
export async function shot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

export async function signIn(page: Page, login: string, password = DEMO_PASSWORD) {
  await page.goto('/connexion');
  await page.getByLabel('Nom d’utilisateur ou courriel').fill(login);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('button', { name: 'Menu du compte' })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Menu du compte' }).click();
  await page.getByRole('menuitem', { name: 'Déconnexion' }).click();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
}

/** The date of birth as the operator types it, in the card's order: « Année », « Mois » (by number), « Jour ». */
export async function fillDateOfBirth(scope: Locator, day: string) {
  const [year, month, date] = day.split('-');
  const field = scope.getByRole('group', { name: 'Date de naissance' });
  await field.getByLabel('Année').fill(year!);
  await field.getByLabel('Mois').selectOption(month!);
  await field.getByLabel('Jour').fill(date!);
}
