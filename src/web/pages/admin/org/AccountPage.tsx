import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../../i18n/localized';
import { Link, useParams } from 'react-router';
import type { AccountDetail } from '../../../../shared/admin-org';
import { get, post } from '../../../api/client';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FormError } from '../../../components/Field';
import { formatDate } from '../../../format';
import { useAction } from '../../../hooks/useAction';
import { personLabel } from './ListControls';

/** `/administration/comptes/:id`: who, roles, enrolments; reset link, unlock, deactivate / reactivate. */
export function AccountPage() {
  const { t, i18n } = useTranslation('adminOrg');
  const { userId = '' } = useParams();
  const [a, setA] = useState<AccountDetail | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmDeactivate, setConfirmDeactivate] = useState(false);
  const load = useAction();
  const act = useAction();
  const { run } = load;

  const reload = useCallback(() => {
    void run(async () => setA(await get<AccountDetail>(`/api/admin/accounts/${userId}`)));
  }, [run, userId]);
  useEffect(reload, [reload]);

  const sendReset = async () => {
    let sent = false;
    const ok = await act.run(async () => {
      sent = (await post<{ sent: boolean }>(`/api/admin/accounts/${userId}/reset-link`)).sent;
    });
    if (ok) setNotice(sent ? t('accounts.resetSent', { email: a?.email }) : t('accounts.resetNotSent'));
  };
  const simple = async (path: string, message: string) => {
    const ok = await act.run(() => post(`/api/admin/accounts/${userId}/${path}`));
    setConfirmDeactivate(false);
    if (ok) {
      setNotice(message);
      reload();
    }
  };

  return (
    <div>
      <p>
        <Link to="/administration/comptes">← {t('accounts.title')}</Link>
      </p>
      <FormError error={load.error} />
      {a && (
        <>
          <h1>{personLabel(a)}</h1>
          <p>
            {a.deactivated ? (
              <span className="badge badge-danger">{t('accounts.deactivated')}</span>
            ) : (
              <span className="badge badge-ok">{t('accounts.active')}</span>
            )}
          </p>
          {notice && (
            <div className="alert alert-ok" role="status">
              {notice}
            </div>
          )}
          <FormError error={act.error} />
          <dl className="org-facts">
            <dt>{t('accounts.username')}</dt>
            <dd>{a.username}</dd>
            <dt>{t('accounts.email')}</dt>
            <dd>{a.email}</dd>
            <dt>{t('accounts.userCode')}</dt>
            <dd className="mono">{a.userCode}</dd>
            <dt>{t('accounts.createdAt')}</dt>
            <dd>{formatDate(a.createdAt, i18n.language)}</dd>
            <dt>{t('accounts.signIn')}</dt>
            <dd>
              {a.locked ? t('accounts.locked') : t('accounts.notLocked')}
              {a.recentFailures > 0 && <> — {t('accounts.failures', { count: a.recentFailures })}</>}
            </dd>
          </dl>
          <div className="org-actions">
            <button type="button" className="button" disabled={act.busy} onClick={() => void sendReset()}>
              {t('accounts.sendReset')}
            </button>
            {a.recentFailures > 0 && (
              <button
                type="button"
                className="button"
                disabled={act.busy}
                onClick={() => void simple('unlock', t('accounts.unlocked'))}
              >
                {t('accounts.unlock')}
              </button>
            )}
            {a.deactivated ? (
              <button
                type="button"
                className="button"
                disabled={act.busy}
                onClick={() => void simple('reactivate', t('accounts.reactivated'))}
              >
                {t('accounts.reactivate')}
              </button>
            ) : (
              <button type="button" className="button danger-outline" onClick={() => setConfirmDeactivate(true)}>
                {t('accounts.deactivate')}
              </button>
            )}
          </div>
          <div className="org-columns">
            <section className="card org-section" aria-labelledby="acc-roles">
              <h2 id="acc-roles">{t('accounts.roles')}</h2>
              <ul>
                {a.roles.admin && <li>{t('accounts.admin')}</li>}
                {a.roles.managerAt.map((p) => (
                  <li key={`m-${p.id}`}>{t('accounts.managerAt', { point: p.name })}</li>
                ))}
                {a.roles.operatorAt.map((p) => (
                  <li key={`o-${p.id}`}>{t('accounts.operatorAt', { point: p.name })}</li>
                ))}
                {!a.roles.admin && a.roles.managerAt.length + a.roles.operatorAt.length === 0 && (
                  <li>{t('accounts.learnerOnly')}</li>
                )}
              </ul>
            </section>
            <section className="card org-section" aria-labelledby="acc-enrol">
              <h2 id="acc-enrol">{t('accounts.enrolments')}</h2>
              {a.enrolments.length === 0 ? (
                <p>{t('accounts.noEnrolment')}</p>
              ) : (
                <ul>
                  {a.enrolments.map((e) => (
                    <li key={`${e.trainingCode}-${e.servicePoint}`}>
                      {localized(e.trainingTitle, i18n.language)} ({e.trainingCode}) — {e.servicePoint} —{' '}
                      {t(`desk:status.${e.status}`)}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
          <ConfirmDialog
            open={confirmDeactivate}
            title={t('accounts.deactivateTitle', { name: personLabel(a) })}
            confirmLabel={t('accounts.deactivate')}
            cancelLabel={t('cancel')}
            danger
            busy={act.busy}
            onConfirm={() => void simple('deactivate', t('accounts.deactivatedNotice'))}
            onCancel={() => setConfirmDeactivate(false)}
          >
            <p>{t('accounts.deactivateText')}</p>
          </ConfirmDialog>
        </>
      )}
    </div>
  );
}
