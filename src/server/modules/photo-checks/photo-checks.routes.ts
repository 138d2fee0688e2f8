import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { text } from '../../../shared/text-input.js';
import type { AppContext } from '../../context.js';
import { DomainError, notFound } from '../../errors.js';
import { FACE_MODELS, HUMAN_MODELS_DIR, TFJS_WASM_DIR } from './face-detector.js';
import { analyzePhoto, warmUpPhotoChecks, type CropRect } from './photo-checks.service.js';
import { binaryReply, checkParts, cropField, photoCheckReply } from './photo-checks.schemas.js';

/** What the browser's face detection may fetch from Vigie (never a CDN): three models and the WASM backends. */
const VENDOR_FILES: Record<string, { file: string; type: string }> = Object.fromEntries([
  ...FACE_MODELS.flatMap((m) => [
    [`models/${m}.json`, { file: path.join(HUMAN_MODELS_DIR, `${m}.json`), type: 'application/json' }],
    [`models/${m}.bin`, { file: path.join(HUMAN_MODELS_DIR, `${m}.bin`), type: 'application/octet-stream' }],
  ]),
  ...['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'].map((w) => [
    `wasm/${w}`,
    { file: path.join(TFJS_WASM_DIR, w), type: 'application/wasm' },
  ]),
]);

/** Reads the multipart request: one `image` file and an optional `crop` field. */
async function readCheckRequest(req: FastifyRequest): Promise<{ image: Buffer; crop?: CropRect }> {
  let image: Buffer | undefined;
  let crop: CropRect | undefined;
  if (!req.isMultipart()) throw new DomainError('invalid_image', { field: 'image' });
  // Size and count limits are the app's (one file of 10 MB at most).
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'image')
        throw new DomainError('validation', { field: part.fieldname, params: { field: part.fieldname } });
      image = await part.toBuffer();
    } else if (part.fieldname === 'crop') {
      const parsed = cropField.safeParse(part.value);
      if (!parsed.success) throw new DomainError('validation', { field: 'crop', params: { field: 'crop' } });
      crop = parsed.data;
    }
  }
  if (!image?.length) throw new DomainError('invalid_image', { field: 'image' });
  return { image, crop };
}

export async function photoChecksRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // Load the models once when the server starts (in the background: listening does not wait), so the first
  // operator does not pay for it. Tests load them lazily, on their first check.
  if (ctx.config.env !== 'test')
    app.addHook('onReady', async () => {
      warmUpPhotoChecks().catch((err: unknown) => ctx.log.error({ err }, 'photo checks: face models did not load'));
    });

  // A stateless check for the desk: nothing is stored; the photos module records its own verdicts on upload.
  app.post(
    '/api/desk/photo-checks',
    {
      config: { access: 'desk.use', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { multipart: checkParts, response: { 200: photoCheckReply } },
    },
    async (req) => {
      const { image, crop } = await readCheckRequest(req);
      // The upload is not needed here afterwards: handed over to the checker without a copy.
      return analyzePhoto(ctx, image, crop, { handOver: true });
    },
  );

  // Human's models and TensorFlow.js' WebAssembly for the camera guidance, served by Vigie itself.
  for (const dir of ['models', 'wasm'] as const) {
    app.get(
      `/vendor/human/${dir}/:file`,
      {
        config: { access: 'public' },
        schema: {
          params: z.object({ file: text({ max: 80 }) }),
          response: {
            200: binaryReply('application/octet-stream', 'A model file (JSON or binary) or a WebAssembly module'),
          },
        },
      },
      async (req, reply) => {
        const entry = VENDOR_FILES[`${dir}/${req.params.file}`];
        if (!entry) throw notFound();
        return reply
          .type(entry.type)
          .header('cache-control', 'public, max-age=604800')
          .send(await readFile(entry.file));
      },
    );
  }
}
