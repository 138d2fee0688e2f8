import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { shot } from './support';

/**
 * The API's documentation page (/api/docs), as a developer opens it: every section, a route's access and its
 * reply schema on demand; at a desktop's width and a phone's, with no WCAG 2.1 A/AA violation.
 */
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

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
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width > 800 ? 800 : 844 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await shot(page, `api-docs-${width}`);
    // Nothing wider than the phone's screen but the scrollable code and tables.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(
      violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      `at ${width} px`,
    ).toEqual([]);
  }
  const doc = await (await page.request.get('/api/docs/openapi.json')).json();
  expect(doc.openapi).toBe('3.1.0');
});
