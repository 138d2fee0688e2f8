/**
 * Face detection and landmarks in Node with @vladmandic/human on the WebAssembly TensorFlow.js backend.
 *
 * Pitfalls handled here (../shared/IDENTITY.md, STACK-NOTES.md):
 * - the package's Node entry picks tfjs-node, which cannot install: load `dist/human.node-wasm.js` by path;
 * - the WASM backend's default path is a CDN: point it at @tensorflow/tfjs-backend-wasm's own files;
 * - Node 20's fetch cannot read `file://` model URLs: a TensorFlow.js IO router reads them from disk.
 * Only detection, mesh and iris models run: no embedding (`description`), no emotion, no age or gender.
 * Models load once, on first use (or at start-up through `warmUpFaceDetector`); detections run one at a time.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Config, FaceResult, Human } from '@vladmandic/human';
import { photoChecksConfig } from './photo-checks.config.js';
import type { RgbImage } from './pixels.js';

const require = createRequire(import.meta.url);
// The package's export map has no valid entry for the WASM build: resolve its main file and take the sibling.
const HUMAN_NODE_WASM = path.join(path.dirname(require.resolve('@vladmandic/human')), 'human.node-wasm.js');
export const HUMAN_MODELS_DIR = path.join(path.dirname(HUMAN_NODE_WASM), '..', 'models');
export const TFJS_WASM_DIR = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));

/** The only models the checks need (also the only ones the browser is served). */
export const FACE_MODELS = ['blazeface', 'facemesh', 'iris'] as const;

export function humanConfig(): Partial<Config> {
  const off = { enabled: false };
  return {
    backend: 'wasm',
    wasmPath: TFJS_WASM_DIR + path.sep,
    modelBasePath: 'file://' + HUMAN_MODELS_DIR + path.sep,
    cacheModels: false,
    debug: false,
    async: false,
    warmup: 'none',
    // Every detection is on a new photo: no frame-to-frame caching.
    cacheSensitivity: 0,
    skipAllowed: false,
    filter: { ...off, equalization: false, autoBrightness: false } as Config['filter'],
    gesture: off,
    body: off as Config['body'],
    hand: off as Config['hand'],
    object: off as Config['object'],
    segmentation: off as Config['segmentation'],
    face: {
      enabled: true,
      detector: {
        modelPath: 'blazeface.json',
        rotation: true,
        maxDetected: 6,
        skipFrames: 0,
        skipTime: 0,
        minConfidence: photoChecksConfig.detection.minBoxScore,
        minSize: 0,
        iouThreshold: 0.1,
        scale: 1.4,
        mask: false,
        return: false,
      },
      mesh: { enabled: true, modelPath: 'facemesh.json', keepInvalid: false },
      iris: { enabled: true, modelPath: 'iris.json', scale: 2.3 },
      attention: off,
      emotion: off,
      description: off,
      antispoof: off,
      liveness: off,
    } as Config['face'],
  };
}

interface TfIo {
  registerLoadRouter(router: (url: string | string[]) => unknown): void;
  getModelArtifactsForJSON(
    json: unknown,
    loadWeights: (manifest: { paths: string[]; weights: unknown[] }[]) => Promise<[unknown[], ArrayBuffer]>,
  ): Promise<unknown>;
}

/** Reads `file://…/model.json` and its weight shards from disk (Node's fetch refuses file:// URLs). */
function registerFileLoader(io: TfIo) {
  io.registerLoadRouter((url) => {
    if (typeof url !== 'string' || !url.startsWith('file://')) return null;
    const file = url.slice('file://'.length);
    return {
      load: async () => {
        const json = JSON.parse(await readFile(file, 'utf8')) as unknown;
        return io.getModelArtifactsForJSON(json, async (manifest) => {
          const specs: unknown[] = [];
          const shards: Buffer[] = [];
          for (const group of manifest) {
            specs.push(...group.weights);
            for (const p of group.paths) shards.push(await readFile(path.join(path.dirname(file), p)));
          }
          const all = Buffer.concat(shards);
          return [specs, all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer];
        });
      },
    };
  });
}

let loading: Promise<Human> | null = null;

/** The one Human instance of the process, its models loaded. */
export function faceDetector(): Promise<Human> {
  loading ??= (async () => {
    const { Human } = require(HUMAN_NODE_WASM) as typeof import('@vladmandic/human');
    const human = new Human(humanConfig());
    registerFileLoader(human.tf.io as unknown as TfIo);
    await human.load();
    if (human.tf.getBackend() !== 'wasm') throw new Error(`face detector: backend ${human.tf.getBackend()}`);
    return human;
  })().catch((err: unknown) => {
    loading = null; // let a later call try again
    throw err;
  });
  return loading;
}

let queue: Promise<unknown> = Promise.resolve();

/** Detects faces on an RGB picture. One detection at a time (the WASM backend is single-threaded anyway). */
export function detectFaces(img: RgbImage): Promise<FaceResult[]> {
  const run = async () => {
    const human = await faceDetector();
    const tensor = human.tf.tensor3d(img.data, [img.height, img.width, 3], 'int32');
    try {
      const result = await human.detect(tensor);
      if (result.error) throw new Error(`face detector: ${String(result.error)}`);
      return result.face;
    } finally {
      tensor.dispose();
    }
  };
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

/** Loads the models and runs one detection, so the first real check is as fast as the others. */
export async function warmUpFaceDetector(): Promise<void> {
  const side = 256;
  await detectFaces({ data: new Uint8Array(side * side * 3).fill(255), width: side, height: side });
}
