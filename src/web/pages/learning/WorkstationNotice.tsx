import { useTranslation } from 'react-i18next';
import type { TrainingSummary } from '../../../shared/api/catalog';

/** Where to sit, once an operator authorized the exam: « Votre examen est autorisé au Poste 2 » (or in progress there). */
export function WorkstationNotice({ training }: { training: TrainingSummary }) {
  const { t } = useTranslation('learning');
  if (!training.workstation) return null;
  const key = training.status === 'exam_in_progress' ? 'myTrainings.workstationInProgress' : 'myTrainings.workstation';
  return <p className="alert alert-ok">{t(key, { workstation: training.workstation })}</p>;
}
