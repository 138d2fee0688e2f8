import type { AttemptPaper, ExamContent, Item, Responses } from '../../../shared/exam.js';
import { evaluateRules } from './response-rules.js';

/**
 * The one scoring engine. Pure: the same paper and responses always give the same result.
 *
 * Rules (also in docs/scoring.md):
 * - single choice and true/false: full points when exactly the correct choice is chosen, else 0;
 * - multiple response, all-or-nothing: full points when the chosen set equals the correct set, else 0;
 * - multiple response, partial credit: points × max(0, (right chosen − wrong chosen) / number of right),
 *   so guessing everything earns nothing;
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
  const valid = new Set(item.choices.map((c) => c.id));
  if (chosen?.some((c) => !valid.has(c))) return 0;
  // An item with its own rules (QTI response processing) is scored by them alone, even unanswered (a rule may
  // say so), kept within 0 and its points.
  if (item.rules) return round4(Math.min(item.points, Math.max(0, evaluateRules(item, chosen ?? []))));
  if (!chosen || chosen.length === 0) return 0;
  const picked = new Set(chosen);
  const correct = new Set(item.correct);
  switch (item.type) {
    case 'single':
    case 'true_false':
      return picked.size === 1 && correct.has(chosen[0]!) ? item.points : 0;
    case 'multiple': {
      const right = [...picked].filter((c) => correct.has(c)).length;
      const wrong = picked.size - right;
      if ((item.scoring ?? 'all_or_nothing') === 'all_or_nothing') {
        return right === correct.size && wrong === 0 ? item.points : 0;
      }
      return round4(item.points * Math.max(0, (right - wrong) / correct.size));
    }
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
