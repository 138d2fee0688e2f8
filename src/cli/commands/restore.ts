import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { storageLocation } from '../../server/config.js';
import { migrations } from '../../server/db/migrations/index.js';
import { rowHashOf, verifyChain } from '../../server/modules/audit/audit.service.js';
import { CARD_KEY_FILE, keysFromPrivatePem } from '../../server/modules/cards/signing-key.js';
import { UsageError } from '../command.js';
import { openCliContext } from '../context.js';
import {
  checkSecret,
  DB_FILE,
  FORMAT,
  fsyncPath,
  keysToKeepOnPostgres,
  MANIFEST,
  manifestSchema,
  pgUrlArg,
  SECRET_FILE,
  sealedSample,
  secretFingerprint,
  sha256File,
  type Manifest,
} from './backup-files.js';

function readManifest(dir: string): Manifest {
  const file = path.join(dir, MANIFEST);
  if (!existsSync(file)) throw new UsageError(`no ${MANIFEST} in ${dir}: not a Vigie backup, or an unfinished one`);
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new UsageError(`${file} is not a Vigie backup manifest (${FORMAT})`);
  return parsed.data;
}

/**
 * Fails if another process — a running server — has the database open: leaving WAL mode needs every other
 * connection gone. When it succeeds the WAL has been folded into the file, so the copy set aside is whole.
 * A file SQLite cannot read at all (what a restore is often for) is only reported: nothing can be using it.
 */
function takeOver(file: string): string | undefined {
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(file, { fileMustExist: true, timeout: 0 });
    db.pragma('journal_mode = DELETE');
    return undefined;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_BUSY')
      throw new UsageError(
        `${file} is open in another process (a running Vigie server?): stop it first (systemctl stop vigie). Nothing was changed.`,
      );
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
      return `the current ${path.basename(file)} is unreadable (${(err as Error).message}): set aside as it is`;
    throw err;
  } finally {
    db?.close();
  }
}

async function checkBackup(dir: string, m: Manifest) {
  const file = path.join(dir, m.database.file);
  if (!existsSync(file) || (await sha256File(file)) !== m.database.sha256)
    throw new UsageError(`${file} does not match its manifest (damaged or altered). Nothing was changed.`);
  for (const k of m.keys) {
    const kf = path.join(dir, k.file);
    if (!existsSync(kf) || createHash('sha256').update(readFileSync(kf)).digest('hex') !== k.sha256)
      throw new UsageError(`${kf} does not match its manifest. Nothing was changed.`);
  }
  const unknown = m.migrations.filter((name) => !(name in migrations));
  if (unknown.length)
    throw new UsageError(
      `the backup was made by a newer Vigie (${m.vigieVersion}; migrations ${unknown.join(', ')}): restore it with that version`,
    );
}

/** The key the restored server will use: the environment's, else the backup's file, else the one in place. */
function keyAfterRestore(dir: string, dataDir: string, fromEnv: string | undefined, name: string, m: Manifest) {
  if (fromEnv) return fromEnv;
  if (m.keys.some((k) => k.file === name)) return readFileSync(path.join(dir, name), 'utf8');
  const current = path.join(dataDir, name);
  return existsSync(current) ? readFileSync(current, 'utf8') : undefined;
}

function checkKeys(dir: string, loc: ReturnType<typeof storageLocation>, m: Manifest) {
  const problems: string[] = [];
  const secret = keyAfterRestore(dir, loc.dataDir, loc.envSecret, SECRET_FILE, m)?.trim();
  // The data itself says whether the secret opens it; the fingerprint, while nothing is encrypted yet.
  const copy = new SQLite(path.join(dir, m.database.file), { readonly: true, fileMustExist: true });
  const sample = sealedSample(copy);
  copy.close();
  const opens =
    secret !== undefined &&
    (sample ? checkSecret(secret, sample) === 'decrypts' : secretFingerprint(secret) === m.secretFingerprint);
  if (!opens)
    problems.push(
      m.keptElsewhere.includes('VIGIE_SECRET')
        ? 'set VIGIE_SECRET to the value it had when the backup was made'
        : `VIGIE_SECRET is set here but the data was encrypted with the backup's ${SECRET_FILE}: unset it`,
    );
  const pem = keyAfterRestore(dir, loc.dataDir, loc.envCardSigningKey, CARD_KEY_FILE, m);
  if (m.cardKeyId && (!pem || keysFromPrivatePem(pem).kid !== m.cardKeyId))
    problems.push(
      m.keptElsewhere.includes('CARD_SIGNING_KEY')
        ? 'set CARD_SIGNING_KEY to the key in use when the backup was made (cards already printed are signed with it)'
        : `CARD_SIGNING_KEY is set here but the cards were signed with the backup's ${CARD_KEY_FILE}: unset it`,
    );
  return problems;
}

/** Files are put back with the owner of DATA_DIR, so a restore run as root leaves files the service can read. */
function placeFile(from: string, to: string, dataDir: string) {
  const partial = `${to}.restoring`;
  rmSync(partial, { force: true });
  copyFileSync(from, partial);
  chmodSync(partial, 0o600);
  const owner = statSync(dataDir);
  if (process.getuid?.() === 0) chownSync(partial, owner.uid, owner.gid);
  fsyncPath(partial);
  renameSync(partial, to);
}

/** The `restore` command: checks everything first, then puts the backup in place and verifies the audit chain. */
export async function restore(dir: string, force: boolean) {
  const loc = storageLocation();
  if (loc.databaseUrl) {
    console.error(
      [
        'This installation runs on PostgreSQL: restore its pg_dump archive with pg_restore, not with this command.',
        `  pg_restore --clean --if-exists --no-owner --dbname ${pgUrlArg(loc.databaseUrl)} vigie.pgdump`,
        'with the keys in use when the dump was made:',
        ...keysToKeepOnPostgres(loc),
        'Then run `npm run vigie -- audit verify`. Nothing was changed.',
      ].join('\n'),
    );
    process.exitCode = 1;
    return;
  }
  const source = path.resolve(dir);
  const m = readManifest(source);
  await checkBackup(source, m);
  const problems = checkKeys(source, loc, m);
  if (problems.length && !force)
    throw new UsageError(
      `the keys this restore would run with are not the backup's:\n  - ${problems.join('\n  - ')}\n` +
        'Nothing was changed (--force restores anyway: encrypted data and printed cards would not be readable).',
    );

  mkdirSync(loc.dataDir, { recursive: true, mode: 0o700 });
  const live = path.join(loc.dataDir, DB_FILE);
  const unreadable = existsSync(live) ? takeOver(live) : undefined;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const setAside: string[] = [];
  const aside = (file: string) => {
    if (!existsSync(file)) return;
    renameSync(file, `${file}.before-restore-${stamp}`);
    setAside.push(`${path.basename(file)}.before-restore-${stamp}`);
  };
  // A WAL left beside another database file would be replayed into it: it goes aside with its database;
  // the -shm (an index of the WAL, rebuilt at will) goes.
  for (const suffix of ['', '-wal', '-journal']) aside(live + suffix);
  rmSync(`${live}-shm`, { force: true });
  for (const k of m.keys) {
    const to = path.join(loc.dataDir, k.file);
    if (existsSync(to) && readFileSync(to).equals(readFileSync(path.join(source, k.file)))) continue;
    aside(to);
    placeFile(path.join(source, k.file), to, loc.dataDir);
  }
  placeFile(path.join(source, m.database.file), live, loc.dataDir);
  fsyncPath(loc.dataDir);

  console.log(`Restored the backup of ${m.createdAt} (Vigie ${m.vigieVersion}) into ${loc.dataDir}`);
  if (unreadable) console.log(`  ${unreadable}`);
  for (const f of setAside) console.log(`  set aside: ${f}`);
  for (const p of problems) console.log(`  WARNING (--force): ${p}`);
  const { ctx, close } = await openCliContext();
  try {
    const chain = await verifyChain(ctx);
    const headHash = m.auditChain.lastId ? await rowHashOf(ctx, m.auditChain.lastId) : undefined;
    if (!chain.ok) {
      console.error(`  audit chain BROKEN at row ${chain.brokenAt}: ${chain.reason}`);
      process.exitCode = 2;
    } else if (m.auditChain.lastId && headHash !== m.auditChain.lastHash) {
      console.error(`  audit chain does not reach the manifest's head (row ${m.auditChain.lastId})`);
      process.exitCode = 2;
    } else console.log(`  audit chain intact: ${chain.rows} rows, as at backup time. Start the server.`);
  } finally {
    await close();
  }
}
