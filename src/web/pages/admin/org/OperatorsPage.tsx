import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AccountList, ServicePointDetail, StaffMember, StaffRole } from '../../../../shared/admin-org';
import { get, post } from '../../../api/client';
import { FormError } from '../../../components/Field';
import { useAction } from '../../../hooks/useAction';
import { useSession } from '../../../session';
import { AdminTable } from '../list/AdminTable';
import { Pager } from '../list/Pager';
import { useListQuery } from '../list/useListQuery';
import { ListControls, personLabel } from './ListControls';
import { PointPicker, usePickedPoint } from './PointPicker';

/**
 * `/administration/operateurs?point=`: the staff of a service point, and any account found by name, e-mail or
 * user code to grant a role to. Managers grant the operator role; administrators the manager role too.
 */
export function OperatorsPage() {
  const { t } = useTranslation('adminOrg');
  const session = useSession();
  const isAdmin = session.can('admin.manage');
  const list = useListQuery(['name'] as const, 'name');
  const picked = usePickedPoint(list);
  const [sp, setSp] = useState<ServicePointDetail | null>(null);
  const [found, setFound] = useState<AccountList | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useAction();
  const act = useAction();
  const { run } = load;
  const { q, page } = list;
  const pointId = picked.id;

  const reloadStaff = useCallback(() => {
    if (!pointId) return;
    void run(async () => setSp(await get<ServicePointDetail>(`/api/admin/service-points/${pointId}`)));
  }, [run, pointId]);
  useEffect(reloadStaff, [reloadStaff]);
  useEffect(() => {
    if (!q) {
      setFound(null);
      return;
    }
    const query = new URLSearchParams({ q, sort: 'name', page: String(page) });
    void run(async () => setFound(await get<AccountList>(`/api/admin/accounts?${query}`)));
  }, [run, q, page]);

  const roleName = (role: StaffRole) => t(role === 'operator' ? 'operators.operator' : 'operators.manager');
  const change = async (
    grant: boolean,
    role: StaffRole,
    person: { id: string } & Parameters<typeof personLabel>[0],
  ) => {
    const ok = await act.run(() =>
      post(`/api/admin/service-points/${pointId}/staff/${grant ? 'grant' : 'remove'}`, { userId: person.id, role }),
    );
    if (ok) {
      const name = personLabel(person);
      setNotice(
        grant
          ? t('operators.granted', { name, role: roleName(role), point: sp?.name ?? '' })
          : t('operators.removed', { name }),
      );
      reloadStaff();
    }
  };
  const holds = (role: StaffRole, id: string) =>
    !!sp && (role === 'operator' ? sp.operators : sp.managers).some((p) => p.id === id);

  const staffRows = (role: StaffRole, people: StaffMember[]) =>
    people.map((p) => (
      <tr key={`${role}-${p.id}`}>
        <td data-label={t('accounts.name')}>{personLabel(p)}</td>
        <td data-label={t('accounts.email')}>{p.email}</td>
        <td data-label={t('operators.role')}>{roleName(role)}</td>
        <td data-label={t('actions')} className="row-actions">
          {(role === 'operator' || isAdmin) && (
            <button
              type="button"
              className="button small danger-outline"
              disabled={act.busy}
              aria-label={t('operators.removeLabel', { role: roleName(role), name: personLabel(p) })}
              onClick={() => void change(false, role, p)}
            >
              {t('operators.remove')}
            </button>
          )}
        </td>
      </tr>
    ));

  return (
    <div>
      <p>
        <Link to="/administration">← {t('back')}</Link>
      </p>
      <h1>{t('operators.title')}</h1>
      <PointPicker list={list} picked={picked} />
      {notice && (
        <div className="alert alert-ok" role="status">
          {notice}
        </div>
      )}
      <FormError error={load.error ?? act.error} />
      {sp && (
        <section className="org-section" aria-labelledby="staff-now">
          <h2 id="staff-now">{t('operators.current')}</h2>
          {sp.operators.length + sp.managers.length === 0 ? (
            <p>{t('points.noStaff')}</p>
          ) : (
            <div className="table-wrap">
              <table className="stack-table">
                <thead>
                  <tr>
                    <th scope="col">{t('accounts.name')}</th>
                    <th scope="col">{t('accounts.email')}</th>
                    <th scope="col">{t('operators.role')}</th>
                    <th scope="col">{t('actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {staffRows('manager', sp.managers)}
                  {staffRows('operator', sp.operators)}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
      <section className="org-section" aria-labelledby="find-account">
        <h2 id="find-account">{t('operators.find')}</h2>
        <ListControls
          list={list}
          searchPlaceholder={t('operators.findLabel')}
          sorts={[{ value: 'name', label: t('accounts.sortName') }]}
        />
        <AdminTable
          rows={found?.accounts}
          loading={false}
          label={t('operators.find')}
          tableClassName="stack-table"
          empty={<p>{t('none')}</p>}
          rowKey={(a) => a.id}
          columns={[
            {
              label: t('accounts.name'),
              cell: (a) => (
                <>
                  {personLabel(a)}
                  {a.deactivated && <span className="badge badge-danger"> {t('operators.deactivated')}</span>}
                </>
              ),
            },
            { label: t('accounts.email'), cell: (a) => a.email },
            { label: t('accounts.userCode'), className: 'mono', cell: (a) => a.userCode },
            {
              label: t('actions'),
              className: 'row-actions',
              cell: (a) => (
                <>
                  {(['operator', 'manager'] as const)
                    .filter((role) => role === 'operator' || isAdmin)
                    .map((role) =>
                      holds(role, a.id) ? (
                        <span key={role} className="badge badge-ok">
                          {t('operators.already', { role: roleName(role) })}
                        </span>
                      ) : (
                        <button
                          key={role}
                          type="button"
                          className="button small"
                          disabled={act.busy || !pointId}
                          aria-label={t(
                            role === 'operator' ? 'operators.grantOperatorLabel' : 'operators.grantManagerLabel',
                            {
                              name: personLabel(a),
                            },
                          )}
                          onClick={() => void change(true, role, a)}
                        >
                          {t(role === 'operator' ? 'operators.grantOperator' : 'operators.grantManager')}
                        </button>
                      ),
                    )}
                </>
              ),
            },
          ]}
        />
        {found && <Pager page={page} hasMore={found.hasMore} href={list.pageHref} />}
      </section>
    </div>
  );
}
