import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/**
 * The catalog's entries on « Administration » (issue 16): « Formations », « Inscriptions », « Journal d'audit »;
 * a service point manager sees « Inscriptions » only (their points').
 */
export function CatalogSections({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation('adminCatalog');
  const sections = [
    { to: '/administration/formations', title: t('home.trainings'), text: t('home.trainingsText'), admin: true },
    { to: '/administration/inscriptions', title: t('home.enrolments'), text: t('home.enrolmentsText'), admin: false },
    { to: '/administration/journal', title: t('home.audit'), text: t('home.auditText'), admin: true },
  ].filter((s) => isAdmin || !s.admin);
  return (
    <>
      {sections.map((s) => (
        <li key={s.to} className="card">
          <h2>
            <Link to={s.to}>{s.title}</Link>
          </h2>
          <p>{s.text}</p>
        </li>
      ))}
    </>
  );
}
