/**
 * What the operator's live list receives (GET /api/desk/live, server-sent events) and the desk's other
 * monitoring replies. Every message carries the server's clock: the page counts down and says « il y a 12 s »
 * against it, never trusting the operator's own clock.
 */
import type { AttemptResult } from './attempt.js';
import type { AttemptState, OpenState } from './attempt-states.js';

/** A workstation that has not been heard from (heartbeat every 15 s, or an answer) for this long is offline. */
export const OFFLINE_AFTER_SECONDS = 45;

/** One exam authorized or in progress at the service point: one row at the top of « Liste des apprenants ». */
export interface LiveRow {
  attemptId: string;
  state: OpenState;
  learnerId: string;
  learnerName: string;
  examTitle: string;
  examTitleEn: string | null;
  workstation: string;
  authorizedAt: string;
  startedAt: string | null;
  /** Fixed at « Commencer », moved by « Reprendre » and « Ajouter du temps »: the countdown runs to it. */
  deadlineAt: string | null;
  /** « Mettre en pause »: when the running pause began (the countdown stands still); null while it runs. */
  pausedAt: string | null;
  /** Questions with a saved answer, out of the questions of the learner's paper (null before « Commencer »). */
  answered: number;
  questionCount: number | null;
  /** The attempt's highest saved sequence number: rises with every answer saved. */
  lastSeq: number;
  lastAnswerAt: string | null;
  /** The last time the workstation was heard from (heartbeat, answer or « Commencer »). */
  lastSeenAt: string | null;
}

/** `event: snapshot` — every open exam, on (re)connection when the missed events cannot be replayed. */
export interface LiveSnapshot {
  serverNow: string;
  rows: LiveRow[];
}

/** `event: row` — an exam appeared or changed. */
export interface LiveRowChanged {
  serverNow: string;
  row: LiveRow;
}

/** `event: removed` — an exam ended (submitted, ended by the operator, expired) or its access was cancelled. */
export interface LiveRowRemoved {
  serverNow: string;
  attemptId: string;
  learnerId: string;
  state: AttemptState;
}

/** What the confirmation of « Terminer l'examen » shows: the result the exam would have if it ended now. */
export interface TerminationFigures {
  attemptId: string;
  learnerName: string;
  examTitle: string;
  examTitleEn: string | null;
  answered: number;
  questionCount: number;
  points: number;
  maxPoints: number;
  percentage: number;
  passingMark: number;
  outcome: 'passed' | 'failed';
  deadlineAt: string | null;
}

export interface TerminationReply {
  result: AttemptResult;
}

/** The service point's day: the exams authorized for that day and what became of them. */
export interface DailySummary {
  date: string;
  servicePoint: { id: string; name: string; timeZone: string };
  counts: SummaryCounts;
  attempts: {
    id: string;
    learnerId: string;
    learnerName: string;
    examTitle: string;
    workstation: string;
    state: AttemptState;
    authorizedAt: string;
    startedAt: string | null;
    endedAt: string | null;
    scorePoints: number | null;
    maxPoints: number | null;
    percentage: number | null;
    outcome: 'passed' | 'failed' | null;
  }[];
}

export interface SummaryCounts {
  authorized: number;
  started: number;
  passed: number;
  failed: number;
  /** « Terminer l'examen »: ended by the operator (also counted in passed or failed). */
  terminated: number;
  /** Access cancelled by the operator, or lapsed at the end of the day. */
  cancelled: number;
}

/** When the operator's session ends if nothing more happens (idle timeout), from the keep-alive. */
export interface KeepAliveReply {
  serverNow: string;
  endsAt: string;
  idleMinutes: number;
}

/**
 * What the learner's exam page is pushed about its own attempt (GET /api/attempts/:id/events, event `attempt`):
 * sent when the stream opens and whenever the operator or the server changes it (ended, paused, resumed,
 * deadline moved).
 */
export interface AttemptSignal {
  state: AttemptState;
  deadlineAt: string | null;
  /** Paused since then (« Examen en pause »: countdown frozen at `deadlineAt − pausedAt`); null while it runs. */
  pausedAt: string | null;
  /** The server's clock when it sent this. */
  serverNow: string;
}
