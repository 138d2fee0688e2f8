import type { AppContext } from '../../src/server/context.js';
import { newId } from '../../src/server/crypto.js';
import { sessionCsrfToken } from '../../src/server/http/auth.js';
import { createSession } from '../../src/server/modules/accounts/sessions.service.js';
import { generateUserCode } from '../../src/server/modules/accounts/user-code.js';
import {
  enrol,
  makeAuthorizedAttempt,
  makeLearner,
  makeOperator,
  makeServicePoint,
  makeTraining,
} from './factories.js';
import { workstationCookie } from './attempts.js';

/** One learner of an exam room: their authorized attempt, and what their workstation's browser sends. */
export interface Seat {
  userId: string;
  attemptId: string;
  workstationId: string;
  /** Cookie header: session, CSRF and signed workstation cookies. */
  cookie: string;
  csrf: string;
}

/**
 * A service point with `n` workstations, each with a learner signed in and an exam authorized for today
 * (load and fault tests). Learners after the first share its password hash: hashing is not under test.
 */
export async function makeExamRoom(
  ctx: AppContext,
  n: number,
  opts: Parameters<typeof makeTraining>[1] = {},
): Promise<{ seats: Seat[]; servicePointId: string; versionId: string }> {
  const sp = await makeServicePoint(ctx, undefined, n);
  const operator = await makeOperator(ctx, sp.id);
  const training = await makeTraining(ctx, { durationMinutes: 60, ...opts });
  const first = await makeLearner(ctx);
  const template = await ctx.db.selectFrom('users').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
  const seats: Seat[] = [];
  for (let i = 0; i < n; i++) {
    let userId = first.id;
    if (i > 0) {
      userId = newId();
      const username = `${template.username}-${i}`;
      await ctx.db
        .insertInto('users')
        .values({
          ...template,
          id: userId,
          username,
          username_lower: username.toLowerCase(),
          email: `${username}@example.test`,
          email_lower: `${username}@example.test`.toLowerCase(),
          user_code: generateUserCode(),
        })
        .execute();
    }
    const enrolmentId = await enrol(ctx, userId, training.trainingId, sp.id);
    const workstationId = sp.workstations[i]!.id;
    const attemptId = await makeAuthorizedAttempt(ctx, {
      userId,
      enrolmentId,
      examId: training.examId,
      versionId: training.versionId,
      servicePointId: sp.id,
      workstationId,
      operatorId: operator.id,
    });
    const { token, id } = await createSession(ctx, userId, false, '127.0.0.1');
    const csrf = sessionCsrfToken(ctx, id);
    seats.push({
      userId,
      attemptId,
      workstationId,
      csrf,
      cookie: `vigie_sid=${token}; vigie_csrf=${csrf}; vigie_ws=${workstationCookie(ctx, workstationId)}`,
    });
  }
  return { seats, servicePointId: sp.id, versionId: training.versionId };
}
