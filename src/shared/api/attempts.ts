/**
 * Replies of the attempts routes: the exam page's (GET /api/attempts/:id, « Commencer », answers, heartbeat,
 * « Terminer »). Never a key: a learner receives delivered items only (exam.ts holds the content contract).
 */
import { z } from 'zod';
import { ATTEMPT_STATES, STATES } from '../attempt-states.js';
import type { RichInline } from '../exam.js';
import { localizedText } from './common.js';

/** The states, as attempt-states.ts declares them (the one declaration). */
export const attemptStateNames = ATTEMPT_STATES;

export const attemptResult = z.object({
  state: z.enum(STATES.ended),
  endedAt: z.string(),
  scorePoints: z.number(),
  maxPoints: z.number(),
  /** Truncated to 2 decimals: never reads higher than the truth. */
  percentage: z.number(),
  outcome: z.enum(['passed', 'failed']),
});

export const savedAnswer = z.object({ choiceIds: z.array(z.string()), flagged: z.boolean(), seq: z.number().int() });

/** Inline rich text (exam.ts RichInline): text, emphasis, strong emphasis, a line break. */
const richInline: z.ZodType<RichInline> = z.lazy(() =>
  z.union([
    z.string(),
    z.object({ em: z.array(richInline) }),
    z.object({ strong: z.array(richInline) }),
    z.object({ br: z.literal(true) }),
  ]),
);
const richLine = z.array(richInline);
/** One block of a rich stem (exam.ts RichBlock). */
const richBlock = z.union([
  z.object({ p: richLine }),
  z.object({ ul: z.array(richLine) }),
  z.object({ ol: z.array(richLine) }),
  z.object({ table: z.object({ head: z.array(richLine).optional(), rows: z.array(z.array(richLine)) }) }),
]);

const image = z.object({
  mime: z.enum(['image/svg+xml', 'image/png', 'image/jpeg']),
  /** base64 */
  data: z.string(),
  alt: localizedText.optional(),
});

/** A choice as delivered (exam.ts Choice without what the paper keeps for itself). */
const deliveredChoice = z.object({
  id: z.string(),
  text: localizedText,
  fixed: z.literal(true).optional(),
  /** A choice shown as a picture: `text` is its accessible name. */
  image: image.optional(),
  /** `hotspot`: the area of the item's image, in the image's pixels. */
  area: z.object({ shape: z.enum(['circle', 'rect', 'poly']), coords: z.array(z.number()) }).optional(),
  /** `match`, `gap_match`: how many times it may be used (default 1; 0: no limit). */
  matchMax: z.number().int().optional(),
});

const clozeParts = z.array(z.union([z.string(), z.object({ slot: z.string() })]));

/** An item as a learner sees it: no key, choices in the attempt's order. */
export const deliveredItem = z.object({
  id: z.string(),
  type: z.enum([
    'single',
    'multiple',
    'true_false',
    'hotspot',
    'order',
    'match',
    'gap_match',
    'inline_choice',
    'text_entry',
  ]),
  stem: localizedText,
  /** The stem with its structure (lists, tables, emphasis), shown instead of `stem`'s paragraphs when present. */
  body: z.object({ fr: z.array(richBlock), en: z.array(richBlock).optional() }).optional(),
  image: image.optional(),
  /** In the attempt's order (an `order` item's steps as the learner starts from). */
  choices: z.array(deliveredChoice),
  points: z.number(),
  /** For `multiple` and `hotspot`: how many choices an answer holds at least / at most (more is refused). */
  minChoices: z.number().int().optional(),
  maxChoices: z.number().int().optional(),
  /** `match`: the second set, in the attempt's order. */
  targets: z.array(deliveredChoice).optional(),
  /** `gap_match`, `inline_choice`: the text to complete, its places written `{ slot }`. */
  cloze: z.object({ fr: clozeParts, en: clozeParts.optional() }).optional(),
  /** The places; an `inline_choice` place with its options in the attempt's order. */
  slots: z.array(z.object({ id: z.string(), choices: z.array(deliveredChoice).optional() })).optional(),
  /** `text_entry`: the kind of answer expected (never the accepted answers). */
  entry: z.object({ kind: z.enum(['number', 'text']), expectedLength: z.number().int().optional() }).optional(),
});

/** GET /api/attempts/:attemptId and POST …/start: the attempt as the exam page shows it. */
export const attemptDelivery = z.object({
  id: z.string(),
  state: z.enum(attemptStateNames),
  title: localizedText,
  durationMinutes: z.number(),
  passingMark: z.number(),
  questionCount: z.number().int(),
  /** The rules shown before « Commencer », in both languages. */
  rules: z.array(localizedText),
  workstation: z.object({ name: z.string(), servicePointName: z.string() }),
  /** The server's clock when it answered: the page measures its offset from it, never trusting its own. */
  serverNow: z.string(),
  startedAt: z.string().nullable(),
  deadlineAt: z.string().nullable(),
  /** « Examen en pause » since then: the countdown stands still and no answer is taken; null while it runs. */
  pausedAt: z.string().nullable(),
  lastSeq: z.number().int(),
  /**
   * « Temps supplémentaire accordé »: the extra minutes of the learner's accommodation — given at « Commencer »
   * (already in `deadlineAt`), or, before it, what it will give. Absent: none.
   */
  extraMinutes: z.number().int().optional(),
  /** While in progress: the paper, in order, without keys. */
  items: z.array(deliveredItem).optional(),
  answers: z.record(z.string(), savedAnswer).optional(),
  /** Once ended. */
  result: attemptResult.optional(),
});

/** PUT /api/attempts/:attemptId/answers/:itemId. */
export const answerAck = z.object({
  itemId: z.string(),
  seq: z.number().int(),
  savedAt: z.string(),
  /** The same change arrived before (a retry whose first acknowledgement was lost). */
  duplicate: z.boolean(),
});

/** POST /api/attempts/:attemptId/heartbeat. */
export const heartbeatReply = z.object({
  state: z.enum(attemptStateNames),
  serverNow: z.string(),
  deadlineAt: z.string().nullable(),
  pausedAt: z.string().nullable(),
});

/** POST /api/attempts/:attemptId/submit. */
export const submitReply = z.object({
  /** True when this « Terminer » ended the attempt; false when an expiry or the operator came first. */
  won: z.boolean(),
  result: attemptResult,
});

export type AttemptResult = z.infer<typeof attemptResult>;
export type SavedAnswer = z.infer<typeof savedAnswer>;
export type AttemptDelivery = z.infer<typeof attemptDelivery>;
export type AnswerAck = z.infer<typeof answerAck>;
export type HeartbeatReply = z.infer<typeof heartbeatReply>;
export type SubmitReply = z.infer<typeof submitReply>;
