import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

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
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OPERATOR_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  PHOTO_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .default(365 * 5),
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  CARD_SIGNING_KEY: z.string().includes('PRIVATE KEY', { message: 'must be a PEM private key' }).optional(),
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
  publicUrl: string | undefined;
  logLevel: string;
  operatorIdleMinutes: number;
  photoRetentionDays: number;
  trustProxy: boolean;
  /** Ed25519 private key (PEM) signing card statements; generated into DATA_DIR when absent. */
  cardSigningKey: string | undefined;
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
    publicUrl: e.PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    operatorIdleMinutes: e.OPERATOR_IDLE_MINUTES,
    photoRetentionDays: e.PHOTO_RETENTION_DAYS,
    trustProxy: e.TRUST_PROXY === '1',
    cardSigningKey: e.CARD_SIGNING_KEY,
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

function readOrCreateSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  return secret;
}
