import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { DbLimits } from './db/index.js';

/** The whole environment, parsed once. No other file reads process.env. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  VIGIE_SECRET: z.string().min(32, 'VIGIE_SECRET must be at least 32 characters').optional(),
  DEMO_PASSWORD: z.string().min(10).default('vigie-demo-2026'),
  DEMO: z.enum(['0', '1']).optional(),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().default(587),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().default('Vigie <no-reply@vigie.local>'),
  PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) address' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OPERATOR_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  /**
   * Sign-ins (and resets) one address may ask in 5 minutes. A service point's room shares one public address: its
   * learners sign in together at the exam's start. Guessing a password is bounded per account (sign-in-throttle.ts).
   */
  SIGN_IN_PER_ADDRESS: z.coerce.number().int().min(5).default(200),
  PHOTO_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .default(365 * 5),
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  DB_CONNECTION_WAIT_MS: z.coerce.number().int().min(100).default(3000),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  DB_LOCK_WAIT_MS: z.coerce.number().int().min(0).default(2000),
  DB_PREPARED_STATEMENTS: z.coerce.number().int().min(0).max(5000).default(500),
  HEALTH_TIMEOUT_MS: z.coerce.number().int().min(50).max(10_000).default(500),
  MIN_FREE_DISK_MB: z.coerce.number().int().min(0).default(16),
  CARD_SIGNING_KEY: z.string().includes('PRIVATE KEY', { message: 'must be a PEM private key' }).optional(),
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  secret: string;
  demoPassword: string;
  demo: boolean;
  smtp: { host: string; port: number; user?: string; password?: string; from: string } | undefined;
  /**
   * The address people reach, without a trailing slash: every link in a mail or a document is built from it,
   * never from a request's Host header (which the sender chooses). PUBLIC_URL; required in production.
   */
  publicUrl: string;
  logLevel: string;
  operatorIdleMinutes: number;
  signInPerAddress: number;
  photoRetentionDays: number;
  trustProxy: boolean;
  /** Ed25519 private key (PEM) signing card statements; generated into DATA_DIR when absent. */
  cardSigningKey: string | undefined;
  /** How long the database may keep a request waiting (db/index.ts DbLimits). */
  db: DbLimits;
  /** /healthz answers within this, whatever the database does. */
  healthTimeoutMs: number;
  /** SQLite: below this much free space on DATA_DIR's disk, /healthz says storage_full. */
  minFreeDiskMb: number;
  /** The bearer token /metrics asks for; without it /metrics answers 404 (http/ops.routes.ts). */
  metricsToken: string | undefined;
};

/** `NAME_FILE` may hold the path of a file whose content is the value of NAME (Docker secrets). */
function withFileSecrets(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...env };
  for (const key of Object.keys(envSchema.shape)) {
    const file = env[`${key}_FILE`];
    if (file) out[key] = readFileSync(file, 'utf8').trim();
  }
  return out;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(withFileSecrets(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`Invalid configuration:\n${problems}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  let secret = e.VIGIE_SECRET;
  if (!secret) {
    if (e.NODE_ENV === 'production')
      throw new ConfigError('Invalid configuration:\n  - VIGIE_SECRET: required in production');
    secret = readOrCreateSecret(path.join(dataDir, 'secret.key'));
  }
  if (!e.PUBLIC_URL && e.NODE_ENV === 'production')
    throw new ConfigError(
      'Invalid configuration:\n  - PUBLIC_URL: required in production (the address users reach, e.g. https://vigie.example.org; links in e-mails and on cards are built from it)',
    );
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    secret,
    demoPassword: e.DEMO_PASSWORD,
    demo: e.DEMO ? e.DEMO === '1' : e.NODE_ENV !== 'production',
    smtp: e.SMTP_HOST
      ? { host: e.SMTP_HOST, port: e.SMTP_PORT, user: e.SMTP_USER, password: e.SMTP_PASSWORD, from: e.SMTP_FROM }
      : undefined,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    operatorIdleMinutes: e.OPERATOR_IDLE_MINUTES,
    signInPerAddress: e.SIGN_IN_PER_ADDRESS,
    photoRetentionDays: e.PHOTO_RETENTION_DAYS,
    trustProxy: e.TRUST_PROXY === '1',
    cardSigningKey: e.CARD_SIGNING_KEY,
    db: {
      poolSize: e.DB_POOL_SIZE,
      connectionWaitMs: e.DB_CONNECTION_WAIT_MS,
      statementMs: e.DB_STATEMENT_TIMEOUT_MS,
      lockWaitMs: e.DB_LOCK_WAIT_MS,
      preparedStatements: e.DB_PREPARED_STATEMENTS,
    },
    healthTimeoutMs: e.HEALTH_TIMEOUT_MS,
    minFreeDiskMb: e.MIN_FREE_DISK_MB,
    metricsToken: e.METRICS_TOKEN,
  };
}

/**
 * Where the card signing key lives, read without loadConfig's side effects (creating DATA_DIR and a secret):
 * for the offline `card verify` command on a machine that may have no configuration at all.
 */
export function cardKeyLocation(env: NodeJS.ProcessEnv = process.env): Pick<Config, 'dataDir' | 'cardSigningKey'> {
  const e = withFileSecrets(env);
  return { dataDir: path.resolve(e.DATA_DIR ?? './data'), cardSigningKey: e.CARD_SIGNING_KEY };
}

/**
 * Where the data lives and which keys come from the environment, read without loadConfig's side effects:
 * `backup` and `restore` must not create a secret in the directory they copy from or restore into.
 */
export function storageLocation(env: NodeJS.ProcessEnv = process.env) {
  const e = withFileSecrets(env);
  return {
    dataDir: path.resolve(e.DATA_DIR ?? './data'),
    databaseUrl: e.DATABASE_URL || undefined,
    /** VIGIE_SECRET when it comes from the environment (else the server uses DATA_DIR/secret.key). */
    envSecret: e.VIGIE_SECRET || undefined,
    /** CARD_SIGNING_KEY when it comes from the environment (else DATA_DIR/card-signing.key). */
    envCardSigningKey: e.CARD_SIGNING_KEY || undefined,
  };
}

function readOrCreateSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  return secret;
}
