/**
 * Sign-in throttling an outsider cannot turn against the owner (docs/accounts.md). Failures are counted per
 * account *and* client address: after FREE_FAILURES from one address, that address must wait before the
 * account may be tried from it again — FIRST_WAIT after the last failure, doubling with each further failure,
 * at most MAX_WAIT. Other addresses, the owner's included, are not affected. While waiting, the answer is
 * exactly a wrong password's (401 bad_credentials), so a throttled account looks like an unknown one.
 * Failures older than MEMORY are forgotten; a success from the address forgets that address's failures.
 */
export const FREE_FAILURES = 5;
export const FIRST_WAIT_MS = 60_000;
export const MAX_WAIT_MS = 60 * 60_000;
export const MEMORY_MS = 24 * 3600_000;

/** How long the address must wait after its last failure, given how many failures it has made. */
export function waitAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(FIRST_WAIT_MS * 2 ** (failures - FREE_FAILURES), MAX_WAIT_MS);
}

/** Whether the address must still wait at `now`, given its recent failures. */
export function throttled(recent: { count: number; lastAt: string | null }, now: Date): boolean {
  if (!recent.lastAt) return false;
  return now.getTime() < new Date(recent.lastAt).getTime() + waitAfter(recent.count);
}
