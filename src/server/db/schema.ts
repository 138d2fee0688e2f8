/**
 * Table types, shared by SQLite and PostgreSQL.
 * Conventions that make both databases behave alike:
 * - ids are text (random, URL-safe), except the audit log and event log, which need an order;
 * - timestamps are ISO-8601 UTC strings (`toISOString()`); pg is told to return them as such;
 * - booleans are integers 0/1;
 * - JSON is text;
 * - search columns hold lower-case, accent-free copies, letters and digits only (shared/text.ts compactText), so
 *   prefix search is a range scan.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AttemptState } from '../../shared/attempt-states.js';

export type Bool = 0 | 1;

export interface UsersTable {
  id: string;
  username: string;
  username_lower: string;
  email: string;
  email_lower: string;
  password_hash: string;
  user_code: string; // 8 chars, stored without dash
  first_name: string | null;
  last_name: string | null;
  search_first: string | null;
  search_last: string | null;
  /** AES-256-GCM (ctx.secrets.encrypt), like ID photos. */
  profile_picture: Uint8Array | null;
  profile_picture_type: string | null;
  language: 'fr' | 'en';
  notify_email: Bool;
  preferences_set_at: string | null;
  membership_type: 'individual' | 'corporate' | 'student' | 'none' | null;
  organisation: string | null;
  is_admin: Bool;
  created_at: string;
  updated_at: string;
  /** Deactivated: cannot sign in, sessions ended; history kept (0035). */
  deactivated_at: string | null;
}

/** Keys of `emailSearchKeys` (shared/text.ts): a prefix of one is a part of the user's e-mail address. */
export interface EmailSearchKeysTable {
  user_id: string;
  key: string;
}

export interface SessionsTable {
  id: string; // sha256 of the cookie token
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  remember: Bool;
  service_point_id: string | null;
  ip: string | null;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  /** The account, or `unknown:<sha256 of the login>` for a login no account has (throttled alike). */
  user_id: string;
  at: string;
  /** The client address the failure came from (throttling is per account and address); null before 0023. */
  ip: string | null;
}

export interface ServicePointsTable {
  id: string;
  name: string;
  address: string;
  time_zone: string;
  created_at: string;
  /** Who to reach there (free text: a name, a telephone number, an e-mail); '' when none (0035). */
  contact: Generated<string>;
  /** Closed: kept for history, no new authorization (0035). */
  closed_at: string | null;
}

export interface WorkstationsTable {
  id: string;
  service_point_id: string;
  name: string;
  created_at: string;
  /** Retired: kept for the attempts taken there, no longer offered (0035). */
  retired_at: string | null;
  /** When a browser was last registered as this workstation (null: none, or revoked). */
  registered_at: string | null;
  /** When a registered browser last reached the server (written at most once a minute). */
  last_seen_at: string | null;
  /** Set by « Révoquer l'enregistrement »: cookies signed before it no longer count. */
  registrations_valid_from: string | null;
}

export interface OperatorServicePointsTable {
  user_id: string;
  service_point_id: string;
  created_at: string;
}

/** « Gestionnaire de point de service »: per service point, like the operator role (0035). */
export type ManagerServicePointsTable = OperatorServicePointsTable;

export interface TrainingsTable {
  id: string;
  code: string;
  title: string;
  title_en: string | null;
  description: string;
  description_en: string | null;
  exam_id: string | null;
  validity_months: number | null;
  created_at: string;
  /** Retake rules (0040): at most this many attempts, and this many days to wait after « Échec ». */
  max_attempts: Generated<number>;
  retake_wait_days: Generated<number>;
  /** 1: operators may enrol a walk-in at the counter of a service point offering the training. */
  counter_enrolment: Generated<Bool>;
  /** Last edit in « Formations » (null: never edited). */
  updated_at: Generated<string | null>;
}

/** The service points offering a training (0040): where a learner may be enrolled for it. */
export interface TrainingServicePointsTable {
  training_id: string;
  service_point_id: string;
  created_at: string;
}

export type EnrolmentStatus = 'in_training' | 'exam_authorized' | 'exam_in_progress' | 'passed' | 'failed';

export interface EnrolmentsTable {
  id: string;
  user_id: string;
  training_id: string;
  /** Where the learner takes the exam: the operators of this service point see the learner. */
  service_point_id: string;
  status: EnrolmentStatus;
  created_at: string;
  updated_at: string;
}

export interface ExamsTable {
  id: string;
  code: string;
  current_version_id: string | null;
  created_at: string;
  /** 1: time the whole service was down is given back to the attempts in progress (see docs/attempts.md). */
  downtime_credit: Generated<Bool>;
}

export interface InstanceHeartbeatsTable {
  instance_id: string;
  started_at: string;
  beat_at: string;
}

export interface ExamVersionsTable {
  id: string;
  exam_id: string;
  version: number;
  title: string;
  title_en: string | null;
  duration_minutes: number;
  passing_mark: number; // percent, 0–100
  draw_count: number | null; // null: all items
  shuffle_items: Bool;
  shuffle_choices: Bool;
  content: string; // JSON: ExamContent (items with their keys): never sent to a learner as is
  created_at: string;
  /** draft: imported, not yet usable; published: the exam's current version; retired: no new authorization (0110). */
  state: Generated<ExamVersionState>;
  published_at: string | null;
  retired_at: string | null;
}

export type ExamVersionState = 'draft' | 'published' | 'retired';

/** A training's item bank (0150): one item per row, its id unique within the training. */
export interface BankItemsTable {
  id: string;
  training_id: string;
  item_id: string;
  content: string; // JSON: an Item of ExamContent, keys included
  /** The file it was last imported from. */
  source: string;
  created_at: string;
  updated_at: string | null;
}

export interface AttemptsTable {
  id: string;
  user_id: string;
  enrolment_id: string;
  exam_id: string;
  exam_version_id: string;
  service_point_id: string;
  workstation_id: string;
  state: AttemptState;
  authorized_by: string;
  authorized_at: string;
  authorized_for: string; // YYYY-MM-DD, in the service point's time zone
  cancelled_by: string | null;
  started_at: string | null;
  deadline_at: string | null;
  ended_at: string | null;
  ended_by: string | null;
  items: string | null; // JSON: the items drawn and the order of their choices, fixed at start
  last_heartbeat_at: string | null;
  /** When the running pause began (null: the clock runs); a flag on in_progress, not a state. */
  paused_at: string | null;
  /** Pauses already ended (ms), each added to the deadline at « Reprendre ». */
  paused_ms: number;
  /** Extra time an accommodation gave at « Commencer », already in `deadline_at` (0120). */
  extra_minutes: number;
  /** « Ajouter du temps » so far, already in `deadline_at`; at most the exam's duration in all (0220). */
  added_minutes: number;
  /** « Déplacer vers un autre poste »: paused until the learner opens the exam on the new workstation. */
  moved_at: string | null;
  score_points: number | null;
  max_points: number | null;
  percentage: number | null;
  outcome: 'passed' | 'failed' | null;
}

export interface AnswersTable {
  attempt_id: string;
  item_id: string;
  response: string; // JSON array of choice ids
  flagged: Bool;
  seq: number;
  saved_at: string;
}

export interface IdentityChecksTable {
  id: string;
  user_id: string;
  document_type: 'licence' | 'health';
  number_masked: string;
  number_hmac: string;
  date_of_birth_enc: string; // AES-256-GCM, base64
  warnings: string; // JSON array of warning codes
  override_reason: string | null;
  checked_by: string;
  service_point_id: string;
  checked_at: string;
}

export interface PhotosTable {
  id: string;
  user_id: string;
  state: 'uploaded' | 'saved';
  file_name: string;
  original_enc: Uint8Array | null; // kept only until the crop is saved
  original_width: number;
  original_height: number;
  cropped_enc: Uint8Array | null;
  crop: string | null; // JSON {x,y,width,height} in original pixels
  checks: string | null; // JSON verdicts
  checklist: string | null; // JSON of the operator's ticks
  override_reason: string | null;
  uploaded_by: string;
  service_point_id: string;
  created_at: string;
  saved_at: string | null;
  retain_until: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: string | null;
  action: string;
  subject_user_id: string | null;
  service_point_id: string | null;
  ip: string | null;
  payload: string; // JSON
  prev_hash: string;
  hash: string;
}

export interface EventsTable {
  id: Generated<number>;
  at: string;
  service_point_id: string;
  type: string;
  payload: string; // JSON
}

export interface CardsTable {
  id: string;
  card_number: string;
  /** 'awaiting_photo' until a photo is saved for the learner; then 'issued' (revocation is revoked_at). */
  state: 'awaiting_photo' | 'issued';
  attempt_id: string;
  user_id: string;
  training_id: string;
  service_point_id: string;
  photo_id: string | null;
  issued_at: string;
  success_date: string; // YYYY-MM-DD
  expires_on: string | null;
  reprint_count: number;
  printed_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  revoked_reason: string | null;
  download_count: number;
  verify_count: number;
  /** What was certified, as it stood on the day (0005). */
  holder_name: string;
  training_code: string;
  training_title: string;
  training_title_en: string | null;
}

/** « Mesures d'adaptation » (0120): extra time or a separate room, until `valid_until` (a day), unless revoked. */
export interface AccommodationsTable {
  id: string;
  learner_id: string;
  /** Where it was recorded; it holds at every service point. */
  service_point_id: string;
  kind: 'extra_25' | 'extra_50' | 'extra_minutes' | 'separate_room';
  /** `extra_minutes` only. */
  minutes: number | null;
  reason: string;
  /** Who granted it (a person or a body, as written on the decision). */
  granted_by: string;
  valid_until: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

/** « Signaler une irrégularité » (0120): never changes a score. */
export interface IrregularitiesTable {
  id: string;
  learner_id: string;
  attempt_id: string | null;
  service_point_id: string;
  category: 'behaviour' | 'technical' | 'identity' | 'other';
  description: string;
  occurred_at: string;
  reported_by: string;
  created_at: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  login_failures: LoginFailuresTable;
  service_points: ServicePointsTable;
  workstations: WorkstationsTable;
  operator_service_points: OperatorServicePointsTable;
  manager_service_points: ManagerServicePointsTable;
  trainings: TrainingsTable;
  training_service_points: TrainingServicePointsTable;
  enrolments: EnrolmentsTable;
  exams: ExamsTable;
  exam_versions: ExamVersionsTable;
  bank_items: BankItemsTable;
  attempts: AttemptsTable;
  answers: AnswersTable;
  identity_checks: IdentityChecksTable;
  photos: PhotosTable;
  audit_log: AuditLogTable;
  events: EventsTable;
  cards: CardsTable;
  instance_heartbeats: InstanceHeartbeatsTable;
  email_search_keys: EmailSearchKeysTable;
  accommodations: AccommodationsTable;
  irregularities: IrregularitiesTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
