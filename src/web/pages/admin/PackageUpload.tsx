import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportRefusalDetails } from '../../../shared/api/exams-admin';
import { ApiError } from '../../api/client';

/** The server's limit (catalog.admin.schemas' MAX_EXAM_BYTES): a bigger file is not sent. */
const MAX_BYTES = 8 * 1024 * 1024;

/**
 * The file chosen in « Importer un examen » or « Importer dans la banque de questions ». `sendable()` gives it
 * only if the server may take it: one over the limit is said under the field and never read (a zip of hundreds
 * of MB in base64 would fill the tab's memory).
 */
export function usePackageFile() {
  const [file, setFile] = useState<File | null>(null);
  const [tooBig, setTooBig] = useState(false);
  const choose = (f: File | null) => {
    setFile(f);
    setTooBig(false);
  };
  const sendable = () => {
    const over = !!file && file.size > MAX_BYTES;
    setTooBig(over);
    return over ? null : file;
  };
  return { file, tooBig, choose, sendable };
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
  upload: ReturnType<typeof usePackageFile>;
  /** What else a new file clears (the last refusal…). */
  onChoose: () => void;
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
          onChoose();
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

/** A refused file's problems (and what a package lacks) from the server's refusal; null for any other error. */
export const refusalOf = (err: unknown) =>
  err instanceof ApiError && err.code === 'import_invalid' ? (err.details as ImportRefusalDetails) : null;

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
