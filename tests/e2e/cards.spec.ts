import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { SCREENSHOTS, shot, signIn, signOut } from './support';

const WORK = 'test-results/e2e/cards';

/** Renders a PDF page to PNG with poppler and reads the QR code on it, as a phone would. */
async function renderPdf(pdf: string, name: string, dpi: number) {
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', pdf, path.join(WORK, name)]);
}
async function readQr(png: string) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? null;
}

test.beforeAll(() => mkdirSync(WORK, { recursive: true }));

test('Anne Roy downloads her card from her attestations, and its QR code opens the verification page', async ({
  page,
}) => {
  await signIn(page, 'aroy');
  await page.goto('/formations/attestations');
  await expect(page.getByRole('heading', { name: 'Mes attestations' })).toBeVisible();
  const item = page.getByRole('listitem').filter({ hasText: 'N° de carte' });
  await expect(item).toHaveCount(1);
  await expect(item.getByText('Valide', { exact: true })).toBeVisible();
  await expect(item.getByText('Point de service Démo — Montréal')).toBeVisible();
  const cardNumber = (await item.locator('dd.card-number').textContent())!.trim();
  expect(cardNumber).toMatch(/^VG-\d{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  await shot(page, 'cards-my-attestations');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    item.getByRole('button', { name: 'Télécharger la carte (PDF)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`carte-${cardNumber}.pdf`);
  const pdf = path.join(WORK, 'card.pdf');
  await download.saveAs(pdf);

  // The rendered card, front and back, kept as pictures.
  await renderPdf(pdf, 'card', 300);
  mkdirSync(SCREENSHOTS, { recursive: true });
  renameSync(path.join(WORK, 'card-1.png'), path.join(SCREENSHOTS, 'card-front.png'));
  renameSync(path.join(WORK, 'card-2.png'), path.join(SCREENSHOTS, 'card-back.png'));
  const front = await sharp(path.join(SCREENSHOTS, 'card-front.png')).metadata();
  expect([front.width, front.height]).toEqual([1012, 638]); // 85.60 × 53.98 mm at 300 dpi
  const qr = await readQr(path.join(SCREENSHOTS, 'card-front.png'));
  expect(qr).toMatch(new RegExp(`/verifier/${cardNumber}#VG1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`));

  // What an inspector's phone does with the QR code: open its address, signed in or not.
  await signOut(page);
  await page.goto(qr!);
  await expect(page.getByRole('heading', { name: 'Carte valide' })).toBeVisible();
  await expect(page.locator('main').getByText('Anne Roy')).toBeVisible();
  await expect(page.getByText('Le code QR scanné est authentique')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Photo au dossier' })).toHaveCount(0); // the public sees no photo
  await shot(page, 'cards-verify-valid');

  // An altered QR code is refused as not authentic.
  const [address, statement] = qr!.split('#') as [string, string];
  const i = statement.length - 20;
  const altered = statement.slice(0, i) + (statement[i] === 'A' ? 'B' : 'A') + statement.slice(i + 1);
  await page.goto(`${address}#${altered}`);
  await expect(page.getByRole('alert')).toContainText('n’est pas authentique');
  await shot(page, 'cards-verify-altered-qr');

  // A typo in a typed number is caught before any lookup.
  await page.goto('/verifier');
  await page.getByLabel('Numéro de carte').fill(cardNumber.slice(0, -1) + (cardNumber.endsWith('Z') ? 'Y' : 'Z'));
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await expect(page.getByRole('alert')).toContainText('n’est pas valide');
  await shot(page, 'cards-verify-typo');
});

test('an operator checking a card sees the photo on file', async ({ page }) => {
  await signIn(page, 'aroy');
  await page.goto('/formations/attestations');
  const cardNumber = (await page.locator('dd.card-number').first().textContent())!.trim();
  await signOut(page);
  await signIn(page, 'operateur');
  await page.goto(`/verifier/${cardNumber.toLowerCase()}`);
  await expect(page.getByRole('heading', { name: 'Carte valide' })).toBeVisible();
  const photo = page.getByRole('img', { name: 'Photo au dossier' });
  await expect(photo).toBeVisible();
  expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(413);
  await shot(page, 'cards-verify-operator');
  await signOut(page);
});

test('the administrator prints the queue on one A4 sheet and marks it printed', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByRole('button', { name: 'Menu du compte' }).click();
  await page.getByRole('menuitem', { name: 'Administration' }).click();
  await expect(page.getByRole('heading', { name: 'Administration' })).toBeVisible();
  // The demo's Anne Roy waits for printing; specs that ran before on the shared database (the whole path) may
  // have added theirs: the home says the queue's length as the server has it.
  const queue = (await (await page.request.get('/api/admin/cards?filter=to_print')).json()) as { cards: unknown[] };
  const waiting = queue.cards.length;
  expect(waiting).toBeGreaterThanOrEqual(1);
  await expect(page.getByText(waiting === 1 ? '1 carte à imprimer' : `${waiting} cartes à imprimer`)).toBeVisible();
  await shot(page, 'admin-home');
  await page.getByRole('link', { name: 'Cartes d’attestation' }).click();
  await expect(page.getByRole('heading', { name: 'Cartes d’attestation' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'Anne Roy' });
  await expect(row).toHaveCount(1);
  const cardNumber = (await row.locator('td.card-number').textContent())!.trim();
  await row.getByRole('checkbox').check();
  await expect(page.getByText('1 carte sélectionnée')).toBeVisible();
  await shot(page, 'admin-cards-queue');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Télécharger la feuille A4 (PDF)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^cartes-a-imprimer-\d{4}-\d{2}-\d{2}\.pdf$/);
  const sheet = path.join(WORK, 'sheet.pdf');
  await download.saveAs(sheet);
  await renderPdf(sheet, 'sheet', 100);
  renameSync(path.join(WORK, 'sheet-1.png'), path.join(SCREENSHOTS, 'admin-print-sheet-front.png'));
  renameSync(path.join(WORK, 'sheet-2.png'), path.join(SCREENSHOTS, 'admin-print-sheet-back.png'));
  const a4 = await sharp(path.join(SCREENSHOTS, 'admin-print-sheet-front.png')).metadata();
  expect([a4.width, a4.height]).toEqual([827, 1170]); // 210 × 297 mm at 100 dpi

  // Revoking asks for a reason first (cancelled here: the demo card stays valid).
  await row.getByRole('button', { name: 'Révoquer' }).click();
  const dialog = page.getByRole('dialog', { name: `Révoquer la carte ${cardNumber} ?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Révoquer la carte' })).toBeDisabled();
  await dialog.getByLabel('Raison de la révocation').fill('Essai');
  await shot(page, 'admin-cards-revoke-dialog');
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Marquer comme imprimées' }).click();
  await expect(page.getByRole('status')).toHaveText('1 carte marquée comme imprimée.');
  await expect(page.getByRole('row').filter({ hasText: 'Anne Roy' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Imprimées', exact: true }).click();
  const printed = page.getByRole('row').filter({ hasText: 'Anne Roy' });
  await expect(printed).toContainText('Imprimée le');
  await shot(page, 'admin-cards-printed');

  // Lost card: reprinted with the same number, back in the queue.
  await printed.getByRole('button', { name: 'Réimprimer' }).click();
  const reissue = page.getByRole('dialog', { name: `Réimprimer la carte ${cardNumber} ?` });
  await reissue.getByRole('button', { name: 'Réimprimer' }).click();
  await expect(page.getByRole('status')).toContainText('réimpression n° 1');
  await page.getByRole('button', { name: 'À imprimer', exact: true }).click();
  const again = page.getByRole('row').filter({ hasText: 'Anne Roy' });
  await expect(again.locator('td.card-number')).toHaveText(cardNumber);
  await expect(again).toContainText('Réimpression n° 1');
  await shot(page, 'admin-cards-reissued');
});
