/**
 * The data of `npm run bench:scale` (bench-scale.ts): `learners` learners in `points` service points, each
 * signed in at their own workstation with an exam authorized for today (support/exam-room.ts's makeExamRoom,
 * one room per service point), and one operator per service point with a session. Written through the app's
 * own services and the helpers every bench uses, straight into the database (no HTTP), before any server starts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { migrateToLatest, openDatabase } from '../../src/server/db/index.js';
import { sessionCsrfToken } from '../../src/server/http/auth.js';
import { createSession } from '../../src/server/modules/accounts/sessions.service.js';
import { benchPgBase, scratchPgDatabase } from '../support/databases.js';
import { makeExamRoom, type Seat } from '../support/exam-room.js';
import { makeOperator } from '../support/factories.js';

export const SCALE_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

export interface ScaleSeat extends Seat {
  /** Index of its service point (and of its operator) in `ScaleRoom.operators`. */
  point: number;
}

export interface ScaleOperator {
  servicePointId: string;
  cookie: string;
  csrf: string;
  /** Indexes of the point's learners in `ScaleRoom.seats`. */
  seats: number[];
}

export interface ScaleRoom {
  dataDir: string;
  pgUrl?: string;
  /** The scratch PostgreSQL database's name (its backends are the ones whose CPU is counted). */
  pgName?: string;
  seats: ScaleSeat[];
  operators: ScaleOperator[];
  drop(): Promise<void>;
}

export async function prepareScale(kind: 'sqlite' | 'postgres', learners: number, points: number): Promise<ScaleRoom> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `vigie-bench-scale-${kind}-`));
  const pgName = `vigie_bench_scale_${process.pid}`;
  const scratch = kind === 'postgres' ? await scratchPgDatabase(benchPgBase(), pgName) : null;
  const handle = openDatabase({ databaseUrl: scratch?.url, dataDir });
  await migrateToLatest(handle.db);
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, VIGIE_SECRET: SCALE_SECRET });
  const { app, ctx } = await buildApp({ config, database: handle });
  const seats: ScaleSeat[] = [];
  const operators: ScaleOperator[] = new Array<ScaleOperator>(points);
  const perPoint = Math.ceil(learners / points);
  // PostgreSQL takes several rooms at once (one connection each); SQLite has one connection anyway.
  const parallel = kind === 'postgres' ? 6 : 1;
  for (let p0 = 0; p0 < points; p0 += parallel) {
    const rooms = await Promise.all(
      Array.from({ length: Math.min(parallel, points - p0) }, async (_, k) => {
        const point = p0 + k;
        const n = Math.min(perPoint, learners - point * perPoint);
        const room = await makeExamRoom(ctx, n, { durationMinutes: 180 });
        const op = await makeOperator(ctx, room.servicePointId);
        const { token, id } = await createSession(ctx, op.id, false, '127.0.0.1');
        const csrf = sessionCsrfToken(ctx, id);
        return { point, room, cookie: `vigie_sid=${token}; vigie_csrf=${csrf}`, csrf };
      }),
    );
    for (const { point, room, cookie, csrf } of rooms) {
      const first = seats.length;
      for (const s of room.seats) seats.push({ ...s, point });
      operators[point] = {
        servicePointId: room.servicePointId,
        cookie,
        csrf,
        seats: room.seats.map((_, i) => first + i),
      };
    }
  }
  await app.close();
  await handle.close();
  return {
    dataDir,
    pgUrl: scratch?.url,
    pgName: scratch ? pgName : undefined,
    seats,
    operators,
    async drop() {
      await scratch?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
