import { defineConfig } from 'vitest/config';

/**
 * `npm run test:fast`: the unit tests only — pure rules that need no database, no server, no child process and
 * no face model (the photo-checks calibration set takes ~40 s alone: it stays in `npm test`). A new test file
 * belongs here when it imports neither tests/support/test-app, databases nor a real process; `npm test` runs it
 * anyway. Budget: under 30 s on the 2-core dev machine.
 */
export default defineConfig({
  test: {
    include: [
      'src/server/db/errors.hostile.test.ts',
      'src/server/modules/accounts/passwords.test.ts',
      'src/server/modules/accounts/sign-in-throttle.test.ts',
      'src/server/modules/accounts/user-code.test.ts',
      'src/server/modules/attempts/answers.hostile2.test.ts',
      'src/server/modules/attempts/paper.test.ts',
      'src/server/modules/cards/card-dates.test.ts',
      'src/server/modules/cards/card-number.test.ts',
      'src/server/modules/cards/statement.test.ts',
      'src/server/modules/catalog/exam-format.test.ts',
      'src/server/modules/catalog/scoring.test.ts',
      'src/server/modules/identity/rules.test.ts',
      'src/server/modules/photo-checks/geometry-measures.test.ts',
      'src/server/modules/photo-checks/measures.test.ts',
      'src/server/modules/photo-checks/verdicts.test.ts',
      'src/server/modules/photos/image.test.ts',
      'src/shared/attempt-states.test.ts',
      'src/shared/text-input.test.ts',
      'src/web/api/errorMessage.test.ts',
      'src/web/pages/desk/photo-guidance/guidance.test.ts',
      'src/web/pages/exam/answerQueue.conflict.test.ts',
      'src/web/pages/exam/answerQueue.test.ts',
      'src/web/pages/exam/serverClock.test.ts',
      'src/web/styles/styles.test.ts',
    ],
    testTimeout: 30_000,
    // Threads, not forks as in vitest.config.ts: nothing here holds a database, and a thread starts faster
    // (26 → 15 s at a load of 9 on 2 cores).
    pool: 'threads',
    env: { NODE_ENV: 'test' },
  },
});
