/**
 * What `npm run bench:scale` (bench-scale.ts) reads at the end of a row: the push latencies from what the lists
 * and pages received, and whether every acknowledged answer is in the database.
 */
import { openDatabase } from '../../src/server/db/index.js';
import type { SimLearner } from './scale-learners.js';

/** Within this of a kill (ms before, after), samples are left out: there a push waits for the reconnection. */
const AROUND_KILL = [1000, 5000] as const;

export interface AddedTime {
  sim: SimLearner;
  sentAt: number;
  deadlineAt: string;
}

/**
 * The list pushes (answer PUT sent → its sequence number on the operator's list) and the learner pushes
 * (« Ajouter du temps » sent → the page told the new deadline). A learner push that only arrived with a later
 * event (the pauses of the cost phase, from `lateAfter` on) is counted missing, not as a push of minutes.
 */
export function pushSamples(
  arrivals: (string | number)[][],
  sentAt: Map<string, Map<number, number>>,
  addTimes: AddedTime[],
  killedAt: number,
  lateAfter: number,
) {
  const counted = (t: number) => !killedAt || t < killedAt - AROUND_KILL[0] || t > killedAt + AROUND_KILL[1];
  const op: number[] = [];
  for (const stream of arrivals)
    for (let i = 0; i < stream.length; i += 3) {
      const t = sentAt.get(stream[i] as string)?.get(stream[i + 1] as number);
      if (t !== undefined && counted(t)) op.push((stream[i + 2] as number) - t);
    }
  const learner: number[] = [];
  let missing = 0;
  for (const a of addTimes) {
    const p = a.sim.pushes.find((x) => x.at >= a.sentAt && x.deadlineAt === a.deadlineAt);
    if (!p || p.at >= lateAfter) missing++;
    else if (counted(a.sentAt)) learner.push(p.at - a.sentAt);
  }
  return { op, learner, missing };
}

/** Acknowledged answers not in the database, and the attempts started. */
export async function checkDatabase(room: { pgUrl?: string; dataDir: string }, sims: SimLearner[]) {
  const check = openDatabase({ databaseUrl: room.pgUrl, dataDir: room.dataDir });
  try {
    const rows = await check.db.selectFrom('answers').select(['attempt_id', 'item_id', 'seq']).execute();
    const held = new Map(rows.map((r) => [`${r.attempt_id} ${r.item_id}`, Number(r.seq)]));
    let lost = 0;
    for (const s of sims)
      for (const [item, seq] of s.acked) if ((held.get(`${s.seat.attemptId} ${item}`) ?? 0) < seq) lost++;
    const started = (
      await check.db
        .selectFrom('attempts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('started_at', 'is not', null)
        .executeTakeFirstOrThrow()
    ).n;
    return { lost, started: Number(started) };
  } finally {
    await check.close();
  }
}
