import { useTranslation } from 'react-i18next';
import type { ExamVersionRow } from '../../../shared/api/exams-admin';

const badge = { draft: 'badge-warn', published: 'badge-ok', retired: 'badge-info' } as const;

/** « Brouillon », « Publiée », « Retirée ». */
export function ExamStateBadge({ state }: { state: ExamVersionRow['state'] }) {
  const { t } = useTranslation('adminExams');
  return <span className={`badge ${badge[state]}`}>{t(`state.${state}`)}</span>;
}
