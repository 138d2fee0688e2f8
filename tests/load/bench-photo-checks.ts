/**
 * Photo checks under load, against the real server process (`node --import tsx src/server/main.ts`, what
 * `npm start` runs, on a fresh embedded database with the demo), as the demo operator, one request at a time as an
 * operator sends them: time per photo p50/p95 after warm-up, and the server process's memory (VmRSS, and VmHWM —
 * the kernel's peak — from /proc) with the models loaded. Prints a table and writes the figures, with the
 * thresholds and their norms, to docs/photo-checks.md.
 *
 *   npx tsx tests/load/bench-photo-checks.ts [rounds]      (BENCH_PORT, default 3213)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import prettier from 'prettier';
import sharp from 'sharp';
import { thresholdsMarkdown } from '../support/photo-checks-doc.js';

const ROUNDS = Number(process.argv[2] ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 3213);
const BASE = `http://127.0.0.1:${PORT}`;
const DOC = 'docs/photo-checks.md';
const FIXTURES = 'tests/fixtures/photos';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/** The kinds of picture an operator sends: the calibration set, a webcam frame, a phone photo. */
async function pictures(): Promise<{ kind: string; data: Buffer }[]> {
  const studio = readFileSync(path.join(FIXTURES, 'b1-studio.jpg'));
  const onWhite = async (width: number, height: number, personHeight: number) => {
    const person = await sharp(studio).resize({ height: personHeight }).toBuffer();
    const pw = (await sharp(person).metadata()).width!;
    return sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
      .composite([{ input: person, left: Math.round((width - pw) / 2), top: height - personHeight }])
      .jpeg({ quality: 90 })
      .toBuffer();
  };
  const out: { kind: string; data: Buffer }[] = [];
  for (const f of readdirSync(FIXTURES)
    .filter((x) => x.endsWith('.jpg'))
    .sort())
    out.push({ kind: 'calibration set (≈ 480 × 615)', data: readFileSync(path.join(FIXTURES, f)) });
  const webcam = await onWhite(1920, 1080, 1000);
  const phone = await onWhite(4032, 3024, 2800);
  for (let i = 0; i < 10; i++) out.push({ kind: 'webcam frame 1920 × 1080', data: webcam });
  for (let i = 0; i < 10; i++) out.push({ kind: 'phone photo 4032 × 3024', data: phone });
  return out;
}

/** Resident memory of the server process, MB: now and the peak so far. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-photo-'));
const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
  env: {
    ...process.env,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    NODE_ENV: 'development',
    DEMO: '1',
    LOG_LEVEL: 'warn',
    TRUST_PROXY: '1',
  },
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
const afterStart = memoryOf(server.pid!);

// The demo operator's session (cookies + CSRF header, as the web app does).
const cookies = new Map<string, string>();
const keep = (res: Response) => {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const [k, v] = pair!.split('=');
    cookies.set(k!, v!);
  }
};
const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const session = await fetch(`${BASE}/api/session`);
keep(session);
const csrf = ((await session.json()) as { csrfToken: string }).csrfToken;
keep(
  await fetch(`${BASE}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookieHeader(), 'x-csrf-token': csrf },
    body: JSON.stringify({ login: 'operateur', password: 'vigie-demo-2026', remember: false }),
  }),
);

let sent = 0;
async function check(image: Buffer): Promise<number> {
  const body = new FormData();
  body.append('image', new Blob([new Uint8Array(image)], { type: 'image/jpeg' }), 'photo.jpg');
  sent++;
  const t0 = performance.now();
  const res = await fetch(`${BASE}/api/desk/photo-checks`, {
    method: 'POST',
    body,
    // Each request from its own address: the route's rate limit (60 a minute) is not what is measured here.
    headers: {
      cookie: cookieHeader(),
      // The CSRF token is bound to the session: the one the sign-in set, not the pre-session one.
      'x-csrf-token': cookies.get('vigie_csrf') ?? csrf,
      'x-forwarded-for': `10.0.${Math.floor(sent / 250)}.${(sent % 250) + 1}`,
    },
  });
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`check: ${res.status} ${await res.text()}`);
  await res.json();
  return ms;
}

const all = await pictures();
const loadStart = performance.now();
await check(all[0]!.data); // waits for the models if the start-up warm-up has not finished
const firstMs = performance.now() - loadStart;
for (const kind of new Set(all.map((p) => p.kind))) await check(all.find((p) => p.kind === kind)!.data);
const warm = memoryOf(server.pid!);
const times = new Map<string, number[]>();
for (let r = 0; r < ROUNDS; r++)
  for (const p of all) {
    const ms = await check(p.data);
    times.set(p.kind, [...(times.get(p.kind) ?? []), ms]);
    times.set('all', [...(times.get('all') ?? []), ms]);
  }
const end = memoryOf(server.pid!);

const rows = [...times].map(([kind, xs]) => ({
  kind,
  n: xs.length,
  p50: Math.round(pct(xs, 50)),
  p95: Math.round(pct(xs, 95)),
  max: Math.round(Math.max(...xs)),
}));
const date = new Date().toISOString().slice(0, 10);
const cpus = os.cpus();
const load = os
  .loadavg()
  .map((x) => x.toFixed(1))
  .join(' / ');
const machine = `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, ${Math.round(os.totalmem() / 2 ** 20)} MB RAM, load average ${load} at the end of the run`;
const allRow = rows.find((r) => r.kind === 'all')!;
const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');

const table = [
  '| pictures | checks | p50 (ms) | p95 (ms) | max (ms) |',
  '|---|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.kind === 'all' ? '**all**' : r.kind} | ${r.n} | ${r.p50} | ${r.p95} | ${r.max} |`),
].join('\n');
const memory = [
  '| server process | RSS (MB) | peak so far (MB) |',
  '|---|---:|---:|',
  `| listening, demo loaded (models loading in the background) | ${afterStart.rss} | ${afterStart.peak} |`,
  `| models loaded, one check of each kind done | ${warm.rss} | ${warm.peak} |`,
  `| after the run | ${end.rss} | ${end.peak} |`,
  `| **peak (VmHWM) over the whole life of the process** | | **${end.peak}** |`,
].join('\n');
const figures = `Measured on ${date} by \`npx tsx tests/load/bench-photo-checks.ts ${ROUNDS}\` (${machine}; the machine is
shared, so times vary from run to run). The server is the real one (\`node --import tsx src/server/main.ts\`, fresh
SQLite database with the demo); each check is an HTTP request as the demo operator — multipart upload, decoding,
detection, measures, verdicts, JSON — one at a time, after one warm-up check per kind of picture. The first check
after start-up took ${Math.round(firstMs)} ms (models already loading since start-up).

${table}

Target p95 < 500 ms: ${verdict(allRow.p95 < 500)} (p95 ${allRow.p95} ms over ${allRow.n} checks).

${memory}

Target < 400 MB with the models loaded: ${verdict(end.peak < 400)} (peak ${end.peak} MB).`;

console.log(table + '\n\n' + memory + '\n');
console.log(
  `p95 ${allRow.p95} ms (target < 500), peak RSS ${end.peak} MB (target < 400), first check ${Math.round(firstMs)} ms`,
);

const doc = readFileSync(DOC, 'utf8');
const replace = (text: string, name: string, body: string) => {
  const re = new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`);
  if (!re.test(text)) throw new Error(`${DOC}: markers ${name} missing`);
  return text.replace(re, `$1\n${body}\n$2`);
};
// Formatted as the repository's prettier check expects.
const options = { ...((await prettier.resolveConfig(DOC)) ?? {}), filepath: DOC };
writeFileSync(
  DOC,
  await prettier.format(replace(replace(doc, 'figures', figures), 'thresholds', thresholdsMarkdown()), options),
);
console.log(`Figures and thresholds written to ${DOC}.`);
process.exit(0);
