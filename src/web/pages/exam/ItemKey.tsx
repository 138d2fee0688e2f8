import { useTranslation } from 'react-i18next';
import type { PreviewItem } from '../../../shared/api/exams-admin';
import { localized } from '../../i18n/localized';

/**
 * An item's key, under the question in an administrator's preview. The one place that says a key by item type:
 * a new type adds its case here.
 */
export function ItemKey({ item }: { item: PreviewItem }) {
  const { t, i18n } = useTranslation('exam');
  let said: string;
  switch (item.type) {
    case 'single':
    case 'multiple':
    case 'true_false': {
      const right = item.choices
        .filter((c) => item.correct.includes(c.id))
        .map((c) => localized(c.text, i18n.language));
      said = t('key.correct', { count: right.length, list: right.join(' ; ') });
      break;
    }
  }
  return (
    <p className="item-key" data-testid="item-key">
      <span className="item-key-label">{t('key.label')}</span> {said}
    </p>
  );
}
