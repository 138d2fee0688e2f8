import type { AttemptPaper, ExamContent, Item, Responses } from '../../../shared/exam.js';
import { splitPair } from './items/cloze.js';
import { entryAccepts } from './items/text-entry.js';
import { evaluateRules } from './response-rules.js';

/**
 * The one scoring engine. Pure: the same paper and responses always give the same result.
 *
 * Rules (also in docs/scoring.md):
 * - single choice and true/false: full points when exactly the correct choice is chosen, else 0;
 * - multiple response, all-or-nothing: full points when the chosen set equals the correct set, else 0;
 * - multiple response, partial credit: points × max(0, (right chosen − wrong chosen) / number of right),
 *   so guessing everything earns nothing;
 * - hotspot: full points when the chosen areas are exactly the correct ones;
 * - order: full points when every step is in the correct order, else 0 (no partial credit: one step out of
 *   place changes the procedure);
 * - match, gap match, inline choice: the response is a set of pairs, scored as a multiple response is —
 *   all-or-nothing (exactly the right pairs) or partial (points × max(0, (right pairs − wrong pairs) / number
 *   of right pairs));
 * - text entry: full points when the typed answer is accepted by the item's rules (items/text-entry.ts:
 *   a number within the tolerance, a text equal ignoring spaces, and case and accents unless said);
 * - an unanswered item, or an answer naming a choice the item does not have, scores 0;
 * - an item imported with its own rules (`item.rules`, from QTI response processing) scores what they set
 *   SCORE to, kept within 0 and the item's points (response-rules.ts);
 * - an item with a weight (QTI itemRef `weight`) counts weight times: its score and its points are multiplied;
 * - a multiple-response answer with fewer choices than the item's min_choices is not a response (QTI: invalid):
 *   it is scored as not answered (saving it mid-exam is allowed: the learner may be on the way to more);
 * - item points are kept to 4 decimals; the percentage shown is truncated to 2 decimals, so it never
 *   reads higher than the truth (2/3 → 66.66 %, 69.995 % → 69.99 %);
 * - the outcome compares exact values: passed when points × 100 ≥ passing mark × max points,
 *   so 69.99 % never passes a 70 % mark.
 */
export interface ItemScore {
  id: string;
  points: number;
  maxPoints: number;
  answered: boolean;
}

export interface ScoreResult {
  items: ItemScore[];
  points: number;
  maxPoints: number;
  percentage: number;
  outcome: 'passed' | 'failed';
  answered: number;
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

export function scoreItem(item: Item, chosen: readonly string[] | undefined): number {
  // An item with its own rules (QTI response processing) is scored by them alone, even unanswered (a rule may
  // say so), kept within 0 and its points.
  if (item.rules) {
    if (!wellFormed(item, chosen ?? [])) return 0;
    return round4(Math.min(item.points, Math.max(0, evaluateRules(item, chosen ?? []))));
  }
  if (!chosen || chosen.length === 0 || !wellFormed(item, chosen)) return 0;
  const correct = new Set(item.correct);
  switch (item.type) {
    case 'single':
    case 'true_false':
      return chosen.length === 1 && correct.has(chosen[0]!) ? item.points : 0;
    case 'hotspot':
      return sameSet(chosen, correct) ? item.points : 0;
    case 'multiple':
    case 'match':
    case 'gap_match':
    case 'inline_choice': {
      if ((item.scoring ?? 'all_or_nothing') === 'all_or_nothing') return sameSet(chosen, correct) ? item.points : 0;
      const picked = new Set(chosen);
      const right = [...picked].filter((c) => correct.has(c)).length;
      const wrong = picked.size - right;
      return round4(item.points * Math.max(0, (right - wrong) / correct.size));
    }
    case 'order':
      return chosen.length === item.correct.length && chosen.every((c, i) => c === item.correct[i]) ? item.points : 0;
    case 'text_entry':
      return chosen.length === 1 && item.entry && entryAccepts(item.entry, chosen[0]!) ? item.points : 0;
  }
}

/** The points an item is worth in its exam: its points times its weight. */
export function itemWorth(item: Item): number {
  return round4(item.points * (item.weight ?? 1));
}

/** The response as scored: one below the item's min_choices counts as none (docs/scoring.md). */
function scoredResponse(item: Item, given: readonly string[] | undefined): readonly string[] | undefined {
  return given && given.length > 0 && item.minChoices !== undefined && given.length < item.minChoices
    ? undefined
    : given;
}

function sameSet(chosen: readonly string[], correct: Set<string>): boolean {
  const picked = new Set(chosen);
  return picked.size === correct.size && [...picked].every((c) => correct.has(c));
}

/**
 * A response names only what the item has (its choices; for pairs, ids of the two sides): anything else scores 0
 * (the answer check at save refuses it; this holds for responses saved before an item changed shape).
 */
function wellFormed(item: Item, chosen: readonly string[]): boolean {
  switch (item.type) {
    case 'text_entry':
      return chosen.length <= 1;
    case 'match':
    case 'gap_match':
    case 'inline_choice': {
      const [left, right] = pairSides(item);
      return chosen.every((c) => {
        const p = splitPair(c);
        return !!p && left.has(p[0]) && right.has(p[1]);
      });
    }
    case 'single':
    case 'multiple':
    case 'true_false':
    case 'hotspot':
    case 'order': {
      const valid = new Set(item.choices.map((c) => c.id));
      return chosen.every((c) => valid.has(c));
    }
  }
}

/** The ids a pair's first and second parts may name, by type (exam.ts ItemType). */
function pairSides(item: Item): [Set<string>, Set<string>] {
  const ids = (list: readonly { id: string }[] | undefined) => new Set((list ?? []).map((c) => c.id));
  if (item.type === 'match') return [ids(item.choices), ids(item.targets)];
  if (item.type === 'gap_match') return [ids(item.choices), ids(item.slots)];
  return [ids(item.slots), new Set((item.slots ?? []).flatMap((s) => (s.choices ?? []).map((c) => c.id)))];
}

export function percentageOf(points: number, maxPoints: number): number {
  if (maxPoints <= 0) return 0;
  // The small epsilon absorbs binary noise (0.7 * 100 = 70.00000000000001) before truncating.
  return Math.floor(((points * 100) / maxPoints) * 100 + 1e-9) / 100;
}

export function isPass(points: number, maxPoints: number, passingMark: number): boolean {
  if (maxPoints <= 0) return false;
  // Compare in integers of 1/10000 point to avoid floating-point noise.
  return Math.round(points * 10_000) * 100 >= Math.round(passingMark * 10_000) * maxPoints;
}

/** Scores the items of a paper (the items drawn for an attempt) from the saved responses. */
export function scorePaper(
  content: ExamContent,
  paper: AttemptPaper,
  responses: Responses,
  passingMark: number,
): ScoreResult {
  const byId = new Map(content.items.map((i) => [i.id, i]));
  const items: ItemScore[] = paper.items.map(({ id }) => {
    const item = byId.get(id);
    if (!item) throw new Error(`item ${id} of the paper is not in the exam version`);
    const chosen = scoredResponse(item, responses[id]);
    const weight = item.weight ?? 1;
    return {
      id,
      points: round4(scoreItem(item, chosen) * weight),
      maxPoints: itemWorth(item),
      answered: !!chosen && chosen.length > 0,
    };
  });
  const points = round4(items.reduce((s, i) => s + i.points, 0));
  const maxPoints = round4(items.reduce((s, i) => s + i.maxPoints, 0));
  return {
    items,
    points,
    maxPoints,
    percentage: percentageOf(points, maxPoints),
    outcome: isPass(points, maxPoints, passingMark) ? 'passed' : 'failed',
    answered: items.filter((i) => i.answered).length,
  };
}
