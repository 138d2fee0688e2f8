import type { DeliveredItem, ItemImage } from '../../../../shared/exam';

/**
 * What every interaction of the exam page receives: the item, the learner's response written as
 * `Responses` writes it (src/shared/exam.ts: ids, ids in order, "a b" pairs, or the typed text), and how to
 * change it. The response goes to the answer queue as it is.
 */
export interface InteractionProps {
  item: DeliveredItem;
  response: string[];
  disabled: boolean;
  lang: string;
  /** The id of the element that says the question (its stem): the interaction's group is named by it. */
  labelledBy: string;
  onChange: (response: string[]) => void;
}

export const imageSrc = (image: ItemImage) => `data:${image.mime};base64,${image.data}`;

/** "a b" pairs → [a, b] (a response's malformed entry is skipped: the server refuses to save one). */
export function pairsOf(response: string[]): [string, string][] {
  return response.flatMap((p) => {
    const [a, b, ...rest] = p.split(' ');
    return a && b && rest.length === 0 ? [[a, b] as [string, string]] : [];
  });
}

/** How many more times a choice may be used: `matchMax` 0 is unlimited, absent is 1. */
export function usedUp(matchMax: number | undefined, uses: number): boolean {
  const max = matchMax ?? 1;
  return max !== 0 && uses >= max;
}
