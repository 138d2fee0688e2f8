import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhotoView } from '../../../../shared/api/photos';
import { failed } from '../photo-guidance/checks';
import { OverrideReason } from '../photo-guidance/OverrideReason';
import { PhotoVerdicts } from '../photo-guidance/PhotoVerdicts';

export const CHECKLIST_ITEMS = ['whiteBackground', 'noHeadwear', 'noSunglasses', 'eyesOpen', 'faceCentred'] as const;

/**
 * The cropped preview: « Recadrer la photo » or « Retirer », or the operator's checklist and « Enregistrer »
 * (what no program checks reliably: the operator confirms it, item by item).
 */
export function PhotoReview({
  photo,
  image,
  imageError,
  alt,
  busy,
  onRecrop,
  onRemove,
  onSave,
  onEdit,
}: {
  photo: PhotoView;
  image: string | null;
  imageError: string | null;
  alt: string;
  busy: boolean;
  onRecrop: () => void;
  onRemove: () => void;
  /** With the operator's reason when the automatic check of the crop failed a criterion. */
  onSave: (checklist: NonNullable<PhotoView['checklist']>, overrideReason?: string) => void;
  /** A box was ticked or unticked: an earlier refusal no longer applies. */
  onEdit: () => void;
}) {
  const { t } = useTranslation('photo');
  const tc = useTranslation('photoChecks').t;
  const legendId = useId();
  const [reason, setReason] = useState('');
  const cropVerdicts = photo.checks?.crop?.verdicts ?? null;
  const needsReason = failed(cropVerdicts ?? undefined).length > 0;
  const [checklist, setChecklist] = useState<NonNullable<PhotoView['checklist']>>(
    () => Object.fromEntries(CHECKLIST_ITEMS.map((k) => [k, false])) as NonNullable<PhotoView['checklist']>,
  );
  return (
    <div>
      <h3>{t('preview')}</h3>
      <p className="hint">
        <strong>{photo.fileName}</strong>
      </p>
      {image ? (
        <img className="id-photo" src={image} alt={alt} width={207} height={266} />
      ) : (
        <p className="hint">{imageError ?? t('loadingImage')}</p>
      )}
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={onRecrop}>
          {t('recrop')}
        </button>
        <button type="button" className="button danger-outline" disabled={busy} onClick={onRemove}>
          {t('remove')}
        </button>
      </div>
      <PhotoVerdicts verdicts={cropVerdicts} title={tc('checksOnCrop')} />
      <fieldset className="checklist" aria-labelledby={legendId}>
        <legend id={legendId}>{t('checklistTitle')}</legend>
        {CHECKLIST_ITEMS.map((k) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              checked={checklist[k]}
              onChange={(e) => {
                setChecklist({ ...checklist, [k]: e.target.checked });
                onEdit();
              }}
            />
            {t(`checklist.${k}`)}
          </label>
        ))}
      </fieldset>
      {needsReason && (
        <OverrideReason
          onChange={(r) => {
            setReason(r);
            onEdit();
          }}
        />
      )}
      <button
        type="button"
        className="button primary"
        disabled={busy}
        onClick={() => onSave(checklist, needsReason ? reason : undefined)}
      >
        {t('save')}
      </button>
    </div>
  );
}
