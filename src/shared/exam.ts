/**
 * The exam content contract, shared by the catalog (which stores and imports it), the attempt service
 * (which draws and delivers it) and the scoring module (which scores it).
 * `ExamContent` holds the keys and never leaves the server; a learner receives `DeliveredItem`s.
 */
export type ItemType = 'single' | 'multiple' | 'true_false';
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
}

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
  /** Ids of the correct choices: exactly one for single and true_false, one or more for multiple. */
  correct: string[];
  points: number;
  /** For `multiple` only. */
  scoring?: MultipleScoring;
  /** For `multiple` only: how many choices a response holds at least / at most (an answer above is refused). */
  minChoices?: number;
  maxChoices?: number;
  /** The item's weight in the exam (QTI itemRef `weight`): its score and its points count this many times. */
  weight?: number;
  /** false: the choices keep their order even when the exam shuffles choices (QTI `shuffle="false"`). */
  shuffle?: false;
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
  items: { id: string; choiceOrder: string[] }[];
}

/** An item as a learner sees it: no key, choices in the attempt's order. */
export interface DeliveredItem {
  id: string;
  type: ItemType;
  stem: LocalizedText;
  body?: RichText;
  image?: ItemImage;
  choices: Choice[];
  points: number;
  minChoices?: number;
  maxChoices?: number;
}

/** Responses by item id: the chosen choice ids. */
export type Responses = Record<string, string[]>;
