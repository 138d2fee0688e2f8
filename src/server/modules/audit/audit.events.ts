import { z } from 'zod';

/**
 * Every audited action and the shape of its payload. Payloads never hold an identity number,
 * a date of birth, a password or a token: only masked forms and references.
 */
export const auditPayloads = {
  'auth.sign_in': z.object({ remember: z.boolean() }),
  'auth.sign_in_failed': z.object({ reason: z.string() }),
  'auth.sign_out': z.object({}),
  'auth.password_reset_requested': z.object({}),
  'auth.password_reset': z.object({}),
  'account.registered': z.object({ userCode: z.string() }),
  /** « Mon compte » saved: which of the sign-in details changed (never their values). */
  'account.updated': z.object({ changed: z.array(z.enum(['username', 'email', 'password'])) }),
  /** A change of e-mail or password refused: the current password was missing or wrong. */
  'account.change_refused': z.object({ reason: z.enum(['missing_current_password', 'wrong_current_password']) }),
  'role.operator_granted': z.object({ servicePointId: z.string() }),
  'role.operator_removed': z.object({ servicePointId: z.string() }),
  'role.admin_granted': z.object({}),
  'role.manager_granted': z.object({ servicePointId: z.string() }),
  'role.manager_removed': z.object({ servicePointId: z.string() }),
  'service_point.created': z.object({ name: z.string(), workstations: z.number() }),
  /** Which details changed (name, address, time zone, contact). */
  'service_point.updated': z.object({ changed: z.array(z.string()) }),
  'service_point.closed': z.object({}),
  'service_point.reopened': z.object({}),
  'workstation.added': z.object({ workstationId: z.string(), name: z.string() }),
  'workstation.renamed': z.object({ workstationId: z.string(), from: z.string(), to: z.string() }),
  'workstation.retired': z.object({ workstationId: z.string() }),
  'workstation.registration_revoked': z.object({ workstationId: z.string() }),
  /** An administrator sent a password-reset link (sent: false when enough usable links were out already). */
  'account.reset_link_sent': z.object({ sent: z.boolean() }),
  'account.unlocked': z.object({}),
  'account.deactivated': z.object({}),
  'account.reactivated': z.object({}),
  'identity.confirmed': z.object({ documentType: z.string(), masked: z.string(), warnings: z.array(z.string()) }),
  'identity.overridden': z.object({
    documentType: z.string(),
    masked: z.string(),
    reason: z.string(),
    warnings: z.array(z.string()),
  }),
  'identity.viewed': z.object({}),
  /** An operator's look-up of whether the typed number was used for another learner: the answer only. */
  'identity.duplicate_checked': z.object({ documentType: z.string(), found: z.boolean() }),
  'photo.uploaded': z.object({ photoId: z.string(), fileName: z.string() }),
  'photo.cropped': z.object({ photoId: z.string(), overrideReason: z.string().nullable().optional() }),
  'photo.saved': z.object({
    photoId: z.string(),
    retainUntil: z.string(),
    /** Criteria the automatic check of the crop failed, and the operator's reason to save all the same. */
    failedChecks: z.array(z.string()).optional(),
    overrideReason: z.string().nullable().optional(),
  }),
  'photo.removed': z.object({ photoId: z.string() }),
  'photo.viewed': z.object({ photoId: z.string(), variant: z.string() }),
  'photo.destroyed': z.object({ photoId: z.string(), reason: z.string() }),
  'exam.authorized': z.object({ attemptId: z.string(), examId: z.string(), workstationId: z.string() }),
  'exam.cancelled': z.object({ attemptId: z.string(), reason: z.enum(['operator', 'lapsed']).optional() }),
  /** `extraMinutes`: an accommodation's extra time, in the deadline (absent: none). */
  'attempt.started': z.object({ attemptId: z.string(), deadlineAt: z.string(), extraMinutes: z.number().optional() }),
  'attempt.submitted': z.object({
    attemptId: z.string(),
    score: z.number(),
    percentage: z.number(),
    outcome: z.string(),
  }),
  'attempt.terminated': z.object({
    attemptId: z.string(),
    score: z.number(),
    percentage: z.number(),
    outcome: z.string(),
  }),
  'attempt.expired': z.object({
    attemptId: z.string(),
    score: z.number(),
    percentage: z.number(),
    outcome: z.string(),
  }),
  /** The service was down while the attempt ran, and its exam gives that time back (downtime.service.ts). */
  'attempt.downtime_credited': z.object({
    attemptId: z.string(),
    downFrom: z.string(),
    downTo: z.string(),
    deadlineBefore: z.string(),
    deadlineAfter: z.string(),
  }),
  /** « Mettre en pause » by the operator, for one attempt or the whole room (`room`); the clock stands still. */
  'attempt.paused': z.object({ attemptId: z.string(), reason: z.string(), room: z.boolean(), pausedAt: z.string() }),
  /** « Reprendre »: the deadline moved by the time paused. */
  'attempt.resumed': z.object({
    attemptId: z.string(),
    room: z.boolean(),
    /** Resumed by the learner opening the exam on the workstation it was moved to (no operator). */
    afterMove: z.boolean().optional(),
    pausedFrom: z.string(),
    pausedMs: z.number(),
    deadlineBefore: z.string(),
    deadlineAfter: z.string(),
  }),
  /** « Déplacer vers un autre poste »: the clock stands still until the learner opens it there. */
  'attempt.moved': z.object({
    attemptId: z.string(),
    fromWorkstationId: z.string(),
    toWorkstationId: z.string(),
    reason: z.string(),
    pausedAt: z.string(),
  }),
  /** « Mesures d'adaptation »: granted on the learner's file (the reason stays in the file: it may be medical). */
  'accommodation.granted': z.object({
    accommodationId: z.string(),
    kind: z.enum(['extra_25', 'extra_50', 'extra_minutes', 'separate_room']),
    minutes: z.number().nullable(),
    validUntil: z.string(),
  }),
  'accommodation.revoked': z.object({ accommodationId: z.string() }),
  /** « Signaler une irrégularité » (the description stays in its table). */
  'irregularity.reported': z.object({
    irregularityId: z.string(),
    attemptId: z.string().nullable(),
    category: z.enum(['behaviour', 'technical', 'identity', 'other']),
  }),
  /** « Ajouter du temps » during the attempt. */
  'attempt.time_added': z.object({
    attemptId: z.string(),
    minutes: z.number(),
    reason: z.string(),
    deadlineBefore: z.string(),
    deadlineAfter: z.string(),
  }),
  /** An exam's settings changed (command line or administration). */
  'exam.settings_changed': z.object({ examCode: z.string(), downtimeCredit: z.boolean() }),
  'workstation.registered': z.object({ workstationId: z.string() }),
  'card.issued': z.object({ cardNumber: z.string(), attemptId: z.string() }),
  'card.awaiting_photo': z.object({ cardNumber: z.string(), attemptId: z.string() }),
  'card.printed': z.object({ cardNumber: z.string() }),
  'card.reprinted': z.object({ cardNumber: z.string(), reprintCount: z.number() }),
  'card.revoked': z.object({ cardNumber: z.string(), reason: z.string() }),
  'card.downloaded': z.object({ cardNumber: z.string() }),
  /** `state`: draft from « Importer un examen », published from the command line (absent before issue 16). */
  'exam.imported': z.object({
    examCode: z.string(),
    version: z.number(),
    state: z.enum(['draft', 'published']).optional(),
  }),
  /** « Publier »: the version is the exam's current one; `replaced`, the version it retired (null: none). */
  'exam.published': z.object({ examCode: z.string(), version: z.number(), replaced: z.number().nullable() }),
  /** « Retirer »: no new authorization on the version; `wasCurrent`: the exam has no current version now. */
  'exam.retired': z.object({ examCode: z.string(), version: z.number(), wasCurrent: z.boolean() }),
  /** A package of items imported into a training's bank: how many items were added, replaced, left as they were. */
  'bank.imported': z.object({
    trainingCode: z.string(),
    fileName: z.string(),
    added: z.number(),
    replaced: z.number(),
    unchanged: z.number(),
  }),
  /** `via`: how it came in (absent on rows written before issue 16: the command line). */
  'enrolment.created': z.object({
    trainingCode: z.string(),
    via: z.enum(['command_line', 'administration', 'import', 'counter']).optional(),
  }),
  /** « Désinscrire » in « Inscriptions » (only an enrolment with no exam yet). */
  'enrolment.removed': z.object({ trainingCode: z.string() }),
  /** A CSV import in « Inscriptions »: how many lines went in and how many were refused (each enrolment has its own row). */
  'enrolment.imported': z.object({ fileName: z.string(), enrolled: z.number(), refused: z.number() }),
  /** `examCode` null: created in « Formations » before its exam is chosen. */
  'training.created': z.object({ trainingCode: z.string(), examCode: z.string().nullable() }),
  /** « Formations »: what changed (names of the fields), and the service points added to or removed from its offer. */
  'training.updated': z.object({
    trainingCode: z.string(),
    changed: z.array(z.string()),
    servicePointsAdded: z.array(z.string()),
    servicePointsRemoved: z.array(z.string()),
  }),
} as const;

export type AuditAction = keyof typeof auditPayloads;
export type AuditPayload<A extends AuditAction> = z.infer<(typeof auditPayloads)[A]>;
