import type { FastifyBaseLogger } from 'fastify';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { migrateToLatest, openDatabase } from './db/index.js';
import { loadDemoIfEmpty } from './modules/demo/demo.service.js';
import { startBackgroundJobs, startUp } from './jobs.js';

/**
 * After SIGTERM or SIGINT, requests in flight (and their commits) get this long to finish; then the process
 * exits anyway. A supervisor's stop timeout must be longer (deploy/vigie.service: TimeoutStopSec=30).
 */
const SHUTDOWN_GRACE_MS = 10_000;

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  // The app's logger exists only once the app is built, after the database is open.
  const logs: { to?: FastifyBaseLogger } = {};
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    backgroundCheckpoints: true,
    limits: config.db,
    onConnectionError: (err: Error & { code?: string }) =>
      logs.to?.warn(
        { code: err.code, reason: err.message },
        'database connection lost; a new one is opened when needed',
      ),
  });
  await migrateToLatest(database.db);
  const { app, ctx } = await buildApp({ config, database, serveWeb: true });
  logs.to = app.log;
  if (config.demo) await loadDemoIfEmpty(ctx);
  await startUp(ctx);
  const stopJobs = startBackgroundJobs(ctx);

  let stoppingSince = 0;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stoppingSince) {
      // Ctrl-C under `npm start` reaches node twice (from the terminal, and relayed by tsx): a repeat within
      // a second is the same request, not an operator insisting.
      if (Date.now() - stoppingSince < 1000) return;
      app.log.warn({ signal }, 'second signal: exiting now, without waiting for requests in flight');
      process.exit(1);
    }
    stoppingSince = Date.now();
    const t0 = Date.now();
    app.log.info(
      { signal, graceMs: SHUTDOWN_GRACE_MS },
      'stopping: no new connections, live streams closed, requests in flight finish (a second signal exits at once)',
    );
    setTimeout(() => {
      app.log.error({ graceMs: SHUTDOWN_GRACE_MS }, 'requests still in flight after the grace period: exiting anyway');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    try {
      const jobsDone = stopJobs();
      // Stops listening, ends the monitoring streams (their preClose hook), then waits for every request
      // being answered; a request arriving meanwhile on a kept-alive connection is answered 503.
      // Node closes the idle kept-alive connections once, when closing begins; one whose request was in
      // flight becomes idle after its answer and would hold close() until the browser lets it go (about 70
      // s later). Each is closed as soon as it is idle.
      const idle = setInterval(() => app.server.closeIdleConnections(), 50);
      await app.close();
      clearInterval(idle);
      app.log.info({ ms: Date.now() - t0 }, 'requests in flight finished');
      await jobsDone;
      // SQLite: closing the last connection checkpoints the WAL into vigie.db and removes it.
      await database.close();
      app.log.info(
        { ms: Date.now() - t0, database: database.kind },
        database.kind === 'sqlite'
          ? 'database closed (WAL checkpointed into vigie.db); stopped'
          : 'database closed; stopped',
      );
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', (s) => void shutdown(s));
  process.on('SIGINT', (s) => void shutdown(s));
  // A room's browsers connecting in the same second (« Commencer » × 2,000) overflowed Node's default queue of 511
  // connections not yet accepted while the event loop was busy: the kernel reset them (ECONNRESET). The kernel
  // caps this at net.core.somaxconn (4096 on Debian).
  await app.listen({ port: config.port, host: config.host, backlog: 4096 });
  app.log.info(
    {
      database: database.kind,
      instances:
        database.kind === 'sqlite'
          ? 'single instance (embedded SQLite)'
          : 'several instances may share this PostgreSQL database',
    },
    'Vigie is listening',
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
