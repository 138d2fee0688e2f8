/**
 * `npm start` builds the web app only when dist/web is missing or older than what it is built from: a
 * restart should not spend a minute rebuilding what has not changed. `npm run serve` never builds.
 *
 *   npx tsx scripts/build-web-if-stale.ts
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist/web/index.html');
/** What the build reads: the app, what it shares with the server, the build's settings, the dependencies. */
const inputs = ['src/web', 'src/shared', 'vite.config.ts', 'package-lock.json'];

/** The newest modification time under `p` (a directory's own time changes when a file is removed). */
function newest(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const entry of readdirSync(p)) m = Math.max(m, newest(path.join(p, entry)));
  return m;
}

function staleness(): string | null {
  if (!existsSync(built)) return 'dist/web is missing';
  const builtAt = statSync(built).mtimeMs;
  const changed = inputs.filter((i) => existsSync(path.join(root, i)) && newest(path.join(root, i)) > builtAt);
  return changed.length ? `${changed.join(', ')} changed since the last build` : null;
}

const reason = staleness();
if (!reason) {
  console.log('web app: dist/web is up to date, not rebuilt');
} else {
  console.log(`web app: building (${reason})`);
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
