import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AdminCardsReply } from '../../../shared/api/cards';
import { get } from '../../api/client';
import { useSession, type Capability } from '../../session';
import { CatalogSections } from './CatalogSections';

interface Tile {
  to: string;
  capability: Capability;
  /** i18n key `ns:key` of the title; the text is `<key>Text`. */
  title: string;
}
const tile = (to: string, capability: Capability, title: string): Tile => ({ to, capability, title });

/** One entry per area, each on its own line: an area adds its tile here. */
const tiles: Tile[] = [
  tile('/administration/points-de-service', 'service_point.manage', 'adminOrg:tiles.servicePoints'),
  tile('/administration/postes-de-travail', 'service_point.manage', 'adminOrg:tiles.workstations'),
  tile('/administration/operateurs', 'service_point.manage', 'adminOrg:tiles.operators'),
  tile('/administration/comptes', 'admin.manage', 'adminOrg:tiles.accounts'),
  tile('/administration/examens', 'admin.manage', 'adminExams:home.exams'),
];

/** `/administration`: the sections administrators (and service point managers) work in. */
export function AdminHomePage() {
  const { t } = useTranslation('admin');
  const session = useSession();
  const [toPrint, setToPrint] = useState<number | null>(null);
  const isAdmin = session.can('admin.manage');
  useEffect(() => {
    if (!isAdmin) return;
    get<AdminCardsReply>('/api/admin/cards?filter=to_print')
      .then((r) => setToPrint(r.cards.length))
      .catch(() => setToPrint(null));
  }, [isAdmin]);
  return (
    <div>
      <h1>{t('title')}</h1>
      <ul className="admin-sections">
        {tiles
          .filter((tile) => session.can(tile.capability))
          .map((tile) => (
            <li className="card" key={tile.to}>
              <h2>
                <Link to={tile.to}>{t(tile.title)}</Link>
              </h2>
              <p>{t(`${tile.title}Text`)}</p>
            </li>
          ))}
        {isAdmin && (
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
        )}
        <CatalogSections isAdmin={isAdmin} />
      </ul>
    </div>
  );
}
