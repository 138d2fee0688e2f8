import { createHash, hkdfSync } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  copyFileSync,
  createReadStream,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { z } from 'zod';
import { storageLocation } from '../../server/config.js';
import { migrations } from '../../server/db/migrations/index.js';
import { verifyChain } from '../../server/modules/audit/audit.service.js';
import { CARD_KEY_FILE, keysFromPrivatePem } from '../../server/modules/cards/signing-key.js';
import { UsageError, type OfflineCommand } from '../command.js';
import { openCliContext } from '../context.js';

const DB_FILE = 'vigie.db';
const SECRET_FILE = 'secret.key';
const MANIFEST = 'manifest.json';
const FORMAT = 'vigie-backup/1';

const manifestSchema = z.object({
  format: z.literal(FORMAT),
  createdAt: z.string(),
  vigieVersion: z.string(),
  database: z.object({ file: z.string(), bytes: z.number(), sha256: z.string(), integrity: z.literal('ok') }),
  migrations: z.array(z.string()),
  auditChain: z.object({ rows: z.number(), lastId: z.number().nullable(), lastHash: z.string().nullable() }),
  rows: z.record(z.string(), z.number()),
  /** Key files copied beside the database (name in DATA_DIR, sha256 of the content). */
  keys: z.array(z.object({ file: z.string(), sha256: z.string() })),
  /** Keys in use at backup time that came from the environment: not in the backup, kept elsewhere. */
  keptElsewhere: z.array(z.string()),
  /** Which VIGIE_SECRET and card key the data needs (fingerprints), so a restore can refuse the wrong ones. */
  secretFingerprint: z.string(),
  cardKeyId: z.string().nullable(),
});
type Manifest = z.infer<typeof manifestSchema>;

/**
 * Identifies VIGIE_SECRET without revealing it. A backup already holds data keyed by it (AES-GCM, HMACs), so
 * this fingerprint gives nobody a faster way to guess it than the data does.
 */
function secretFingerprint(secret: string): string {
  return Buffer.from(hkdfSync('sha256', secret, 'vigie', 'backup-fingerprint', 16)).toString('hex');
}

function vigieVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function fsyncPath(p: string) {
  const fd = openSync(p, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A new file only its owner may read, on disk before this returns. */
function writePrivate(file: string, data: string | Buffer) {
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A shell argument, quoted. */
const shellArg = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The database URL as a shell argument, without its password (pg_dump takes it from PGPASSWORD or ~/.pgpass). */
function pgUrlArg(url: string): string {
  const u = new URL(url);
  u.password = '';
  return shellArg(u.toString());
}

function keysToKeepOnPostgres(loc: ReturnType<typeof storageLocation>): string[] {
  return [
    loc.envSecret
      ? '  - VIGIE_SECRET (from the environment): keep it in your secret store; without it identity data and photos are unreadable'
      : `  - ${path.join(loc.dataDir, SECRET_FILE)} (VIGIE_SECRET): copy it with the dump`,
    loc.envCardSigningKey
      ? '  - CARD_SIGNING_KEY (from the environment): keep it; without it the cards already printed no longer verify'
      : `  - ${path.join(loc.dataDir, CARD_KEY_FILE)} (card signing key): copy it with the dump`,
  ];
}

/** SQLite's backup API: a consistent copy of the live database, WAL included, while the server writes. */
async function copyDatabase(source: string, target: string) {
  const db = new SQLite(source, { fileMustExist: true, timeout: 5000 });
  try {
    // Every page in one step, inside one read transaction: a snapshot of one instant. Smaller steps would
    // start over each time the server commits between two of them, and never finish during an exam.
    await db.backup(target, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  chmodSync(target, 0o600);
  const copy = new SQLite(target, { fileMustExist: true });
  try {
    // A file that stands alone: no -wal beside it to lose.
    copy.pragma('journal_mode = DELETE');
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`the copy fails integrity_check: ${String(integrity)}`);
    const count = (table: string) => Number(copy.prepare(`select count(*) from ${table}`).pluck().get());
    const head = copy.prepare('select id, hash from audit_log order by id desc limit 1').get() as
      { id: number; hash: string } | undefined;
    return {
      migrations: copy.prepare('select name from kysely_migration order by name').pluck().all() as string[],
      auditChain: { rows: count('audit_log'), lastId: head?.id ?? null, lastHash: head?.hash ?? null },
      rows: Object.fromEntries(['users', 'attempts', 'answers', 'photos'].map((t) => [t, count(t)])),
    };
  } finally {
    copy.close();
  }
}

/** The `backup` command; `env` is the environment it reads DATA_DIR and the keys from (tests give their own). */
export async function backup(dir: string, env: NodeJS.ProcessEnv = process.env) {
  const loc = storageLocation(env);
  if (loc.databaseUrl) {
    console.error(
      [
        'This installation runs on PostgreSQL: back it up with pg_dump, not with this command.',
        `  mkdir -m 700 ${shellArg(path.resolve(dir))}`,
        `  pg_dump -Fc --dbname ${pgUrlArg(loc.databaseUrl)} --file ${shellArg(path.resolve(dir, 'vigie.pgdump'))}`,
        '  (password from PGPASSWORD or ~/.pgpass; restore with pg_restore --clean --if-exists --dbname …)',
        'and keep with it the keys the data needs:',
        ...keysToKeepOnPostgres(loc),
        'Nothing was written.',
      ].join('\n'),
    );
    process.exitCode = 1;
    return;
  }
  const source = path.join(loc.dataDir, DB_FILE);
  if (!existsSync(source)) throw new UsageError(`no database at ${source} (is DATA_DIR right?)`);
  const target = path.resolve(dir);
  mkdirSync(target, { recursive: true, mode: 0o700 });
  if (readdirSync(target).length > 0) throw new UsageError(`${target} is not empty: give each backup a new directory`);

  const started = Date.now();
  const dbCopy = path.join(target, DB_FILE);
  const content = await copyDatabase(source, dbCopy);
  fsyncPath(dbCopy);

  const keys: Manifest['keys'] = [];
  const keptElsewhere: string[] = [];
  const secretFile = path.join(loc.dataDir, SECRET_FILE);
  const cardFile = path.join(loc.dataDir, CARD_KEY_FILE);
  let secret = loc.envSecret;
  if (secret) keptElsewhere.push('VIGIE_SECRET');
  else if (existsSync(secretFile)) secret = readFileSync(secretFile, 'utf8').trim();
  else throw new UsageError(`no VIGIE_SECRET in the environment and no ${secretFile}: which key encrypts this data?`);
  let cardPem = loc.envCardSigningKey;
  if (cardPem) keptElsewhere.push('CARD_SIGNING_KEY');
  else if (existsSync(cardFile)) cardPem = readFileSync(cardFile, 'utf8');
  for (const [file, used] of [
    [secretFile, !loc.envSecret],
    [cardFile, !loc.envCardSigningKey],
  ] as const) {
    if (!used || !existsSync(file)) continue;
    const data = readFileSync(file);
    writePrivate(path.join(target, path.basename(file)), data);
    keys.push({ file: path.basename(file), sha256: createHash('sha256').update(data).digest('hex') });
  }

  const manifest: Manifest = {
    format: FORMAT,
    createdAt: new Date(started).toISOString(),
    vigieVersion: vigieVersion(),
    database: { file: DB_FILE, bytes: statSync(dbCopy).size, sha256: await sha256File(dbCopy), integrity: 'ok' },
    ...content,
    keys,
    keptElsewhere,
    secretFingerprint: secretFingerprint(secret),
    cardKeyId: cardPem ? keysFromPrivatePem(cardPem).kid : null,
  };
  // Written last: a directory without a manifest is an unfinished backup, and restore refuses it.
  writePrivate(path.join(target, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  fsyncPath(target);

  console.log(`Backup written to ${target} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`  ${DB_FILE}: ${manifest.database.bytes} bytes, integrity_check ok, sha256 ${manifest.database.sha256}`);
  console.log(`  audit chain: ${content.auditChain.rows} rows, head ${content.auditChain.lastHash ?? '(empty)'}`);
  console.log(`  answers: ${content.rows.answers}, attempts: ${content.rows.attempts}, users: ${content.rows.users}`);
  for (const k of keys) console.log(`  ${k.file}: copied (keep this backup as secret as the key itself)`);
  for (const name of keptElsewhere)
    console.log(
      `  ${name} comes from the environment and is NOT in this backup: keep it elsewhere (a password manager, a vault); a restore needs the same value.`,
    );
}

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
  const secret = keyAfterRestore(dir, loc.dataDir, loc.envSecret, SECRET_FILE, m);
  if (!secret || secretFingerprint(secret.trim()) !== m.secretFingerprint)
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

async function restore(dir: string, force: boolean) {
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
    const head = m.auditChain.lastId
      ? await ctx.db.selectFrom('audit_log').select('hash').where('id', '=', m.auditChain.lastId).executeTakeFirst()
      : undefined;
    if (!chain.ok) {
      console.error(`  audit chain BROKEN at row ${chain.brokenAt}: ${chain.reason}`);
      process.exitCode = 2;
    } else if (m.auditChain.lastId && head?.hash !== m.auditChain.lastHash) {
      console.error(`  audit chain does not reach the manifest's head (row ${m.auditChain.lastId})`);
      process.exitCode = 2;
    } else console.log(`  audit chain intact: ${chain.rows} rows, as at backup time. Start the server.`);
  } finally {
    await close();
  }
}

export const backupCommands: OfflineCommand[] = [
  {
    // Offline: the command line's usual context would migrate, and could create a secret, in what it copies.
    offline: true,
    name: ['backup'],
    summary: 'Copy the database (online, while the server runs) and its keys into a new directory',
    usage: 'backup DIR   (SQLite; on PostgreSQL it prints the pg_dump command and the keys to keep)',
    async run({ positionals }) {
      if (positionals.length !== 1) throw new UsageError('usage: backup DIR');
      await backup(positionals[0]!);
    },
  },
  {
    offline: true,
    name: ['restore'],
    summary: 'Put a backup back into DATA_DIR (server stopped), then verify the audit chain',
    usage: 'restore DIR [--force]',
    options: { force: { type: 'boolean', description: "restore even when the keys in use are not the backup's" } },
    async run({ positionals, values }) {
      if (positionals.length !== 1) throw new UsageError('usage: restore DIR');
      await restore(positionals[0]!, values.force === true);
    },
  },
];
