/** What the card routes answer: schemas and types in src/shared/api/cards.ts, re-exported here. */
export type { AdminCard, AdminCardFilter, CardStatus, CardVerification, LearnerCard } from './api/cards.js';
