import { expect, test } from '@playwright/test';
import { capture } from './support';

/**
 * The API's documentation page (/api/docs), as a developer opens it: every section, a route's access and its
 * reply schema on demand; at a desktop's width and a phone's, with no WCAG 2.1 A/AA violation.
 */
test('the API documentation reads at 1280 and 390 px, without an accessibility violation', async ({ page }) => {
  await page.goto('/api/docs');
  await expect(page.getByRole('heading', { level: 1, name: /Vigie API/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'desk' })).toBeVisible();
  const keepAlive = page
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name: '/api/desk/keep-alive' }) });
  await expect(keepAlive).toContainText(
    'Accès : desk.use (operator), connecté · Access: desk.use (operator), signed in.',
  );
  await keepAlive.getByText('application/json — schéma · schema').click();
  await expect(keepAlive.locator('pre')).toContainText('"idleMinutes"');
  // Nothing wider than the phone's screen but the scrollable code and tables.
  await capture(page, 'api-docs');
  const doc = await (await page.request.get('/api/docs/openapi.json')).json();
  expect(doc.openapi).toBe('3.1.0');
});
