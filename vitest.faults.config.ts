import { defineConfig } from 'vitest/config';

/**
 * The fault suite (tests/faults, issue 13): real server processes under restarts, lost PostgreSQL connections,
 * locks, a full disk, backups. One file at a time — each drives a server and a room of learners, and the
 * machine's cores are the budget — and every wait in it is bounded, so a hanging server fails the run.
 */
export default defineConfig({
  test: {
    include: ['tests/faults/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { NODE_ENV: 'test' },
  },
});
