import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { ExamListReply } from '../../../shared/api/exams-admin';
import { get } from '../../api/client';
import { FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { localized } from '../../i18n/localized';
import { AdminTable } from './list/AdminTable';
import { RowLink } from './list/RowLink';
import { SearchForm } from './list/SearchForm';

/** `/administration/examens`: every exam, by code, with the trainings taking it and its versions. */
export function ExamsAdminPage() {
  const { t, i18n } = useTranslation('adminExams');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const [data, setData] = useState<ExamListReply | null>(null);
  const { error, fail } = useAction();

  useEffect(() => {
    get<ExamListReply>(`/api/admin/exams?${new URLSearchParams({ q, page: String(page) })}`).then(setData, fail);
  }, [q, page, fail]);

  const go = (next: { q?: string; page?: number }) => {
    const p = new URLSearchParams();
    const nq = next.q ?? q;
    if (nq) p.set('q', nq);
    if (next.page && next.page > 1) p.set('page', String(next.page));
    setParams(p);
  };

  return (
    <div>
      <p className="breadcrumb">
        <Link to="/administration">← {t('back')}</Link>
      </p>
      <h1>{t('list.title')}</h1>
      <div className="toolbar">
        <Link className="button primary" to="/administration/examens/importer">
          {t('list.import')}
        </Link>
        <Link className="button" to="/administration/examens/banque">
          {t('list.bank')}
        </Link>
        <SearchForm
          id="exams-search"
          q={q}
          onApply={(v) => go({ q: v })}
          label={t('list.searchLabel')}
          placeholder={t('list.searchLabel')}
        />
      </div>
      <FormError error={error} />
      <AdminTable
        rows={data?.exams}
        rowKey={(e) => e.id}
        label={t('list.caption')}
        caption={t('list.caption')}
        loading={!error}
        empty={
          <p className="card" role="status">
            {q ? t('list.noneFound', { q }) : t('list.none')}
          </p>
        }
        columns={[
          { label: t('list.columns.code'), className: 'mono', cell: (e) => e.code },
          { label: t('list.columns.title'), cell: (e) => localized(e.title, i18n.language) },
          {
            label: t('list.columns.trainings'),
            cell: (e) => e.trainings.map((tr) => tr.code).join(', ') || t('list.noTraining'),
          },
          {
            label: t('list.columns.current'),
            className: 'nowrap',
            cell: (e) =>
              e.currentVersion === null ? t('list.noCurrent') : t('list.currentValue', { n: e.currentVersion }),
          },
          {
            label: t('list.columns.versions'),
            className: 'nowrap',
            cell: (e) => (
              <>
                {e.versions}{' '}
                {e.drafts > 0 && <span className="badge badge-warn">{t('list.drafts', { count: e.drafts })}</span>}
              </>
            ),
          },
          {
            label: t('list.columns.actions'),
            cell: (e) => (
              <RowLink to={`/administration/examens/${e.id}`} name={t('list.openLabel', { code: e.code })}>
                {t('list.open')}
              </RowLink>
            ),
          },
        ]}
      />
      {data && (page > 1 || data.hasMore) && (
        <nav className="pager" aria-label={t('list.pages')}>
          {page > 1 && (
            <button type="button" className="button" onClick={() => go({ page: page - 1 })}>
              {t('list.previous')}
            </button>
          )}
          <span>{t('list.page', { n: page })}</span>
          {data.hasMore && (
            <button type="button" className="button" onClick={() => go({ page: page + 1 })}>
              {t('list.next')}
            </button>
          )}
        </nav>
      )}
    </div>
  );
}
