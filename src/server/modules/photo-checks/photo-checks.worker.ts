/**
 * The photo-check worker thread: loads the face models once, then checks one photo per message. Running here keeps
 * the server's event loop free during a check (≈ 100–300 ms of WebAssembly and pixel work), bounds the checker's
 * JavaScript heap, and means a fault in the checker ends this thread, never the server.
 */
import { parentPort } from 'node:worker_threads';
import { DomainError } from '../../http/errors.js';
import { analyzeInProcess } from './analysis.js';
import { warmUpFaceDetector } from './face-detector.js';
import type { WorkerReply, WorkerRequest } from './photo-checks.service.js';

const port = parentPort;
if (!port) throw new Error('photo-checks.worker.ts runs as a worker thread');

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
  })();
});
