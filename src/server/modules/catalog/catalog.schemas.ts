import { z } from 'zod';
import { identifier } from '../../../shared/text-input.js';

// The replies: one home, src/shared/api/catalog.ts (the web imports their types from there).
export {
  myTrainingsReply,
  trainingPageReply,
  type TrainingPage,
  type TrainingSummary,
} from '../../../shared/api/catalog.js';

export const trainingParams = z.object({ trainingId: identifier() });
