import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ServicePointDetail, StaffMember } from '../../../../shared/admin-org';
import { get, post, put } from '../../../api/client';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FormError } from '../../../components/Field';
import { formatDate } from '../../../format';
import { useAction } from '../../../hooks/useAction';
import { useSession } from '../../../session';
import { personLabel } from './ListControls';
import { ServicePointForm } from './ServicePointForm';

/** `/administration/points-de-service/:id`: one service point, its workstations and staff; edit, close, reopen. */
export function ServicePointPage() {
  const { t, i18n } = useTranslation('adminOrg');
  const { servicePointId = '' } = useParams();
  const session = useSession();
  const isAdmin = session.can('admin.manage');
  const [sp, setSp] = useState<ServicePointDetail | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const load = useAction();
  const act = useAction();
  const { run } = load;

  const reload = useCallback(() => {
    void run(async () => setSp(await get<ServicePointDetail>(`/api/admin/service-points/${servicePointId}`)));
  }, [run, servicePointId]);
  useEffect(reload, [reload]);

  const setClosed = async (closed: boolean) => {
    const ok = await act.run(() => post(`/api/admin/service-points/${servicePointId}/${closed ? 'close' : 'reopen'}`));
    setConfirmClose(false);
    if (ok) reload();
  };

  const people = (list: StaffMember[]) =>
    list.length === 0 ? (
      <p>{t('points.noStaff')}</p>
    ) : (
      <ul>
        {list.map((p) => (
          <li key={p.id}>
            {personLabel(p)} — {p.email}
          </li>
        ))}
      </ul>
    );

  return (
    <div>
      <p>
        <Link to="/administration/points-de-service">← {t('points.title')}</Link>
      </p>
      <FormError error={load.error} />
      {sp && (
        <>
          <h1>{sp.name}</h1>
          <p>
            {sp.closedAt ? (
              <span className="badge badge-danger">
                {t('points.closedOn', { date: formatDate(sp.closedAt, i18n.language, sp.timeZone) })}
              </span>
            ) : (
              <span className="badge badge-ok">{t('points.open')}</span>
            )}
          </p>
          {notice && (
            <div className="alert alert-ok" role="status">
              {notice}
            </div>
          )}
          <FormError error={act.error} />
          <dl className="org-facts">
            <dt>{t('points.address')}</dt>
            <dd>{sp.address}</dd>
            <dt>{t('points.timeZone')}</dt>
            <dd>{sp.timeZone}</dd>
            <dt>{t('points.contact')}</dt>
            <dd>{sp.contact || '—'}</dd>
          </dl>
          <p>
            <Link className="button" to={`/administration/points-de-service/${sp.id}/bilan`}>
              {t('points.summary')}
            </Link>
          </p>
          <div className="org-columns">
            <section className="card org-section" aria-labelledby="sp-ws">
              <h2 id="sp-ws">{t('points.workstations')}</h2>
              <ul>
                {sp.workstations.map((w) => (
                  <li key={w.id}>{w.name}</li>
                ))}
              </ul>
              <Link className="button" to={`/administration/postes-de-travail?point=${sp.id}`}>
                {t('points.manageWorkstations')}
              </Link>
            </section>
            <section className="card org-section" aria-labelledby="sp-staff">
              <h2 id="sp-staff">{t('points.staff')}</h2>
              <h3>{t('points.managers')}</h3>
              {people(sp.managers)}
              <h3>{t('points.operators')}</h3>
              {people(sp.operators)}
              <Link className="button" to={`/administration/operateurs?point=${sp.id}`}>
                {t('points.manageStaff')}
              </Link>
            </section>
          </div>
          {isAdmin && (
            <section className="card org-section" aria-labelledby="sp-edit">
              <h2 id="sp-edit">{t('points.edit')}</h2>
              <ServicePointForm
                key={`${sp.name}|${sp.address}|${sp.timeZone}|${sp.contact}`}
                initial={{ name: sp.name, address: sp.address, timeZone: sp.timeZone, contact: sp.contact }}
                submitLabel={t('save')}
                onSubmit={async (values) => {
                  await put(`/api/admin/service-points/${sp.id}`, values);
                  setNotice(t('saved'));
                  reload();
                }}
              />
              <p className="org-danger-zone">
                {sp.closedAt ? (
                  <button type="button" className="button" disabled={act.busy} onClick={() => void setClosed(false)}>
                    {t('points.reopen')}
                  </button>
                ) : (
                  <button type="button" className="button danger-outline" onClick={() => setConfirmClose(true)}>
                    {t('points.close')}
                  </button>
                )}
              </p>
            </section>
          )}
          <ConfirmDialog
            open={confirmClose}
            title={t('points.closeTitle', { name: sp.name })}
            confirmLabel={t('points.close')}
            cancelLabel={t('cancel')}
            danger
            busy={act.busy}
            onConfirm={() => void setClosed(true)}
            onCancel={() => setConfirmClose(false)}
          >
            <p>{t('points.closeText')}</p>
          </ConfirmDialog>
        </>
      )}
    </div>
  );
}
