import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AccountList } from '../../../../shared/admin-org';
import { get } from '../../../api/client';
import { FormError } from '../../../components/Field';
import { useAction } from '../../../hooks/useAction';
import { ListControls, Pager, personLabel, useListParams } from './ListControls';

/** `/administration/comptes`: any account, by name, e-mail or user code. */
export function AccountsPage() {
  const { t } = useTranslation('adminOrg');
  const list = useListParams('name');
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
      {data && data.accounts.length === 0 && <p>{t('none')}</p>}
      {data && data.accounts.length > 0 && (
        <div className="table-wrap">
          <table className="org-table">
            <thead>
              <tr>
                <th scope="col">{t('accounts.name')}</th>
                <th scope="col">{t('accounts.email')}</th>
                <th scope="col">{t('accounts.userCode')}</th>
                <th scope="col">{t('accounts.status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.accounts.map((a) => (
                <tr key={a.id}>
                  <td data-label={t('accounts.name')}>
                    <Link
                      to={`/administration/comptes/${a.id}`}
                      aria-label={t('accounts.openAccount', { name: personLabel(a) })}
                    >
                      {personLabel(a)}
                    </Link>
                  </td>
                  <td data-label={t('accounts.email')}>{a.email}</td>
                  <td data-label={t('accounts.userCode')} className="mono">
                    {a.userCode}
                  </td>
                  <td data-label={t('accounts.status')}>
                    {a.deactivated ? (
                      <span className="badge badge-danger">{t('accounts.deactivated')}</span>
                    ) : (
                      <span className="badge badge-ok">{t('accounts.active')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && <Pager list={list} hasMore={data.hasMore} />}
    </div>
  );
}
