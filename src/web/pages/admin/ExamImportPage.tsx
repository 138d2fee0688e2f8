import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ExamImportReply, ImportRefusalDetails } from '../../../shared/api/exams-admin';
import { post } from '../../api/client';
import { Field, FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { ImportPage, ImportProblems, PackageFileField, usePackageImport } from './PackageImport';

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
  const upload = usePackageImport();
  const refusal = upload.refusal;
  const [settings, setSettings] = useState<Record<Setting, string>>({ durationMinutes: '', passingMark: '' });
  const { run, busy, error, fieldError } = useAction();
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
    const file = upload.sendable();
    if (!file) return;
    void run(async () => {
      const given = Object.fromEntries(
        (Object.keys(settings) as Setting[])
          .filter((k) => settings[k].trim() !== '')
          .map((k) => [k, Number(settings[k].replace(',', '.'))]),
      );
      // The problems and what the package lacks travel in the refusal's details; the message above says it too.
      const r = await upload.send(file, (body) =>
        post<ExamImportReply>('/api/admin/exams/import', { ...body, ...given }),
      );
      void navigate(`/administration/examens/versions/${r.versionId}`, { state: { imported: r } });
    });
  };

  return (
    <ImportPage title={t('import.title')} hint={t('import.hint')} hintId={`${fileId}-hint`}>
      <form className="admin-form card" onSubmit={submit} noValidate ref={formRef}>
        <PackageFileField
          id={fileId}
          label={t('import.file')}
          accept=".yaml,.yml,.json,.zip,application/zip,application/json"
          upload={upload}
          onChoose={() => setSettings({ durationMinutes: '', passingMark: '' })}
        />
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
        <button type="submit" className="button primary" disabled={!upload.file || busy}>
          {busy ? t('import.submitting') : t('import.submit')}
        </button>
      </form>
      {refusal ? <ImportProblems refusal={refusal} /> : <FormError error={elsewhere} />}
    </ImportPage>
  );
}
