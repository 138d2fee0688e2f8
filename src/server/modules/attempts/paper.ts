import { randomInt } from 'node:crypto';
import type { AttemptPaper, DeliveredItem, ExamContent, Item } from '../../../shared/exam.js';
import { itemWorth } from '../catalog/scoring.js';
import { drawSections } from '../catalog/sections.js';

/**
 * The paper of one attempt: which items, in which order, each with its choice order. Fixed once at
 * « Commencer » and stored in attempts.items, so a reload, a second instance or the scoring all see
 * the same paper. Pure, apart from the random source (crypto by default, injectable for tests).
 */
export interface DrawSettings {
  drawCount: number | null;
  shuffleItems: boolean;
  shuffleChoices: boolean;
}

export type RandomInt = (maxExclusive: number) => number;

const cryptoRandom: RandomInt = (max) => randomInt(max);

/** Fisher–Yates on a copy. */
export function shuffled<T>(list: readonly T[], rand: RandomInt = cryptoRandom): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rand(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function drawPaper(content: ExamContent, settings: DrawSettings, rand: RandomInt = cryptoRandom): AttemptPaper {
  const all = content.items;
  if (content.sections) {
    // Drawn and ordered section by section; the exam's own draw and order are unset (checkSections).
    const byId = new Map(all.map((i) => [i.id, i]));
    return { items: drawSections(content.sections, rand).map((id) => paperItem(byId.get(id)!, settings, rand)) };
  }
  const count = settings.drawCount === null ? all.length : Math.max(0, Math.min(settings.drawCount, all.length));
  let items: Item[];
  if (count < all.length) {
    // Draw `count` items at random; without shuffling they keep the exam's order.
    const picked = new Set(
      shuffled(all, rand)
        .slice(0, count)
        .map((i) => i.id),
    );
    items = all.filter((i) => picked.has(i.id));
  } else {
    items = [...all];
  }
  if (settings.shuffleItems) items = shuffled(items, rand);
  return { items: items.map((item) => paperItem(item, settings, rand)) };
}

function paperItem(item: Item, settings: DrawSettings, rand: RandomInt): AttemptPaper['items'][number] {
  return {
    id: item.id,
    // « Vrai » / « Faux » keep their natural order: shuffling them only confuses. An item that says
    // shuffle: false (QTI's per-interaction shuffle) keeps its order too.
    choiceOrder:
      settings.shuffleChoices && item.type !== 'true_false' && item.shuffle !== false
        ? shuffledAroundFixed(item, rand)
        : item.choices.map((c) => c.id),
  };
}

/** The choices shuffled, except the fixed ones, which keep their place (QTI's `fixed`). */
function shuffledAroundFixed(item: Item, rand: RandomInt): string[] {
  const moving = shuffled(
    item.choices.filter((c) => !c.fixed),
    rand,
  );
  return item.choices.map((c) => (c.fixed ? c.id : moving.shift()!.id));
}

/** The items as the learner sees them: paper order, choices in the paper's order, and no key. */
export function deliverItems(content: ExamContent, paper: AttemptPaper): DeliveredItem[] {
  const byId = new Map(content.items.map((i) => [i.id, i]));
  return paper.items.map(({ id, choiceOrder }) => {
    const item = byId.get(id);
    if (!item) throw new Error(`item ${id} of the paper is not in the exam version`);
    const choices = new Map(item.choices.map((c) => [c.id, c]));
    const delivered: DeliveredItem = {
      id: item.id,
      type: item.type,
      stem: item.stem,
      choices: choiceOrder.map((cid) => {
        const c = choices.get(cid)!;
        return { id: c.id, text: c.text };
      }),
      // The points the item is worth in this exam: its own, times its weight.
      points: itemWorth(item),
    };
    if (item.image) delivered.image = item.image;
    if (item.body) delivered.body = item.body;
    if (item.minChoices !== undefined) delivered.minChoices = item.minChoices;
    if (item.maxChoices !== undefined) delivered.maxChoices = item.maxChoices;
    return delivered;
  });
}

export type AnswerProblem =
  'answer_item_unknown' | 'answer_choice_unknown' | 'answer_single_choice' | 'answer_too_many_choices';

/** For each item of the paper: its valid choice ids, whether it takes one choice only, and how many at most. */
export type ChoiceIndex = Map<string, { ids: Set<string>; single: boolean; max?: number }>;

export function choiceIndex(content: ExamContent, paper: AttemptPaper): ChoiceIndex {
  const items = new Map(content.items.map((i) => [i.id, i]));
  return new Map(
    paper.items.map((i) => {
      const item = items.get(i.id);
      return [i.id, { ids: new Set(i.choiceOrder), single: item?.type !== 'multiple', max: item?.maxChoices }];
    }),
  );
}

/** Checks an answer against the paper; null when it may be saved. An empty list clears the answer. */
export function answerProblem(index: ChoiceIndex, itemId: string, choiceIds: readonly string[]): AnswerProblem | null {
  const entry = index.get(itemId);
  if (!entry) return 'answer_item_unknown';
  if (choiceIds.some((c) => !entry.ids.has(c))) return 'answer_choice_unknown';
  if (new Set(choiceIds).size !== choiceIds.length) return 'answer_choice_unknown';
  if (entry.single && choiceIds.length > 1) return 'answer_single_choice';
  if (entry.max !== undefined && choiceIds.length > entry.max) return 'answer_too_many_choices';
  return null;
}
