import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { browserDetector, seenFace } from './browserDetector';
import { guidanceFor, targetOval, type GuidanceState, type SeenFace } from './guidance';

/** How often the live video is looked at (detection takes 30–150 ms on a workstation). */
const INTERVAL_MS = 200;
/** « Cadrage correct » only after this many good looks in a row (no flicker). */
const STABLE = 2;

type DetectorStatus = 'loading' | 'ready' | 'unavailable';

function draw(canvas: HTMLCanvasElement, video: HTMLVideoElement, faces: SeenFace[], state: GuidanceState | null) {
  const w = video.videoWidth;
  const h = video.videoHeight;
  if (!w || !h) return;
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const o = targetOval(w, h);
  ctx.clearRect(0, 0, w, h);
  // Dim everything outside the oval.
  ctx.fillStyle = 'rgba(10, 20, 35, 0.45)';
  ctx.beginPath();
  ctx.rect(0, 0, w, h);
  ctx.ellipse(o.cx, o.cy, o.rx, o.ry, 0, 0, Math.PI * 2, true);
  ctx.fill('evenodd');
  const ok = state === 'ok';
  ctx.lineWidth = Math.max(3, w / 160);
  ctx.strokeStyle = ok ? '#2fbf71' : '#ffb000';
  ctx.setLineDash(ok ? [] : [w / 60, w / 90]);
  ctx.beginPath();
  ctx.ellipse(o.cx, o.cy, o.rx, o.ry, 0, 0, Math.PI * 2);
  ctx.stroke();
  ctx.setLineDash([]);
  // The eye line the detector sees.
  ctx.fillStyle = ok ? '#2fbf71' : '#ffb000';
  for (const f of faces)
    for (const p of [f.eyeLeft, f.eyeRight]) {
      ctx.beginPath();
      ctx.arc(p.x, p.y, Math.max(3, w / 200), 0, Math.PI * 2);
      ctx.fill();
    }
}

/**
 * The capture view's guide: face detection in the browser on the live video, the target oval drawn over it,
 * a sentence saying what to change, and the capture button, which says when the framing is right. A guide only:
 * the operator may always take the photo, and the server's check of the picture is the one recorded.
 */
export function CameraGuidance({
  videoRef,
  ready,
  onCapture,
  children,
}: {
  videoRef: RefObject<HTMLVideoElement | null>;
  /** The video is playing. */
  ready: boolean;
  onCapture: () => void;
  /** The <video> element. */
  children: ReactNode;
}) {
  const { t } = useTranslation('photoChecks');
  const canvas = useRef<HTMLCanvasElement>(null);
  const [status, setStatus] = useState<DetectorStatus>('loading');
  const [state, setState] = useState<GuidanceState | null>(null);

  useEffect(() => {
    if (!ready) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let good = 0;
    let shown: GuidanceState | null = null;
    const look = async () => {
      const video = videoRef.current;
      if (stopped || !video) return;
      try {
        const human = await browserDetector();
        if (stopped) return;
        setStatus('ready');
        if (video.readyState >= 2 && video.videoWidth) {
          const result = await human.detect(video);
          if (stopped) return;
          const faces = result.face.map(seenFace).filter((f): f is SeenFace => f !== null);
          const next = guidanceFor(faces, video.videoWidth, video.videoHeight);
          good = next === 'ok' ? good + 1 : 0;
          // A first good look keeps the previous sentence: « Cadrage correct » only once it holds.
          if (next !== 'ok' || good >= STABLE) shown = next;
          setState(shown);
          if (canvas.current) draw(canvas.current, video, faces, shown);
        }
      } catch {
        if (!stopped) setStatus('unavailable');
        return;
      }
      timer = setTimeout(() => void look(), INTERVAL_MS);
    };
    void look();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [ready, videoRef]);

  const framed = status === 'ready' && state === 'ok';
  const sentence =
    status === 'unavailable'
      ? t('guidance.unavailable')
      : status === 'loading' || !state
        ? t('guidance.loading')
        : t(`guidance.${state}`);
  return (
    <div className="camera-guidance">
      <div className="guidance-stage">
        {children}
        {status !== 'unavailable' && (
          <canvas ref={canvas} className="guidance-overlay" role="img" aria-label={t('guidance.overlay')} />
        )}
      </div>
      <p
        className={`guidance-text ${framed ? 'guidance-ok' : ''}`}
        role="status"
        aria-live="polite"
        data-state={status === 'ready' ? (state ?? 'loading') : status}
      >
        {sentence}
      </p>
      <button
        type="button"
        className={`button primary ${framed ? 'framed' : ''}`}
        onClick={onCapture}
        disabled={!ready}
      >
        {framed ? t('captureReady') : t('capture')}
      </button>
    </div>
  );
}
