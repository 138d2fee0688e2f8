import { useTranslation } from 'react-i18next';
import type { PreviewItem } from '../../../shared/api/exams-admin';
import { localized } from '../../i18n/localized';

type Named = { id: string; text: { fr: string; en?: string } };

/**
 * An item's key, under the question in an administrator's preview. The one place that says a key by item type:
 * a new type adds its case here. Pairs are written « a → b » with each side's own text.
 */
export function ItemKey({ item }: { item: PreviewItem }) {
  const { t, i18n } = useTranslation('exam');
  const name = (list: readonly Named[] | undefined, id: string) => {
    const found = list?.find((c) => c.id === id);
    return found ? localized(found.text, i18n.language) : id;
  };
  const pairs = (first: (id: string) => string, second: (id: string) => string) =>
    item.correct
      .map((pair) => {
        const [a = '', b = ''] = pair.split(' ');
        return `${first(a)} → ${second(b)}`;
      })
      .join(' ; ');
  const slotName = (id: string) => {
    const n = (item.slots ?? []).findIndex((s) => s.id === id);
    return n < 0 ? id : t('key.place', { n: n + 1 });
  };
  const optionName = (id: string) =>
    name(
      (item.slots ?? []).flatMap((s) => s.choices ?? []),
      id,
    );
  let said: string;
  switch (item.type) {
    case 'single':
    case 'multiple':
    case 'true_false':
    case 'hotspot': {
      const right = item.choices
        .filter((c) => item.correct.includes(c.id))
        .map((c) => localized(c.text, i18n.language));
      said = t('key.correct', { count: right.length, list: right.join(' ; ') });
      break;
    }
    case 'order':
      said = t('key.order', { list: item.correct.map((id) => name(item.choices, id)).join(' → ') });
      break;
    case 'match':
      said = t('key.pairs', {
        list: pairs(
          (id) => name(item.choices, id),
          (id) => name(item.targets, id),
        ),
      });
      break;
    case 'gap_match':
      said = t('key.pairs', { list: pairs((id) => name(item.choices, id), slotName) });
      break;
    case 'inline_choice':
      said = t('key.pairs', { list: pairs(slotName, optionName) });
      break;
    case 'text_entry':
      said = t('key.accepted', { list: (item.accepted ?? []).join(' ; ') });
      break;
  }
  return (
    <p className="item-key" data-testid="item-key">
      <span className="item-key-label">{t('key.label')}</span> {said}
    </p>
  );
}
