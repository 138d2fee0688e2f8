import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_DATA_DIR } from '../../playwright.config';
import { DEMO_PASSWORD } from './support';

/** Demo learners with a valid health-insurance number (IDENTITY.md) for the operator to confirm. */
export const LEARNERS = {
  egagnon: { nam: 'GAGE 0402 2914', dateOfBirth: '2004-02-29', lastName: 'Gagnon' },
  ecote: { nam: 'COTE 7803 0915', dateOfBirth: '1978-03-09', lastName: 'Côté' },
  lng: { nam: 'NGXL 0161 0522', dateOfBirth: '2001-11-05', lastName: 'Ng' },
  jsaintemarie: { nam: 'STMJ 9002 1410', dateOfBirth: '1990-02-14', lastName: 'Sainte-Marie' },
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
async function call(api: APIRequestContext, method: string, url: string, data?: unknown) {
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

/**
 * What the operator does at the desk before the learner sits down, through the real HTTP API, in the
 * browser that becomes the learner's workstation: sign in, confirm the learner's identity, save the ID
 * photo, register this browser as a workstation, authorize the short exam there, sign out.
 * Returns the attempt's id.
 */
export async function operatorAuthorizes(page: Page, learner: DemoLearner, workstationName: string) {
  const api = page.context().request;
  await call(api, 'GET', '/api/session');
  await call(api, 'POST', '/api/auth/sign-in', { login: 'operateur', password: DEMO_PASSWORD, remember: false });
  const desk = (await call(api, 'GET', '/api/desk')) as { workstations: { id: string; name: string }[] };
  const ws = desk.workstations.find((w) => w.name === workstationName)!;
  expect(ws, workstationName).toBeDefined();

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
  const photoUrl = `/api/desk/learners/${learnerId}/photo`;
  const cookies = await api.storageState();
  const csrf = cookies.cookies.find((c) => c.name === 'vigie_csrf')!.value;
  const upload = await api.post(photoUrl, {
    headers: { 'x-csrf-token': csrf },
    multipart: {
      photo: { name: `${LEARNERS[learner].lastName}.jpg`, mimeType: 'image/jpeg', buffer: readFileSync(PHOTO) },
    },
  });
  expect(upload.ok(), await upload.text()).toBe(true);
  await call(api, 'PUT', `${photoUrl}/crop`, { x: 780, y: 80, width: 420, height: 540 });
  await call(api, 'POST', `${photoUrl}/save`, {
    checklist: { whiteBackground: true, noHeadwear: true, noSunglasses: true, eyesOpen: true, faceCentred: true },
  });

  const file = (await call(api, 'GET', `/api/desk/learners/${learnerId}`)) as {
    authorizable: { examId: string; trainingTitle: string }[];
  };
  const exam = file.authorizable.find((a) => a.trainingTitle === SHORT_TRAINING)!;
  expect(exam, `${SHORT_TRAINING} can be authorized for ${learner}`).toBeDefined();
  await call(api, 'POST', `/api/desk/workstations/${ws.id}/register`);
  const { attemptId } = (await call(api, 'POST', `/api/desk/learners/${learnerId}/authorizations`, {
    examId: exam.examId,
    workstationId: ws.id,
  })) as { attemptId: string };
  await call(api, 'POST', '/api/auth/sign-out');
  return attemptId;
}

/** The attempt and its saved answers, as the server stored them. */
export function storedAttempt(attemptId: string) {
  const db = e2eDb();
  try {
    const attempt = db
      .prepare(
        'select state, deadline_at, last_seq, score_points, max_points, percentage, outcome from attempts where id = ?',
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

/**
 * Until the catalog's demo (which enrols every demo learner in « Initiation à la sécurité sur les
 * chantiers ») is on this branch: the same kind of short exam, written into the e2e database as an
 * administrator's import would, and the learners enrolled at the demo service point. A no-op once the
 * demo provides it.
 */
export function ensureShortExam(learners: DemoLearner[]) {
  const db = e2eDb();
  try {
    const now = new Date().toISOString();
    const id = () => `e2e${Math.random().toString(36).slice(2, 12)}`;
    let training = db.prepare('select id from trainings where title = ?').get(SHORT_TRAINING) as
      { id: string } | undefined;
    if (!training) {
      const examId = id();
      const versionId = id();
      const choice = (cid: string, fr: string) => ({ id: cid, text: { fr } });
      const content = {
        items: [
          {
            id: 's1',
            type: 'single',
            stem: { fr: 'Sur un chantier, quel équipement protège la tête ?' },
            choices: [choice('a', 'Le casque de sécurité'), choice('b', 'Une casquette'), choice('c', 'Un bandeau')],
            correct: ['a'],
            points: 1,
          },
          {
            id: 's2',
            type: 'true_false',
            stem: { fr: 'On peut entrer sur un chantier sans s’annoncer.' },
            choices: [choice('true', 'Vrai'), choice('false', 'Faux')],
            correct: ['false'],
            points: 1,
          },
          {
            id: 's3',
            type: 'multiple',
            scoring: 'all_or_nothing',
            stem: { fr: 'Quels équipements sont obligatoires ?' },
            choices: [choice('a', 'Bottes de sécurité'), choice('b', 'Dossard'), choice('c', 'Écouteurs')],
            correct: ['a', 'b'],
            points: 1,
          },
          {
            id: 's4',
            type: 'single',
            stem: { fr: 'Que faire devant un danger ?' },
            choices: [choice('a', 'Le signaler au responsable'), choice('b', 'L’ignorer')],
            correct: ['a'],
            points: 1,
          },
          {
            id: 's5',
            type: 'single',
            stem: { fr: 'Que signifie un panneau orange en losange ?' },
            choices: [choice('a', 'Des travaux'), choice('b', 'Un stationnement')],
            correct: ['a'],
            points: 1,
          },
        ],
      };
      db.prepare('insert into exams (id, code, current_version_id, created_at) values (?, ?, ?, ?)').run(
        examId,
        'EX-SECURITE-CHANTIERS',
        versionId,
        now,
      );
      db.prepare(
        `insert into exam_versions (id, exam_id, version, title, title_en, duration_minutes, passing_mark, draw_count,
           shuffle_items, shuffle_choices, content, created_at) values (?, ?, 1, ?, null, 5, 60, null, 0, 0, ?, ?)`,
      ).run(versionId, examId, `Examen — ${SHORT_TRAINING}`, JSON.stringify(content), now);
      training = { id: id() };
      db.prepare(
        `insert into trainings (id, code, title, title_en, description, description_en, exam_id, validity_months, created_at)
         values (?, 'SECURITE-CHANTIERS', ?, null, 'Formation de démonstration', null, ?, null, ?)`,
      ).run(training.id, SHORT_TRAINING, examId, now);
    }
    const sp = db.prepare('select id from service_points order by created_at limit 1').get() as { id: string };
    for (const username of learners) {
      const user = db.prepare('select id from users where username = ?').get(username) as { id: string };
      const has = db
        .prepare('select id from enrolments where user_id = ? and training_id = ?')
        .get(user.id, training.id);
      if (!has)
        db.prepare(
          `insert into enrolments (id, user_id, training_id, service_point_id, status, created_at, updated_at)
           values (?, ?, ?, ?, 'in_training', ?, ?)`,
        ).run(id(), user.id, training.id, sp.id, now, now);
    }
  } finally {
    db.close();
  }
}
