import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export const SCREENSHOTS = 'test-results/screenshots';
export const DEMO_PASSWORD = 'vigie-demo-2026';

/** Saves a full-page screenshot under test-results/screenshots/<name>.png. */
export async function shot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** WCAG 2.1 A and AA: what axe checks on every page. */
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * At 1280 and 390 px: the picture (<name>-<width>.png), then axe over the whole page, each violation named with
 * its nodes; the page is given back at the size it had.
 */
export async function capture(page: Page, name: string) {
  const before = page.viewportSize();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width > 800 ? 800 : 844 });
    // A layout settles on the next frames after a resize.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await shot(page, `${name}-${width}`);
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    const found = violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect.soft(found, `${name} at ${width} px`).toEqual([]);
  }
  if (before) await page.setViewportSize(before);
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
