import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { E2E_DATA_DIR } from '../../playwright.config';
import { makeFakeCamera } from '../../scripts/make-fake-camera';
import { shot, signIn, tickPhotoChecklist } from './support';

const FAKE_CAMERA = path.resolve('tmp/fake-camera-guidance.y4m');
await makeFakeCamera(FAKE_CAMERA, 'tests/fixtures/photos/b2-studio.jpg');

// This file's browser films a portrait instead of Chromium's test pattern.
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${FAKE_CAMERA}`,
    ],
  },
});

function enrolLearner(username: string) {
  const db = new Database(path.join(E2E_DATA_DIR, 'vigie.db'));
  db.pragma('busy_timeout = 5000');
  try {
    const learner = db.prepare('select id from users where username = ?').get(username) as { id: string };
    const sp = db.prepare('select id from service_points order by created_at limit 1').get() as { id: string };
    const existing = db
      .prepare('select id from enrolments where user_id = ? and service_point_id = ?')
      .get(learner.id, sp.id);
    if (!existing) {
      const now = new Date().toISOString();
      const trainingId = randomBytes(16).toString('base64url');
      db.prepare(
        `insert into trainings (id, code, title, title_en, description, description_en, exam_id, validity_months, created_at)
         values (?, 'PHOTO-E2E', 'Guidage photo', null, 'Formation de démonstration', null, null, null, ?)`,
      ).run(trainingId, now);
      db.prepare(
        `insert into enrolments (id, user_id, training_id, service_point_id, status, created_at, updated_at)
         values (?, ?, ?, ?, 'in_training', ?, ?)`,
      ).run(randomBytes(16).toString('base64url'), learner.id, trainingId, sp.id, now, now);
    }
    return learner.id;
  } finally {
    db.close();
  }
}

/** A learner of this test's own (every demo learner's photo is taken by another spec): registered through the API. */
async function registerLearner(request: APIRequestContext): Promise<string> {
  const username = `zng${Date.now().toString(36)}`;
  // The CSRF token is bound to the session: the one handed out before registering is not the one after.
  const headers = async () => ({
    'x-csrf-token': (await request.storageState()).cookies.find((c) => c.name === 'vigie_csrf')!.value,
  });
  await request.get('/api/session');
  const reg = await request.post('/api/register', {
    headers: await headers(),
    data: { username, email: `${username}@exemple.qc.ca`, password: 'tuque-hivernale-2026' },
  });
  expect(reg.ok(), await reg.text()).toBe(true);
  const profile = await request.put('/api/account/profile', {
    headers: await headers(),
    data: { firstName: 'Lan', lastName: 'Ng' },
  });
  expect(profile.ok(), await profile.text()).toBe(true);
  return username;
}

test('camera guidance, then the server’s verdicts, the proposed crop and a reason to save despite a failed check', async ({
  page,
  playwright,
  baseURL,
}) => {
  const api = await playwright.request.newContext({ baseURL });
  const username = await registerLearner(api);
  await api.dispose();
  const failedRequests: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().includes('/profile/picture')) failedRequests.push(`${r.status()} ${r.url()}`);
  });
  const learnerId = enrolLearner(username);
  await signIn(page, 'operateur');
  await page.goto(`/point-de-service/apprenants/${learnerId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Lan Ng' })).toBeVisible();
  const photo = page.getByRole('region', { name: 'Photo de l’apprenant' });

  // --- At the camera: the detector runs in the page on the live video, with models served by Vigie.
  const vendor = page.waitForResponse((r) => r.url().includes('/vendor/human/models/facemesh.bin') && r.ok());
  await photo.getByRole('button', { name: 'Utiliser la caméra' }).click();
  await vendor;
  const guidance = photo.getByRole('status');
  await expect(guidance).toHaveText('Cadrage correct : vous pouvez prendre la photo', { timeout: 30_000 });
  const capture = photo.getByRole('button', { name: 'Prendre la photo — cadrage correct' });
  await expect(capture).toBeEnabled();
  await expect(photo.getByRole('img', { name: 'Ovale de cadrage sur l’aperçu de la caméra' })).toBeVisible();
  // The oval is drawn over the video (green once the framing is right).
  const green = await photo.locator('canvas.guidance-overlay').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 1]! > 150 && d[i]! < 100 && d[i + 3]! > 200) n++;
    return n;
  });
  expect(green).toBeGreaterThan(500);
  await shot(page, 'photo-guidance');
  await photo.locator('.camera-guidance').screenshot({ path: 'test-results/screenshots/photo-guidance-camera.png' });
  await capture.click();
  await expect(photo.locator('video')).toHaveCount(0);
  await photo.getByRole('button', { name: 'Transférer' }).click();

  // --- The server's check of the captured picture; the crop tool opens on the proposed crop.
  const checks = photo.getByRole('region', { name: 'Vérification automatique' });
  await expect(checks).toBeVisible({ timeout: 20_000 });
  await expect(checks.getByText('Un seul visage', { exact: false })).toBeVisible();
  await expect(photo.getByText('Le cadre s’ouvre sur le recadrage proposé', { exact: false })).toBeVisible();
  await expect(photo.locator('.reactEasyCrop_CropArea')).toBeVisible();
  await shot(page, 'photo-checks-crop');
  await photo.getByRole('button', { name: 'Valider le recadrage' }).click();

  // --- The crop checked again: centring and head size; the open mouth fails.
  const onCrop = photo.getByRole('region', { name: 'Vérification automatique du recadrage' });
  await expect(onCrop).toBeVisible({ timeout: 20_000 });
  await expect(onCrop.getByText('Visage centré', { exact: false })).toBeVisible();
  await expect(onCrop.getByText('Taille de la tête', { exact: false })).toBeVisible();
  await expect(onCrop.getByText('Bouche ouverte : expression neutre, bouche fermée')).toBeVisible();
  await tickPhotoChecklist(photo);
  // Without a reason the server refuses, naming the failed criterion.
  await photo.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(
    photo.getByText(/La vérification automatique signale des critères non respectés \(.*bouche fermée/),
  ).toBeVisible();
  const reasons = photo.getByRole('group', { name: /Enregistrer malgré les critères non respectés/ });
  await reasons.getByLabel('Autre raison').check();
  await reasons.getByLabel('Précisez la raison').fill('Sourire naturel, validé avec la personne');
  await shot(page, 'photo-checks-override');
  await photo.getByRole('button', { name: 'Enregistrer' }).click();

  await expect(photo.getByText('Photo enregistrée', { exact: true })).toBeVisible();
  await expect(photo.getByTestId('override-reason')).toHaveText(
    'Enregistrée malgré la vérification automatique : « Sourire naturel, validé avec la personne »',
  );
  await shot(page, 'photo-checks-saved');
  expect(failedRequests.filter((r) => !r.includes('/photo/save'))).toEqual([]);
});
