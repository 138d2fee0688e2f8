import { describe, expect, it } from 'vitest';
import type { Item } from '../../../../shared/exam.js';
import { readExamDefinition } from '../exams.service.js';
import { scoreItem } from '../scoring.js';
import { INTERACTIONS_YAML } from './interactions.test-support.js';

/**
 * Scoring of each interaction type. Every expected value is worked out by hand from the keys written in
 * interactions.test-support.ts and the rules of docs/scoring.md, never by running Vigie's code.
 */
const def = readExamDefinition({ name: 'interactions.yaml', bytes: Buffer.from(INTERACTIONS_YAML) });
const item = (id: string) => def.content.items.find((i) => i.id === id)!;

describe('scoring of the interaction types', () => {
  it('images as choices score as a single choice', () => {
    expect(scoreItem(item('images'), ['ak5'])).toBe(1);
    expect(scoreItem(item('images'), ['ak14'])).toBe(0);
  });

  it('hotspot: exactly the right area', () => {
    expect(scoreItem(item('zone'), ['avant'])).toBe(1);
    expect(scoreItem(item('zone'), ['milieu'])).toBe(0);
    expect(scoreItem(item('zone'), ['avant', 'milieu'])).toBe(0);
    expect(scoreItem(item('zone'), ['ailleurs'])).toBe(0);
  });

  it('order: all the points for the exact sequence, none for one step out of place', () => {
    expect(scoreItem(item('etapes'), ['e1', 'e2', 'e3'])).toBe(2);
    expect(scoreItem(item('etapes'), ['e2', 'e1', 'e3'])).toBe(0);
    expect(scoreItem(item('etapes'), ['e1', 'e2'])).toBe(0);
  });

  it('match, partial: 2 points × (right pairs − wrong pairs) / 2 right pairs, never below 0', () => {
    expect(scoreItem(item('sens'), ['k5 travaux', 'k3 chaussee'])).toBe(2);
    expect(scoreItem(item('sens'), ['k5 travaux'])).toBe(1); // 2 × (1 − 0) / 2
    expect(scoreItem(item('sens'), ['k5 travaux', 'k3 feux'])).toBe(0); // 2 × (1 − 1) / 2
    expect(scoreItem(item('sens'), ['k5 chaussee', 'k3 travaux'])).toBe(0); // max(0, (0 − 2) / 2)
    expect(scoreItem(item('sens'), ['k5 travaux', 'k3 chaussee', 'k3 feux'])).toBe(1); // 2 × (2 − 1) / 2
    expect(scoreItem(item('sens'), ['k5 inconnu'])).toBe(0);
  });

  it('match, all-or-nothing: only the exact set of pairs', () => {
    const strict: Item = { ...item('sens'), scoring: 'all_or_nothing' };
    expect(scoreItem(strict, ['k3 chaussee', 'k5 travaux'])).toBe(2);
    expect(scoreItem(strict, ['k5 travaux'])).toBe(0);
  });

  it('gap match, partial: 1 point × (right − wrong) / 2', () => {
    expect(scoreItem(item('trous'), ['amont g1', 'circulation g2'])).toBe(1);
    expect(scoreItem(item('trous'), ['amont g1'])).toBe(0.5);
    expect(scoreItem(item('trous'), ['aval g1', 'circulation g2'])).toBe(0);
  });

  it('inline choice, all-or-nothing (the default): every place right', () => {
    expect(scoreItem(item('listes'), ['s1 bras', 's2 usagers'])).toBe(1);
    expect(scoreItem(item('listes'), ['s1 bras', 's2 chantier'])).toBe(0);
    expect(scoreItem(item('listes'), ['s1 bras'])).toBe(0);
  });

  it('numeric entry: comma or point, spaces ignored, within the tolerance (50 ± 0.5)', () => {
    for (const typed of ['50', ' 50,4 ', '49,5', '5 0', '+50.0'])
      expect(scoreItem(item('vitesse'), [typed]), typed).toBe(1);
    for (const typed of ['50.6', '49,4', 'cinquante', '50 km/h', '', '5e1'])
      expect(scoreItem(item('vitesse'), [typed]), typed).toBe(0);
  });

  it('text entry: case, accents and extra spaces ignored unless the item says otherwise', () => {
    for (const typed of ['piquet K10', 'Piquet k10', '  PIQUET   k10 ', 'piquèt K10'])
      expect(scoreItem(item('mot'), [typed]), typed).toBe(1);
    for (const typed of ['piquet', 'piquet K 10']) expect(scoreItem(item('mot'), [typed]), typed).toBe(0);
    const strict: Item = {
      ...item('mot'),
      entry: { kind: 'text', accepted: ['Épi'], caseSensitive: true, accentSensitive: true },
    };
    expect(scoreItem(strict, ['Épi'])).toBe(1);
    expect(scoreItem(strict, ['épi'])).toBe(0);
    expect(scoreItem(strict, ['Epi'])).toBe(0);
    const caseOnly: Item = { ...strict, entry: { kind: 'text', accepted: ['Épi'], caseSensitive: true } };
    expect(scoreItem(caseOnly, ['Epi'])).toBe(1);
    expect(scoreItem(caseOnly, ['épi'])).toBe(0);
  });

  it('an unanswered item scores 0, whatever its type', () => {
    for (const i of def.content.items) expect(scoreItem(i, undefined), i.id).toBe(0);
  });
});
