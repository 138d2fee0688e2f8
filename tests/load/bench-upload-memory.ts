/**
 * The ID-photo upload's memory under attack (issue 14), against the real server process (`node --import tsx
 * src/server/main.ts`, what `npm start` runs, fresh embedded database with the demo): eight operators each upload,
 * at the same instant, the worst picture the server accepts — a PNG of exactly the pixel cap (a few hundred KB on
 * the wire, hundreds of MB once decoded), then a JPEG of the same size that its EXIF orientation turns. The
 * server's resident memory is sampled every 10 ms during the bursts, and its peak (VmHWM, the kernel's
 * high-water mark) read from /proc afterwards. Goal: peak < 800 MB.
 *
 *   npm run bench:upload                       (BENCH_PORT, default 4520; UPLOADS, default 8)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { migrateToLatest, openDatabase } from '../../src/server/db/index.js';
import { loadDemo } from '../../src/server/modules/demo/demo.service.js';
import { MAX_MEGAPIXELS } from '../../src/server/modules/photos/image.js';
import { grantOperator } from '../../src/server/modules/service-points/service-points.service.js';

const PORT = Number(process.env.BENCH_PORT ?? 4520);
const UPLOADS = Number(process.env.UPLOADS ?? 8);
const BASE = `http://127.0.0.1:${PORT}`;
const SECRET = 'bench-upload-secret-bench-upload-secret-0123456789';
const PASSWORD = 'vigie-demo-2026';

/** Resident memory of a process, MB: now and the kernel's peak so far. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/**
 * The worst accepted pictures, exactly at the pixel cap: a plain PNG (tiny on the wire, huge decoded), and a
 * JPEG whose EXIF orientation asks for a quarter turn (the server turns it: the whole picture at once).
 */
async function worstPictures(): Promise<{ kind: string; data: Buffer; type: string; width: number }[]> {
  const side = Math.floor(Math.sqrt(MAX_MEGAPIXELS * 1_000_000));
  const plain = () => sharp({ create: { width: side, height: side, channels: 3, background: '#f4f1ea' } });
  return [
    { kind: 'plain PNG', data: await plain().png({ compressionLevel: 9 }).toBuffer(), type: 'image/png', width: side },
    {
      kind: 'JPEG turned by its EXIF orientation',
      data: await plain().jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toBuffer(),
      type: 'image/jpeg',
      width: side,
    },
  ];
}

// The demo, and each of its learners made an operator of its service point: eight people uploading at once.
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-upload-'));
const env = { DATA_DIR: dataDir, NODE_ENV: 'development', VIGIE_SECRET: SECRET, DEMO_PASSWORD: PASSWORD };
{
  const config = loadConfig({ ...env, DEMO: '0' });
  const database = openDatabase({ dataDir });
  await migrateToLatest(database.db);
  const { app, ctx } = await buildApp({ config, database });
  const demo = await loadDemo(ctx);
  for (const l of demo.learners) await grantOperator(ctx, null, l.id, demo.servicePointId);
  // The demo's photos are saved: an upload would be refused (now before any decoding). Start from none.
  await ctx.db.deleteFrom('cards').execute();
  await ctx.db.deleteFrom('photos').execute();
  await app.close();
  await database.close();
}
const demoLearners = ['glavigne', 'egagnon', 'mtremblay', 'ecote', 'lng', 'jsaintemarie', 'ldamour', 'aroy'];

const server = spawn(process.execPath, ['--max-semi-space-size=32', '--import', 'tsx', 'src/server/main.ts'], {
  env: { ...process.env, ...env, PORT: String(PORT), HOST: '127.0.0.1', DEMO: '0', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const stop = () => {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
};
process.on('exit', stop);
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${BASE}/healthz`)).ok) break;
  } catch {
    /* not listening yet */
  }
  if (i > 600) throw new Error('the server did not start');
  await new Promise((r) => setTimeout(r, 100));
}

/** A browser-like session: cookies, and the CSRF token bound to the session once signed in. */
class Session {
  cookies = new Map<string, string>();
  keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    return res;
  }
  headers(json = true): Record<string, string> {
    return {
      ...(json ? { 'content-type': 'application/json' } : {}),
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-csrf-token': this.cookies.get('vigie_csrf') ?? '',
    };
  }
  async signIn(login: string) {
    this.keep(await fetch(`${BASE}/api/session`));
    const res = this.keep(
      await fetch(`${BASE}/api/auth/sign-in`, {
        method: 'POST',
        headers: this.headers(),
        body: JSON.stringify({ login, password: PASSWORD, remember: false }),
      }),
    );
    if (res.status !== 200) throw new Error(`sign-in ${login}: ${res.status} ${await res.text()}`);
  }
  async get<T>(url: string): Promise<T> {
    const res = await fetch(`${BASE}${url}`, { headers: this.headers() });
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
}

const operators = await Promise.all(
  demoLearners.slice(0, UPLOADS).map(async (login) => {
    const s = new Session();
    await s.signIn(login);
    return s;
  }),
);
const { learners } = await operators[0]!.get<{ learners: { id: string }[] }>('/api/desk/learners?q=');
if (learners.length < UPLOADS) throw new Error(`only ${learners.length} learners at the demo service point`);

const pictures = await worstPictures();
const idle = memoryOf(server.pid!);
let sampled = idle.rss;
const sampler = setInterval(() => (sampled = Math.max(sampled, memoryOf(server.pid!).rss)), 10);

for (const picture of pictures) {
  const t0 = performance.now();
  const results = await Promise.all(
    operators.map(async (s, i) => {
      const body = new FormData();
      body.append('photo', new Blob([new Uint8Array(picture.data)], { type: picture.type }), 'pire');
      const res = await fetch(`${BASE}/api/desk/learners/${learners[i]!.id}/photo`, {
        method: 'POST',
        body,
        headers: s.headers(false),
      });
      const text = await res.text();
      return { status: res.status, ms: Math.round(performance.now() - t0), code: res.ok ? '' : text.slice(0, 120) };
    }),
  );
  const mp = ((picture.width * picture.width) / 1e6).toFixed(1);
  console.log(
    `${UPLOADS} parallel uploads, ${picture.kind}, ${picture.width} × ${picture.width} (${mp} MP, ${Math.round(picture.data.length / 1024)} KB): ` +
      `answers ${results.map((r) => r.status).join(' ')}, last after ${Math.max(...results.map((r) => r.ms))} ms`,
  );
  for (const r of results.filter((x) => x.status !== 200)) console.log(`  ${r.status} ${r.code}`);
}
clearInterval(sampler);
const after = memoryOf(server.pid!);

console.log(`server RSS before the bursts: ${idle.rss} MB (peak so far ${idle.peak} MB)`);
console.log(`server RSS during the bursts, sampled every 10 ms: max ${sampled} MB`);
console.log(
  `server peak RSS (VmHWM) over its whole life: ${after.peak} MB — goal < 800 MB: ${after.peak < 800 ? 'met' : 'NOT met'}`,
);
process.exit(after.peak < 800 ? 0 : 1);
