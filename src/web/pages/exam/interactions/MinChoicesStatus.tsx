import { useTranslation } from 'react-i18next';
import type { DeliveredItem } from '../../../../shared/exam';
import { missingChoices } from '../answered';

/**
 * Under the choices of an item with a `minChoices` above one: a polite status that reminds the count while the
 * response holds fewer (the question stays unanswered). Always in the page, so that a screen reader hears it
 * when it fills; its text changes only when the response crosses the minimum, never on every tick.
 */
export function MinChoicesStatus({ item, response }: { item: DeliveredItem; response: string[] }) {
  const { t } = useTranslation('exam');
  const min = item.minChoices ?? 0;
  if (min < 2) return null;
  return (
    <p className="hint" role="status">
      {missingChoices(response, item) > 0 ? t('question.chooseAtLeast', { count: min }) : ''}
    </p>
  );
}
