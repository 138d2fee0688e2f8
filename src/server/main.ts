import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { migrateToLatest, openDatabase } from './db/index.js';
import { loadDemoIfEmpty } from './modules/demo/demo.service.js';
import { startBackgroundJobs } from './jobs.js';

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
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    backgroundCheckpoints: true,
  });
  await migrateToLatest(database.db);
  const { app, ctx } = await buildApp({ config, database, serveWeb: true });
  if (config.demo) await loadDemoIfEmpty(ctx);
  const stopJobs = startBackgroundJobs(ctx);
  const shutdown = async () => {
    stopJobs();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
  await app.listen({ port: config.port, host: config.host });
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
