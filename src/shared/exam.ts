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
}

export interface ItemImage {
  mime: 'image/svg+xml' | 'image/png' | 'image/jpeg';
  /** base64 */
  data: string;
  alt?: LocalizedText;
}

export interface Item {
  id: string; // stable within the exam, e.g. "q01"
  type: ItemType;
  stem: LocalizedText;
  image?: ItemImage;
  choices: Choice[];
  /** Ids of the correct choices: exactly one for single and true_false, one or more for multiple. */
  correct: string[];
  points: number;
  /** For `multiple` only. */
  scoring?: MultipleScoring;
}

export interface ExamContent {
  items: Item[];
}

/** What an attempt fixes at « Commencer »: the items drawn, in order, and each item's choice order. */
export interface AttemptPaper {
  items: { id: string; choiceOrder: string[] }[];
}

/** An item as a learner sees it: no key, choices in the attempt's order. */
export interface DeliveredItem {
  id: string;
  type: ItemType;
  stem: LocalizedText;
  image?: ItemImage;
  choices: Choice[];
  points: number;
}

/** Responses by item id: the chosen choice ids. */
export type Responses = Record<string, string[]>;
