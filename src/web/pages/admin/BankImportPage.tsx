import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BankImportReply } from '../../../shared/api/exams-admin';
import { post } from '../../api/client';
import { Field, FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { ImportPage, ImportProblems, PackageFileField, usePackageImport } from './PackageImport';

/**
 * `/administration/examens/banque`, « Importer dans la banque de questions »: a QTI package of items into a
 * training's bank, read by `vigie bank import`'s reader. Refused: every problem, with its file and line.
 */
export function BankImportPage() {
  const { t } = useTranslation('adminExams');
  const fileId = useId();
  const [training, setTraining] = useState('');
  const upload = usePackageImport();
  const [done, setDone] = useState<BankImportReply | null>(null);
  const { run, busy, error, fieldError } = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const file = upload.sendable();
    if (!file) return;
    setDone(null);
    void run(async () =>
      setDone(
        await upload.send(file, (body) =>
          post<BankImportReply>('/api/admin/exams/bank-import', { training: training.trim(), ...body }),
        ),
      ),
    );
  };

  return (
    <ImportPage title={t('bank.title')} hint={t('bank.hint')} hintId={`${fileId}-hint`}>
      <form className="admin-form card" onSubmit={submit} noValidate>
        <Field
          label={t('bank.training')}
          required
          autoComplete="off"
          value={training}
          error={fieldError('training')}
          onChange={(e) => setTraining(e.target.value)}
        />
        <PackageFileField id={fileId} label={t('bank.file')} accept=".zip,application/zip" upload={upload} />
        <button type="submit" className="button primary" disabled={!upload.file || !training.trim() || busy}>
          {busy ? t('bank.submitting') : t('bank.submit')}
        </button>
      </form>
      {done && (
        <p className="alert alert-ok" role="status">
          {t('bank.done', { code: done.trainingCode, ...done })}
        </p>
      )}
      {upload.refusal ? (
        <ImportProblems refusal={upload.refusal} />
      ) : (
        <FormError error={fieldError('training') ? null : error} />
      )}
    </ImportPage>
  );
}
