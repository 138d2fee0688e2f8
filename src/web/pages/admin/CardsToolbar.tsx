import { useTranslation } from 'react-i18next';
import type { AdminCardFilter } from '../../../shared/cards';
import { SearchForm } from './list/SearchForm';

/** The print queue's filters (« À imprimer », …) and the search by name, user code or card number. */
export function CardsToolbar({
  filters,
  filter,
  onFilter,
  q,
  onApply,
}: {
  filters: AdminCardFilter[];
  filter: AdminCardFilter;
  onFilter: (f: AdminCardFilter) => void;
  q: string;
  onApply: (q: string) => void;
}) {
  const { t } = useTranslation('admin');
  return (
    <div className="toolbar">
      <div className="segmented" role="group" aria-label={t('cards.filters.label')}>
        {filters.map((f) => (
          <button key={f} type="button" aria-pressed={filter === f} onClick={() => onFilter(f)}>
            {t(`cards.filters.${f}`)}
          </button>
        ))}
      </div>
      <SearchForm
        id="cards-search"
        q={q}
        onApply={onApply}
        label={t('cards.search')}
        placeholder={t('cards.searchPlaceholder')}
      />
    </div>
  );
}
