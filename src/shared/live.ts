/**
 * The operator's live list (GET /api/desk/live, server-sent events) and the desk's other monitoring replies:
 * their schemas and types are in src/shared/api/monitoring.ts, re-exported here.
 */

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
