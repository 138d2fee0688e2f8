import { useTranslation } from 'react-i18next';
import type { AccommodationView } from '../../../shared/api/desk';
import { accommodationLabel } from './accommodationLabel';

/** The « Mesures d'adaptation » in force, named where the operator looks first (the file's header). */
export function ActiveAccommodations({ accommodations }: { accommodations: AccommodationView[] }) {
  const { t } = useTranslation('care');
  const active = accommodations.filter((a) => a.active);
  if (active.length === 0) return null;
  return (
    <p className="care-active">
      <span>{t('accommodations.inForce')}</span>{' '}
      {active.map((a) => (
        <span key={a.id} className="badge badge-warn">
          {accommodationLabel(t, a)}
        </span>
      ))}
    </p>
  );
}
