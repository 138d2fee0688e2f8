/**
 * What the rest of the server calls: `analyzePhoto` checks a photo in the photo-check worker thread (one for the
 * process, started on first use or at start-up, restarted if it fails) and answers verdicts, the proposed crop
 * and the time taken — or a DomainError (invalid_image, image_truncated, image_too_many_pixels, validation) for what is not a photo.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../errors.js';
import type { ErrorCode } from '../../../shared/errors.js';
import type { PhotoAnalysis } from './analysis.js';
import type { Rect } from './pixels.js';
import { criterionLabels } from './verdict-messages.js';
import type { Criterion, Verdict } from './verdicts.js';

export type { PhotoAnalysis } from './analysis.js';
export type CropRect = Rect;

export type WorkerRequest =
  { kind: 'warm-up'; id: number } | { kind: 'check'; id: number; image: ArrayBuffer; crop?: Rect };
export type WorkerReply =
  | { id: number; ok: true; analysis: PhotoAnalysis | null }
  | { id: number; ok: false; domain: { code: ErrorCode; opts: DomainError['opts'] } }
  | { id: number; ok: false; message: string };

/** A check that takes longer than this is abandoned and the worker restarted (a normal check takes < 0.5 s). */
const CHECK_TIMEOUT_MS = 30_000;
/** The worker's JavaScript heap; the models live in its WebAssembly memory (≈ 50 MB), outside this limit. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 };

const require = createRequire(import.meta.url);
const WORKER_URL = new URL('./photo-checks.worker.ts', import.meta.url).href;
// tsx's ESM API (its export map gives CommonJS to require.resolve).
const TSX_API_URL = pathToFileURL(
  path.join(path.dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
).href;

interface Pending {
  resolve: (a: PhotoAnalysis | null) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(err: Error) {
  for (const [id, p] of pending) {
    clearTimeout(p.timer);
    pending.delete(id);
    p.reject(err);
  }
}

function startWorker(): Worker {
  // The server runs TypeScript through tsx: the worker registers tsx before loading its module.
  const w = new Worker(
    `import(${JSON.stringify(TSX_API_URL)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL)}); })`,
    { eval: true, resourceLimits: WORKER_LIMITS, stdout: false, stderr: false },
  );
  w.on('message', (reply: WorkerReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    clearTimeout(p.timer);
    if (!pending.size) w.unref();
    if (reply.ok) p.resolve(reply.analysis);
    else if ('domain' in reply) p.reject(new DomainError(reply.domain.code, reply.domain.opts));
    else p.reject(new Error(`photo check failed: ${reply.message}`));
  });
  const gone = (err: Error) => {
    if (worker === w) worker = null;
    failAll(err);
  };
  w.on('error', (err) => gone(err));
  w.on('exit', (code) => gone(new Error(`photo-check worker stopped (exit code ${code})`)));
  w.unref();
  return w;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

function send(request: WithoutId<WorkerRequest>, transfer: ArrayBuffer[] = []): Promise<PhotoAnalysis | null> {
  worker ??= startWorker();
  const w = worker;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error(`photo check took more than ${CHECK_TIMEOUT_MS} ms`));
      // A stuck check: start afresh (the other pending checks fail with the worker).
      void w.terminate();
    }, CHECK_TIMEOUT_MS);
    pending.set(id, { resolve, reject, timer });
    // Keep the process alive while a check is on its way (an idle worker does not).
    w.ref();
    w.postMessage({ ...request, id } as WorkerRequest, transfer);
  });
}

/**
 * Checks a photo (JPEG or PNG) against the ID-photo criteria; with `crop` (pixels of the picture as displayed,
 * after EXIF orientation), also its centring and head size on that rectangle. `ctx` is optional: only its logger
 * is used. With `handOver`, the caller gives its buffer away (do not use it afterwards).
 */
export async function analyzePhoto(
  ctx: AppContext | null | undefined,
  image: Buffer,
  crop?: CropRect,
  opts: { handOver?: boolean } = {},
): Promise<PhotoAnalysis> {
  // The worker takes the bytes: the caller's buffer itself when it hands it over (it is then unusable — saves a
  // copy of a large upload), otherwise a copy.
  const own = opts.handOver && image.byteOffset === 0 && image.byteLength === image.buffer.byteLength;
  const copy = own ? (image.buffer as ArrayBuffer) : new Uint8Array(image).buffer;
  const analysis = await send({ kind: 'check', image: copy, ...(crop ? { crop } : {}) }, [copy]);
  if (!analysis) throw new Error('photo check: no answer');
  ctx?.log.debug({ ms: analysis.timingMs, faces: analysis.verdicts[0]?.value }, 'photo check');
  return analysis;
}

/** Starts the worker and loads the models now rather than on the first check. */
export async function warmUpPhotoChecks(): Promise<void> {
  await send({ kind: 'warm-up' });
}

/**
 * What the photos module stores in `photos.checks` (JSON): the check of the uploaded picture (with the proposed
 * crop) and the check of the current crop. Either is null when it has not run or could not run.
 */
export interface PhotoChecksRecord {
  upload: (Pick<PhotoAnalysis, 'verdicts' | 'proposedCrop' | 'cropProblem'> & { checkedAt: string }) | null;
  crop: { rect: Rect; verdicts: Verdict[]; checkedAt: string } | null;
}

/** The criteria a set of verdicts fails. */
export function failedCriteria(verdicts: readonly Verdict[]): Criterion[] {
  return verdicts.filter((v) => v.status === 'fail').map((v) => v.criterion);
}

/** « arrière-plan blanc uni, tête droite, de face » */
export function criteriaSentence(criteria: readonly Criterion[], lang: 'fr' | 'en'): string {
  return criteria.map((c) => criterionLabels[c][lang]).join(', ');
}
