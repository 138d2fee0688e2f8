import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../format';
import { MAX_UPLOAD_MEGAPIXELS } from '../../../../shared/photo-limits';
import { CameraCapture } from './CameraCapture';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * Where the photo comes from: « Parcourir » (a JPEG or PNG file) or the workstation's camera. Shows the
 * chosen picture and the name it will be stored under, then « Transférer ».
 */
export function PhotoSource({
  fileName,
  busy,
  onTransfer,
}: {
  fileName: string;
  busy: boolean;
  onTransfer: (file: File) => void;
}) {
  const { t, i18n } = useTranslation('photo');
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ file: File; fromCamera: boolean } | null>(null);
  const [camera, setCamera] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<string | null>(null);

  useEffect(() => {
    if (!file) return setPreview(null);
    const url = URL.createObjectURL(file.file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const choose = (chosen: File | undefined, fromCamera: boolean) => {
    setError(null);
    if (!chosen) return;
    // The server checks again (and sniffs the real content): this only saves a pointless upload.
    if (chosen.size > MAX_UPLOAD_BYTES) {
      setError(t('tooBig', { size: formatNumber(chosen.size / 1024 / 1024, i18n.language) }));
      return;
    }
    if (chosen.type && !['image/jpeg', 'image/png'].includes(chosen.type)) {
      setError(t('wrongType'));
      return;
    }
    setFile({ file: chosen, fromCamera });
    setCamera(false);
  };

  return (
    <div>
      <div className="source-choice">
        <input
          ref={input}
          id={inputId}
          type="file"
          tabIndex={-1}
          aria-hidden="true"
          accept="image/jpeg,image/png"
          className="visually-hidden"
          onChange={(e) => {
            choose(e.target.files?.[0], false);
            e.target.value = '';
          }}
        />
        <button type="button" className="button" onClick={() => input.current?.click()}>
          {t('browse')}
        </button>
        <span className="hint">{t('or')}</span>
        <button type="button" className="button" onClick={() => (setCamera(true), setError(null))} disabled={camera}>
          {t('useCamera')}
        </button>
      </div>
      <p className="hint">{t('browseHint', { megapixels: MAX_UPLOAD_MEGAPIXELS })}</p>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {camera && <CameraCapture onCapture={(f) => choose(f, true)} onClose={() => setCamera(false)} />}
      {file && preview && !camera && (
        <figure className="chosen">
          <img src={preview} alt={t('selectedPreview')} />
          <figcaption>
            <strong data-testid="photo-file-name">{t('fileName', { name: fileName })}</strong>
            <span className="hint">
              {file.fromCamera ? t('fromCamera') : t('sourceName', { name: file.file.name })}
            </span>
          </figcaption>
        </figure>
      )}
      {file && !camera && (
        <button type="button" className="button primary" disabled={busy} onClick={() => onTransfer(file.file)}>
          {busy ? t('transferring') : t('transfer')}
        </button>
      )}
    </div>
  );
}
