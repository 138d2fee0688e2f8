import type { AttemptState } from '../../../shared/attempt-states';

export interface LearnerFile {
  learner: {
    id: string;
    firstName: string | null;
    lastName: string | null;
    email: string;
    userCode: string;
    username: string;
  };
  servicePoint: { id: string; name: string; timeZone: string };
  readiness: { identityConfirmed: boolean; identityConfirmedBefore: boolean; photoSaved: boolean };
  enrolments: { id: string; trainingTitle: string; trainingCode: string; examTitle: string | null; status: string }[];
  attempts: {
    id: string;
    state: AttemptState;
    examTitle: string;
    workstation: string;
    authorizedAt: string;
    authorizedFor: string;
    authorizedBy: string;
    startedAt: string | null;
    deadlineAt: string | null;
    endedAt: string | null;
    score: number | null;
    maxPoints: number | null;
    percentage: number | null;
    outcome: 'passed' | 'failed' | null;
  }[];
  /** `retake`: the learner failed this exam; a new attempt if the training's retake rules allow it. */
  authorizable: { examId: string; title: string; trainingTitle: string; retake: boolean }[];
  workstations: { id: string; name: string }[];
  cards: {
    awaitingPhoto: boolean;
    cards: { cardNumber: string; trainingTitle: string; status: string; needsPhoto: boolean }[];
  };
}
