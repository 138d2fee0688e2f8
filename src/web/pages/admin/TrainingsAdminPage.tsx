import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TrainingRow } from '../../../shared/catalog-admin';
import { get } from '../../api/client';
import { FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { localized, Pager, SortHeader, useListParams } from './catalog-list';

const SORTS = ['code', 'title', 'created'] as const;
type Sort = (typeof SORTS)[number];

/** `/administration/formations`: every training, searchable, sortable, a page at a time. */
export function TrainingsAdminPage() {
  const { t, i18n } = useTranslation('adminCatalog');
  const { params, sort, dir, page, set } = useListParams<Sort>(SORTS, 'code', 'asc');
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const [data, setData] = useState<{ trainings: TrainingRow[]; hasMore: boolean } | null>(null);
  const { error, fail } = useAction();

  useEffect(() => {
    const query = new URLSearchParams({ q, sort, dir, page: String(page) });
    get<{ trainings: TrainingRow[]; hasMore: boolean }>(`/api/admin/trainings?${query}`).then(setData, fail);
  }, [q, sort, dir, page, fail]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    set({ q: draft.trim() || null });
  };
  const onSort = (column: Sort, d: 'asc' | 'desc') => set({ tri: column, ordre: d });

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
        <form className="inline-search" role="search" onSubmit={apply}>
          <label htmlFor="trainings-search" className="visually-hidden">
            {t('trainings.searchLabel')}
          </label>
          <input
            id="trainings-search"
            type="search"
            placeholder={t('trainings.searchLabel')}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="button">
            {t('apply')}
          </button>
        </form>
      </div>
      <FormError error={error} />
      {!data && !error && <p aria-busy="true">…</p>}
      {data?.trainings.length === 0 && <p className="card">{t('trainings.none')}</p>}
      {data && data.trainings.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('trainings.title')}>
          <table>
            <thead>
              <tr>
                <SortHeader column="code" sort={sort} dir={dir} onSort={onSort}>
                  {t('trainings.columns.code')}
                </SortHeader>
                <SortHeader column="title" sort={sort} dir={dir} onSort={onSort}>
                  {t('trainings.columns.title')}
                </SortHeader>
                <th scope="col">{t('trainings.columns.servicePoints')}</th>
                <th scope="col">{t('trainings.columns.validity')}</th>
                <th scope="col">{t('trainings.columns.retakes')}</th>
                <th scope="col">{t('trainings.columns.counter')}</th>
                <th scope="col">{t('trainings.columns.enrolments')}</th>
                <th scope="col">{t('trainings.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.trainings.map((tr) => (
                <tr key={tr.id}>
                  <td className="mono">{tr.code}</td>
                  <td>{localized(tr.title, i18n.language)}</td>
                  <td>{tr.servicePoints.map((sp) => sp.name).join(', ') || t('trainings.nowhere')}</td>
                  <td className="nowrap">
                    {tr.validityMonths ? t('trainings.months', { count: tr.validityMonths }) : t('trainings.noEnd')}
                  </td>
                  <td>{t('trainings.retakeRule', { count: tr.maxAttempts, days: tr.retakeWaitDays })}</td>
                  <td>{tr.counterEnrolment ? t('trainings.yes') : t('trainings.no')}</td>
                  <td>{tr.enrolments}</td>
                  <td>
                    <Link
                      className="button small"
                      to={`/administration/formations/${tr.id}`}
                      aria-label={t('trainings.editLabel', { code: tr.code })}
                    >
                      {t('trainings.edit')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && <Pager page={page} hasMore={data.hasMore} onPage={(n) => set({ page: String(n) })} />}
    </div>
  );
}
