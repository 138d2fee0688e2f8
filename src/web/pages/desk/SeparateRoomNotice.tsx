import { useTranslation } from 'react-i18next';
import type { AccommodationView } from '../../../shared/api/desk';

/** At « Autoriser l'examen »: a « Salle séparée » in force, so the operator chooses a workstation there. */
export function SeparateRoomNotice({ accommodations }: { accommodations: AccommodationView[] }) {
  const { t } = useTranslation('care');
  if (!accommodations.some((a) => a.active && a.kind === 'separate_room')) return null;
  return (
    <p className="alert alert-warn" role="note">
      {t('accommodations.separateRoomNotice')}
    </p>
  );
}
