/**
 * What the exam page and the attempts API exchange (GET /api/attempts/:id, « Commencer », answers,
 * heartbeat, « Terminer »). Never holds a key: see exam.ts for the content contract.
 */
import type { AttemptState, EndedState } from './attempt-states.js';
import type { DeliveredItem, LocalizedText } from './exam.js';

export interface AttemptResult {
  state: EndedState;
  endedAt: string;
  scorePoints: number;
  maxPoints: number;
  /** Truncated to 2 decimals: never reads higher than the truth. */
  percentage: number;
  outcome: 'passed' | 'failed';
}

export interface SavedAnswer {
  choiceIds: string[];
  flagged: boolean;
  seq: number;
}

export interface AttemptDelivery {
  id: string;
  state: AttemptState;
  title: LocalizedText;
  durationMinutes: number;
  passingMark: number;
  questionCount: number;
  /** The rules shown before « Commencer », in both languages. */
  rules: LocalizedText[];
  workstation: { name: string; servicePointName: string };
  /** The server's clock when it answered: the page measures its offset from it, never trusting its own. */
  serverNow: string;
  startedAt: string | null;
  deadlineAt: string | null;
  /** « Examen en pause » since then: the countdown stands still and no answer is taken; null while it runs. */
  pausedAt: string | null;
  lastSeq: number;
  /** While in progress: the paper, in order, without keys. */
  items?: DeliveredItem[];
  answers?: Record<string, SavedAnswer>;
  /** Once ended. */
  result?: AttemptResult;
}

export interface AnswerAck {
  itemId: string;
  seq: number;
  savedAt: string;
  /** The same change arrived before (a retry whose first acknowledgement was lost). */
  duplicate: boolean;
}

export interface HeartbeatReply {
  state: AttemptState;
  serverNow: string;
  deadlineAt: string | null;
  pausedAt: string | null;
}

export interface SubmitReply {
  /** True when this « Terminer » ended the attempt; false when an expiry or the operator came first. */
  won: boolean;
  result: AttemptResult;
}
