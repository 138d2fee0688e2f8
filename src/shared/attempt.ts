/**
 * The attempt's state names. What the exam page and the attempts API exchange is in src/shared/api/attempts.ts
 * (re-exported here). Never holds a key: see exam.ts for the content contract.
 */
export type AttemptStateName = 'authorized' | 'in_progress' | 'submitted' | 'terminated' | 'expired' | 'cancelled';
export type EndedState = 'submitted' | 'terminated' | 'expired';

// The replies' types, inferred from their schemas (src/shared/api/attempts.ts).
export type {
  AnswerAck,
  AttemptDelivery,
  AttemptResult,
  HeartbeatReply,
  SavedAnswer,
  SubmitReply,
} from './api/attempts.js';
