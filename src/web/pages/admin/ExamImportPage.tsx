import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ExamImportReply, ImportRefusalDetails } from '../../../shared/api/exams-admin';
import { ApiError, post } from '../../api/client';
import { Field, FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { base64Of } from './file-base64';

/** The server's limit (catalog.admin.schemas' MAX_EXAM_BYTES): a bigger file is not sent. */
const MAX_EXAM_BYTES = 8 * 1024 * 1024;

type Setting = NonNullable<ImportRefusalDetails['needs']>[number];

/**
 * `/administration/examens/importer`, « Importer un examen »: the own format (YAML, JSON) or a QTI 3.0 / 2.1
 * package, read by the command line's reader. Refused: every problem, with its file and line, and the settings a
 * package lacks asked for here. Accepted: a draft, opened on its version page (preview, « Publier »).
 */
export function ExamImportPage() {
  const { t } = useTranslation('adminExams');
  const navigate = useNavigate();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [refusal, setRefusal] = useState<ImportRefusalDetails | null>(null);
  const [settings, setSettings] = useState<Record<Setting, string>>({ durationMinutes: '', passingMark: '' });
  const { run, busy, error, fieldError } = useAction();
  const [tooBig, setTooBig] = useState(false);
  // A refusal that asks for settings: focus goes to the first one (the fields appear above « Importer »).
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (refusal?.needs?.length) formRef.current?.querySelector<HTMLInputElement>('input[type="number"]')?.focus();
  }, [refusal]);
  const needs = refusal?.needs ?? [];
  // A setting refused on its own (out of range) is said under its field; the file's problems in the list below.
  const settingError = (k: Setting) => (refusal ? null : fieldError(k));
  const elsewhere = refusal || settingError('durationMinutes') || settingError('passingMark') ? null : error;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setTooBig(file.size > MAX_EXAM_BYTES);
    // Never read a file the server refuses anyway (a zip of hundreds of MB in base64 would fill the tab's memory).
    if (file.size > MAX_EXAM_BYTES) return;
    void run(async () => {
      const given = Object.fromEntries(
        (Object.keys(settings) as Setting[])
          .filter((k) => settings[k].trim() !== '')
          .map((k) => [k, Number(settings[k].replace(',', '.'))]),
      );
      try {
        const r = await post<ExamImportReply>('/api/admin/exams/import', {
          fileName: file.name,
          content: await base64Of(file),
          ...given,
        });
        void navigate(`/administration/examens/versions/${r.versionId}`, { state: { imported: r } });
      } catch (err) {
        // The problems and what the package lacks travel in the refusal's details; the message above says it too.
        setRefusal(
          err instanceof ApiError && err.code === 'import_invalid' ? (err.details as ImportRefusalDetails) : null,
        );
        throw err;
      }
    });
  };

  return (
    <div className="exam-import">
      <p className="breadcrumb">
        <Link to="/administration/examens">← {t('backToExams')}</Link>
      </p>
      <h1>{t('import.title')}</h1>
      <p className="hint" id={`${fileId}-hint`}>
        {t('import.hint')}
      </p>
      <form className="admin-form card" onSubmit={submit} noValidate ref={formRef}>
        <div className="field">
          <label htmlFor={fileId}>{t('import.file')}</label>
          <input
            id={fileId}
            type="file"
            accept=".yaml,.yml,.json,.zip,application/zip,application/json"
            aria-describedby={tooBig ? `${fileId}-hint ${fileId}-error` : `${fileId}-hint`}
            aria-invalid={tooBig || undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setTooBig(false);
              setRefusal(null);
              setSettings({ durationMinutes: '', passingMark: '' });
            }}
          />
          {tooBig && (
            <p className="field-error" id={`${fileId}-error`} role="alert">
              {t('import.tooBig', { max: MAX_EXAM_BYTES / (1024 * 1024) })}
            </p>
          )}
        </div>
        {needs.length > 0 && <p className="alert alert-warn">{t('import.needs')}</p>}
        {(['durationMinutes', 'passingMark'] as const)
          .filter((k) => needs.includes(k) || settings[k] !== '')
          .map((k) => (
            <Field
              key={k}
              label={t(k === 'durationMinutes' ? 'import.duration' : 'import.passingMark')}
              type="number"
              inputMode="decimal"
              min={1}
              max={k === 'durationMinutes' ? 600 : 100}
              required
              value={settings[k]}
              error={settingError(k)}
              onChange={(e) => setSettings((s) => ({ ...s, [k]: e.target.value }))}
            />
          ))}
        <button type="submit" className="button primary" disabled={!file || busy}>
          {busy ? t('import.submitting') : t('import.submit')}
        </button>
      </form>
      {refusal ? (
        <div className="alert alert-error" role="alert">
          <p>{t('import.problems', { count: refusal.problems.length })}</p>
          <ul className="exam-problems">
            {refusal.problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        </div>
      ) : (
        <FormError error={elsewhere} />
      )}
    </div>
  );
}
