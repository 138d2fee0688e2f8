/**
 * The exam content contract, shared by the catalog (which stores and imports it), the attempt service
 * (which draws and delivers it) and the scoring module (which scores it).
 * `ExamContent` holds the keys and never leaves the server; a learner receives `DeliveredItem`s.
 */
/**
 * What the learner does with an item, and how a response (`Responses[itemId]`, a list of strings) is written:
 * - `single`, `true_false`: one choice id; `multiple`: the chosen choice ids;
 * - `hotspot`: the chosen areas' ids (each area is a `Choice` with its `area` on `image`), one unless maxChoices > 1;
 * - `order`: every choice id, in the learner's order (the paper always delivers an order item shuffled);
 * - `match`: pairs `"<choice id> <target id>"` (a source of `choices` associated with one of `targets`);
 * - `gap_match`: pairs `"<choice id> <slot id>"` (a word of `choices` placed in a gap of `cloze`);
 * - `inline_choice`: pairs `"<slot id> <choice id>"` (in each place of `cloze`, one of that slot's `choices`);
 * - `text_entry`: one string, what the learner typed (`entry` says how it is compared).
 * Pairs are written with one space, as QTI writes a directedPair.
 */
export type ItemType =
  'single' | 'multiple' | 'true_false' | 'hotspot' | 'order' | 'match' | 'gap_match' | 'inline_choice' | 'text_entry';
/** For `multiple`, `match`, `gap_match`, `inline_choice`: all right or nothing, or a share per right part. */
export type MultipleScoring = 'all_or_nothing' | 'partial';

export interface LocalizedText {
  fr: string;
  en?: string;
}

export interface Choice {
  id: string; // stable within the item, e.g. "a", "b"
  text: LocalizedText;
  /** Keeps its place when the paper shuffles the choices (« Aucune de ces réponses »). */
  fixed?: true;
  /** A choice shown as a picture (a road sign): `text` is then its accessible name. */
  image?: ItemImage;
  /** For `hotspot`: the choice is this area of the item's image (coordinates in the image's own pixels). */
  area?: HotspotArea;
  /** For `match` / `gap_match`: how many times this choice may be used (default 1; 0: unlimited). */
  matchMax?: number;
}

/** An area of an image, as QTI's shapes say it: circle [x, y, r], rect [left, top, right, bottom], poly [x1, y1, …]. */
export interface HotspotArea {
  shape: 'circle' | 'rect' | 'poly';
  coords: number[];
}

/** A sentence with places to fill (`inline_choice`, `gap_match`): text parts and slots, by language. */
export type ClozePart = string | { slot: string };
export interface Cloze {
  fr: ClozePart[];
  en?: ClozePart[];
}

/** A place of a cloze. For `inline_choice` it has its own list; for `gap_match` the item's `choices` fill it. */
export interface Slot {
  id: string;
  choices?: Choice[];
}

/**
 * How a `text_entry` response is compared with the accepted answers:
 * - `number`: the typed text is read as a number (comma or point as decimal mark, spaces ignored) and right
 *   when within `tolerance` (absolute, default 0) of one of `accepted`;
 * - `text`: right when equal to one of `accepted` after trimming and collapsing spaces, ignoring case unless
 *   `caseSensitive`, ignoring accents unless `accentSensitive`.
 */
export type TextEntry =
  | { kind: 'number'; accepted: number[]; tolerance?: number; expectedLength?: number }
  | { kind: 'text'; accepted: string[]; caseSensitive?: boolean; accentSensitive?: boolean; expectedLength?: number };

/** Inline rich text: plain text, emphasis, strong emphasis, a line break. Never HTML: rendered as elements. */
export type RichInline = string | { em: RichInline[] } | { strong: RichInline[] } | { br: true };

/** One block of an item's rich stem: a paragraph, a list (items of inline content), a table (cells of inline content). */
export type RichBlock =
  | { p: RichInline[] }
  | { ul: RichInline[][] }
  | { ol: RichInline[][] }
  | { table: { head?: RichInline[][]; rows: RichInline[][][] } };

/** An item's stem as structured content, by language (what plain paragraphs cannot say: lists, tables, emphasis). */
export interface RichText {
  fr: RichBlock[];
  en?: RichBlock[];
}

export interface ItemImage {
  mime: 'image/svg+xml' | 'image/png' | 'image/jpeg';
  /** base64 */
  data: string;
  alt?: LocalizedText;
}

export interface Item {
  id: string; // stable within the exam, e.g. "q01"
  /** The item's own title, when it has one (QTI `title`); never shown to a learner. */
  title?: LocalizedText;
  type: ItemType;
  stem: LocalizedText;
  /** The stem with its structure (lists, tables, emphasis), shown instead of `stem`'s paragraphs when present. */
  body?: RichText;
  image?: ItemImage;
  choices: Choice[];
  /**
   * The correct response, written as a response is (see ItemType): exactly one id for single and true_false,
   * one or more for multiple and hotspot, every id in order for order, the right pairs for match, gap_match
   * and inline_choice; empty for text_entry (`entry.accepted` holds what is right).
   */
  correct: string[];
  points: number;
  /** For `multiple`, `match`, `gap_match`, `inline_choice`. */
  scoring?: MultipleScoring;
  /** For `match`: the second set (meanings a sign is associated with). */
  targets?: Choice[];
  /** For `inline_choice` and `gap_match`: the sentence with its places, and the places. */
  cloze?: Cloze;
  slots?: Slot[];
  /** For `text_entry`. */
  entry?: TextEntry;
  /** False: the choices keep their order even when the exam shuffles choices (QTI `shuffle="false"`). */
  shuffle?: boolean;
  /** For `multiple` only: how many choices a response holds at least / at most (an answer above is refused). */
  minChoices?: number;
  maxChoices?: number;
  /** The item's weight in the exam (QTI itemRef `weight`): its score and its points count this many times. */
  weight?: number;
  /**
   * The item's own scoring, from a QTI package whose response processing says something Vigie's rules by
   * type do not (custom rules, a mapping that is not Vigie's partial credit). When present, it alone scores
   * the item (catalog/response-rules.ts); never sent to a learner.
   */
  rules?: ItemRules;
}

/** One QTI response rule or expression, by its QTI 2.1 element name (`responseCondition`, `match`, …). */
export interface RuleNode {
  op: string;
  attrs?: Record<string, string>;
  args?: RuleNode[];
  /** A base value's text. */
  text?: string;
}

/** A QTI mapping of the response's values to points (`mapResponse`). */
export interface ResponseMapping {
  defaultValue: number;
  lowerBound?: number;
  upperBound?: number;
  entries: { key: string; value: number }[];
}

/** An outcome variable the rules set or read (SCORE among them). */
export interface OutcomeVariable {
  id: string;
  baseType: 'float' | 'integer' | 'identifier' | 'boolean' | 'string';
  cardinality: 'single' | 'multiple' | 'ordered';
  defaultValue?: string[];
}

/** An item's response processing: after the rules, SCORE (kept within 0 and the item's points) is its score. */
export interface ItemRules {
  /** The identifier the rules give the learner's response (`RESPONSE` in most packages). */
  response: string;
  mapping?: ResponseMapping;
  outcomes: OutcomeVariable[];
  rules: RuleNode[];
}

export interface ExamContent {
  items: Item[];
  /** The exam's sections (catalog/sections.ts); absent: one list of every item, drawn by the exam's settings. */
  sections?: ExamSection[];
}

/**
 * A section of an exam (QTI assessmentSection): its parts (items of `ExamContent.items`, by id, or sections),
 * of which the paper draws `select` (without replacement; absent: all) and shuffles them when `shuffle`.
 */
export interface ExamSection {
  id: string;
  title?: LocalizedText;
  select?: number;
  shuffle?: true;
  parts: SectionPart[];
}

export type SectionPart = { item: string } | { section: ExamSection };

/** What an attempt fixes at « Commencer »: the items drawn, in order, and each item's choice order. */
export interface AttemptPaper {
  items: { id: string; choiceOrder: string[]; targetOrder?: string[] }[];
}

/** An item as a learner sees it: no key, choices in the attempt's order. */
export interface DeliveredItem {
  id: string;
  type: ItemType;
  stem: LocalizedText;
  body?: RichText;
  image?: ItemImage;
  /** In the attempt's order; a `hotspot` item's choices carry their `area`. */
  choices: Choice[];
  points: number;
  minChoices?: number;
  maxChoices?: number;
  /** `match`: the second set, in the attempt's order. */
  targets?: Choice[];
  /** `inline_choice`, `gap_match`: the sentence and its places (an inline slot's choices in the attempt's order). */
  cloze?: Cloze;
  slots?: Slot[];
  /** `text_entry`: what kind of answer is expected, never the accepted answers. */
  entry?: { kind: 'number' | 'text'; expectedLength?: number };
}

/** Responses by item id, written as ItemType says (choice ids, ids in order, pairs, or the typed text). */
export type Responses = Record<string, string[]>;
