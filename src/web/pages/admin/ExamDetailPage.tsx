import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ExamDetail } from '../../../shared/api/exams-admin';
import { get } from '../../api/client';
import { FormError } from '../../components/Field';
import { formatDate } from '../../format';
import { useAction } from '../../hooks/useAction';
import { localized } from '../../i18n/localized';
import { ExamStateBadge } from './ExamStateBadge';

/** `/administration/examens/:examId`: an exam's versions, newest first; each opens to its preview and actions. */
export function ExamDetailPage() {
  const { examId = '' } = useParams();
  const { t, i18n } = useTranslation('adminExams');
  const lang = i18n.language;
  const [exam, setExam] = useState<ExamDetail | null>(null);
  const { error, fail } = useAction();

  useEffect(() => {
    get<ExamDetail>(`/api/admin/exams/${encodeURIComponent(examId)}`).then(setExam, fail);
  }, [examId, fail]);

  const current = exam?.versions.find((v) => v.id === exam.currentVersionId);
  return (
    <div>
      <p className="breadcrumb">
        <Link to="/administration/examens">← {t('backToExams')}</Link>
      </p>
      <FormError error={error} />
      {!exam && !error && <p aria-busy="true">…</p>}
      {exam && (
        <>
          <h1>{t('exam.title', { code: exam.code })}</h1>
          <p>
            {exam.trainings.length
              ? t('exam.trainings', {
                  list: exam.trainings.map((tr) => `${tr.code} (${localized(tr.title, lang)})`).join(', '),
                })
              : t('exam.noTraining')}
          </p>
          <p className={current ? undefined : 'alert alert-warn'}>
            {current ? t('exam.current', { n: current.version }) : t('exam.noCurrent')}
          </p>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('exam.caption')}>
            <table>
              <caption className="visually-hidden">{t('exam.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('exam.columns.version')}</th>
                  <th scope="col">{t('exam.columns.title')}</th>
                  <th scope="col">{t('exam.columns.duration')}</th>
                  <th scope="col">{t('exam.columns.passingMark')}</th>
                  <th scope="col">{t('exam.columns.items')}</th>
                  <th scope="col">{t('exam.columns.state')}</th>
                  <th scope="col">{t('exam.columns.created')}</th>
                  <th scope="col">{t('exam.columns.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {exam.versions.map((v) => (
                  <tr key={v.id}>
                    <td>{v.version}</td>
                    <td>{localized(v.title, lang)}</td>
                    <td className="nowrap">{t('exam.minutes', { count: v.durationMinutes })}</td>
                    <td className="nowrap">{v.passingMark} %</td>
                    <td className="nowrap">
                      {v.drawCount === null ? v.items : t('exam.drawn', { drawn: v.drawCount, count: v.items })}
                    </td>
                    <td>
                      <ExamStateBadge state={v.state} />
                    </td>
                    <td className="nowrap">{formatDate(v.createdAt, lang)}</td>
                    <td>
                      <Link
                        className="button small"
                        to={`/administration/examens/versions/${v.id}`}
                        aria-label={t('exam.openLabel', { n: v.version })}
                      >
                        {t('exam.open')}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
