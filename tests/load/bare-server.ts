/**
 * The baseline of the answer-save benchmark: Fastify with one route doing one SQLite insert, with the
 * app's own durability (WAL, synchronous=FULL) and nothing else — no session, no check, no transaction.
 * Started by bench.ts as its own process: PORT and DB_FILE come from the environment.
 */
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';

const db = new SQLite(process.env.DB_FILE ?? 'bare.db');
db.pragma('journal_mode = WAL');
db.pragma(`synchronous = ${process.env.SYNCHRONOUS ?? 'FULL'}`);
db.exec(
  'create table if not exists answers (id integer primary key, attempt_id text, item_id text, response text, seq integer, saved_at text)',
);
const insert = db.prepare('insert into answers (attempt_id, item_id, response, seq, saved_at) values (?, ?, ?, ?, ?)');

const app = Fastify({ logger: false });
app.put<{ Params: { attemptId: string; itemId: string }; Body: { choiceIds: string[]; seq: number } }>(
  '/bare/:attemptId/:itemId',
  async (req) => {
    insert.run(
      req.params.attemptId,
      req.params.itemId,
      JSON.stringify(req.body.choiceIds),
      req.body.seq,
      new Date().toISOString(),
    );
    return { ok: true };
  },
);
app.get('/healthz', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
