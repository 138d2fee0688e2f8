import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ServicePointList } from '../../../../shared/admin-org';
import { get, post } from '../../../api/client';
import { FormError } from '../../../components/Field';
import { formatDate } from '../../../format';
import { useAction } from '../../../hooks/useAction';
import { useSession } from '../../../session';
import { AdminTable } from '../list/AdminTable';
import { Pager } from '../list/Pager';
import { useListQuery } from '../list/useListQuery';
import { ListControls } from './ListControls';
import { ServicePointForm } from './ServicePointForm';

/** `/administration/points-de-service`: the service points (a manager sees theirs), and « Nouveau point de service ». */
export function ServicePointsPage() {
  const { t, i18n } = useTranslation('adminOrg');
  const session = useSession();
  const list = useListQuery(['name', 'created'] as const, 'name');
  const [data, setData] = useState<ServicePointList | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const load = useAction();
  const { run } = load;
  const { q, sort, all, page } = list;

  const reload = useCallback(() => {
    const query = new URLSearchParams({ q, sort, closed: all ? '1' : '0', page: String(page) });
    void run(async () => setData(await get<ServicePointList>(`/api/admin/service-points?${query}`)));
  }, [run, q, sort, all, page]);
  useEffect(reload, [reload]);

  return (
    <div>
      <p>
        <Link to="/administration">← {t('back')}</Link>
      </p>
      <h1>{t('points.title')}</h1>
      {notice && (
        <div className="alert alert-ok" role="status">
          {notice}
        </div>
      )}
      <ListControls
        list={list}
        searchPlaceholder={t('points.searchPlaceholder')}
        sorts={[
          { value: 'name', label: t('points.sortName') },
          { value: 'created', label: t('points.sortCreated') },
        ]}
        toggleLabel={t('points.showClosed')}
      />
      <FormError error={load.error} />
      <AdminTable
        rows={data?.servicePoints}
        loading={!load.error}
        label={t('points.title')}
        tableClassName="stack-table"
        empty={<p>{t('none')}</p>}
        rowKey={(p) => p.id}
        columns={[
          {
            label: t('points.name'),
            cell: (p) => (
              <Link
                to={`/administration/points-de-service/${p.id}`}
                aria-label={t('points.openPoint', { name: p.name })}
              >
                {p.name}
              </Link>
            ),
          },
          { label: t('points.address'), cell: (p) => p.address },
          { label: t('points.workstationCount'), cell: (p) => p.workstations },
          { label: t('points.operatorCount'), cell: (p) => p.operators },
          {
            label: t('points.status'),
            cell: (p) =>
              p.closedAt ? (
                <span className="badge badge-danger">
                  {t('points.closedOn', { date: formatDate(p.closedAt, i18n.language, p.timeZone) })}
                </span>
              ) : (
                <span className="badge badge-ok">{t('points.open')}</span>
              ),
          },
        ]}
      />
      {data && <Pager page={page} hasMore={data.hasMore} href={list.pageHref} />}
      {session.can('admin.manage') && (
        <section className="card org-section" aria-labelledby="new-point">
          <h2 id="new-point">{t('points.create')}</h2>
          <ServicePointForm
            key={formKey}
            initial={{ name: '', address: '', timeZone: 'America/Toronto', contact: '' }}
            withWorkstations
            submitLabel={t('points.createButton')}
            onSubmit={async (values) => {
              await post('/api/admin/service-points', values);
              setNotice(t('points.created', { name: values.name }));
              setFormKey((k) => k + 1);
              reload();
            }}
          />
        </section>
      )}
    </div>
  );
}
