import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportRefusalDetails } from '../../../shared/api/exams-admin';
import { ApiError } from '../../api/client';
import { fileBody } from './file-base64';

/** The server's limit (catalog.admin.schemas' MAX_EXAM_BYTES): a bigger file is not sent. */
const MAX_BYTES = 8 * 1024 * 1024;

/**
 * The file chosen in « Importer un examen » or « Importer dans la banque de questions », and the server's last
 * refusal of it. `sendable()` gives the file only if the server may take it: one over the limit is said under
 * the field and never read (a zip of hundreds of MB in base64 would fill the tab's memory). `send` posts it and
 * keeps a refusal's problems (and the settings a package lacks) for the page to list; a new file clears them.
 */
export function usePackageImport() {
  const [file, setFile] = useState<File | null>(null);
  const [tooBig, setTooBig] = useState(false);
  const [refusal, setRefusal] = useState<ImportRefusalDetails | null>(null);
  const choose = (f: File | null) => {
    setFile(f);
    setTooBig(false);
    setRefusal(null);
  };
  const sendable = () => {
    const over = !!file && file.size > MAX_BYTES;
    setTooBig(over);
    return over ? null : file;
  };
  const send = async <T,>(chosen: File, post: (body: Awaited<ReturnType<typeof fileBody>>) => Promise<T>) => {
    try {
      const reply = await post(await fileBody(chosen));
      setRefusal(null);
      return reply;
    } catch (err) {
      setRefusal(
        err instanceof ApiError && err.code === 'import_invalid' ? (err.details as ImportRefusalDetails) : null,
      );
      throw err;
    }
  };
  return { file, tooBig, refusal, choose, sendable, send };
}

/** The page around the form: back to « Examens », the title, the hint the file field is described by. */
export function ImportPage({
  title,
  hint,
  hintId,
  children,
}: {
  title: string;
  hint: string;
  hintId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation('adminExams');
  return (
    <div className="exam-import">
      <p className="breadcrumb">
        <Link to="/administration/examens">← {t('backToExams')}</Link>
      </p>
      <h1>{title}</h1>
      <p className="hint" id={hintId}>
        {hint}
      </p>
      {children}
    </div>
  );
}

/** The file field: its label, the page's hint (`${id}-hint`) and, when it is too big, the limit under it. */
export function PackageFileField({
  id,
  label,
  accept,
  upload,
  onChoose,
}: {
  id: string;
  label: string;
  accept: string;
  upload: ReturnType<typeof usePackageImport>;
  /** What else a new file clears. */
  onChoose?: () => void;
}) {
  const { t } = useTranslation('adminExams');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept={accept}
        aria-describedby={upload.tooBig ? `${id}-hint ${id}-error` : `${id}-hint`}
        aria-invalid={upload.tooBig || undefined}
        onChange={(e) => {
          upload.choose(e.target.files?.[0] ?? null);
          onChoose?.();
        }}
      />
      {upload.tooBig && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {t('import.tooBig', { max: MAX_BYTES / (1024 * 1024) })}
        </p>
      )}
    </div>
  );
}

/** « Fichier refusé : N problèmes. » and each problem, with its file and line. */
export function ImportProblems({ refusal }: { refusal: ImportRefusalDetails }) {
  const { t } = useTranslation('adminExams');
  return (
    <div className="alert alert-error" role="alert">
      <p>{t('import.problems', { count: refusal.problems.length })}</p>
      <ul className="exam-problems">
        {refusal.problems.map((p, i) => (
          <li key={i}>{p.message}</li>
        ))}
      </ul>
    </div>
  );
}
