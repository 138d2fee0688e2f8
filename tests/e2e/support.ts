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

/** The widths every page is looked at: a desktop's and a phone's. */
export const WIDTHS = [1280, 390] as const;

/**
 * The elements that stick out past the right edge of the screen (none inside a box that scrolls or clips
 * sideways, as `.table-scroll`), named for the message: what makes a phone's user scroll the page sideways.
 */
function sticksOut(): string[] {
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  const clips = (el: Element) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
  const found: string[] = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.getBoundingClientRect().right <= width + 0.5) continue;
    let up = el.parentElement;
    while (up && up !== document.body && !clips(up)) up = up.parentElement;
    if (up && up !== document.body) continue;
    const classes = [...el.classList].map((c) => `.${c}`).join('');
    found.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${classes}`);
  }
  // The outermost first: its children stick out with it.
  return found.length ? found.slice(0, 5) : [`the page is ${document.documentElement.scrollWidth} px wide`];
}

/**
 * At 1280 and 390 px: the picture (<name>-<width>.png; of one region only, named `region`), nothing wider than
 * the screen, then axe over the whole page, each violation named with its nodes; the page is given back at the
 * size it had.
 */
export async function capture(page: Page, name: string, { region }: { region?: string } = {}) {
  const before = page.viewportSize();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width > 800 ? 800 : 844 });
    // A layout settles on the next frames after a resize.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    if (region) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.getByRole('region', { name: region }).screenshot({ path: `${SCREENSHOTS}/${name}-${width}.png` });
    } else await shot(page, `${name}-${width}`);
    expect.soft(await page.evaluate(sticksOut), `${name} at ${width} px: wider than the screen`).toEqual([]);
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    const found = violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect.soft(found, `${name} at ${width} px`).toEqual([]);
  }
  if (before) await page.setViewportSize(before);
}

/** At 390 px a table's row reads as a card: its last cell lies within the screen, not off to the right of a scroll box. */
export async function expectWithinPhoneWidth(page: Page, cell: Locator) {
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(cell).toBeVisible();
  const box = await cell.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** « Créer un compte »: the four pages (French, an individual member). Returns the user code the last one shows. */
export async function registerAccount(
  page: Page,
  who: { username: string; email: string; password: string; firstName: string; lastName: string },
): Promise<string> {
  await page.goto('/inscription');
  await page.getByLabel('Nom d’utilisateur').fill(who.username);
  await page.getByLabel('Courriel').fill(who.email);
  await page.getByLabel('Mot de passe').fill(who.password);
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
  await page.getByLabel('Prénom').fill(who.firstName);
  await page.getByLabel('Nom', { exact: true }).fill(who.lastName);
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
  await page.getByLabel('Français').check();
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
  await page.getByLabel('Type de membership').selectOption('individual');
  await page.getByRole('button', { name: 'Terminer l’inscription' }).click();
  await expect(page.getByRole('heading', { name: `${who.firstName} ${who.lastName}` })).toBeVisible();
  return (await page.getByTestId('user-code').textContent())!.trim();
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

/** A region of the page by its name (a learner file's « Confirmation de l’identité », « Photo de l’apprenant »). */
export async function section(page: Page, name: string): Promise<Locator> {
  const s = page.getByRole('region', { name });
  await expect(s).toBeVisible();
  return s;
}

/** « Confirmation de l’identité » by a health card: the number and the date of birth typed, then « Enregistrer ». */
export async function typeHealthCard(identity: Locator, number: string, dateOfBirth: string) {
  await identity.getByLabel('Numéro d’assurance maladie').check();
  await identity.getByLabel('Numéro', { exact: true }).fill(number);
  await fillDateOfBirth(identity, dateOfBirth);
  await identity.getByRole('button', { name: 'Enregistrer' }).click();
}

/** « Photo de l’apprenant » › « Parcourir »: a picture file chosen as the operator would (the file chooser). */
export async function choosePhotoFile(photo: Locator, file: string) {
  const chooser = photo.page().waitForEvent('filechooser');
  await photo.getByRole('button', { name: 'Parcourir' }).click();
  await (await chooser).setFiles(file);
}

/** The photo's checklist before « Enregistrer »: each of the five criteria ticked. */
export async function tickPhotoChecklist(photo: Locator) {
  for (const item of [
    'Arrière-plan blanc uni',
    'Ni casquette ni chapeau',
    'Ni lunettes de soleil ni verres teintés',
    'Yeux ouverts',
    'Visage centré',
  ])
    await photo.getByRole('checkbox', { name: item }).check();
}
