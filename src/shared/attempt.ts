/**
 * What the exam page and the attempts API exchange: the schemas and types are in src/shared/api/attempts.ts
 * (re-exported here), the states in attempt-states.ts. Never holds a key: see exam.ts for the content contract.
 */
// The replies' types, inferred from their schemas (src/shared/api/attempts.ts).
export type {
  AnswerAck,
  AttemptDelivery,
  AttemptResult,
  HeartbeatReply,
  SavedAnswer,
  SubmitReply,
} from './api/attempts.js';
