import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { parse, stringify } from 'yaml';
import { E2E_DATA_DIR } from '../../playwright.config';
import { call, operatorAuthorizes, storedAttempt } from './exam-support';
import { capture, signIn } from './support';

/**
 * Issue 18's interaction types, answered with the keyboard alone (Tab, arrows, Space, Enter, typing: no click),
 * each checked saved, then the exam submitted and its score compared with the one worked out by hand below.
 * Axe on the page with each type on screen, pictures at 1280 and 390 px. The learner's API answer is read for
 * what it must never hold: the key.
 *
 * The questions are the demo's own (« Signaleur routier », q36–q42), imported as an exam of their own with the
 * command line — every question drawn, in the file's order — since the demo exam draws 25 of its 42 at random.
 * A training of its own, for Jean Sainte-Marie, whom no later spec follows.
 */

const DEMO = 'src/server/modules/catalog/demo';
const ITEMS = ['q36', 'q37', 'q38', 'q39', 'q40', 'q41', 'q42'] as const;
const EXAM_CODE = 'EX-E2E-INTERACTIONS';
const TRAINING = { code: 'E2E-INTERACTIONS', title: 'Signaleur routier — types de questions' };
const LEARNER = 'jsaintemarie';

/** The key of each question, as the demo file writes it: what the learner's API answer must never hold. */
const KEY_PAIRS = ['t s', 'g j', 'v e', 'm d', 'u p1', 'l p2', 'i1 q'];

/**
 * What the learner answers, and the score by hand: every question 1 point; all right except the match, where
 * 3 of the 4 signs are paired right and the 4th left unanswered: partial, 1 × (3 − 0) / 4 = 0.75.
 * 6.75 / 7 = 96.428… %, truncated to 96.42; the passing mark is 100 %: « Échec ».
 */
const EXPECTED: Record<(typeof ITEMS)[number], string[]> = {
  q36: ['f'],
  q37: ['r', 'h', 'c', 'n', 'b'],
  q38: ['t s', 'g j', 'v e'],
  q39: ['u p1', 'l p2'],
  q40: ['i1 q'],
  q41: ['250'],
  q42: ['o'],
};

function vigie(...args: string[]) {
  execFileSync('npx', ['tsx', 'src/cli/main.ts', ...args], {
    env: { ...process.env, DATA_DIR: E2E_DATA_DIR, NODE_ENV: 'development', LOG_LEVEL: 'warn' },
    stdio: 'pipe',
  });
}

/** The demo's questions of the new types as an exam, its training, and the learner enrolled at the demo point. */
function prepareExam() {
  const dir = path.join(E2E_DATA_DIR, 'interactions-exam');
  mkdirSync(dir, { recursive: true });
  for (const d of ['signs', 'scenes']) cpSync(path.join(DEMO, d), path.join(dir, d), { recursive: true });
  const demo = parse(readFileSync(path.join(DEMO, 'signaleur-routier.yaml'), 'utf8')) as { items: { id: string }[] };
  const file = path.join(dir, 'interactions.yaml');
  writeFileSync(
    file,
    stringify({
      format: 'vigie-exam/1',
      code: EXAM_CODE,
      title: { fr: TRAINING.title, en: 'Road flagger — question types' },
      duration_minutes: 30,
      passing_mark: 100,
      shuffle_items: false,
      shuffle_choices: true,
      items: demo.items.filter((i) => (ITEMS as readonly string[]).includes(i.id)),
    }),
  );
  vigie('exam', 'import', file);
  vigie(
    'training',
    'create',
    '--code',
    TRAINING.code,
    '--title',
    TRAINING.title,
    '--title-en',
    'Road flagger — question types',
    '--description',
    'Une question de chaque type.',
    '--exam',
    EXAM_CODE,
  );
  vigie('enrol', '--user', LEARNER, '--training', TRAINING.code, '--service-point', 'Point de service Démo — Montréal');
}

interface Delivered {
  id: string;
  type: string;
  choices: { id: string; text: { fr: string } }[];
  targets?: { id: string }[];
  slots?: { id: string; choices?: { id: string }[] }[];
}

const question = (page: Page) => page.locator('.exam-question');
const focused = (l: Locator) => l.evaluate((el) => el === document.activeElement);

/** Presses `key` until `done` holds (a bounded number of times): how a learner walks a list or a group. */
async function pressUntil(page: Page, key: string, done: () => Promise<boolean>, max = 40) {
  for (let i = 0; i < max && !(await done()); i++) await page.keyboard.press(key);
  expect(await done(), `${key} until done`).toBe(true);
}
const tabTo = (page: Page, target: Locator) => pressUntil(page, 'Tab', () => focused(target));
/** A closed list: the arrow walks its options (skipping those offered no more) until the one wanted. */
async function selectByKeys(page: Page, select: Locator, value: string) {
  await tabTo(page, select);
  await pressUntil(page, 'ArrowDown', async () => (await select.inputValue()) === value, 12);
}
/** A radio group: Tab reaches it, Space ticks the first, the arrows move the tick until the one wanted. */
async function radioByKeys(page: Page, first: Locator, wanted: Locator) {
  await tabTo(page, first);
  await page.keyboard.press('Space');
  await pressUntil(page, 'ArrowDown', () => wanted.isChecked(), 12);
}

/** « Suivante » by the keyboard: Tab to it, Enter; the next question's heading takes the focus. */
async function nextQuestion(page: Page, n: number) {
  await tabTo(page, page.getByRole('button', { name: /Suivante/ }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: new RegExp(`Question ${n} sur ${ITEMS.length}`) })).toBeFocused();
}

test('each interaction type answered with the keyboard alone, saved, and scored as worked out by hand', async ({
  page,
}) => {
  test.setTimeout(240_000);
  prepareExam();
  const attemptId = await operatorAuthorizes(page, LEARNER, 'Poste 4', TRAINING.title);
  await signIn(page, LEARNER);
  await page.goto(`/examen/${attemptId}`);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(TRAINING.title) })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Commencer' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /Question 1 sur 7/ })).toBeVisible();

  // Nothing of the key reaches the learner: no correct response, no accepted answer, no right pair anywhere.
  const api = page.context().request;
  const delivery = (await call(api, 'GET', `/api/attempts/${attemptId}`)) as { items: Delivered[] };
  expect(delivery.items.map((i) => i.id)).toEqual([...ITEMS]);
  const KEY_FIELDS = ['correct', 'accepted', 'tolerance', 'caseSensitive', 'accentSensitive', 'scoring'];
  const values = (v: unknown): unknown[] =>
    Array.isArray(v)
      ? v.flatMap(values)
      : v && typeof v === 'object'
        ? Object.entries(v).flatMap(([k, x]) => [`field:${k}`, ...values(x)])
        : [v];
  for (const it of delivery.items) {
    const found = values(it);
    expect(
      found.filter((x) => KEY_FIELDS.some((k) => x === `field:${k}`)),
      it.id,
    ).toEqual([]);
    expect(
      found.filter((x) => KEY_PAIRS.includes(x as string)),
      it.id,
    ).toEqual([]);
  }
  // The text entry says what kind of answer it expects, and nothing more (250 m is the right answer).
  const entry = delivery.items.find((i) => i.id === 'q41')!;
  expect(values(entry)).not.toContain(250);
  expect(entry).toMatchObject({ entry: { kind: 'number', expectedLength: 5 } });
  const item = (id: string) => delivery.items.find((i) => i.id === id)!;
  const status = page.getByTestId('save-status');

  // 1. hotspot — « Où doit se placer le signaleur ? »: the radio « Zone n » of area f (zones left to right).
  const zone = (id: string) =>
    question(page).getByRole('radio', { name: `Zone ${item('q36').choices.findIndex((c) => c.id === id) + 1}` });
  await radioByKeys(page, question(page).getByRole('radio', { name: 'Zone 1' }), zone('f'));
  await expect(question(page).getByText(/^Zone choisie : Zone \d\.$/)).toBeVisible();
  await expect(status).toHaveText('Enregistré');
  await capture(page, 'interactions-hotspot');
  await nextQuestion(page, 2);

  // 2. order — the steps of stopping and releasing traffic.
  await orderByKeys(page, item('q37'), EXPECTED.q37);
  await expect(status).toHaveText('Enregistré');
  await capture(page, 'interactions-order');
  await nextQuestion(page, 3);

  // 3. match — three signs paired right, the fourth left unanswered.
  for (const pair of EXPECTED.q38) {
    const [source, target] = pair.split(' ') as [string, string];
    const text = item('q38').choices.find((c) => c.id === source)!.text.fr;
    await selectByKeys(page, question(page).getByLabel(text, { exact: true }), target);
  }
  await expect(status).toHaveText('Enregistré');
  await capture(page, 'interactions-match');
  await nextQuestion(page, 4);

  // 4. gap_match — a word in each gap.
  await selectByKeys(page, question(page).getByRole('combobox', { name: 'Espace 1' }), 'u');
  await selectByKeys(page, question(page).getByRole('combobox', { name: 'Espace 2' }), 'l');
  await expect(status).toHaveText('Enregistré');
  await capture(page, 'interactions-gap-match');
  await nextQuestion(page, 5);

  // 5. inline_choice — the word in the sentence.
  await selectByKeys(page, question(page).getByRole('combobox').first(), 'q');
  await expect(status).toHaveText('Enregistré');
  await capture(page, 'interactions-inline-choice');
  await nextQuestion(page, 6);

  // 6. text_entry — a distance in metres, typed.
  await tabTo(page, question(page).getByRole('textbox'));
  await page.keyboard.type('250');
  await expect(status).toHaveText('Enregistré');
  await capture(page, 'interactions-text-entry');
  await nextQuestion(page, 7);

  // 7. images as choices — the paddle side that stops traffic, named by its text.
  const radios = question(page).getByRole('radio');
  await radioByKeys(page, radios.first(), question(page).getByRole('radio', { name: 'Panneau « ARRÊT »' }));
  await expect(status).toHaveText('Enregistré');
  await capture(page, 'interactions-image-choices');

  // Every answer reached the server as the learner gave it (pairs in any order: they are a set).
  const PAIRED = ['q38', 'q39', 'q40'];
  const savedAnswers = () =>
    Object.fromEntries(
      storedAttempt(attemptId).answers.map((a) => [a.item, PAIRED.includes(a.item) ? a.choices.sort() : a.choices]),
    );
  const expected = Object.fromEntries(
    ITEMS.map((id) => [id, PAIRED.includes(id) ? [...EXPECTED[id]].sort() : EXPECTED[id]]),
  );
  await expect.poll(savedAnswers).toEqual(expected);

  // « Terminer », then confirm: the score is the one worked out by hand.
  await tabTo(page, page.getByRole('button', { name: 'Terminer', exact: true }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Terminer l’examen ?' });
  await tabTo(page, dialog.getByRole('button', { name: 'Confirmer et terminer' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Résultat' })).toBeVisible();
  expect(storedAttempt(attemptId)).toMatchObject({
    state: 'submitted',
    score_points: 6.75,
    max_points: 7,
    percentage: 96.42,
    outcome: 'failed',
  });
  await expect(page.getByTestId('score')).toHaveText('6,75 / 7 points');
  await expect(page.getByTestId('outcome')).toHaveText('Échec');
});

/**
 * Puts the steps of an order item in the wanted order with the keyboard: for each place from the top, Tab to the
 * « Monter : … » button of the step wanted there, Enter until it is there (the focus stays on the button).
 */
async function orderByKeys(page: Page, item: Delivered, wanted: string[]) {
  const textOf = (id: string) => item.choices.find((c) => c.id === id)!.text.fr;
  const shown = async () => {
    const texts = await question(page).locator('.order-text').allTextContents();
    return texts.map((t) => item.choices.find((c) => c.text.fr === t)!.id);
  };
  for (const [place, id] of wanted.entries()) {
    const from = (await shown()).indexOf(id);
    if (from === place) continue;
    const up = question(page).getByRole('button', { name: `Monter : ${textOf(id)}` });
    await tabTo(page, up);
    await pressUntil(page, 'Enter', async () => (await shown()).indexOf(id) === place, from - place);
  }
  expect(await shown()).toEqual(wanted);
}
