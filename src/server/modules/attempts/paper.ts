import { randomInt } from 'node:crypto';
import type { AttemptPaper, Choice, DeliveredItem, ExamContent, Item } from '../../../shared/exam.js';
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
    return {
      items: drawSections(content.sections, rand).map((id) => paperItem(byId.get(id)!, settings.shuffleChoices, rand)),
    };
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
  return { items: items.map((item) => paperItem(item, settings.shuffleChoices, rand)) };
}

/**
 * One item's orders. Choices are shuffled when the exam says so, unless the item says `shuffle: false`, around
 * the fixed ones; « Vrai » / « Faux » and a hotspot's areas never are (shuffling them only confuses). An order
 * item is always shuffled, and never delivered in its correct order (the learner would have nothing to do). A
 * match's targets and an inline choice's options follow the choices' rule; an inline choice keeps its options
 * in `choiceOrder`, slot after slot (their ids are distinct within the item).
 */
function paperItem(item: Item, shuffleChoices: boolean, rand: RandomInt): AttemptPaper['items'][number] {
  const shuffles = shuffleChoices && item.shuffle !== false;
  const order = (list: readonly Choice[]) => (shuffles ? shuffledAroundFixed(list, rand) : list.map((c) => c.id));
  switch (item.type) {
    case 'order':
      return { id: item.id, choiceOrder: outOfOrder(item, rand) };
    case 'true_false':
    case 'hotspot':
      return { id: item.id, choiceOrder: item.choices.map((c) => c.id) };
    case 'match':
      return { id: item.id, choiceOrder: order(item.choices), targetOrder: order(item.targets ?? []) };
    case 'inline_choice':
      return { id: item.id, choiceOrder: (item.slots ?? []).flatMap((s) => order(s.choices ?? [])) };
    case 'single':
    case 'multiple':
    case 'gap_match':
    case 'text_entry':
      return { id: item.id, choiceOrder: order(item.choices) };
  }
}

/**
 * Every item of the version in its own order, each with its choices in their own order (an order item still
 * shuffled: its own order is its key): the administrator's preview and the demo's past attempts.
 */
export function paperInOwnOrder(content: ExamContent, rand: RandomInt = cryptoRandom): AttemptPaper {
  return { items: content.items.map((item) => paperItem(item, false, rand)) };
}

/** The ids a paper's `choiceOrder` holds for the item, sorted (an inline choice's options, slot after slot). */
export function paperChoiceIds(item: Item): string[] {
  return paperItem(item, false, cryptoRandom).choiceOrder.sort();
}

/** An order item's steps shuffled, never in the correct order when there are two or more. */
function outOfOrder(item: Item, rand: RandomInt): string[] {
  const ids = item.choices.map((c) => c.id);
  const correct = item.correct.join(' ');
  for (let tries = 0; tries < 8; tries++) {
    const out = shuffled(ids, rand);
    if (ids.length < 2 || out.join(' ') !== correct) return out;
  }
  // A random source that keeps giving the correct order (a test's, or bad luck): the correct order turned by one.
  return [...item.correct.slice(1), item.correct[0]!];
}

/** The choices shuffled, except the fixed ones, which keep their place (QTI's `fixed`). */
function shuffledAroundFixed(list: readonly Choice[], rand: RandomInt): string[] {
  const moving = shuffled(
    list.filter((c) => !c.fixed),
    rand,
  );
  return list.map((c) => (c.fixed ? c.id : moving.shift()!.id));
}

/** The items as the learner sees them: paper order, choices in the paper's order, and no key. */
export function deliverItems(content: ExamContent, paper: AttemptPaper): DeliveredItem[] {
  const byId = new Map(content.items.map((i) => [i.id, i]));
  return paper.items.map(({ id, choiceOrder, targetOrder }) => {
    const item = byId.get(id);
    if (!item) throw new Error(`item ${id} of the paper is not in the exam version`);
    return deliverItem(item, choiceOrder, targetOrder);
  });
}

/**
 * What a learner may see of a choice: its text, its picture, its area (hotspot) and how often it may be used
 * (match). Built field by field, so nothing else ever leaves (fixed is how the paper shuffles, not the learner's).
 */
function seen(c: Choice): Choice {
  const out: Choice = { id: c.id, text: c.text };
  if (c.image) out.image = c.image;
  if (c.area) out.area = c.area;
  if (c.matchMax !== undefined) out.matchMax = c.matchMax;
  return out;
}

function inOrder(list: readonly Choice[], order: readonly string[]): Choice[] {
  const byId = new Map(list.map((c) => [c.id, c]));
  return order.flatMap((cid) => {
    const c = byId.get(cid);
    return c ? [seen(c)] : [];
  });
}

/** One item as delivered: never `correct`, `scoring`, `rules`, nor a text entry's accepted answers. */
function deliverItem(item: Item, choiceOrder: readonly string[], targetOrder?: readonly string[]): DeliveredItem {
  const delivered: DeliveredItem = {
    id: item.id,
    type: item.type,
    stem: item.stem,
    choices: inOrder(item.choices, choiceOrder),
    // The points the item is worth in this exam: its own, times its weight.
    points: itemWorth(item),
  };
  if (item.image) delivered.image = item.image;
  if (item.body) delivered.body = item.body;
  if (item.minChoices !== undefined) delivered.minChoices = item.minChoices;
  if (item.maxChoices !== undefined) delivered.maxChoices = item.maxChoices;
  if (item.targets) delivered.targets = inOrder(item.targets, targetOrder ?? item.targets.map((t) => t.id));
  if (item.cloze) delivered.cloze = item.cloze;
  if (item.slots)
    delivered.slots = item.slots.map((s) =>
      s.choices ? { id: s.id, choices: inOrder(s.choices, choiceOrder) } : { id: s.id },
    );
  if (item.entry)
    delivered.entry =
      item.entry.expectedLength === undefined
        ? { kind: item.entry.kind }
        : { kind: item.entry.kind, expectedLength: item.entry.expectedLength };
  return delivered;
}
