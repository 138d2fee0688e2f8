import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { AuditEntry, AuditEntryDetail, AuditVerdict, CatalogOptions } from '../../../shared/catalog-admin';
import { get, post } from '../../api/client';
import { FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { AdminTable } from './list/AdminTable';
import { Pager } from './list/Pager';

const FILTERS = ['from', 'to', 'actor', 'learner', 'action', 'servicePointId'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

/** `/administration/journal`: the audit log, filtered, newest first; an entry's payload; « Vérifier la chaîne ». */
export function AuditLogPage() {
  const { t, i18n } = useTranslation('adminCatalog');
  const [params, setParams] = useSearchParams();
  const applied = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Filters;
  const before = params.get('avant') ?? '';
  const [draft, setDraft] = useState<Filters>(applied);
  const [data, setData] = useState<{ entries: AuditEntry[]; nextBefore: number | null; actions: string[] } | null>(
    null,
  );
  const [servicePoints, setServicePoints] = useState<CatalogOptions['servicePoints']>([]);
  const [open, setOpen] = useState<AuditEntryDetail | null>(null);
  const [verdict, setVerdict] = useState<AuditVerdict | null>(null);
  // The pages seen before this one (keyset paging goes forward; « newer » walks back through them).
  const [trail, setTrail] = useState<string[]>([]);
  const list = useAction();
  const verify = useAction();
  const key = params.toString();

  useEffect(() => {
    const query = new URLSearchParams();
    for (const f of FILTERS) if (applied[f]) query.set(f, applied[f]);
    if (before) query.set('before', before);
    setData(null);
    get<{ entries: AuditEntry[]; nextBefore: number | null; actions: string[] }>(`/api/admin/audit?${query}`).then(
      setData,
      list.fail,
    );
  }, [key, list.fail]);
  useEffect(() => {
    get<CatalogOptions>('/api/admin/catalog/options').then((o) => setServicePoints(o.servicePoints), list.fail);
  }, [list.fail]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setTrail([]);
    setParams(Object.fromEntries(FILTERS.filter((f) => draft[f].trim()).map((f) => [f, draft[f].trim()])));
  };
  const goBefore = (value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set('avant', value);
    else next.delete('avant');
    setParams(next);
  };
  const openEntry = (id: number) =>
    void list.run(async () => setOpen(await get<AuditEntryDetail>(`/api/admin/audit/${id}`)));
  const when = (iso: string | null) =>
    iso
      ? new Date(iso).toLocaleString(i18n.language.startsWith('en') ? 'en-CA' : 'fr-CA', {
          timeZone: 'America/Toronto',
          dateStyle: 'short',
          timeStyle: 'medium',
        })
      : '';
  const said = (r: { fr: string; en: string }) => (i18n.language.startsWith('en') ? r.en : r.fr);
  const person = (p: AuditEntry['actor']) => (p ? `${p.name} (${p.userCode})` : '');

  return (
    <div>
      <p className="breadcrumb">
        <Link to="/administration">← {t('back')}</Link>
      </p>
      <h1>{t('audit.title')}</h1>
      <section className="card" aria-live="polite">
        <button
          type="button"
          className="button primary"
          disabled={verify.busy}
          onClick={() => void verify.run(async () => setVerdict(await post<AuditVerdict>('/api/admin/audit/verify')))}
        >
          {verify.busy ? t('audit.verifying') : t('audit.verify')}
        </button>
        <FormError error={verify.error} />
        {verdict?.ok && (
          <p className="alert alert-ok" role="status">
            {t('audit.intact', { count: verdict.rows })}
          </p>
        )}
        {verdict && !verdict.ok && verdict.brokenAt && (
          <div className="alert alert-error" role="alert">
            <p>
              {t('audit.broken', {
                id: verdict.brokenAt.id,
                at: when(verdict.brokenAt.at),
                action: verdict.brokenAt.action ?? '',
                reason: verdict.reason ? said(verdict.reason) : '',
              })}
            </p>
            <button type="button" className="button small" onClick={() => openEntry(verdict.brokenAt!.id)}>
              {t('audit.showBroken', { id: verdict.brokenAt.id })}
            </button>
          </div>
        )}
      </section>
      <form className="card admin-filters" role="search" aria-label={t('audit.filters')} onSubmit={apply}>
        <div className="field">
          <label htmlFor="audit-from">{t('audit.from')}</label>
          <input
            id="audit-from"
            type="date"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t('audit.to')}</label>
          <input
            id="audit-to"
            type="date"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="audit-actor">{t('audit.actor')}</label>
          <input id="audit-actor" value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="audit-learner">{t('audit.learner')}</label>
          <input
            id="audit-learner"
            value={draft.learner}
            onChange={(e) => setDraft({ ...draft, learner: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="audit-action">{t('audit.action')}</label>
          <select
            id="audit-action"
            value={draft.action}
            onChange={(e) => setDraft({ ...draft, action: e.target.value })}
          >
            <option value="">{t('audit.allActions')}</option>
            {data?.actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-sp">{t('audit.servicePoint')}</label>
          <select
            id="audit-sp"
            value={draft.servicePointId}
            onChange={(e) => setDraft({ ...draft, servicePointId: e.target.value })}
          >
            <option value="">{t('audit.allServicePoints')}</option>
            {servicePoints.map((sp) => (
              <option key={sp.id} value={sp.id}>
                {sp.name}
              </option>
            ))}
          </select>
        </div>
        <p>
          <button type="submit" className="button">
            {t('apply')}
          </button>{' '}
          <button
            type="button"
            className="button"
            onClick={() => {
              setDraft(Object.fromEntries(FILTERS.map((f) => [f, ''])) as Filters);
              setTrail([]);
              setParams({});
            }}
          >
            {t('audit.reset')}
          </button>
        </p>
      </form>
      <FormError error={list.formError ?? list.error} />
      <AdminTable
        rows={data?.entries}
        loading={!list.error}
        label={t('audit.caption')}
        caption={t('audit.caption')}
        empty={<p className="card">{t('audit.none')}</p>}
        rowKey={(e) => String(e.id)}
        columns={[
          { label: t('audit.columns.date'), className: 'nowrap', cell: (e) => when(e.at) },
          { label: t('audit.columns.action'), className: 'mono', cell: (e) => e.action },
          {
            label: t('audit.columns.actor'),
            cell: (e) => (e.actor ? person(e.actor) : <span className="muted">{t('audit.system')}</span>),
          },
          { label: t('audit.columns.learner'), cell: (e) => person(e.learner) },
          { label: t('audit.columns.servicePoint'), cell: (e) => e.servicePoint?.name ?? '' },
          {
            label: t('audit.columns.open'),
            cell: (e) => (
              <button
                type="button"
                className="button small"
                aria-label={t('audit.openLabel', { id: e.id })}
                onClick={() => openEntry(e.id)}
              >
                {t('audit.open')}
              </button>
            ),
          },
        ]}
      />
      <Pager>
        {before && (
          <button
            type="button"
            className="button"
            onClick={() => {
              const prev = trail[trail.length - 1] ?? null;
              setTrail(trail.slice(0, -1));
              goBefore(prev);
            }}
          >
            {t('audit.newer')}
          </button>
        )}
        {data?.nextBefore && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setTrail([...trail, before]);
              goBefore(String(data.nextBefore));
            }}
          >
            {t('audit.older')}
          </button>
        )}
      </Pager>
      <EntryDialog entry={open} onClose={() => setOpen(null)} when={when} />
    </div>
  );
}

function EntryDialog({
  entry,
  onClose,
  when,
}: {
  entry: AuditEntryDetail | null;
  onClose: () => void;
  when: (iso: string) => string;
}) {
  const { t } = useTranslation('adminCatalog');
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (entry && !d.open) d.showModal();
    if (!entry && d.open) d.close();
  }, [entry]);
  return (
    <dialog ref={ref} aria-labelledby="audit-entry-title" onCancel={(e) => (e.preventDefault(), onClose())}>
      {entry && (
        <>
          <h2 id="audit-entry-title">{t('audit.entry', { id: entry.id })}</h2>
          <dl className="audit-entry">
            <dt>{t('audit.columns.date')}</dt>
            <dd>{when(entry.at)}</dd>
            <dt>{t('audit.columns.action')}</dt>
            <dd className="mono">{entry.action}</dd>
            <dt>{t('audit.columns.actor')}</dt>
            <dd>{entry.actor ? `${entry.actor.name} (${entry.actor.userCode})` : t('audit.system')}</dd>
            <dt>{t('audit.columns.learner')}</dt>
            <dd>{entry.learner ? `${entry.learner.name} (${entry.learner.userCode})` : '—'}</dd>
            <dt>{t('audit.columns.servicePoint')}</dt>
            <dd>{entry.servicePoint?.name ?? '—'}</dd>
            <dt>{t('audit.ip')}</dt>
            <dd>{entry.ip ?? '—'}</dd>
            <dt>{t('audit.payload')}</dt>
            <dd>
              <pre className="audit-payload" tabIndex={0}>
                {JSON.stringify(entry.payload, null, 2)}
              </pre>
            </dd>
            <dt>{t('audit.prevHash')}</dt>
            <dd className="mono hash">{entry.prevHash}</dd>
            <dt>{t('audit.hash')}</dt>
            <dd className="mono hash">{entry.hash}</dd>
          </dl>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onClose}>
              {t('audit.close')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
