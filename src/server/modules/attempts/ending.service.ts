/**
 * The three endings, for their callers (the routes, the jobs, the tests): each is its own transition file,
 * sharing one code path (transitions/end.ts).
 */
export type { EndedAttempt } from './transitions/end.js';
export { expireDue } from './transitions/expire.js';
export { submitAttempt } from './transitions/submit.js';
export { currentFigures, terminateAttempt } from './transitions/terminate.js';
