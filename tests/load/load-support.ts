import { request, type Agent } from 'node:http';
import type { Seat } from '../support/exam-room.js';

/** One request from a learner's browser (its cookies and CSRF token) on `agent`; resolves to the status (0: no answer). */
export function learnerRequest(agent: Agent, url: string, seat: Seat, method: string, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: {
          cookie: seat.cookie,
          'x-csrf-token': seat.csrf,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

/** The p-th percentile (0–1) of ascending `sorted` (nearest rank), or NaN when there is none. */
export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! : NaN;
