import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AdminCard } from '../../../shared/cards';
import { get } from '../../api/client';
import { CatalogSections } from './CatalogSections';

/** `/administration`: the sections administrators work in. */
export function AdminHomePage() {
  const { t } = useTranslation('admin');
  const [toPrint, setToPrint] = useState<number | null>(null);
  useEffect(() => {
    get<{ cards: AdminCard[] }>('/api/admin/cards?filter=to_print')
      .then((r) => setToPrint(r.cards.length))
      .catch(() => setToPrint(null));
  }, []);
  return (
    <div>
      <h1>{t('title')}</h1>
      <ul className="admin-sections">
        <li className="card">
          <h2>
            <Link to="/administration/cartes">{t('sections.cards')}</Link>
          </h2>
          <p>{t('sections.cardsText')}</p>
          {toPrint !== null && (
            <p>
              <span className={`badge ${toPrint > 0 ? 'badge-warn' : 'badge-ok'}`}>
                {t('sections.toPrint', { count: toPrint })}
              </span>
            </p>
          )}
        </li>
        <CatalogSections />
      </ul>
    </div>
  );
}
