import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Secrets } from './crypto.js';
import type { Db } from './db/index.js';
import type { EventBus } from './events.js';
import type { Mailer } from './mailer.js';
import type { ModuleHooks } from './wiring.js';

/** What every service needs, built once in app.ts and passed down explicitly (no globals). */
export interface AppContext {
  config: Config;
  db: Db;
  dbKind: 'sqlite' | 'postgres';
  /** PostgreSQL connection string (LISTEN/NOTIFY needs a client of its own); undefined on SQLite. */
  databaseUrl?: string;
  secrets: Secrets;
  log: FastifyBaseLogger;
  mailer: Mailer;
  events: EventBus;
  /** The modules' hooks, with the reactions wired in wiring.ts; one set per context, shared by its copies. */
  hooks: ModuleHooks;
  /** The server's clock. Tests may replace it; the exam deadline is always computed from it. */
  now: () => Date;
}
