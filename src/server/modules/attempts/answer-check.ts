import type { AttemptPaper, ExamContent, Item } from '../../../shared/exam.js';
import { isCleanText, isVisibleName } from '../../../shared/text-input.js';
import { splitPair } from '../catalog/items/cloze.js';
import { MAX_TYPED_LENGTH } from '../catalog/items/text-entry.js';

/**
 * The check of an answer at save, by the shape its item's type takes (exam.ts ItemType): choice ids, every step
 * once, pairs of known ids, or one typed text. A wrong shape is refused (400 naming `choiceIds`) and nothing is
 * saved. An empty list clears the answer, whatever the type. A typed text is one line of visible characters.
 */
export type AnswerProblem =
  | 'answer_item_unknown'
  | 'answer_choice_unknown'
  | 'answer_single_choice'
  | 'answer_too_many_choices'
  | 'answer_order_incomplete'
  | 'answer_pair_invalid'
  | 'answer_pair_repeated'
  | 'answer_text_invalid';

type ResponseShape =
  | { kind: 'choices'; ids: Set<string>; single: boolean; max?: number }
  | { kind: 'order'; ids: Set<string> }
  /** `options`: for an inline choice, the choices each slot offers; `limits`: uses allowed per id (0: any). */
  | {
      kind: 'pairs';
      left: Set<string>;
      right: Set<string>;
      limits: Map<string, number>;
      options?: Map<string, Set<string>>;
    }
  | { kind: 'text' };

/** For each item of the paper, the shape its answer takes. */
export type ChoiceIndex = Map<string, ResponseShape>;

export function choiceIndex(content: ExamContent, paper: AttemptPaper): ChoiceIndex {
  const items = new Map(content.items.map((i) => [i.id, i]));
  return new Map(
    paper.items.flatMap((p) => {
      const item = items.get(p.id);
      return item ? [[p.id, shapeOf(item, p.choiceOrder)] as const] : [];
    }),
  );
}

function shapeOf(item: Item, choiceOrder: readonly string[]): ResponseShape {
  const ids = (list: readonly { id: string }[] | undefined) => new Set((list ?? []).map((c) => c.id));
  const uses = (list: readonly { id: string; matchMax?: number }[] | undefined, fallback = 1) =>
    (list ?? []).map((c) => [c.id, c.matchMax ?? fallback] as const);
  switch (item.type) {
    case 'single':
    case 'true_false':
      return { kind: 'choices', ids: new Set(choiceOrder), single: true };
    case 'multiple':
      return { kind: 'choices', ids: new Set(choiceOrder), single: false, max: item.maxChoices };
    case 'hotspot': {
      const max = item.maxChoices ?? 1;
      return { kind: 'choices', ids: new Set(choiceOrder), single: max === 1, max };
    }
    case 'order':
      return { kind: 'order', ids: new Set(choiceOrder) };
    case 'match':
      return {
        kind: 'pairs',
        left: ids(item.choices),
        right: ids(item.targets),
        limits: new Map([...uses(item.choices), ...uses(item.targets)]),
      };
    case 'gap_match':
      return {
        kind: 'pairs',
        left: ids(item.choices),
        right: ids(item.slots),
        limits: new Map([...uses(item.choices), ...uses(item.slots)]),
      };
    case 'inline_choice': {
      const options = new Map((item.slots ?? []).map((s) => [s.id, ids(s.choices)]));
      return {
        kind: 'pairs',
        left: ids(item.slots),
        right: new Set([...options.values()].flatMap((s) => [...s])),
        limits: new Map(uses(item.slots)),
        options,
      };
    }
    case 'text_entry':
      return { kind: 'text' };
  }
}

/** Checks an answer against the paper; null when it may be saved. An empty list clears the answer. */
export function answerProblem(index: ChoiceIndex, itemId: string, choiceIds: readonly string[]): AnswerProblem | null {
  const shape = index.get(itemId);
  if (!shape) return 'answer_item_unknown';
  if (choiceIds.length === 0) return null;
  switch (shape.kind) {
    case 'choices':
      if (choiceIds.some((c) => !shape.ids.has(c))) return 'answer_choice_unknown';
      if (new Set(choiceIds).size !== choiceIds.length) return 'answer_choice_unknown';
      if (shape.single && choiceIds.length > 1) return 'answer_single_choice';
      if (shape.max !== undefined && choiceIds.length > shape.max) return 'answer_too_many_choices';
      return null;
    case 'order':
      if (choiceIds.some((c) => !shape.ids.has(c))) return 'answer_choice_unknown';
      return new Set(choiceIds).size === choiceIds.length && choiceIds.length === shape.ids.size
        ? null
        : 'answer_order_incomplete';
    case 'pairs':
      return pairsProblem(shape, choiceIds);
    case 'text':
      // Every character visible: a bidirectional override shows « 250 » for the « 052 » that is scored.
      return choiceIds.length === 1 &&
        choiceIds[0]!.trim() !== '' &&
        choiceIds[0]!.length <= MAX_TYPED_LENGTH &&
        isCleanText(choiceIds[0]!, false) &&
        isVisibleName(choiceIds[0]!)
        ? null
        : 'answer_text_invalid';
  }
}

function pairsProblem(
  shape: Extract<ResponseShape, { kind: 'pairs' }>,
  pairs: readonly string[],
): AnswerProblem | null {
  const used = new Map<string, number>();
  for (const pair of pairs) {
    const p = splitPair(pair);
    if (!p || !shape.left.has(p[0]) || !shape.right.has(p[1])) return 'answer_pair_invalid';
    if (shape.options && !shape.options.get(p[0])?.has(p[1])) return 'answer_pair_invalid';
    for (const id of p) used.set(id, (used.get(id) ?? 0) + 1);
  }
  if (new Set(pairs).size !== pairs.length) return 'answer_pair_repeated';
  for (const [id, n] of used) {
    const max = shape.limits.get(id) ?? 0;
    if (max !== 0 && n > max) return 'answer_pair_repeated';
  }
  return null;
}
