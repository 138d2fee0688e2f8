import { describe, expect, it } from 'vitest';
import type { ExamContent } from '../../../shared/exam.js';
import { sampleContent } from '../../../../tests/support/factories.js';
import { answerProblem, choiceIndex } from './answer-check.js';
import { deliverItems, drawPaper, shuffled } from './paper.js';

describe('the paper of an attempt', () => {
  const content = sampleContent();

  it('takes every item in the exam’s order when nothing is drawn or shuffled', () => {
    const paper = drawPaper(content, { drawCount: null, shuffleItems: false, shuffleChoices: false });
    expect(paper.items.map((i) => i.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
    expect(paper.items[0]!.choiceOrder).toEqual(['a', 'b', 'c']);
  });

  it('draws the requested number of distinct items, kept in the exam’s order unless shuffled', () => {
    for (let n = 0; n < 50; n++) {
      const paper = drawPaper(content, { drawCount: 3, shuffleItems: false, shuffleChoices: false });
      const ids = paper.items.map((i) => i.id);
      expect(ids).toHaveLength(3);
      expect(new Set(ids).size).toBe(3);
      expect([...ids].sort()).toEqual(ids);
    }
  });

  it('shuffles items and choices, but never « Vrai » / « Faux »', () => {
    const orders = new Set<string>();
    const choiceOrders = new Set<string>();
    for (let n = 0; n < 200; n++) {
      const paper = drawPaper(content, { drawCount: null, shuffleItems: true, shuffleChoices: true });
      orders.add(paper.items.map((i) => i.id).join());
      choiceOrders.add(paper.items.find((i) => i.id === 'q4')!.choiceOrder.join());
      expect(paper.items.find((i) => i.id === 'q2')!.choiceOrder).toEqual(['true', 'false']);
      expect([...paper.items.find((i) => i.id === 'q4')!.choiceOrder].sort()).toEqual(['a', 'b', 'c', 'd']);
    }
    expect(orders.size).toBeGreaterThan(20);
    expect(choiceOrders.size).toBeGreaterThan(10);
  });

  it('a draw count larger than the bank takes the whole bank', () => {
    expect(drawPaper(content, { drawCount: 99, shuffleItems: false, shuffleChoices: false }).items).toHaveLength(5);
  });

  it('delivers items in the paper’s order with the paper’s choice order, without any key', () => {
    const paper = {
      items: [
        { id: 'q4', choiceOrder: ['d', 'b', 'a', 'c'] },
        { id: 'q1', choiceOrder: ['c', 'a', 'b'] },
      ],
    };
    const items = deliverItems(content, paper);
    expect(items.map((i) => i.id)).toEqual(['q4', 'q1']);
    expect(items[0]!.choices.map((c) => c.id)).toEqual(['d', 'b', 'a', 'c']);
    expect(JSON.stringify(items)).not.toContain('correct');
    expect(JSON.stringify(items)).not.toContain('scoring');
  });

  it('Fisher–Yates keeps every element', () => {
    expect([...shuffled([1, 2, 3, 4, 5])].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('checks an answer against the paper', () => {
    const paper = {
      items: [
        { id: 'q1', choiceOrder: ['a', 'b', 'c'] },
        { id: 'q3', choiceOrder: ['a', 'b', 'c'] },
      ],
    };
    const index = choiceIndex(content, paper);
    expect(answerProblem(index, 'q1', ['a'])).toBeNull();
    expect(answerProblem(index, 'q1', [])).toBeNull();
    expect(answerProblem(index, 'q3', ['a', 'b'])).toBeNull();
    expect(answerProblem(index, 'q2', ['true'])).toBe('answer_item_unknown');
    expect(answerProblem(index, 'q1', ['z'])).toBe('answer_choice_unknown');
    expect(answerProblem(index, 'q3', ['a', 'a'])).toBe('answer_choice_unknown');
    expect(answerProblem(index, 'q1', ['a', 'b'])).toBe('answer_single_choice');
  });

  it('an order item is always shuffled and never delivered in its correct order, even by a random source that never moves anything', () => {
    const order: ExamContent = {
      items: [
        {
          id: 'o',
          type: 'order',
          stem: { fr: 'Ordre' },
          choices: ['e1', 'e2', 'e3'].map((id) => ({ id, text: { fr: id } })),
          correct: ['e1', 'e2', 'e3'],
          points: 1,
        },
      ],
    };
    const seen = new Set<string>();
    for (let n = 0; n < 100; n++) {
      const o = drawPaper(order, { drawCount: null, shuffleItems: false, shuffleChoices: false }).items[0]!;
      expect(o.choiceOrder.join()).not.toBe('e1,e2,e3');
      expect([...o.choiceOrder].sort()).toEqual(['e1', 'e2', 'e3']);
      seen.add(o.choiceOrder.join());
    }
    expect(seen.size).toBe(5);
    // Fisher–Yates with j = i at every step leaves the list as it is.
    const still = drawPaper(order, { drawCount: null, shuffleItems: false, shuffleChoices: false }, (max) => max - 1);
    expect(still.items[0]!.choiceOrder).toEqual(['e2', 'e3', 'e1']);
  });

  it('an item with shuffle: false keeps its choices in order when the exam shuffles them', () => {
    const kept: ExamContent = { items: content.items.map((i) => (i.id === 'q4' ? { ...i, shuffle: false } : i)) };
    for (let n = 0; n < 30; n++) {
      const paper = drawPaper(kept, { drawCount: null, shuffleItems: false, shuffleChoices: true });
      expect(paper.items.find((i) => i.id === 'q4')!.choiceOrder).toEqual(['a', 'b', 'c', 'd']);
    }
  });
});
