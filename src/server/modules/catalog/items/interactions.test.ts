import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnerAtWorkstation } from '../../../../../tests/support/attempts.js';
import { dbKinds } from '../../../../../tests/support/databases.js';
import { createTestApp, type TestApp } from '../../../../../tests/support/test-app.js';
import type { DeliveredItem } from '../../../../shared/exam.js';
import { sameDefinition } from '../exam-definition.js';
import { readExamDefinition } from '../exams.service.js';
import { exportJson, exportYaml } from '../export-yaml.js';
import { problemMessages } from '../import-problems.js';
import { exportQti } from '../qti/export-qti.js';
import { INTERACTIONS_YAML } from './interactions.test-support.js';

/**
 * The interaction types end to end through the learner's API: an exam in Vigie's own format with one item of
 * each type is imported, an attempt started, the paper holds no key, answers of each shape are saved (and wrong
 * shapes refused, naming choiceIds), and the submitted score is the one worked out by hand.
 */
const read = (text: string, name = 'interactions.yaml') => readExamDefinition({ name, bytes: Buffer.from(text) });

function refusal(text: string): string[] {
  try {
    read(text);
  } catch (err) {
    return problemMessages(err as Parameters<typeof problemMessages>[0]);
  }
  throw new Error('imported');
}

describe('the interaction types in Vigie’s own format', () => {
  it('round trip: import → export (YAML and JSON) → import gives the same exam', () => {
    const def = read(INTERACTIONS_YAML);
    expect(sameDefinition(read(exportYaml(def)), def)).toBe(true);
    expect(sameDefinition(read(exportJson(def), 'interactions.json'), def)).toBe(true);
    expect(read(exportYaml(def)).content).toEqual(def.content);
  });

  it.each(['3.0', '2.1'] as const)(
    'round trip through QTI %s: import → export → import gives the same exam',
    (version) => {
      const def = read(INTERACTIONS_YAML);
      const back = readExamDefinition({ name: `interactions-${version}.zip`, bytes: exportQti(def, version) });
      expect(back.content.items).toEqual(def.content.items);
      expect(sameDefinition(back, def)).toBe(true);
    },
  );

  it('names every problem of an item by its item and field', () => {
    const broken = INTERACTIONS_YAML.replace('correct: [e1, e2, e3]', 'correct: [e1, e2]')
      .replace('correct: ["k5 travaux", "k3 chaussee"]', 'correct: ["k5 travaux", "k3"]')
      .replace('{{g2}}.', '.')
      .replace(', facing {{s2}}.', '.')
      .replace('correct: ["s1 bras", "s2 usagers"]', 'correct: ["s1 usagers"]')
      .replace('accepted: [50], tolerance: 0.5', 'accepted: [50], tolerance: -1')
      .replace('area: { shape: circle, coords: [100, 50, 20] }', 'area: { shape: circle, coords: [100, 50, 0] }');
    const messages = refusal(broken);
    const expected = [
      /question etapes, correct : la bonne réponse d’une mise en ordre donne chaque étape une fois/,
      /question sens, correct(\[2\])? : /,
      /question trous, correct : la paire « circulation g2 » n’est pas/,
      /question listes, cloze : le texte \(en\) doit contenir chaque place une fois/,
      /question listes, correct : le choix « usagers » n’est pas une des options de la place « s1 »/,
      /question listes, correct : la place « s2 » n’a pas de bonne réponse/,
      /question vitesse, entry\.tolerance/,
      /question zone, choices\[2\]\.area\.coords : coordonnées/,
    ];
    for (const re of expected)
      expect(
        messages.some((m) => re.test(m)),
        `${re} in ${messages.join('\n')}`,
      ).toBe(true);
  });

  it('refuses a field of another type, and a text entry without its entry', () => {
    const messages = refusal(
      INTERACTIONS_YAML.replace(
        '    correct: ak5\n',
        '    correct: ak5\n    entry: { kind: number, accepted: [1] }\n',
      ).replace('    entry: { kind: text, accepted: [piquet K10], expected_length: 12 }\n', ''),
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/question images, entry : entry ne s’applique pas à une question de type single/),
        expect.stringMatching(/question mot, entry : une saisie de texte a besoin de « entry »/),
      ]),
    );
  });
});

describe.each(dbKinds())('the interaction types through the learner’s API on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.close());

  it('delivers no key, takes each answer shape, refuses wrong shapes naming choiceIds, and scores by type', async () => {
    const def = read(INTERACTIONS_YAML);
    const s = await learnerAtWorkstation(t, { content: def.content, passingMark: 50 });
    expect((await s.browser.post(`${s.url}/start`)).statusCode).toBe(200);
    const res = await s.browser.get(s.url);
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: DeliveredItem[] }).items;
    const text = JSON.stringify(items);
    expect(text).not.toMatch(/"correct"|"accepted"|"tolerance"|"caseSensitive"|"rules"|"scoring"|"shuffle"/);
    expect(text).not.toContain('piquet K10');
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get('etapes')!.choices.map((c) => c.id)).not.toEqual(['e1', 'e2', 'e3']);
    expect(byId.get('sens')!.targets!.map((c) => c.id)).toEqual(['travaux', 'chaussee', 'feux']); // shuffle: false
    expect(byId.get('zone')!.choices[0]!.area).toEqual({ shape: 'rect', coords: [0, 0, 60, 100] });
    expect(byId.get('images')!.choices.find((c) => c.id === 'ak5')!.image!.alt).toEqual({
      fr: 'Triangle avec un ouvrier',
    });
    expect(byId.get('listes')!.slots!.map((sl) => sl.choices!.length)).toEqual([2, 2]);
    expect(byId.get('listes')!.cloze!.fr).toEqual([
      'Le panneau K10 se tient ',
      { slot: 's1' },
      ', face ',
      { slot: 's2' },
      '.',
    ]);
    expect(byId.get('vitesse')!.entry).toEqual({ kind: 'number', expectedLength: 4 });

    let seq = 0;
    const save = (itemId: string, choiceIds: string[]) =>
      s.browser.put(`${s.url}/answers/${itemId}`, { choiceIds, flagged: false, seq: ++seq });
    const refused: [string, string[], string][] = [
      ['etapes', ['e1', 'e2'], 'answer_order_incomplete'],
      ['etapes', ['e1', 'e2', 'e2'], 'answer_order_incomplete'],
      ['sens', ['k5'], 'answer_pair_invalid'],
      ['sens', ['k5 travaux', 'k5 feux'], 'answer_pair_repeated'],
      ['sens', ['travaux k5'], 'answer_pair_invalid'],
      ['trous', ['amont g1', 'aval g1'], 'answer_pair_repeated'],
      ['listes', ['s1 usagers'], 'answer_pair_invalid'],
      ['vitesse', ['50', '51'], 'answer_text_invalid'],
      // A control character is refused by the request's text type (every string a request carries), before the shape.
      ['vitesse', ['5\u00000'], 'validation'],
      ['mot', ['x'.repeat(201)], 'validation'],
      ['zone', ['avant', 'milieu'], 'answer_single_choice'],
      ['zone', ['ailleurs'], 'answer_choice_unknown'],
    ];
    for (const [itemId, choiceIds, code] of refused) {
      const r = await save(itemId, choiceIds);
      expect(r.statusCode, `${itemId} ${JSON.stringify(choiceIds)}`).toBe(400);
      expect(r.json().error).toMatchObject({ code, field: expect.stringMatching(/^choiceIds/) });
      expect(r.json().error.message).toBeTruthy();
    }
    const answers: [string, string[]][] = [
      ['images', ['ak5']], // 1 of 1
      ['zone', ['avant']], // 1 of 1
      ['etapes', ['e1', 'e2', 'e3']], // 2 of 2
      ['sens', ['k5 travaux']], // partial: 2 × (1 − 0) / 2 = 1 of 2
      ['trous', ['amont g1', 'circulation g2']], // 1 of 1
      ['listes', ['s1 bras', 's2 chantier']], // all-or-nothing: 0 of 1
      ['vitesse', ['50,2']], // within 0.5 of 50: 1 of 1
      ['mot', ['PIQUET k10']], // case ignored: 1 of 1
    ];
    for (const [itemId, choiceIds] of answers) expect((await save(itemId, choiceIds)).statusCode, itemId).toBe(200);
    const again = (await s.browser.get(s.url)).json() as { answers: Record<string, { choiceIds: string[] }> };
    expect(again.answers.mot!.choiceIds).toEqual(['PIQUET k10']);
    expect(again.answers.etapes!.choiceIds).toEqual(['e1', 'e2', 'e3']);
    const submitted = await s.browser.post(`${s.url}/submit`);
    expect(submitted.statusCode).toBe(200);
    // 1 + 1 + 2 + 1 + 1 + 0 + 1 + 1 = 8 of 1 + 1 + 2 + 2 + 1 + 1 + 1 + 1 = 10.
    expect((submitted.json() as { result: unknown }).result).toMatchObject({
      scorePoints: 8,
      maxPoints: 10,
      percentage: 80,
      outcome: 'passed',
    });
  });
});
