import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorkstationList, WorkstationRow } from '../../../../shared/admin-org';
import { get, post, put } from '../../../api/client';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Field, FormError } from '../../../components/Field';
import { formatDateTime } from '../../../format';
import { useAction } from '../../../hooks/useAction';
import { AdminTable } from '../list/AdminTable';
import { Pager } from '../list/Pager';
import { useListQuery } from '../list/useListQuery';
import { ListControls } from './ListControls';
import { PointPicker, usePickedPoint } from './PointPicker';

type Pending = { kind: 'retire' | 'revoke'; ws: WorkstationRow } | null;

/** `/administration/postes-de-travail?point=`: add, rename, retire; registration and last seen; revoke it. */
export function WorkstationsPage() {
  const { t, i18n } = useTranslation('adminOrg');
  const list = useListQuery(['name', 'lastSeen'] as const, 'name');
  const picked = usePickedPoint(list);
  const [data, setData] = useState<WorkstationList | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const [name, setName] = useState('');
  const load = useAction();
  const act = useAction();
  const add = useAction();
  const renameId = useId();
  const { run } = load;
  const { q, sort, all, page } = list;
  const pointId = picked.id;

  const reload = useCallback(() => {
    if (!pointId) return;
    const query = new URLSearchParams({ q, sort, retired: all ? '1' : '0', page: String(page) });
    void run(async () =>
      setData(await get<WorkstationList>(`/api/admin/service-points/${pointId}/workstations?${query}`)),
    );
  }, [run, pointId, q, sort, all, page]);
  useEffect(reload, [reload]);

  const submitAdd = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await add.run(() => post(`/api/admin/service-points/${pointId}/workstations`, { name }));
    if (ok) {
      setNotice(t('workstations.added', { name: name.trim() }));
      setName('');
      reload();
    }
  };
  const submitRename = async (e: FormEvent, ws: WorkstationRow) => {
    e.preventDefault();
    const ok = await act.run(() => put(`/api/admin/workstations/${ws.id}`, { name: newName }));
    if (ok) {
      setRenaming(null);
      setNotice(t('saved'));
      reload();
    }
  };
  const confirm = async () => {
    if (!pending) return;
    const path = pending.kind === 'retire' ? 'retire' : 'revoke-registration';
    const ok = await act.run(() => post(`/api/admin/workstations/${pending.ws.id}/${path}`));
    if (ok) setNotice(pending.kind === 'retire' ? t('saved') : t('workstations.revoked', { name: pending.ws.name }));
    setPending(null);
    reload();
  };
  const tz = data?.servicePoint.timeZone;

  return (
    <div>
      <p>
        <Link to="/administration">← {t('back')}</Link>
      </p>
      <h1>{t('workstations.title')}</h1>
      <PointPicker list={list} picked={picked} />
      {notice && (
        <div className="alert alert-ok" role="status">
          {notice}
        </div>
      )}
      <ListControls
        list={list}
        searchPlaceholder={t('workstations.searchPlaceholder')}
        sorts={[
          { value: 'name', label: t('workstations.sortName') },
          { value: 'lastSeen', label: t('workstations.sortLastSeen') },
        ]}
        toggleLabel={t('workstations.showRetired')}
      />
      <FormError error={load.error ?? act.error} />
      <AdminTable
        rows={data?.workstations}
        loading={!load.error && !!pointId}
        label={t('workstations.title')}
        tableClassName="stack-table"
        empty={<p>{t('none')}</p>}
        rowKey={(w) => w.id}
        columns={[
          {
            label: t('workstations.name'),
            cell: (w) => (
              <>
                {renaming === w.id ? (
                  <form className="inline-search" onSubmit={(e) => void submitRename(e, w)}>
                    <label htmlFor={renameId} className="visually-hidden">
                      {t('workstations.renameLabel', { name: w.name })}
                    </label>
                    <input id={renameId} value={newName} onChange={(e) => setNewName(e.target.value)} autoFocus />
                    <button type="submit" className="button small primary" disabled={act.busy}>
                      {t('save')}
                    </button>
                    <button type="button" className="button small" onClick={() => setRenaming(null)}>
                      {t('cancel')}
                    </button>
                  </form>
                ) : (
                  w.name
                )}
              </>
            ),
          },
          {
            label: t('workstations.registration'),
            cell: (w) => (
              <>
                {w.retiredAt ? (
                  <span className="badge">{t('workstations.retired')}</span>
                ) : w.registered ? (
                  <span className="badge badge-ok">{t('workstations.registered')}</span>
                ) : (
                  <span className="badge badge-warn">{t('workstations.notRegistered')}</span>
                )}
              </>
            ),
          },
          {
            label: t('workstations.lastSeen'),
            cell: (w) => <>{w.lastSeenAt ? formatDateTime(w.lastSeenAt, i18n.language, tz) : t('never')}</>,
          },
          {
            label: t('actions'),
            className: 'row-actions',
            cell: (w) => (
              <>
                {!w.retiredAt && (
                  <>
                    <button
                      type="button"
                      className="button small"
                      aria-label={`${t('workstations.rename')} — ${w.name}`}
                      onClick={() => {
                        setRenaming(w.id);
                        setNewName(w.name);
                      }}
                    >
                      {t('workstations.rename')}
                    </button>
                    {w.registered && (
                      <button
                        type="button"
                        className="button small"
                        aria-label={`${t('workstations.revoke')} — ${w.name}`}
                        onClick={() => setPending({ kind: 'revoke', ws: w })}
                      >
                        {t('workstations.revoke')}
                      </button>
                    )}
                    <button
                      type="button"
                      className="button small danger-outline"
                      aria-label={`${t('workstations.retire')} — ${w.name}`}
                      onClick={() => setPending({ kind: 'retire', ws: w })}
                    >
                      {t('workstations.retire')}
                    </button>
                  </>
                )}
              </>
            ),
          },
        ]}
      />
      {data && <Pager page={page} hasMore={data.hasMore} href={list.pageHref} />}
      {pointId && (
        <section className="card org-section" aria-labelledby="ws-add">
          <h2 id="ws-add">{t('workstations.add')}</h2>
          <form onSubmit={(e) => void submitAdd(e)} noValidate>
            <FormError error={add.formError} />
            <Field
              label={t('workstations.name')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              error={add.fieldError('name')}
            />
            <button type="submit" className="button primary" disabled={add.busy}>
              {t('workstations.addButton')}
            </button>
          </form>
        </section>
      )}
      <ConfirmDialog
        open={!!pending}
        title={
          pending
            ? t(pending.kind === 'retire' ? 'workstations.retireTitle' : 'workstations.revokeTitle', {
                name: pending.ws.name,
              })
            : ''
        }
        confirmLabel={pending?.kind === 'retire' ? t('workstations.retire') : t('workstations.revoke')}
        cancelLabel={t('cancel')}
        danger
        busy={act.busy}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      >
        <p>{pending?.kind === 'retire' ? t('workstations.retireText') : t('workstations.revokeText')}</p>
      </ConfirmDialog>
    </div>
  );
}
