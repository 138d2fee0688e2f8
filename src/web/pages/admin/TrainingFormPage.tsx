import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { CatalogOptions, TrainingDetail } from '../../../shared/catalog-admin';
import { get, post, put } from '../../api/client';
import { Field, FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { localized } from '../../i18n/localized';

interface Draft {
  code: string;
  titleFr: string;
  titleEn: string;
  descriptionFr: string;
  descriptionEn: string;
  examId: string;
  validityMonths: string;
  maxAttempts: string;
  retakeWaitDays: string;
  counterEnrolment: boolean;
  servicePointIds: string[];
}

const EMPTY: Draft = {
  code: '',
  titleFr: '',
  titleEn: '',
  descriptionFr: '',
  descriptionEn: '',
  examId: '',
  validityMonths: '',
  maxAttempts: '3',
  retakeWaitDays: '0',
  counterEnrolment: false,
  servicePointIds: [],
};

const fromDetail = (d: TrainingDetail): Draft => ({
  code: d.code,
  titleFr: d.title.fr,
  titleEn: d.title.en ?? '',
  descriptionFr: d.description.fr,
  descriptionEn: d.description.en ?? '',
  examId: d.examId ?? '',
  validityMonths: d.validityMonths ? String(d.validityMonths) : '',
  maxAttempts: String(d.maxAttempts),
  retakeWaitDays: String(d.retakeWaitDays),
  counterEnrolment: d.counterEnrolment,
  servicePointIds: d.servicePoints.map((s) => s.id),
});

/** A whole number as typed, or the text itself so the server names the field it cannot read. */
const whole = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : s);

/** `/administration/formations/nouvelle` and `/administration/formations/:id`: one training's form. */
export function TrainingFormPage() {
  const { t, i18n } = useTranslation('adminCatalog');
  const { trainingId } = useParams();
  const navigate = useNavigate();
  const editing = !!trainingId;
  const [draft, setDraft] = useState<Draft | null>(editing ? null : EMPTY);
  const [options, setOptions] = useState<CatalogOptions | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { run, busy, formError, fieldError, fail } = useAction();

  useEffect(() => {
    get<CatalogOptions>('/api/admin/catalog/options').then(setOptions, fail);
    if (trainingId)
      get<TrainingDetail>(`/api/admin/trainings/${trainingId}`).then((d) => setDraft(fromDetail(d)), fail);
  }, [trainingId, fail]);

  if (!draft || !options)
    return (
      <div>
        <FormError error={formError} />
        <p aria-busy="true">…</p>
      </div>
    );
  const change = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft({ ...draft, [k]: v });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const body = {
      title: { fr: draft.titleFr, ...(draft.titleEn.trim() ? { en: draft.titleEn } : {}) },
      description: { fr: draft.descriptionFr, ...(draft.descriptionEn.trim() ? { en: draft.descriptionEn } : {}) },
      examId: draft.examId || null,
      validityMonths: draft.validityMonths.trim() ? whole(draft.validityMonths) : null,
      maxAttempts: whole(draft.maxAttempts),
      retakeWaitDays: whole(draft.retakeWaitDays),
      counterEnrolment: draft.counterEnrolment,
      servicePointIds: draft.servicePointIds,
    };
    void run(async () => {
      if (editing) {
        const d = await put<TrainingDetail>(`/api/admin/trainings/${trainingId}`, body);
        setDraft(fromDetail(d));
        setNotice(t('trainings.form.saved', { code: d.code }));
      } else {
        const d = await post<TrainingDetail>('/api/admin/trainings', { code: draft.code.trim(), ...body });
        await navigate(`/administration/formations/${d.id}`, { replace: true });
        setNotice(t('trainings.form.created', { code: d.code }));
      }
    });
  };
  const err = (...fields: string[]) => fields.map(fieldError).find(Boolean) ?? null;

  return (
    <div>
      <p className="breadcrumb">
        <Link to="/administration/formations">← {t('trainings.title')}</Link>
      </p>
      <h1>{editing ? t('trainings.form.editTitle', { code: draft.code }) : t('trainings.form.createTitle')}</h1>
      {notice && (
        <p className="alert alert-ok" role="status">
          {notice}
        </p>
      )}
      <FormError error={formError} />
      <form className="card admin-form" onSubmit={submit} noValidate>
        {!editing && (
          <Field
            label={t('trainings.form.code')}
            hint={t('trainings.form.codeHint')}
            value={draft.code}
            onChange={(e) => change('code', e.target.value)}
            error={err('code')}
            required
            autoComplete="off"
          />
        )}
        <Field
          label={t('trainings.form.titleFr')}
          value={draft.titleFr}
          onChange={(e) => change('titleFr', e.target.value)}
          error={err('title.fr', 'title')}
          required
        />
        <Field
          label={t('trainings.form.titleEn')}
          value={draft.titleEn}
          onChange={(e) => change('titleEn', e.target.value)}
          error={err('title.en')}
          lang="en"
        />
        <TextArea
          label={t('trainings.form.descriptionFr')}
          value={draft.descriptionFr}
          onChange={(v) => change('descriptionFr', v)}
          error={err('description.fr', 'description')}
        />
        <TextArea
          label={t('trainings.form.descriptionEn')}
          value={draft.descriptionEn}
          onChange={(v) => change('descriptionEn', v)}
          error={err('description.en')}
        />
        <div className="field">
          <label htmlFor="training-exam">{t('trainings.form.exam')}</label>
          <select id="training-exam" value={draft.examId} onChange={(e) => change('examId', e.target.value)}>
            <option value="">{t('trainings.form.noExam')}</option>
            {options.exams.map((x) => (
              <option key={x.id} value={x.id}>
                {x.code}
                {x.title ? ` — ${localized(x.title, i18n.language)}` : ''}
              </option>
            ))}
          </select>
          {err('examId') && (
            <p className="field-error" role="alert">
              {err('examId')}
            </p>
          )}
        </div>
        <Field
          label={t('trainings.form.validity')}
          hint={t('trainings.form.validityHint')}
          inputMode="numeric"
          value={draft.validityMonths}
          onChange={(e) => change('validityMonths', e.target.value)}
          error={err('validityMonths')}
        />
        <fieldset className="field">
          <legend>{t('trainings.form.retakes')}</legend>
          <p className="hint">{t('trainings.form.retakesHint')}</p>
          <Field
            label={t('trainings.form.maxAttempts')}
            inputMode="numeric"
            value={draft.maxAttempts}
            onChange={(e) => change('maxAttempts', e.target.value)}
            error={err('maxAttempts')}
          />
          <Field
            label={t('trainings.form.waitDays')}
            inputMode="numeric"
            value={draft.retakeWaitDays}
            onChange={(e) => change('retakeWaitDays', e.target.value)}
            error={err('retakeWaitDays')}
          />
        </fieldset>
        <fieldset className="field">
          <legend>{t('trainings.form.servicePoints')}</legend>
          {options.servicePoints.map((sp) => (
            <label key={sp.id} className="checkbox">
              <input
                type="checkbox"
                checked={draft.servicePointIds.includes(sp.id)}
                onChange={(e) =>
                  change(
                    'servicePointIds',
                    e.target.checked
                      ? [...draft.servicePointIds, sp.id]
                      : draft.servicePointIds.filter((s) => s !== sp.id),
                  )
                }
              />{' '}
              {sp.name}
            </label>
          ))}
          {err('servicePointIds') && (
            <p className="field-error" role="alert">
              {err('servicePointIds')}
            </p>
          )}
        </fieldset>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.counterEnrolment}
            onChange={(e) => change('counterEnrolment', e.target.checked)}
          />{' '}
          {t('trainings.form.counter')}
        </label>
        <p>
          <button type="submit" className="button primary" disabled={busy}>
            {editing ? t('trainings.form.save') : t('trainings.form.create')}
          </button>
        </p>
      </form>
    </div>
  );
}

function TextArea({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error: string | null;
}) {
  const id = `ta-${label.replace(/\W+/g, '-')}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
      />
      {error && (
        <p className="field-error" id={`${id}-err`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
