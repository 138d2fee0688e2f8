import { describe, expect, it } from 'vitest';
import { isAnswered, missingChoices } from './answered';

/** A response below the item's `minChoices` is saved but scored as no response (docs/scoring.md). */
describe('a question counts as answered', () => {
  const answer = (choiceIds: string[]) => ({ choiceIds, flagged: false });

  it('with any choice when the item asks for no minimum', () => {
    expect(isAnswered(undefined, {})).toBe(false);
    expect(isAnswered(answer([]), {})).toBe(false);
    expect(isAnswered(answer(['a']), {})).toBe(true);
  });

  it('only from minChoices choices: below, the panel and « Terminer » count it as not answered', () => {
    const item = { minChoices: 2 };
    expect(isAnswered(answer(['a']), item)).toBe(false);
    expect(missingChoices(['a'], item)).toBe(1);
    expect(isAnswered(answer(['a', 'b']), item)).toBe(true);
    expect(missingChoices(['a', 'b'], item)).toBe(0);
  });
});
