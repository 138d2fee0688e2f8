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
import { AdminTable } from './list/AdminTable';
import { RowLink } from './list/RowLink';

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
          <AdminTable
            rows={exam.versions}
            rowKey={(v) => v.id}
            label={t('exam.caption')}
            caption={t('exam.caption')}
            empty={null}
            columns={[
              { label: t('exam.columns.version'), cell: (v) => v.version },
              { label: t('exam.columns.title'), cell: (v) => localized(v.title, lang) },
              {
                label: t('exam.columns.duration'),
                className: 'nowrap',
                cell: (v) => t('exam.minutes', { count: v.durationMinutes }),
              },
              { label: t('exam.columns.passingMark'), className: 'nowrap', cell: (v) => `${v.passingMark} %` },
              {
                label: t('exam.columns.items'),
                className: 'nowrap',
                cell: (v) => (v.drawCount === null ? v.items : t('exam.drawn', { drawn: v.drawCount, count: v.items })),
              },
              { label: t('exam.columns.state'), cell: (v) => <ExamStateBadge state={v.state} /> },
              { label: t('exam.columns.created'), className: 'nowrap', cell: (v) => formatDate(v.createdAt, lang) },
              {
                label: t('exam.columns.actions'),
                cell: (v) => (
                  <RowLink to={`/administration/examens/versions/${v.id}`} name={t('exam.openLabel', { n: v.version })}>
                    {t('exam.open')}
                  </RowLink>
                ),
              },
            ]}
          />
        </>
      )}
    </div>
  );
}
