import { createHash, hkdfSync } from 'node:crypto';
import { closeSync, createReadStream, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { z } from 'zod';
import type { storageLocation } from '../../server/config.js';
import { Secrets } from '../../server/crypto.js';
import { CARD_KEY_FILE } from '../../server/modules/cards/signing-key.js';

/** What a backup directory holds and how it is checked: shared by `backup` and `restore`. */
export const DB_FILE = 'vigie.db';
export const SECRET_FILE = 'secret.key';
export const MANIFEST = 'manifest.json';
export const FORMAT = 'vigie-backup/1';

export const manifestSchema = z.object({
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
  /** Whether that secret opens the data (a date of birth of the copy, when there is one). */
  secretCheck: z.enum(['decrypts', 'nothing encrypted yet', 'does not decrypt']).optional(),
  cardKeyId: z.string().nullable(),
});
export type Manifest = z.infer<typeof manifestSchema>;

/**
 * Identifies VIGIE_SECRET without revealing it. A backup already holds data keyed by it (AES-GCM, HMACs), so
 * this fingerprint gives nobody a faster way to guess it than the data does.
 */
export function secretFingerprint(secret: string): string {
  return Buffer.from(hkdfSync('sha256', secret, 'vigie', 'backup-fingerprint', 16)).toString('hex');
}

/** Something encrypted with VIGIE_SECRET, if the database holds anything yet: a date of birth, else a photo. */
export function sealedSample(db: SQLite.Database): Uint8Array | undefined {
  const dob = db.prepare('select date_of_birth_enc from identity_checks limit 1').pluck().get() as string | undefined;
  if (dob !== undefined) return Buffer.from(dob, 'base64');
  return db
    .prepare(
      'select coalesce(cropped_enc, original_enc) from photos where coalesce(cropped_enc, original_enc) is not null limit 1',
    )
    .pluck()
    .get() as Uint8Array | undefined;
}

/** Whether `secret` opens the data: a key read from the wrong place would make a backup nobody can restore. */
export function checkSecret(secret: string, sealed: Uint8Array | undefined): NonNullable<Manifest['secretCheck']> {
  if (!sealed) return 'nothing encrypted yet';
  try {
    new Secrets(secret).decrypt(sealed);
    return 'decrypts';
  } catch {
    return 'does not decrypt';
  }
}

export function vigieVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function fsyncPath(p: string) {
  const fd = openSync(p, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A new file only its owner may read, on disk before this returns. */
export function writePrivate(file: string, data: string | Buffer) {
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A shell argument, quoted. */
export const shellArg = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The database URL as a shell argument, without its password (pg_dump takes it from PGPASSWORD or ~/.pgpass). */
export function pgUrlArg(url: string): string {
  const u = new URL(url);
  u.password = '';
  return shellArg(u.toString());
}

export function keysToKeepOnPostgres(loc: ReturnType<typeof storageLocation>): string[] {
  return [
    loc.envSecret
      ? '  - VIGIE_SECRET (from the environment): keep it in your secret store; without it identity data and photos are unreadable'
      : `  - ${path.join(loc.dataDir, SECRET_FILE)} (VIGIE_SECRET): copy it with the dump`,
    loc.envCardSigningKey
      ? '  - CARD_SIGNING_KEY (from the environment): keep it; without it the cards already printed no longer verify'
      : `  - ${path.join(loc.dataDir, CARD_KEY_FILE)} (card signing key): copy it with the dump`,
  ];
}
