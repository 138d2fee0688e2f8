import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CameraGuidance } from '../photo-guidance/CameraGuidance';

/**
 * The workstation's camera in the page: a live preview with the framing guide (target oval, what to change)
 * and a button that takes the picture and says when the framing is right. The stream stops as soon as the
 * picture is taken or the camera is closed. Not mirrored: the photo must show the face as it is.
 */
export function CameraCapture({ onCapture, onClose }: { onCapture: (file: File) => void; onClose: () => void }) {
  const { t } = useTranslation('photo');
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const stop = () => {
      stream.current?.getTracks().forEach((track) => track.stop());
      stream.current = null;
    };
    if (!navigator.mediaDevices?.getUserMedia) {
      setError(t('cameraInsecure'));
      return stop;
    }
    navigator.mediaDevices
      .getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 960 } }, audio: false })
      .then(async (s) => {
        if (cancelled) {
          s.getTracks().forEach((track) => track.stop());
          return;
        }
        stream.current = s;
        if (video.current) {
          video.current.srcObject = s;
          await video.current.play();
          setReady(true);
        }
      })
      .catch((err: unknown) => {
        if (cancelled) return;
        const name = err instanceof DOMException ? err.name : '';
        if (name === 'NotAllowedError' || name === 'SecurityError') setError(t('cameraDenied'));
        else if (name === 'NotFoundError' || name === 'OverconstrainedError') setError(t('cameraMissing'));
        else setError(t('cameraError', { reason: err instanceof Error ? err.message : String(err) }));
      });
    return () => {
      cancelled = true;
      stop();
    };
  }, [t]);

  const capture = () => {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')!.drawImage(v, 0, 0);
    canvas.toBlob(
      (blob) => {
        if (!blob) return;
        stream.current?.getTracks().forEach((track) => track.stop());
        onCapture(new File([blob], 'camera.jpg', { type: 'image/jpeg' }));
      },
      'image/jpeg',
      0.95,
    );
  };

  return (
    <div className="camera" role="group" aria-label={t('cameraTitle')}>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : (
        <>
          <CameraGuidance videoRef={video} ready={ready} onCapture={capture}>
            <video ref={video} className="camera-video" muted playsInline aria-label={t('cameraPreview')} />
          </CameraGuidance>
          {!ready && <p className="hint">{t('cameraStarting')}</p>}
        </>
      )}
      <div className="actions">
        <button type="button" className="button" onClick={onClose}>
          {t('closeCamera')}
        </button>
      </div>
    </div>
  );
}
