/**
 * The photo-check worker thread: loads the face models once, then checks one photo per message. Running here keeps
 * the server's event loop free during a check (≈ 100–300 ms of WebAssembly and pixel work), bounds the checker's
 * JavaScript heap, and means a fault in the checker ends this thread, never the server.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { DomainError } from '../../errors.js';
import { analyzeInProcess } from './analysis.js';
import { warmUpFaceDetector } from './face-detector.js';
import type { WorkerReply, WorkerRequest } from './photo-checks.service.js';

const port = parentPort;
if (!port) throw new Error('photo-checks.worker.ts runs as a worker thread');

/**
 * A check leaves megabytes of decoded pixels in Buffers (memory outside the JavaScript heap, which V8 reclaims
 * only after ~64 MB of them): collecting once the answer is sent keeps the server's memory flat. `gc` is not
 * exposed by default; this is the usual way to reach it from a running process.
 */
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as ((opts?: { type: 'minor' | 'major' }) => void) | undefined;
// A scavenge is enough: the Buffers of one check are young objects (a few ms, not a full collection).
const collect = () => gc?.({ type: 'minor' });

port.on('message', (msg: WorkerRequest) => {
  void (async () => {
    let reply: WorkerReply;
    try {
      if (msg.kind === 'warm-up') {
        await warmUpFaceDetector();
        reply = { id: msg.id, ok: true, analysis: null };
      } else {
        reply = { id: msg.id, ok: true, analysis: await analyzeInProcess(Buffer.from(msg.image), msg.crop) };
      }
    } catch (err) {
      reply =
        err instanceof DomainError
          ? { id: msg.id, ok: false, domain: { code: err.code, opts: err.opts } }
          : { id: msg.id, ok: false, message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    }
    port.postMessage(reply);
    collect();
  })();
});
