import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TrainingRow } from '../../../shared/catalog-admin';
import { get } from '../../api/client';
import { FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { localized } from '../../i18n/localized';
import { AdminTable } from './list/AdminTable';
import { RowLink } from './list/RowLink';
import { Pager } from './list/Pager';
import { SearchForm } from './list/SearchForm';
import { useListQuery } from './list/useListQuery';

const SORTS = ['code', 'title', 'created'] as const;

/** `/administration/formations`: every training, searchable, sortable, a page at a time. */
export function TrainingsAdminPage() {
  const { t, i18n } = useTranslation('adminCatalog');
  const list = useListQuery(SORTS, 'code', 'asc');
  const { q, sort, dir, page, change } = list;
  const [data, setData] = useState<{ trainings: TrainingRow[]; hasMore: boolean } | null>(null);
  const { error, fail } = useAction();

  useEffect(() => {
    const query = new URLSearchParams({ q, sort, dir, page: String(page) });
    get<{ trainings: TrainingRow[]; hasMore: boolean }>(`/api/admin/trainings?${query}`).then(setData, fail);
  }, [q, sort, dir, page, fail]);

  return (
    <div>
      <p className="breadcrumb">
        <Link to="/administration">← {t('back')}</Link>
      </p>
      <h1>{t('trainings.title')}</h1>
      <div className="toolbar catalog-toolbar">
        <Link className="button primary" to="/administration/formations/nouvelle">
          {t('trainings.new')}
        </Link>
        <SearchForm
          id="trainings-search"
          q={q}
          onApply={(v) => change({ q: v })}
          label={t('trainings.searchLabel')}
          placeholder={t('trainings.searchLabel')}
        />
      </div>
      <FormError error={error} />
      <AdminTable
        rows={data?.trainings}
        loading={!error}
        label={t('trainings.title')}
        empty={<p className="card">{t('trainings.none')}</p>}
        rowKey={(tr) => tr.id}
        sorting={{ sort, dir, onSort: (column, d) => change({ tri: column, ordre: d }) }}
        columns={[
          { label: t('trainings.columns.code'), sort: 'code', className: 'mono', cell: (tr) => tr.code },
          { label: t('trainings.columns.title'), sort: 'title', cell: (tr) => localized(tr.title, i18n.language) },
          {
            label: t('trainings.columns.servicePoints'),
            cell: (tr) => tr.servicePoints.map((sp) => sp.name).join(', ') || t('trainings.nowhere'),
          },
          {
            label: t('trainings.columns.validity'),
            className: 'nowrap',
            cell: (tr) =>
              tr.validityMonths ? t('trainings.months', { count: tr.validityMonths }) : t('trainings.noEnd'),
          },
          {
            label: t('trainings.columns.retakes'),
            cell: (tr) => t('trainings.retakeRule', { count: tr.maxAttempts, days: tr.retakeWaitDays }),
          },
          {
            label: t('trainings.columns.counter'),
            cell: (tr) => (tr.counterEnrolment ? t('trainings.yes') : t('trainings.no')),
          },
          { label: t('trainings.columns.enrolments'), cell: (tr) => tr.enrolments },
          {
            label: t('trainings.columns.actions'),
            cell: (tr) => (
              <RowLink to={`/administration/formations/${tr.id}`} name={t('trainings.editLabel', { code: tr.code })}>
                {t('trainings.edit')}
              </RowLink>
            ),
          },
        ]}
      />
      {data && <Pager page={page} hasMore={data.hasMore} href={list.pageHref} />}
    </div>
  );
}
