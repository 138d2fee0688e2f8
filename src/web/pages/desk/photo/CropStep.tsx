import { useId, useState } from 'react';
import Cropper from 'react-easy-crop';
import { useTranslation } from 'react-i18next';
import type { Rect } from '../../../../shared/api/photos';

/** 35 × 45 mm: the ID photo's portrait ratio, locked. */
export const PHOTO_ASPECT = 35 / 45;
/** The server refuses a crop shorter than this (the enlarged photo would be blurred). */
const MIN_CROP_HEIGHT = 180;

/**
 * The crop tool: the original picture under a fixed 35:45 frame; the operator moves it and zooms so the
 * frame holds the head and top of the shoulders. Rectangles are in the original's pixels.
 */
export function CropStep({
  image,
  initial,
  busy,
  onApply,
  onRemove,
  onCancel,
}: {
  image: string;
  initial: Rect | null;
  busy: boolean;
  onApply: (rect: Rect) => void;
  onRemove: () => void;
  /** Back to the current preview without cropping again. */
  onCancel?: () => void;
}) {
  const { t } = useTranslation('photo');
  const zoomId = useId();
  const [crop, setCrop] = useState({ x: 0, y: 0 });
  const [zoom, setZoom] = useState(1);
  const [maxZoom, setMaxZoom] = useState(3);
  const [area, setArea] = useState<Rect | null>(null);
  return (
    <div className="crop-step">
      <h3>{t('cropTitle')}</h3>
      <p className="hint">{t('cropHint')}</p>
      <div className="crop-area" role="group" aria-label={t('cropArea')}>
        <Cropper
          image={image}
          crop={crop}
          zoom={zoom}
          maxZoom={maxZoom}
          aspect={PHOTO_ASPECT}
          showGrid
          keyboardStep={10}
          onCropChange={setCrop}
          onZoomChange={setZoom}
          onCropComplete={(_, pixels) => setArea(pixels)}
          onMediaLoaded={(media) => {
            // Zooming further would make the crop smaller than the server accepts.
            const fullCropHeight = Math.min(media.naturalHeight, media.naturalWidth / PHOTO_ASPECT);
            setMaxZoom(Math.max(1, Math.min(8, Math.floor((fullCropHeight / MIN_CROP_HEIGHT) * 10) / 10)));
          }}
          initialCroppedAreaPixels={initial ?? undefined}
          mediaProps={{ alt: '' }}
        />
      </div>
      <div className="field zoom">
        <label htmlFor={zoomId}>{t('zoom')}</label>
        <input
          id={zoomId}
          type="range"
          min={1}
          max={maxZoom}
          step={0.05}
          value={zoom}
          onChange={(e) => setZoom(Number(e.target.value))}
        />
      </div>
      <div className="actions">
        <button type="button" className="button primary" disabled={busy || !area} onClick={() => area && onApply(area)}>
          {t('applyCrop')}
        </button>
        {onCancel && (
          <button type="button" className="button" disabled={busy} onClick={onCancel}>
            {t('back')}
          </button>
        )}
        <button type="button" className="button danger-outline" disabled={busy} onClick={onRemove}>
          {t('remove')}
        </button>
      </div>
    </div>
  );
}
