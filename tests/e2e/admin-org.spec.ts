import { expect, test, type Page } from '@playwright/test';
import { capture, signIn, signOut } from './support';

/**
 * The organisation's side of issue 16, by its labels: an administrator creates a service point with two
 * workstations and grants an operator, who then reaches the desk; the demo's manager of « Point de service
 * Démo — Québec » sees that point alone, and works its workstations from the keyboard. Every page is
 * pictured at 1280 and 390 px (test-results/screenshots/admin-*.png) and axe finds no WCAG 2.1 A/AA violation.
 */

const POINT = 'Point de service Sherbrooke';

const picture = (page: Page, name: string) => capture(page, `admin-${name}`);

test.describe.configure({ mode: 'serial' });
// Axe over every page at two widths takes most of a minute on this machine.
test.setTimeout(120_000);

test('an administrator creates a service point with two workstations and grants an operator', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByRole('button', { name: 'Menu du compte' }).click();
  await page.getByRole('menuitem', { name: 'Administration' }).click();
  await expect(page.getByRole('heading', { name: 'Administration' })).toBeVisible();
  for (const tile of ['Points de service', 'Postes de travail', 'Opérateurs', 'Comptes', 'Cartes d’attestation'])
    await expect(page.getByRole('link', { name: tile, exact: true })).toBeVisible();
  await picture(page, 'home');

  await page.getByRole('link', { name: 'Points de service', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Points de service', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ouvrir la fiche de Point de service Démo — Québec' })).toBeVisible();

  // A field refused names itself under the field.
  const form = page.getByRole('region', { name: 'Nouveau point de service' });
  await form.getByLabel('Nom', { exact: true }).fill('S');
  await form.getByLabel('Adresse').fill('2500, boulevard de l’Université, Sherbrooke (Québec)');
  await form.getByRole('button', { name: 'Créer le point de service' }).click();
  await expect(form.getByText('Champ invalide : name.')).toBeVisible();

  await form.getByLabel('Nom', { exact: true }).fill(POINT);
  await form.getByLabel('Personne-ressource').fill('Julie Bergeron, 819 555-0199');
  await form.getByLabel('Nombre de postes de travail').fill('2');
  await form.getByRole('button', { name: 'Créer le point de service' }).click();
  await expect(page.getByRole('status')).toHaveText(`Point de service « ${POINT} » créé.`);
  await picture(page, 'service-points');

  await page.getByRole('link', { name: `Ouvrir la fiche de ${POINT}` }).click();
  await expect(page.getByRole('heading', { name: POINT, level: 1 })).toBeVisible();
  const ws = page.getByRole('region', { name: 'Postes de travail' });
  await expect(ws.getByRole('listitem')).toHaveText(['Poste 1', 'Poste 2']);
  await expect(page.getByText('Julie Bergeron, 819 555-0199')).toBeVisible();
  await picture(page, 'service-point');

  await page.getByRole('link', { name: 'Gérer les postes de travail' }).click();
  await expect(page.getByRole('heading', { name: 'Postes de travail', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Point de service', { exact: true })).toHaveValue(/.+/);
  const rows = page.getByRole('row');
  await expect(rows.filter({ hasText: 'Poste 1' })).toContainText('Non enregistré');
  await expect(rows.filter({ hasText: 'Poste 2' })).toContainText('Jamais');
  await picture(page, 'workstations');

  await page.goBack();
  await page.getByRole('link', { name: 'Gérer les opérateurs' }).click();
  await expect(page.getByRole('heading', { name: 'Opérateurs', level: 1 })).toBeVisible();
  await page.getByRole('searchbox').fill('gagnon eric');
  await page.getByRole('button', { name: 'Appliquer' }).click();
  await page.getByRole('button', { name: 'Accorder le rôle d’opérateur à Éric Gagnon' }).click();
  await expect(page.getByRole('status')).toHaveText(`Éric Gagnon a maintenant le rôle « Opérateur » à ${POINT}.`);
  const staff = page.getByRole('region', { name: 'Personnel de ce point de service' });
  await expect(staff.getByRole('row').filter({ hasText: 'Éric Gagnon' })).toContainText('Opérateur');
  await picture(page, 'operators');

  await page.goto('/administration/comptes?q=gagnon');
  await page.getByRole('link', { name: 'Ouvrir le compte de Éric Gagnon' }).click();
  await expect(page.getByRole('heading', { name: 'Éric Gagnon', level: 1 })).toBeVisible();
  await expect(page.getByText(`Opérateur à ${POINT}`)).toBeVisible();
  await page.getByRole('button', { name: 'Envoyer un lien de réinitialisation' }).click();
  await expect(page.getByRole('status')).toHaveText('Lien de réinitialisation envoyé à egagnon@vigie.demo.');
  await picture(page, 'account');
  await page.goto('/administration/comptes');
  await expect(page.getByRole('heading', { name: 'Comptes', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ouvrir le compte de Hélène Administratrice' })).toBeVisible();
  await picture(page, 'accounts');
  await signOut(page);

  // The new operator reaches the desk, at the new service point.
  await signIn(page, 'egagnon');
  await page.getByRole('button', { name: 'Menu du compte' }).click();
  await page.getByRole('menuitem', { name: 'Point de service formation' }).click();
  await expect(page.getByText(POINT).first()).toBeVisible();
});

test('the demo manager sees their service point alone and works its workstations from the keyboard', async ({
  page,
}) => {
  await signIn(page, 'gestionnaire');
  await page.goto('/administration');
  await expect(page.getByRole('link', { name: 'Postes de travail', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Comptes', exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Cartes d’attestation' })).toHaveCount(0);
  await picture(page, 'manager-home');

  await page.goto('/administration/points-de-service');
  await expect(page.getByRole('link', { name: /^Ouvrir la fiche de / })).toHaveText(['Point de service Démo — Québec']);
  await expect(page.getByRole('region', { name: 'Nouveau point de service' })).toHaveCount(0);

  await page.goto('/administration/postes-de-travail');
  const rows = page.getByRole('row');
  await expect(rows.filter({ hasText: 'Poste 2' })).toBeVisible();
  // Rename « Poste 2 » with the keyboard only.
  await page.getByRole('button', { name: 'Renommer — Poste 2' }).focus();
  await page.keyboard.press('Enter');
  const input = page.getByLabel('Nouveau nom de « Poste 2 »');
  await expect(input).toBeFocused();
  await input.press('ControlOrMeta+a');
  await page.keyboard.type('Poste fenêtre');
  await page.keyboard.press('Enter');
  await expect(rows.filter({ hasText: 'Poste fenêtre' })).toBeVisible();
  // Retire it: the dialog takes the focus, Enter on its button confirms.
  await page.getByRole('button', { name: 'Retirer — Poste fenêtre' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Retirer « Poste fenêtre » ?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Retirer' }).focus();
  await page.keyboard.press('Enter');
  await expect(rows.filter({ hasText: 'Poste fenêtre' })).toHaveCount(0);
  // The box drives the address (retired=1): its state follows once the list is read again — click, then wait for it.
  const showRetired = page.getByLabel('Afficher les postes retirés');
  await showRetired.click();
  await expect(showRetired).toBeChecked();
  await expect(rows.filter({ hasText: 'Poste fenêtre' })).toContainText('Retiré');

  // Another service point's page answers as a missing one.
  const res = await page.request.get('/api/admin/service-points?closed=1');
  const own = (await res.json()) as { servicePoints: { name: string }[] };
  expect(own.servicePoints.map((p) => p.name)).toEqual(['Point de service Démo — Québec']);

  await page.goto('/administration/operateurs');
  await expect(
    page
      .getByRole('region', { name: 'Personnel de ce point de service' })
      .getByRole('row')
      .filter({ hasText: 'Samuel Pelletier' }),
  ).toContainText('Opérateur');
  await expect(page.getByRole('button', { name: /Retirer le rôle Gestionnaire/ })).toHaveCount(0);
  await picture(page, 'manager-operators');
});
