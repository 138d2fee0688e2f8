import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { storageLocation } from '../../server/config.js';
import { CARD_KEY_FILE, keysFromPrivatePem } from '../../server/modules/cards/signing-key.js';
import { UsageError, type OfflineCommand } from '../command.js';
import {
  checkSecret,
  DB_FILE,
  FORMAT,
  fsyncPath,
  keysToKeepOnPostgres,
  MANIFEST,
  pgUrlArg,
  SECRET_FILE,
  sealedSample,
  secretFingerprint,
  sha256File,
  shellArg,
  vigieVersion,
  writePrivate,
  type Manifest,
} from './backup-files.js';
import { restore } from './restore.js';

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
      sealed: sealedSample(copy),
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
  const { sealed, ...content } = await copyDatabase(source, dbCopy);
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
    secretCheck: checkSecret(secret, sealed),
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
  if (manifest.secretCheck === 'does not decrypt') {
    console.error(
      `  WARNING: the VIGIE_SECRET this command was given (${loc.envSecret ? 'from the environment' : SECRET_FILE}) does not decrypt the data: run it with the server's settings (deploy/vigie does). The database copy is complete, but a restore needs the server's VIGIE_SECRET.`,
    );
    process.exitCode = 3;
  }
  for (const name of keptElsewhere)
    console.log(
      `  ${name} comes from the environment and is NOT in this backup: keep it elsewhere (a password manager, a vault); a restore needs the same value.`,
    );
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
