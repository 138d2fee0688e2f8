import { describe, expect, it } from 'vitest';
import { databaseTrouble } from './errors.js';

/**
 * A statement with more bind parameters than PostgreSQL's protocol carries (65,535) fails with SQLSTATE 08P01
 * (protocol violation), severity ERROR, on a connection that stays usable: the request's own fault. Answered
 * 503 database_unavailable with Retry-After, the page would send it again forever (found by the hostile pass of
 * 2026-12-07: « Importer » an enrolment CSV of 8,000 lines).
 */
describe('what a PostgreSQL protocol violation means', () => {
  it('is the request’s fault when the connection survives it', () => {
    const err = Object.assign(new Error('bind message has 4464 parameter formats but 0 parameters'), {
      code: '08P01',
      severity: 'ERROR',
    });
    expect(databaseTrouble(err)).toBeNull();
  });

  it('is the database’s when it ends the session', () => {
    const err = Object.assign(new Error('invalid frontend message type'), { code: '08P01', severity: 'FATAL' });
    expect(databaseTrouble(err)).toBe('database_unavailable');
    expect(databaseTrouble(Object.assign(new Error('connection failure'), { code: '08006' }))).toBe(
      'database_unavailable',
    );
  });
});
