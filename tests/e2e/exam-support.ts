import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_DATA_DIR } from '../../playwright.config';
import { DEMO_PASSWORD, signIn } from './support';

/** Demo learners with a valid health-insurance number (IDENTITY.md) for the operator to confirm. */
export const LEARNERS = {
  egagnon: { nam: 'GAGE 0402 2914', dateOfBirth: '2004-02-29', lastName: 'Gagnon' },
  ecote: { nam: 'COTE 7803 0915', dateOfBirth: '1978-03-09', lastName: 'Côté' },
  lng: { nam: 'NGXL 0161 0522', dateOfBirth: '2001-11-05', lastName: 'Ng' },
  jsaintemarie: { nam: 'STMJ 9002 1410', dateOfBirth: '1990-02-14', lastName: 'Sainte-Marie' },
  ldamour: { nam: 'DAML 6212 0111', dateOfBirth: '1962-12-01', lastName: 'D’Amour' },
  glavigne: { nam: 'LAVG 9255 1710', dateOfBirth: '1992-05-17', lastName: 'Lavigne' },
} as const;
export type DemoLearner = keyof typeof LEARNERS;

/** The demo's short exam: « Initiation à la sécurité sur les chantiers » (5 questions, 5 minutes). */
export const SHORT_TRAINING = 'Initiation à la sécurité sur les chantiers';

const PHOTO = path.resolve('node_modules/@vladmandic/face-api/demo/sample1.jpg');

export function e2eDb() {
  const db = new Database(path.join(E2E_DATA_DIR, 'vigie.db'));
  db.pragma('busy_timeout = 5000');
  return db;
}

/** A JSON call as the browser makes it: cookies of the browser context, CSRF header echoed. */
export async function call(api: APIRequestContext, method: string, url: string, data?: unknown) {
  const cookies = await api.storageState();
  const csrf = cookies.cookies.find((c) => c.name === 'vigie_csrf')?.value ?? '';
  const res = await api.fetch(url, {
    method,
    headers: method === 'GET' ? {} : { 'x-csrf-token': csrf },
    data: method === 'GET' ? undefined : (data ?? {}),
  });
  const body = res.headers()['content-type']?.includes('json') ? await res.json() : null;
  if (!res.ok()) throw new Error(`${method} ${url} → ${res.status()} ${JSON.stringify(body)}`);
  return body;
}

/** The operator saves a photo for the learner through the API (what « Transférer », the crop and « Enregistrer » do). */
export async function saveDemoPhoto(api: APIRequestContext, learnerId: string, learner: DemoLearner) {
  const photoUrl = `/api/desk/learners/${learnerId}/photo`;
  const cookies = await api.storageState();
  const csrf = cookies.cookies.find((c) => c.name === 'vigie_csrf')!.value;
  const upload = await api.post(photoUrl, {
    headers: { 'x-csrf-token': csrf },
    multipart: {
      photo: { name: `${LEARNERS[learner].lastName}.jpg`, mimeType: 'image/jpeg', buffer: readFileSync(PHOTO) },
    },
  });
  // The specs share one demo database: a learner another spec already photographed keeps that photo.
  if (!upload.ok() && ((await upload.json()) as { error?: { code?: string } }).error?.code === 'photo_already_saved')
    return;
  expect(upload.ok(), await upload.text()).toBe(true);
  await call(api, 'PUT', `${photoUrl}/crop`, { x: 780, y: 80, width: 420, height: 540 });
  await call(api, 'POST', `${photoUrl}/save`, {
    checklist: { whiteBackground: true, noHeadwear: true, noSunglasses: true, eyesOpen: true, faceCentred: true },
    // The sample is a party snapshot, not an ID photo: the automatic checks fail it, and the operator says why it is kept.
    overrideReason: 'Photo d’essai : identité vérifiée à vue par l’opérateur, reprise prévue.',
  });
}

/**
 * What the operator does at the desk before the learner sits down, through the real HTTP API, in the
 * browser that becomes the learner's workstation: sign in, confirm the learner's identity, save the ID
 * photo, register this browser as a workstation, authorize the short exam (or another training's) there, sign out.
 * Returns the attempt's id.
 */
export async function operatorAuthorizes(
  page: Page,
  learner: DemoLearner,
  workstationName: string,
  training: string = SHORT_TRAINING,
) {
  const api = page.context().request;
  await call(api, 'GET', '/api/session');
  await call(api, 'POST', '/api/auth/sign-in', { login: 'operateur', password: DEMO_PASSWORD, remember: false });

  const found = (await call(api, 'GET', `/api/desk/learners?q=${encodeURIComponent(`${learner}@vigie.demo`)}`)) as {
    learners: { id: string }[];
  };
  const learnerId = found.learners[0]!.id;
  const { nam, dateOfBirth } = LEARNERS[learner];
  await call(api, 'POST', `/api/desk/learners/${learnerId}/identity`, {
    documentType: 'health',
    number: nam,
    dateOfBirth,
    acknowledgeWarnings: true,
  });
  await saveDemoPhoto(api, learnerId, learner);

  const file = (await call(api, 'GET', `/api/desk/learners/${learnerId}`)) as {
    authorizable: { examId: string; trainingTitle: { fr: string; en?: string } }[];
    workstations: { id: string; name: string; occupiedBy: string | null }[];
  };
  // The specs share one demo database: a workstation another spec left an exam on is taken (the server refuses
  // it), so the first free one stands in for the one asked.
  const asked = file.workstations.find((w) => w.name === workstationName);
  expect(asked, workstationName).toBeDefined();
  const ws = asked!.occupiedBy === null ? asked! : file.workstations.find((w) => w.occupiedBy === null)!;
  expect(ws, `a free workstation for ${learner}`).toBeDefined();
  const exam = file.authorizable.find((a) => a.trainingTitle.fr === training)!;
  expect(exam, `${training} can be authorized for ${learner}`).toBeDefined();
  await call(api, 'POST', `/api/desk/workstations/${ws.id}/register`);
  const { attemptId } = (await call(api, 'POST', `/api/desk/learners/${learnerId}/authorizations`, {
    examId: exam.examId,
    workstationId: ws.id,
  })) as { attemptId: string };
  await call(api, 'POST', '/api/auth/sign-out');
  return attemptId;
}

/**
 * The learner sits at the workstation `operatorAuthorizes` registered: signs in, opens the exam and starts it;
 * question 1 of `questions` is on screen.
 */
export async function startExam(page: Page, learner: DemoLearner, attemptId: string, questions: number) {
  await signIn(page, learner);
  await page.goto(`/examen/${attemptId}`);
  await page.getByRole('button', { name: 'Commencer' }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`Question 1 sur ${questions}\\b`) })).toBeVisible();
}

/** The attempt and its saved answers, as the server stored them. */
export function storedAttempt(attemptId: string) {
  const db = e2eDb();
  try {
    const attempt = db
      .prepare(
        'select state, deadline_at, (select coalesce(max(seq), 0) from answers where attempt_id = attempts.id) as last_seq, score_points, max_points, percentage, outcome from attempts where id = ?',
      )
      .get(attemptId) as {
      state: string;
      deadline_at: string;
      last_seq: number;
      score_points: number | null;
      max_points: number | null;
      percentage: number | null;
      outcome: string | null;
    };
    const answers = db
      .prepare('select item_id, response, flagged, seq from answers where attempt_id = ? order by seq')
      .all(attemptId) as { item_id: string; response: string; flagged: number; seq: number }[];
    return {
      ...attempt,
      answers: answers.map((a) => ({
        item: a.item_id,
        choices: JSON.parse(a.response) as string[],
        flagged: !!a.flagged,
        seq: a.seq,
      })),
    };
  } finally {
    db.close();
  }
}

/** "12:34" → 754 seconds. */
export function secondsOf(countdown: string): number {
  const [m, s] = countdown.trim().split(':').map(Number);
  return m! * 60 + s!;
}
