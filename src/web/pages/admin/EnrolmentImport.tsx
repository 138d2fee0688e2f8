import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportLine, ImportPreview, ImportResult } from '../../../shared/catalog-admin';
import { post } from '../../api/client';
import { FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { fileBody } from './file-base64';

const csvCell = (s: string) => (/[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** « Importer un fichier CSV »: « Aperçu » shows each line's outcome, writing nothing; « Importer » then writes. */
export function EnrolmentImport({ onImported }: { onImported: () => void }) {
  const { t, i18n } = useTranslation('adminCatalog');
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const { run, busy, formError } = useAction();
  const said = (r: { fr: string; en: string }) => (i18n.language.startsWith('en') ? r.en : r.fr);

  const doPreview = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setResult(null);
    setPreview(null);
    void run(async () =>
      setPreview(await post<ImportPreview>('/api/admin/enrolments/import/preview', await fileBody(file))),
    );
  };
  const doImport = () => {
    if (!file) return;
    void run(async () => {
      const r = await post<ImportResult>('/api/admin/enrolments/import', await fileBody(file));
      setResult(r);
      setPreview(null);
      onImported();
    });
  };
  const downloadReport = (lines: ImportLine[]) => {
    const rows = [
      t('enrolments.import.reportHeader'),
      ...lines.map((l) => [String(l.line), l.cells.join(' | '), l.reasons.map(said).join(' ')].map(csvCell).join(';')),
    ];
    const url = URL.createObjectURL(new Blob(['\uFEFF' + rows.join('\r\n')], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `lignes-refusees-${file?.name ?? 'inscriptions.csv'}`;
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <section className="card enrolment-import" aria-labelledby={`${fileId}-title`}>
      <h2 id={`${fileId}-title`}>{t('enrolments.import.title')}</h2>
      <p className="hint" id={`${fileId}-hint`}>
        {t('enrolments.import.hint')}
      </p>
      <form className="inline-form" onSubmit={doPreview}>
        <label htmlFor={fileId}>{t('enrolments.import.file')}</label>
        <input
          id={fileId}
          type="file"
          accept=".csv,text/csv"
          aria-describedby={`${fileId}-hint`}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setPreview(null);
            setResult(null);
          }}
        />
        <button type="submit" className="button" disabled={!file || busy}>
          {t('enrolments.import.preview')}
        </button>
      </form>
      <FormError error={formError} />
      {preview && (
        <>
          <p role="status">
            {t('enrolments.import.summary', { file: file?.name, accepted: preview.accepted, refused: preview.refused })}
          </p>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('enrolments.import.caption')}>
            <table>
              <caption className="visually-hidden">{t('enrolments.import.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('enrolments.import.line')}</th>
                  <th scope="col">{t('enrolments.import.content')}</th>
                  <th scope="col">{t('enrolments.import.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.lines.map((l) => (
                  <tr key={l.line}>
                    <td>{l.line}</td>
                    <td className="mono">{l.cells.join(' ; ')}</td>
                    <td>
                      {l.enrolment ? (
                        <span className="badge badge-ok">
                          {t('enrolments.import.willEnrol', {
                            name: l.enrolment.learner.name,
                            code: l.enrolment.learner.userCode,
                            training: l.enrolment.trainingCode,
                            servicePoint: l.enrolment.servicePoint,
                          })}
                        </span>
                      ) : (
                        <span className="import-refused">
                          {t('enrolments.import.refused', { reason: l.reasons.map(said).join(' ') })}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <button
              type="button"
              className="button primary"
              disabled={busy || preview.accepted === 0}
              onClick={doImport}
            >
              {t('enrolments.import.submit')}
            </button>{' '}
            {preview.accepted === 0 && <span className="hint">{t('enrolments.import.nothing')}</span>}
          </p>
        </>
      )}
      {result && (
        <div className="alert alert-ok" role="status">
          <p>
            {t('enrolments.import.imported', { count: result.enrolled })}{' '}
            {result.refused.length > 0 && t('enrolments.import.refusedCount', { count: result.refused.length })}
          </p>
          {result.refused.length > 0 && (
            <button type="button" className="button" onClick={() => downloadReport(result.refused)}>
              {t('enrolments.import.report')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
