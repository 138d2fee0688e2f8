import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { loadConfig } from '../server/config.js';
import type { AppContext } from '../server/context.js';
import { Secrets } from '../server/crypto.js';
import { migrateToLatest, openDatabase } from '../server/db/index.js';
import { EventBus } from '../server/events.js';
import { createMailer } from '../server/mailer.js';
import { wireModules } from '../server/wiring.js';

/** The same context the server builds, for commands run from the shell, on the same database. */
export async function openCliContext(): Promise<{ ctx: AppContext; close: () => Promise<void> }> {
  const config = loadConfig();
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, limits: config.db });
  await migrateToLatest(database.db);
  const log = pino({ level: process.env.LOG_LEVEL ?? 'warn' }) as unknown as FastifyBaseLogger;
  const ctx: AppContext = {
    config,
    db: database.db,
    dbKind: database.kind,
    secrets: new Secrets(config.secret),
    log,
    mailer: createMailer(config, log),
    events: new EventBus(),
    hooks: wireModules(),
    now: () => new Date(),
  };
  return { ctx, close: () => database.close() };
}
