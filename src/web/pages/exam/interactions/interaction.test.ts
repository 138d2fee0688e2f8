import { describe, expect, it } from 'vitest';
import { pairsOf, usedUp } from './interaction';

describe('pairsOf', () => {
  it('reads "a b" pairs as QTI writes a directedPair, skipping anything else', () => {
    expect(pairsOf(['t s', 'g j'])).toEqual([
      ['t', 's'],
      ['g', 'j'],
    ]);
    expect(pairsOf(['t', 't s x', '', ' s'])).toEqual([]);
  });
});

describe('usedUp', () => {
  it('matchMax absent is 1, 0 is no limit', () => {
    expect(usedUp(undefined, 0)).toBe(false);
    expect(usedUp(undefined, 1)).toBe(true);
    expect(usedUp(2, 1)).toBe(false);
    expect(usedUp(2, 2)).toBe(true);
    expect(usedUp(0, 99)).toBe(false);
  });
});
