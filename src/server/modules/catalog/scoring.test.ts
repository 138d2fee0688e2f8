import { describe, expect, it } from 'vitest';
import type { AttemptPaper, Item } from '../../../shared/exam.js';
import { sampleContent } from '../../../../tests/support/factories.js';
import { isPass, percentageOf, scoreItem, scorePaper } from './scoring.js';

const content = sampleContent();
const item = (id: string) => content.items.find((i) => i.id === id)!;
const paper: AttemptPaper = {
  items: content.items.map((i) => ({ id: i.id, choiceOrder: i.choices.map((c) => c.id) })),
};

describe('scoring', () => {
  it('single choice: the right choice earns the points, anything else 0', () => {
    expect(scoreItem(item('q1'), ['a'])).toBe(1);
    expect(scoreItem(item('q1'), ['b'])).toBe(0);
    expect(scoreItem(item('q1'), ['a', 'b'])).toBe(0);
  });

  it('true/false', () => {
    expect(scoreItem(item('q2'), ['true'])).toBe(1);
    expect(scoreItem(item('q2'), ['false'])).toBe(0);
  });

  it('multiple, all-or-nothing: only the exact set scores', () => {
    expect(scoreItem(item('q3'), ['b', 'a'])).toBe(2);
    expect(scoreItem(item('q3'), ['a'])).toBe(0);
    expect(scoreItem(item('q3'), ['a', 'b', 'c'])).toBe(0);
  });

  it('multiple, partial credit: right minus wrong over the number right, never below 0', () => {
    expect(scoreItem(item('q4'), ['a', 'b', 'd'])).toBe(3);
    expect(scoreItem(item('q4'), ['a', 'b'])).toBe(2);
    expect(scoreItem(item('q4'), ['a', 'c'])).toBe(0);
    expect(scoreItem(item('q4'), ['a', 'b', 'c'])).toBe(1);
    expect(scoreItem(item('q4'), ['a', 'b', 'c', 'd'])).toBe(2);
    expect(scoreItem(item('q4'), ['c'])).toBe(0);
  });

  it('unanswered items and unknown choices score 0', () => {
    expect(scoreItem(item('q1'), undefined)).toBe(0);
    expect(scoreItem(item('q1'), [])).toBe(0);
    expect(scoreItem(item('q1'), ['z'])).toBe(0);
  });

  it('an empty paper fails with 0 %', () => {
    const r = scorePaper(content, paper, {}, 80);
    expect(r).toMatchObject({ points: 0, maxPoints: 8, percentage: 0, outcome: 'failed', answered: 0 });
  });

  it('totals the paper and decides the outcome against the passing mark', () => {
    const r = scorePaper(content, paper, { q1: ['a'], q2: ['true'], q3: ['a', 'b'], q4: ['a', 'b'], q5: ['b'] }, 80);
    expect(r.points).toBe(7);
    expect(r.maxPoints).toBe(8);
    expect(r.percentage).toBe(87.5);
    expect(r.outcome).toBe('passed');
    expect(r.answered).toBe(5);
  });

  it('69.99 % fails a 70 % mark; exactly 70 % passes', () => {
    expect(isPass(6999, 10000, 70)).toBe(false);
    expect(percentageOf(6999, 10000)).toBe(69.99);
    expect(isPass(7, 10, 70)).toBe(true);
    // 2/3 = 66.666…% : shown 66.66 (never rounded up), and it does not pass a 66.67 mark.
    expect(percentageOf(2, 3)).toBe(66.66);
    expect(percentageOf(7, 10)).toBe(70);
    expect(isPass(2, 3, 66.67)).toBe(false);
    expect(isPass(2, 3, 66.66)).toBe(true);
  });

  it('never shows a rounded-up figure that would read as reaching the mark', () => {
    // 69.995 % would round half-up to 70.00: it is shown 69.99.
    expect(percentageOf(69.995, 100)).toBe(69.99);
    expect(isPass(69.995, 100, 70)).toBe(false);
  });

  it('refuses a paper naming an item the version does not have', () => {
    const bad: AttemptPaper = { items: [{ id: 'nope', choiceOrder: [] }] };
    expect(() => scorePaper(content, bad, {}, 80)).toThrow();
  });

  it('partial credit keeps fractions exact to 4 decimals', () => {
    const it3: Item = { ...item('q4'), points: 1 };
    expect(scoreItem(it3, ['a'])).toBe(0.3333);
  });
});
