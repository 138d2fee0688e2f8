import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BankImportReply, ImportRefusalDetails } from '../../../shared/api/exams-admin';
import { ApiError, post } from '../../api/client';
import { Field, FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { base64Of } from './file-base64';

/** The server's limit (catalog.admin.schemas' MAX_EXAM_BYTES): a bigger file is not sent. */
const MAX_BYTES = 8 * 1024 * 1024;

/**
 * `/administration/examens/banque`, « Importer dans la banque de questions »: a QTI package of items into a
 * training's bank, read by `vigie bank import`'s reader. Refused: every problem, with its file and line.
 */
export function BankImportPage() {
  const { t } = useTranslation('adminExams');
  const fileId = useId();
  const [training, setTraining] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [tooBig, setTooBig] = useState(false);
  const [refusal, setRefusal] = useState<ImportRefusalDetails | null>(null);
  const [done, setDone] = useState<BankImportReply | null>(null);
  const { run, busy, error, fieldError } = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setTooBig(file.size > MAX_BYTES);
    if (file.size > MAX_BYTES) return;
    setDone(null);
    void run(async () => {
      try {
        setDone(
          await post<BankImportReply>('/api/admin/exams/bank-import', {
            training: training.trim(),
            fileName: file.name,
            content: await base64Of(file),
          }),
        );
        setRefusal(null);
      } catch (err) {
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
        <div className="field">
          <label htmlFor={fileId}>{t('bank.file')}</label>
          <input
            id={fileId}
            type="file"
            accept=".zip,application/zip"
            aria-describedby={tooBig ? `${fileId}-hint ${fileId}-error` : `${fileId}-hint`}
            aria-invalid={tooBig || undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setTooBig(false);
              setRefusal(null);
            }}
          />
          {tooBig && (
            <p className="field-error" id={`${fileId}-error`} role="alert">
              {t('import.tooBig', { max: MAX_BYTES / (1024 * 1024) })}
            </p>
          )}
        </div>
        <button type="submit" className="button primary" disabled={!file || !training.trim() || busy}>
          {busy ? t('bank.submitting') : t('bank.submit')}
        </button>
      </form>
      {done && (
        <p className="alert alert-ok" role="status">
          {t('bank.done', { code: done.trainingCode, ...done })}
        </p>
      )}
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
        <FormError error={fieldError('training') ? null : error} />
      )}
    </div>
  );
}
