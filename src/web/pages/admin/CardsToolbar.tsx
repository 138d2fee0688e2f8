import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminCardFilter } from '../../../shared/cards';

/** The print queue's filters (« À imprimer », …) and the search by name, user code or card number. */
export function CardsToolbar({
  filters,
  filter,
  onFilter,
  search,
  onSearch,
  onApply,
}: {
  filters: AdminCardFilter[];
  filter: AdminCardFilter;
  onFilter: (f: AdminCardFilter) => void;
  search: string;
  onSearch: (q: string) => void;
  onApply: (e: FormEvent) => void;
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
      <form className="inline-search" role="search" onSubmit={onApply}>
        <label htmlFor="cards-search" className="visually-hidden">
          {t('cards.search')}
        </label>
        <input
          id="cards-search"
          type="search"
          placeholder={t('cards.searchPlaceholder')}
          value={search}
          onChange={(e) => onSearch(e.target.value)}
        />
        <button type="submit" className="button">
          {t('cards.apply')}
        </button>
      </form>
    </div>
  );
}
