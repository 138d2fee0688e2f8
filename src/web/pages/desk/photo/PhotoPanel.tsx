import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhotoReply, PhotoView, Rect } from '../../../../shared/api/photos';
import { photoFileName } from '../../../../shared/text';
import { api, del, get, put } from '../../../api/client';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FormError } from '../../../components/Field';
import { formatDate, formatDateTime } from '../../../format';
import { useAction } from '../../../hooks/useAction';
import type { PanelProps } from '../identity/IdentityPanel';
import { PhotoVerdicts } from '../photo-guidance/PhotoVerdicts';
import { CropStep } from './CropStep';
import { PhotoCriteria } from './PhotoCriteria';
import { PhotoReview } from './PhotoReview';
import { PhotoSource } from './PhotoSource';
import { useProtectedImage } from './useProtectedImage';
import { localized } from '../../../i18n/localized';

/**
 * « Photo de l'apprenant »: the criteria beside an example; « Parcourir » or the camera; « Transférer »;
 * the crop tool locked to 35:45; then « Retirer », « Recadrer la photo », the checklist and « Enregistrer ».
 * Once saved, only « Retirer » remains. Never shown on the learner's public profile.
 */
export function PhotoPanel({ learnerId, learner, onChange }: PanelProps) {
  const { t, i18n } = useTranslation('photo');
  const tc = useTranslation('photoChecks').t;
  const titleId = useId();
  const base = `/api/desk/learners/${learnerId}/photo`;
  const [photo, setPhoto] = useState<PhotoView | null | undefined>(undefined);
  const [recropping, setRecropping] = useState(false);
  const { run, busy, error, fail, setError } = useAction();
  const [confirmRemove, setConfirmRemove] = useState(false);

  const load = useCallback(async () => {
    try {
      setPhoto((await get<PhotoReply>(base)).photo);
    } catch (err) {
      fail(err);
    }
  }, [base, fail]);
  useEffect(() => {
    void load();
  }, [load]);

  /** Runs one change against the server; the panel shows the photo as the server now has it. */
  const act = (change: () => Promise<PhotoReply>, after?: () => void) =>
    run(async () => {
      const res = await change();
      setPhoto(res.photo);
      after?.();
      onChange?.();
    });
  const transfer = (file: File) => {
    const form = new FormData();
    form.append('photo', file, file.name);
    void act(
      () => api<PhotoReply>('POST', base, form),
      () => setRecropping(false),
    );
  };
  const applyCrop = (rect: Rect) =>
    void act(
      () => put<PhotoReply>(`${base}/crop`, rect),
      () => setRecropping(false),
    );
  const save = (checklist: NonNullable<PhotoView['checklist']>, overrideReason?: string) =>
    void act(() => api<PhotoReply>('POST', `${base}/save`, { checklist, overrideReason }));
  const remove = () =>
    void act(
      () => del<PhotoReply>(base),
      () => {
        setConfirmRemove(false);
        setRecropping(false);
      },
    );

  const step =
    photo === undefined
      ? 'loading'
      : photo === null
        ? 'source'
        : photo.state === 'saved'
          ? 'saved'
          : recropping || !photo.hasPreview
            ? 'crop'
            : 'review';
  const version = photo ? `${photo.id}-${photo.crop ? Object.values(photo.crop).join('-') : 'none'}` : '';
  const original = useProtectedImage(step === 'crop' ? `${base}/image?variant=original&v=${version}` : null);
  const preview = useProtectedImage(step === 'review' ? `${base}/image?variant=preview&v=${version}` : null);
  const final = useProtectedImage(step === 'saved' ? `${base}/image?variant=final&v=${version}` : null);
  const name = `${learner.firstName} ${learner.lastName}`.trim();

  return (
    <section className="card photo-panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('title')}</h2>
      <div className="photo-layout">
        <div className="photo-work">
          <FormError error={error} />
          {step === 'source' && (
            <PhotoSource
              fileName={photoFileName(learner.lastName, learner.firstName)}
              busy={busy}
              onTransfer={transfer}
            />
          )}
          {step === 'crop' && photo && (
            <>
              <p className="hint">
                <strong>{photo.fileName}</strong> —{' '}
                {t('uploadedAt', {
                  date: formatDateTime(photo.uploadedAt, i18n.language),
                  name: photo.uploadedBy.name,
                })}
              </p>
              <PhotoVerdicts verdicts={photo.checks?.upload?.verdicts ?? null} title={tc('checksTitle')} />
              {photo.checks?.upload?.cropProblem ? (
                <p className="alert alert-warn" role="alert">
                  {localized(photo.checks.upload.cropProblem.message, i18n.language)}
                </p>
              ) : (
                !recropping && photo.checks?.upload?.proposedCrop && <p className="hint">{tc('proposedCrop')}</p>
              )}
              {original.src ? (
                <CropStep
                  image={original.src}
                  // The crop tool opens on the crop proposed by construction (or, to crop again, the current one).
                  initial={recropping ? photo.crop : (photo.checks?.upload?.proposedCrop ?? null)}
                  busy={busy}
                  onApply={applyCrop}
                  onRemove={remove}
                  onCancel={recropping && photo.hasPreview ? () => setRecropping(false) : undefined}
                />
              ) : (
                <p className="hint">{original.error ?? t('loadingImage')}</p>
              )}
            </>
          )}
          {step === 'review' && photo && (
            <PhotoReview
              photo={photo}
              image={preview.src}
              imageError={preview.error}
              alt={t('previewAlt', { name })}
              busy={busy}
              onRecrop={() => setRecropping(true)}
              onRemove={remove}
              onSave={save}
              onEdit={() => setError(null)}
            />
          )}
          {step === 'saved' && photo && (
            <div>
              <p>
                <span className="badge badge-ok">{t('saved')}</span> <strong>{photo.fileName}</strong>
              </p>
              {final.src ? (
                <img className="id-photo" src={final.src} alt={t('savedAlt', { name })} width={207} height={266} />
              ) : (
                <p className="hint">{final.error ?? t('loadingImage')}</p>
              )}
              <p className="hint">
                {t('savedAt', { date: formatDateTime(photo.savedAt, i18n.language), name: photo.uploadedBy.name })}{' '}
                {t('retainUntil', { date: formatDate(photo.retainUntil, i18n.language) })}
              </p>
              <p className="hint">{t('notOnProfile')}</p>
              {photo.checks?.crop && <PhotoVerdicts verdicts={photo.checks.crop.verdicts} title={tc('checksOnCrop')} />}
              {photo.overrideReason && (
                <p className="hint" data-testid="override-reason">
                  {tc('overrideSaved', { reason: photo.overrideReason })}
                </p>
              )}
              <button type="button" className="button danger-outline" onClick={() => setConfirmRemove(true)}>
                {t('remove')}
              </button>
            </div>
          )}
        </div>
        {step !== 'saved' && <PhotoCriteria />}
      </div>
      <ConfirmDialog
        open={confirmRemove}
        title={t('removeSavedTitle', { name })}
        confirmLabel={t('remove')}
        cancelLabel={t('back')}
        danger
        busy={busy}
        onConfirm={remove}
        onCancel={() => setConfirmRemove(false)}
      >
        <p>{t('removeSavedBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
