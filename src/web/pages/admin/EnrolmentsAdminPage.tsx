import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../i18n/localized';
import { Link } from 'react-router';
import type { EnrolmentOptions, EnrolmentRow, LearnerHit } from '../../../shared/catalog-admin';
import { del, get, post } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { AdminTable } from './list/AdminTable';
import { Pager } from './list/Pager';
import { SearchForm } from './list/SearchForm';
import { useListQuery } from './list/useListQuery';
import { EnrolmentImport } from './EnrolmentImport';

const SORTS = ['created', 'learner', 'training'] as const;

/** `/administration/inscriptions`: enrolments (filtered, sortable, paged), enrol one learner, unenrol, CSV import. */
export function EnrolmentsAdminPage() {
  const { t, i18n } = useTranslation('adminCatalog');
  const list = useListQuery(SORTS, 'created', 'desc');
  const { params, q, sort, dir, page, change: set } = list;
  const trainingId = params.get('formation') ?? '';
  const servicePointId = params.get('point') ?? '';
  const [data, setData] = useState<{ enrolments: EnrolmentRow[]; hasMore: boolean } | null>(null);
  const [options, setOptions] = useState<EnrolmentOptions | null>(null);
  const trainings = options?.trainings ?? [];
  const [notice, setNotice] = useState<string | null>(null);
  const [removing, setRemoving] = useState<EnrolmentRow | null>(null);
  const loading = useAction();
  const remove = useAction();

  const load = useCallback(() => {
    const query = new URLSearchParams({ q, sort, dir, page: String(page) });
    if (trainingId) query.set('trainingId', trainingId);
    if (servicePointId) query.set('servicePointId', servicePointId);
    get<{ enrolments: EnrolmentRow[]; hasMore: boolean }>(`/api/admin/enrolments?${query}`).then(setData, loading.fail);
  }, [q, sort, dir, page, trainingId, servicePointId, loading.fail]);
  useEffect(load, [load]);
  useEffect(() => {
    // The caller's service points (a manager's own) and the trainings offered there.
    get<EnrolmentOptions>('/api/admin/enrolments/options').then(setOptions, loading.fail);
  }, [loading.fail]);

  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language.startsWith('en') ? 'en-CA' : 'fr-CA');

  return (
    <div>
      <p className="breadcrumb">
        <Link to="/administration">← {t('back')}</Link>
      </p>
      <h1>{t('enrolments.title')}</h1>
      {notice && (
        <p className="alert alert-ok" role="status">
          {notice}
        </p>
      )}
      <EnrolOne
        trainings={trainings}
        options={options}
        onEnrolled={(message) => {
          setNotice(message);
          load();
        }}
      />
      <EnrolmentImport onImported={load} />
      <h2>{t('enrolments.title')}</h2>
      <SearchForm
        id="enrolments-search"
        className="toolbar admin-filters"
        q={q}
        onApply={(v) => set({ q: v })}
        label={t('enrolments.searchLabel')}
        visibleLabel
      >
        <div className="field">
          <label htmlFor="enrolments-training">{t('enrolments.trainingFilter')}</label>
          <select
            id="enrolments-training"
            value={trainingId}
            onChange={(e) => set({ formation: e.target.value || null })}
          >
            <option value="">{t('enrolments.allTrainings')}</option>
            {trainings.map((tr) => (
              <option key={tr.id} value={tr.id}>
                {tr.code} — {localized(tr.title, i18n.language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="enrolments-sp">{t('enrolments.servicePointFilter')}</label>
          <select id="enrolments-sp" value={servicePointId} onChange={(e) => set({ point: e.target.value || null })}>
            <option value="">{t('enrolments.allServicePoints')}</option>
            {options?.servicePoints.map((sp) => (
              <option key={sp.id} value={sp.id}>
                {sp.name}
              </option>
            ))}
          </select>
        </div>
      </SearchForm>
      <FormError error={loading.error ?? remove.error} />
      <AdminTable
        rows={data?.enrolments}
        loading={!loading.error}
        label={t('enrolments.title')}
        empty={<p className="card">{t('enrolments.none')}</p>}
        rowKey={(e) => e.id}
        sorting={{ sort, dir, onSort: (column, d) => set({ tri: column, ordre: d }) }}
        columns={[
          {
            label: t('enrolments.columns.learner'),
            sort: 'learner',
            cell: (e) => (
              <>
                {e.learner.name}
                <br />
                <span className="muted small">
                  {e.learner.email} · <span className="nowrap">{e.learner.userCode}</span>
                </span>
              </>
            ),
          },
          {
            label: t('enrolments.columns.training'),
            sort: 'training',
            cell: (e) => (
              <>
                {localized(e.training.title, i18n.language)}
                <br />
                <span className="muted small">{e.training.code}</span>
              </>
            ),
          },
          { label: t('enrolments.columns.servicePoint'), cell: (e) => e.servicePoint.name },
          {
            label: t('enrolments.columns.status'),
            cell: (e) => <span className="badge badge-info">{t(`status.${e.status}`)}</span>,
          },
          { label: t('enrolments.columns.date'), sort: 'created', className: 'nowrap', cell: (e) => date(e.createdAt) },
          {
            label: t('enrolments.columns.actions'),
            cell: (e) =>
              e.status === 'in_training' && (
                <button
                  type="button"
                  className="button small danger-outline"
                  aria-label={t('enrolments.unenrolLabel', { name: e.learner.name, training: e.training.code })}
                  onClick={() => setRemoving(e)}
                >
                  {t('enrolments.unenrol')}
                </button>
              ),
          },
        ]}
      />
      {data && <Pager page={page} hasMore={data.hasMore} href={list.pageHref} />}
      <ConfirmDialog
        open={!!removing}
        title={
          removing
            ? t('enrolments.unenrolTitle', { name: removing.learner.name, training: removing.training.code })
            : ''
        }
        confirmLabel={t('enrolments.unenrol')}
        cancelLabel={t('cancel')}
        danger
        busy={remove.busy}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          const r = removing!;
          void remove
            .run(() => del(`/api/admin/enrolments/${r.id}`))
            .then((ok) => {
              setRemoving(null);
              if (ok) {
                setNotice(t('enrolments.unenrolled'));
                load();
              }
            });
        }}
      >
        <p>{t('enrolments.unenrolText')}</p>
      </ConfirmDialog>
    </div>
  );
}

function EnrolOne({
  trainings,
  options,
  onEnrolled,
}: {
  trainings: EnrolmentOptions['trainings'];
  options: EnrolmentOptions | null;
  onEnrolled: (message: string) => void;
}) {
  const { t, i18n } = useTranslation('adminCatalog');
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<LearnerHit[] | null>(null);
  const [learner, setLearner] = useState<LearnerHit | null>(null);
  const [trainingId, setTrainingId] = useState('');
  const [servicePointId, setServicePointId] = useState('');
  const find = useAction();
  const enrol = useAction();
  const training = trainings.find((tr) => tr.id === trainingId);
  // Only the service points offering the chosen training (« Formations »).
  const places = training ? training.servicePoints : (options?.servicePoints ?? []);

  const search = (e: FormEvent) => {
    e.preventDefault();
    if (!query.trim()) return;
    void find.run(async () => {
      const r = await get<{ learners: LearnerHit[] }>(
        `/api/admin/enrolments/learners?q=${encodeURIComponent(query.trim())}`,
      );
      setHits(r.learners);
    });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!learner) return;
    void enrol
      .run(() => post('/api/admin/enrolments', { learnerId: learner.id, trainingId, servicePointId }))
      .then((ok) => {
        if (!ok) return;
        onEnrolled(t('enrolments.one.done', { name: learner.name, training: training?.code ?? '' }));
        setLearner(null);
        setHits(null);
        setQuery('');
      });
  };

  return (
    <section className="card" aria-labelledby="enrol-one-title">
      <h2 id="enrol-one-title">{t('enrolments.one.title')}</h2>
      <form className="inline-form" role="search" onSubmit={search}>
        <label htmlFor="enrol-find">{t('enrolments.one.find')}</label>
        <input id="enrol-find" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit" className="button" disabled={find.busy}>
          {t('enrolments.one.findButton')}
        </button>
      </form>
      <FormError error={find.error} />
      {hits && !learner && (
        <>
          {hits.length === 0 && <p>{t('enrolments.one.noResult')}</p>}
          {hits.length > 0 && (
            <ul className="plain-list" aria-label={t('enrolments.one.results')}>
              {hits.map((h) => (
                <li key={h.id}>
                  {h.name} · {h.email} · <span className="nowrap">{h.userCode}</span>{' '}
                  <button
                    type="button"
                    className="button small"
                    aria-label={t('enrolments.one.chooseLabel', { name: h.name })}
                    onClick={() => setLearner(h)}
                  >
                    {t('enrolments.one.choose')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {learner && (
        <form onSubmit={submit}>
          <p>{t('enrolments.one.chosen', { name: learner.name, code: learner.userCode })}</p>
          <div className="field">
            <label htmlFor="enrol-training">{t('enrolments.one.training')}</label>
            <select
              id="enrol-training"
              value={trainingId}
              onChange={(e) => {
                setTrainingId(e.target.value);
                setServicePointId('');
              }}
              required
            >
              <option value="">{t('enrolments.one.choosePlaceholder')}</option>
              {trainings.map((tr) => (
                <option key={tr.id} value={tr.id}>
                  {tr.code} — {localized(tr.title, i18n.language)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="enrol-sp">{t('enrolments.one.servicePoint')}</label>
            <select id="enrol-sp" value={servicePointId} onChange={(e) => setServicePointId(e.target.value)} required>
              <option value="">{t('enrolments.one.choosePlaceholder')}</option>
              {places.map((sp) => (
                <option key={sp.id} value={sp.id}>
                  {sp.name}
                </option>
              ))}
            </select>
          </div>
          <FormError error={enrol.error} />
          <p>
            <button type="submit" className="button primary" disabled={enrol.busy || !trainingId || !servicePointId}>
              {t('enrolments.one.submit')}
            </button>{' '}
            <button type="button" className="button" onClick={() => setLearner(null)}>
              {t('cancel')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
