/**
 * Human's browser build for the camera guidance, loaded on demand (its own chunk) with its models and
 * TensorFlow.js' WebAssembly served by Vigie itself (/vendor/human/…, see photo-checks.routes.ts), never a CDN.
 * Detection and mesh only: no embedding, no emotion, nothing stored (no model cache in IndexedDB), nothing sent.
 */
import type { Config, FaceResult, Human } from '@vladmandic/human';
import type { SeenFace } from './guidance';

const off = { enabled: false };

const config: Partial<Config> = {
  backend: 'wasm',
  wasmPath: '/vendor/human/wasm/',
  modelBasePath: '/vendor/human/models/',
  cacheModels: false,
  debug: false,
  warmup: 'none',
  filter: { ...off, equalization: false, autoBrightness: false } as Config['filter'],
  gesture: off,
  body: off as Config['body'],
  hand: off as Config['hand'],
  object: off as Config['object'],
  segmentation: off as Config['segmentation'],
  face: {
    enabled: true,
    detector: { modelPath: 'blazeface.json', rotation: false, maxDetected: 3, minConfidence: 0.5, return: false },
    mesh: { enabled: true, modelPath: 'facemesh.json' },
    iris: off,
    attention: off,
    emotion: off,
    description: off,
    antispoof: off,
    liveness: off,
  } as Config['face'],
};

let loading: Promise<Human> | null = null;

export function browserDetector(): Promise<Human> {
  loading ??= (async () => {
    const { Human } = await import('@vladmandic/human');
    const human = new Human(config);
    await human.load();
    return human;
  })().catch((err: unknown) => {
    loading = null;
    throw err;
  });
  return loading;
}

/** The landmarks the guidance needs, from one face of Human's result (mesh required: fewer false faces). */
export function seenFace(face: FaceResult): SeenFace | null {
  const m = face.mesh;
  if (!m || m.length < 468 || face.faceScore < 0.6) return null;
  const mid = (a: number, b: number) => ({ x: (m[a]![0] + m[b]![0]) / 2, y: (m[a]![1] + m[b]![1]) / 2 });
  const eyes = [mid(33, 133), mid(362, 263)].sort((p, q) => p.x - q.x);
  return {
    eyeLeft: eyes[0]!,
    eyeRight: eyes[1]!,
    chin: { x: m[152]![0], y: m[152]![1] },
    yaw: ((face.rotation?.angle.yaw ?? 0) * 180) / Math.PI,
  };
}
