/**
 * The operator's live list (GET /api/desk/live, server-sent events) and the desk's other monitoring replies:
 * their schemas and types are in src/shared/api/monitoring.ts, re-exported here. And what the learner's own page
 * is pushed about its attempt.
 */
import type { AttemptState } from './attempt-states.js';

/** A workstation that has not been heard from (heartbeat every 15 s, or an answer) for this long is offline. */
export const OFFLINE_AFTER_SECONDS = 45;

export type {
  DailySummary,
  KeepAliveReply,
  LiveRow,
  LiveRowChanged,
  LiveRowRemoved,
  LiveSnapshot,
  SummaryCounts,
  TerminationFigures,
  TerminationReply,
} from './api/monitoring.js';

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
  /** Where the attempt is taken now: after « Déplacer vers un autre poste », the old page says where to go. */
  workstation: { name: string; servicePointName: string };
  /** The server's clock when it sent this. */
  serverNow: string;
}
