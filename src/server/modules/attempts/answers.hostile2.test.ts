import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AttemptPaper } from '../../../shared/exam.js';
import { readExamDefinition } from '../catalog/exams.service.js';
import { fileAssetReader } from '../catalog/files.js';
import { scoreItem } from '../catalog/scoring.js';
import { answerProblem, choiceIndex } from './answer-check.js';

/**
 * The hostile pass of 2026-12-07 on the demo exam « Signaleur routier » (q36–q42, one item of each new
 * interaction type): what the answer check refuses at save, and that no answer it lets through scores more
 * than the correct one.
 */
const demoDir = path.resolve('src/server/modules/catalog/demo');
const exam = readExamDefinition({
  name: 'signaleur-routier.yaml',
  bytes: readFileSync(path.join(demoDir, 'signaleur-routier.yaml')),
  readAsset: fileAssetReader(demoDir),
});
const ids = ['q36', 'q37', 'q38', 'q39', 'q40', 'q41', 'q42'];
const items = exam.content.items.filter((i) => ids.includes(i.id));
const paper: AttemptPaper = {
  items: items.map((i) => ({ id: i.id, choiceOrder: (i.choices ?? []).map((c) => c.id) })),
};
const index = choiceIndex(exam.content, paper);
const item = (id: string) => items.find((i) => i.id === id)!;

describe('hostile answers to the demo’s interaction types', () => {
  it('refuses a typed answer holding a bidirectional override or an invisible character', () => {
    for (const typed of ['\u202e052', '25\u200b0', '250\u2066', '\u200f250', '\u061c250', '2\u00ad50', '\ufeff250'])
      expect(answerProblem(index, 'q41', [typed]), JSON.stringify(typed)).toBe('answer_text_invalid');
    for (const typed of ['250', '1,5', '-0', '1e309', 'NaN', '٢٥٠', '250 m', 'Éclairé'])
      expect(answerProblem(index, 'q41', [typed]), typed).toBeNull();
  });

  it('scores no answer the check lets through above the correct one', () => {
    const hostile: Record<string, string[][]> = {
      q36: [['f'], ['k'], ['w'], ['p']],
      q37: [
        ['r', 'h', 'c', 'n', 'b'],
        ['b', 'n', 'c', 'h', 'r'],
      ],
      q38: [['t s', 'g j', 'v e', 'm d'], ['t s', 'g j', 'v e', 'm a'], ['t s'], ['t a', 'g e']],
      q39: [['u p1', 'l p2'], ['u p1'], ['o p1', 'x p2']],
      q40: [['i1 q'], ['i1 y']],
      q41: [
        ['250'],
        ['250,0'],
        ['+250'],
        ['249.9999999999'],
        ['1e309'],
        ['-0'],
        ['NaN'],
        ['Infinity'],
        ['9'.repeat(200)],
      ],
      q42: [['o'], ['i']],
    };
    for (const [id, answers] of Object.entries(hostile)) {
      const it = item(id);
      for (const a of answers) {
        expect(answerProblem(index, id, a), `${id} ${JSON.stringify(a)}`).toBeNull();
        expect(scoreItem(it, a), `${id} ${JSON.stringify(a)}`).toBeLessThanOrEqual(it.points);
      }
    }
  });
});
