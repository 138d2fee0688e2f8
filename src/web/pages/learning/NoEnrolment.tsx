import { useTranslation } from 'react-i18next';
import { useSession } from '../../session';

/** « Mes formations » with no enrolment: what to do next, and the user code to give (issue 16). */
export function NoEnrolment() {
  const { t } = useTranslation('adminCatalog');
  const session = useSession();
  return <p className="card">{t('myTrainings.empty', { code: session.user?.userCode ?? '' })}</p>;
}
