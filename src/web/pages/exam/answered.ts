import type { DeliveredItem } from '../../../shared/exam';
import type { LocalAnswer } from './useAttempt';

/**
 * Whether a question counts as answered: a response with fewer choices than the item's `minChoices` is saved
 * but scored as no response (docs/scoring.md), so the panel and « Terminer » count it as not answered.
 */
export const isAnswered = (a: LocalAnswer | undefined, item?: Pick<DeliveredItem, 'minChoices'>) =>
  !!a && a.choiceIds.length > 0 && a.choiceIds.length >= (item?.minChoices ?? 1);

/** How many choices the response still lacks to reach the item's `minChoices` (0: none). */
export const missingChoices = (response: string[], item: Pick<DeliveredItem, 'minChoices'>) =>
  Math.max(0, (item.minChoices ?? 0) - response.length);
