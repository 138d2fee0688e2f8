import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BankImportReply, ImportRefusalDetails } from '../../../shared/api/exams-admin';
import { post } from '../../api/client';
import { Field, FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { fileBody } from './file-base64';
import { ImportProblems, PackageFileField, refusalOf, usePackageFile } from './PackageUpload';

/**
 * `/administration/examens/banque`, « Importer dans la banque de questions »: a QTI package of items into a
 * training's bank, read by `vigie bank import`'s reader. Refused: every problem, with its file and line.
 */
export function BankImportPage() {
  const { t } = useTranslation('adminExams');
  const fileId = useId();
  const [training, setTraining] = useState('');
  const upload = usePackageFile();
  const [refusal, setRefusal] = useState<ImportRefusalDetails | null>(null);
  const [done, setDone] = useState<BankImportReply | null>(null);
  const { run, busy, error, fieldError } = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const file = upload.sendable();
    if (!file) return;
    setDone(null);
    void run(async () => {
      try {
        setDone(
          await post<BankImportReply>('/api/admin/exams/bank-import', {
            training: training.trim(),
            ...(await fileBody(file)),
          }),
        );
        setRefusal(null);
      } catch (err) {
        setRefusal(refusalOf(err));
        throw err;
      }
    });
  };

  return (
    <div className="exam-import">
      <p className="breadcrumb">
        <Link to="/administration/examens">← {t('backToExams')}</Link>
      </p>
      <h1>{t('bank.title')}</h1>
      <p className="hint" id={`${fileId}-hint`}>
        {t('bank.hint')}
      </p>
      <form className="admin-form card" onSubmit={submit} noValidate>
        <Field
          label={t('bank.training')}
          required
          autoComplete="off"
          value={training}
          error={fieldError('training')}
          onChange={(e) => setTraining(e.target.value)}
        />
        <PackageFileField
          id={fileId}
          label={t('bank.file')}
          accept=".zip,application/zip"
          upload={upload}
          onChoose={() => setRefusal(null)}
        />
        <button type="submit" className="button primary" disabled={!upload.file || !training.trim() || busy}>
          {busy ? t('bank.submitting') : t('bank.submit')}
        </button>
      </form>
      {done && (
        <p className="alert alert-ok" role="status">
          {t('bank.done', { code: done.trainingCode, ...done })}
        </p>
      )}
      {refusal ? <ImportProblems refusal={refusal} /> : <FormError error={fieldError('training') ? null : error} />}
    </div>
  );
}
