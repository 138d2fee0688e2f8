import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AccountList } from '../../../../shared/admin-org';
import { get } from '../../../api/client';
import { FormError } from '../../../components/Field';
import { useAction } from '../../../hooks/useAction';
import { AdminTable } from '../list/AdminTable';
import { Pager } from '../list/Pager';
import { useListQuery } from '../list/useListQuery';
import { ListControls, personLabel } from './ListControls';

const SORTS = ['name', 'created'] as const;

/** `/administration/comptes`: any account, by name, e-mail or user code. */
export function AccountsPage() {
  const { t } = useTranslation('adminOrg');
  const list = useListQuery(SORTS, 'name');
  const [data, setData] = useState<AccountList | null>(null);
  const load = useAction();
  const { run } = load;
  const { q, sort, page } = list;

  const reload = useCallback(() => {
    const query = new URLSearchParams({ q, sort, page: String(page) });
    void run(async () => setData(await get<AccountList>(`/api/admin/accounts?${query}`)));
  }, [run, q, sort, page]);
  useEffect(reload, [reload]);

  return (
    <div>
      <p>
        <Link to="/administration">← {t('back')}</Link>
      </p>
      <h1>{t('accounts.title')}</h1>
      <ListControls
        list={list}
        searchPlaceholder={t('accounts.searchPlaceholder')}
        sorts={[
          { value: 'name', label: t('accounts.sortName') },
          { value: 'created', label: t('accounts.sortCreated') },
        ]}
      />
      <FormError error={load.error} />
      <AdminTable
        rows={data?.accounts}
        loading={!load.error}
        label={t('accounts.title')}
        tableClassName="stack-table"
        empty={<p>{t('none')}</p>}
        rowKey={(a) => a.id}
        columns={[
          {
            label: t('accounts.name'),
            cell: (a) => (
              <Link
                to={`/administration/comptes/${a.id}`}
                aria-label={t('accounts.openAccount', { name: personLabel(a) })}
              >
                {personLabel(a)}
              </Link>
            ),
          },
          { label: t('accounts.email'), cell: (a) => a.email },
          { label: t('accounts.userCode'), className: 'mono', cell: (a) => a.userCode },
          {
            label: t('accounts.status'),
            cell: (a) =>
              a.deactivated ? (
                <span className="badge badge-danger">{t('accounts.deactivated')}</span>
              ) : (
                <span className="badge badge-ok">{t('accounts.active')}</span>
              ),
          },
        ]}
      />
      {data && <Pager page={page} hasMore={data.hasMore} href={list.pageHref} />}
    </div>
  );
}
