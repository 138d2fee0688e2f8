/** Replies of the desk routes: « Liste des apprenants », the learner file, authorizing, workstations, identity. */
import { z } from 'zod';
import { ATTEMPT_STATES } from '../attempt-states.js';
import { enrolmentStatuses } from './catalog.js';
import { localizedText, okReply } from './common.js';
import { accommodationKinds, irregularityCategories } from '../desk-care.js';

const attemptStates = ATTEMPT_STATES;
const cardStatuses = ['awaiting_photo', 'valid', 'expired', 'revoked'] as const;

export const workstation = z.object({ id: z.string(), name: z.string() });

/** GET /api/desk: the operator's service points, the one this session is at, and its workstations. */
export const deskReply = z.object({
  servicePoints: z.array(z.object({ id: z.string(), name: z.string(), timeZone: z.string() })),
  currentServicePointId: z.string().nullable(),
  workstations: z.array(workstation),
  thisBrowserWorkstationId: z.string().nullable(),
});
export type DeskReply = z.infer<typeof deskReply>;

/** GET /api/desk/learners: one page of « Liste des apprenants » (25 rows; `hasMore` when another follows). */
export const learnerListReply = z.object({
  learners: z.array(
    z.object({
      id: z.string(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      email: z.string(),
      userCode: z.string(),
      trainings: z.array(z.object({ title: localizedText, code: z.string(), status: z.string() })),
    }),
  ),
  page: z.number().int(),
  hasMore: z.boolean(),
});
export type LearnerListReply = z.infer<typeof learnerListReply>;

/** One « Mesure d'adaptation » on the learner's file; `active`: not revoked and valid today. */
export const accommodationView = z.object({
  id: z.string(),
  kind: z.enum(accommodationKinds),
  minutes: z.number().int().nullable(),
  reason: z.string(),
  grantedBy: z.string(),
  /** The last day it holds (YYYY-MM-DD). */
  validUntil: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.string().nullable(),
  active: z.boolean(),
});
export type AccommodationView = z.infer<typeof accommodationView>;

/** One irregularity reported by the desk: never changes a score. */
export const irregularityView = z.object({
  id: z.string(),
  category: z.enum(irregularityCategories),
  description: z.string(),
  occurredAt: z.string(),
  attemptId: z.string().nullable(),
  examTitle: localizedText.nullable(),
  reportedBy: z.string(),
  learnerId: z.string(),
  learnerName: z.string(),
});
export type IrregularityView = z.infer<typeof irregularityView>;

/** POST /api/desk/learners/:learnerId/accommodations. */
export const accommodationReply = z.object({ accommodation: accommodationView });
/** POST /api/desk/learners/:learnerId/irregularities. */
export const irregularityReply = z.object({ irregularity: irregularityView });
export type IrregularityReply = z.infer<typeof irregularityReply>;
export type AccommodationReply = z.infer<typeof accommodationReply>;

/** GET /api/desk/learners/:learnerId: « Fiche de l'apprenant ». */
export const learnerFileReply = z.object({
  learner: z.object({
    id: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    email: z.string(),
    userCode: z.string(),
    username: z.string(),
  }),
  servicePoint: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }),
  /** What authorizing needs: identity confirmed today, photo saved. */
  readiness: z.object({
    identityConfirmed: z.boolean(),
    identityConfirmedBefore: z.boolean(),
    photoSaved: z.boolean(),
  }),
  enrolments: z.array(
    z.object({
      id: z.string(),
      trainingTitle: localizedText,
      trainingCode: z.string(),
      examTitle: localizedText.nullable(),
      status: z.enum(enrolmentStatuses),
    }),
  ),
  attempts: z.array(
    z.object({
      id: z.string(),
      state: z.enum(attemptStates),
      examTitle: localizedText,
      workstation: z.string(),
      authorizedAt: z.string(),
      /** YYYY-MM-DD, in the service point's time zone. */
      authorizedFor: z.string(),
      authorizedBy: z.string(),
      startedAt: z.string().nullable(),
      deadlineAt: z.string().nullable(),
      endedAt: z.string().nullable(),
      score: z.number().nullable(),
      maxPoints: z.number().nullable(),
      percentage: z.number().nullable(),
      outcome: z.enum(['passed', 'failed']).nullable(),
      /** An accommodation's extra time given at « Commencer » (in the deadline). */
      extraMinutes: z.number().int(),
    }),
  ),
  /** « Mesures d'adaptation »: every one of the learner's (they hold at every service point), newest first. */
  accommodations: z.array(accommodationView),
  /** Irregularities reported about the learner at this service point, newest first. */
  irregularities: z.array(irregularityView),
  /** `retake`: the learner failed this exam; a new attempt if the training's retake rules allow it. */
  authorizable: z.array(
    z.object({ examId: z.string(), title: localizedText, trainingTitle: localizedText, retake: z.boolean() }),
  ),
  /** « libre », or « occupé par … »: who holds it now with an exam authorized or in progress. */
  workstations: z.array(workstation.extend({ occupiedBy: z.string().nullable() })),
  cards: z.object({
    awaitingPhoto: z.boolean(),
    cards: z.array(
      z.object({
        cardNumber: z.string(),
        trainingTitle: localizedText,
        status: z.enum(cardStatuses),
        needsPhoto: z.boolean(),
      }),
    ),
  }),
});
export type LearnerFileReply = z.infer<typeof learnerFileReply>;

/** POST /api/desk/learners/:learnerId/authorizations. */
export const authorizeReply = z.object({ attemptId: z.string() });
export type AuthorizeReply = z.infer<typeof authorizeReply>;

/** POST /api/desk/workstations/:workstationId/register: this browser is now that workstation. */
export const registerWorkstationReply = okReply.extend({ workstation });
export type RegisterWorkstationReply = z.infer<typeof registerWorkstationReply>;

/** A confirmed identity as the desk sees it: the card's type and last two characters, never the date of birth. */
export const identityView = z.object({
  documentType: z.enum(['licence', 'health']),
  masked: z.string(),
  warnings: z.array(z.object({ code: z.string(), label: z.string() })),
  overrideReason: z.string().nullable(),
  checkedAt: z.string(),
  checkedBy: z.object({ id: z.string(), name: z.string() }),
  servicePoint: z.object({ id: z.string(), name: z.string() }),
});
export type IdentityView = z.infer<typeof identityView>;

/** GET /api/desk/learners/:learnerId/identity: the latest check (reading it is audited). */
export const identityReply = z.object({ check: identityView.nullable(), confirmedToday: z.boolean() });
export type IdentityReply = z.infer<typeof identityReply>;

/** POST /api/desk/learners/:learnerId/identity: the check just recorded, and an earlier learner with that number. */
export const confirmIdentityReply = z.object({
  check: identityView,
  sameNumberAs: z.object({ checkedAt: z.string() }).nullable(),
});
export type ConfirmIdentityReply = z.infer<typeof confirmIdentityReply>;
