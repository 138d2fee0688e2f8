import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent, request } from 'node:http';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { migrateToLatest, openDatabase } from '../../src/server/db/index.js';
import { makeExamRoom } from '../support/exam-room.js';
import { startServer } from '../support/server-process.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'prof-'));
const pgUrl = process.env.PGURL;
const handle = openDatabase({ dataDir, databaseUrl: pgUrl });
await migrateToLatest(handle.db);
const built = await buildApp({
  config: loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, VIGIE_SECRET: SECRET }),
  database: handle,
});
const { seats } = await makeExamRoom(built.ctx, 500);
await built.app.close();
await handle.close();
const app = await startServer({ dataDir, secret: SECRET, databaseUrl: pgUrl });
const agent = new Agent({ keepAlive: true, maxSockets: 500 });
const lat: number[] = [];
const t0 = performance.now();
await Promise.all(
  seats.map(
    (seat) =>
      new Promise<void>((resolve) => {
        const b = performance.now();
        const req = request(
          `${app.url}/api/attempts/${seat.attemptId}/start`,
          {
            method: 'POST',
            agent,
            headers: {
              cookie: seat.cookie,
              'x-csrf-token': seat.csrf,
              'content-type': 'application/json',
              'content-length': 2,
            },
          },
          (res) => {
            res.resume();
            res.on('end', () => {
              lat.push(performance.now() - b);
              resolve();
            });
          },
        );
        req.end('{}');
      }),
  ),
);
lat.sort((a, b) => a - b);
console.log('total', Math.round(performance.now() - t0), 'p50', Math.round(lat[250]!), 'p99', Math.round(lat[494]!));
await app.kill();
