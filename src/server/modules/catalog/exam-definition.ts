import type { Choice, ExamContent, Item, ItemImage, LocalizedText } from '../../../shared/exam.js';
import { q, type ProblemList } from './import-problems.js';
import { canonicalSections, checkSections, sectionsItemCount } from './sections.js';
import { checkItem, checkText } from './items/check-item.js';
import { isVisibleName } from '../../../shared/text-input.js';

/**
 * An exam as the importers read it and the exporters write it: the metadata of one version and its
 * content (items with their keys). Whatever the format, an import ends in one of these, checked by
 * `checkDefinition`, before anything is written.
 */
export interface ExamDefinition {
  code: string;
  title: LocalizedText;
  durationMinutes: number;
  /** Whole percent, 1–100 (0 would pass an empty paper). */
  passingMark: number;
  /** null: every item. */
  drawCount: number | null;
  shuffleItems: boolean;
  shuffleChoices: boolean;
  content: ExamContent;
}

export const LIMITS = {
  maxDurationMinutes: 600,
  maxItems: 1000,
  maxChoices: 26,
  maxPoints: 1000,
  maxTextLength: 4000,
  maxImageBytes: 1024 * 1024,
  maxWeight: 100,
} as const;

/** Identifiers travel into QTI, so they follow its rules (an XML name without colon). */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

export const IMAGE_TYPES = ['image/svg+xml', 'image/png', 'image/jpeg'] as const;

/** The two choices of a true/false item, always these ids, in this order. */
export const TRUE_FALSE_CHOICES = [
  { id: 'true', text: { fr: 'Vrai', en: 'True' } },
  { id: 'false', text: { fr: 'Faux', en: 'False' } },
];

/**
 * One canonical form for every text, whatever the format it came from: paragraphs separated by one
 * blank line, and inside a paragraph single spaces. Export then import gives back the same text.
 */
export function normalizeText(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

export function normalizeLocalized(t: LocalizedText): LocalizedText {
  const fr = normalizeText(t.fr);
  const en = t.en === undefined ? '' : normalizeText(t.en);
  return en ? { fr, en } : { fr };
}

export function paragraphs(s: string): string[] {
  return s.split('\n\n');
}

/** The title Vigie's QTI export gives an item without one of its own (its stem, shortened). */
export function defaultItemTitle(stem: LocalizedText): string {
  return stem.fr.length > 80 ? `${stem.fr.slice(0, 77)}…` : stem.fr;
}

/** The number of questions a learner gets. */
export function questionCount(def: { drawCount: number | null; content: ExamContent }): number {
  if (def.content.sections) return sectionsItemCount(def.content.sections);
  return def.drawCount === null ? def.content.items.length : Math.min(def.drawCount, def.content.items.length);
}

function looksLike(mime: ItemImage['mime'], bytes: Buffer): boolean {
  switch (mime) {
    case 'image/png':
      return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    case 'image/jpeg':
      return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
    case 'image/svg+xml':
      return /<svg[\s>]/.test(bytes.subarray(0, 4096).toString('utf8'));
  }
}

/** An SVG is shown to learners: nothing in it may run or fetch. */
const SVG_ACTIVE =
  /<script|<foreignObject|<!ENTITY|\son[a-z]+\s*=|javascript:|@import|(?:href|src)\s*=\s*["']\s*(?:https?:|\/\/)|url\(\s*['"]?\s*(?:https?:|\/\/)/i;

export function imageProblem(mime: ItemImage['mime'], bytes: Buffer): { fr: string; en: string } | null {
  if (bytes.length === 0) return { fr: 'l’image est vide.', en: 'the image is empty.' };
  if (bytes.length > LIMITS.maxImageBytes)
    return {
      fr: `l’image pèse ${Math.ceil(bytes.length / 1024)} Ko ; 1 Mo au plus.`,
      en: `the image weighs ${Math.ceil(bytes.length / 1024)} KB; 1 MB at most.`,
    };
  if (!looksLike(mime, bytes))
    return { fr: `le fichier n’est pas une image ${mime} valide.`, en: `the file is not a valid ${mime} image.` };
  if (mime === 'image/svg+xml' && SVG_ACTIVE.test(bytes.toString('utf8')))
    return {
      fr: 'l’image SVG contient un script, un gestionnaire d’événement ou une ressource externe.',
      en: 'the SVG image holds a script, an event handler or an external resource.',
    };
  return null;
}

export function mimeOfFileName(name: string): ItemImage['mime'] | null {
  const ext = name.toLowerCase().split('.').pop();
  if (ext === 'svg') return 'image/svg+xml';
  if (ext === 'png') return 'image/png';
  if (ext === 'jpg' || ext === 'jpeg') return 'image/jpeg';
  return null;
}

export function extensionOf(mime: ItemImage['mime']): string {
  switch (mime) {
    case 'image/svg+xml':
      return 'svg';
    case 'image/png':
      return 'png';
    case 'image/jpeg':
      return 'jpg';
  }
}

/**
 * An item's `shuffle: false` says something only when the exam shuffles choices: otherwise it is left out, so
 * every format gives the same definition (QTI writes shuffle on every interaction). Called by the readers.
 */
export function settleItemShuffle(def: ExamDefinition): void {
  // An exam that shuffles choices while every item whose choices a paper could shuffle says no shuffles nothing:
  // held as an exam that does not shuffle, the one form QTI can give back (it has no exam-wide setting).
  const shufflable = def.content.items.filter((i) => !UNSHUFFLED_TYPES.has(i.type));
  if (def.shuffleChoices && shufflable.length > 0 && shufflable.every((i) => i.shuffle === false))
    def.shuffleChoices = false;
  for (const item of def.content.items) if (!def.shuffleChoices || item.shuffle !== false) delete item.shuffle;
}

/** The types whose choices a paper never shuffles by the exam's setting (their own rules: paper.ts). */
const UNSHUFFLED_TYPES: ReadonlySet<Item['type']> = new Set(['true_false', 'hotspot', 'order', 'text_entry']);

/**
 * A title learners and operators see in lists (the exam's, a section's): a text, and every character visible, as a
 * training's title — a bidirectional override shows « Sécurité ‮esruoc » as « Sécurité course ».
 */
function checkTitle(t: LocalizedText, problems: ProblemList, field: string) {
  checkText(t, problems, { field });
  for (const lang of ['fr', 'en'] as const)
    if (t[lang] !== undefined && !isVisibleName(t[lang]))
      problems.add(
        {
          fr: `le titre (${lang}) contient un caractère invisible ou de direction du texte (U+202E…) : retirez-le.`,
          en: `the title (${lang}) holds an invisible or text-direction character (U+202E…): remove it.`,
        },
        { field },
      );
}

/** Every rule an exam must meet, whatever the format it came from. Adds to `problems`; writes nothing. */
export function checkDefinition(def: ExamDefinition, problems: ProblemList): void {
  if (!IDENTIFIER.test(def.code))
    problems.add(
      {
        fr: `code d’examen ${q(def.code)} invalide : une lettre, puis lettres, chiffres, « _ », « - » ou « . ».`,
        en: `invalid exam code ${q(def.code)}: a letter, then letters, digits, "_", "-" or ".".`,
      },
      { field: 'code' },
    );
  checkTitle(def.title, problems, 'title');
  if (
    !Number.isInteger(def.durationMinutes) ||
    def.durationMinutes < 1 ||
    def.durationMinutes > LIMITS.maxDurationMinutes
  )
    problems.add(
      {
        fr: `durée ${q(def.durationMinutes)} : un nombre entier de minutes, de 1 à ${LIMITS.maxDurationMinutes}.`,
        en: `duration ${q(def.durationMinutes)}: a whole number of minutes, from 1 to ${LIMITS.maxDurationMinutes}.`,
      },
      { field: 'duration_minutes' },
    );
  // 0 % would pass a learner who answered nothing.
  if (!Number.isInteger(def.passingMark) || def.passingMark < 1 || def.passingMark > 100)
    problems.add(
      {
        fr: `note de passage ${q(def.passingMark)} : un pourcentage entier de 1 à 100 (à 0, une copie vide réussirait).`,
        en: `passing mark ${q(def.passingMark)}: a whole percentage from 1 to 100 (at 0, an empty paper would pass).`,
      },
      { field: 'passing_mark' },
    );
  const items = def.content.items;
  if (items.length === 0)
    problems.add({ fr: 'l’examen n’a aucune question.', en: 'the exam has no items.' }, { field: 'items' });
  if (items.length > LIMITS.maxItems)
    problems.add(
      { fr: `${LIMITS.maxItems} questions au plus.`, en: `${LIMITS.maxItems} items at most.` },
      { field: 'items' },
    );
  if (
    def.drawCount !== null &&
    (!Number.isInteger(def.drawCount) || def.drawCount < 1 || def.drawCount > Math.max(1, items.length))
  )
    problems.add(
      {
        fr: `nombre de questions tirées ${q(def.drawCount)} : de 1 au nombre de questions (${items.length}), ou « all ».`,
        en: `number of items drawn ${q(def.drawCount)}: from 1 to the number of items (${items.length}), or "all".`,
      },
      { field: 'draw' },
    );
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const label = item.id || `#${i + 1}`;
    if (seen.has(item.id))
      problems.add(
        { fr: `l’identifiant ${q(item.id)} est déjà pris.`, en: `identifier ${q(item.id)} is already used.` },
        { item: label, field: 'id' },
      );
    seen.add(item.id);
    checkItem(item, problems, label);
  });
  checkSections(
    def.content,
    def,
    problems,
    (s) => IDENTIFIER.test(s),
    (t, field) => checkTitle(t, problems, field),
  );
}

/** Two definitions hold the same exam (used to skip a version that changes nothing). */
export function sameDefinition(a: ExamDefinition, b: ExamDefinition): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(d: ExamDefinition) {
  const text = (t: LocalizedText | undefined) => (t ? { fr: t.fr, en: t.en ?? null } : null);
  const image = (i: ItemImage | undefined) => (i ? { mime: i.mime, data: i.data, alt: text(i.alt) } : null);
  const choice = (c: Choice) => ({
    id: c.id,
    text: text(c.text),
    fixed: c.fixed ?? false,
    image: image(c.image),
    area: c.area ?? null,
    matchMax: c.matchMax ?? null,
  });
  return {
    code: d.code,
    title: text(d.title),
    durationMinutes: d.durationMinutes,
    passingMark: d.passingMark,
    drawCount: d.drawCount,
    shuffleItems: d.shuffleItems,
    shuffleChoices: d.shuffleChoices,
    content: {
      items: d.content.items.map((i) => ({
        id: i.id,
        title: text(i.title),
        minChoices: i.minChoices ?? null,
        maxChoices: i.maxChoices ?? null,
        type: i.type,
        stem: text(i.stem),
        body: i.body ?? null,
        image: image(i.image),
        choices: i.choices.map(choice),
        // An order item's key is a sequence; every other key is a set.
        correct: i.type === 'order' ? i.correct : [...i.correct].sort(),
        points: i.points,
        scoring: i.scoring ?? null,
        targets: i.targets?.map(choice) ?? null,
        cloze: i.cloze ? { fr: i.cloze.fr, en: i.cloze.en ?? null } : null,
        slots: i.slots?.map((s) => ({ id: s.id, choices: s.choices?.map(choice) ?? null })) ?? null,
        entry: i.entry ? canonicalEntry(i.entry) : null,
        shuffle: i.shuffle ?? true,
        rules: i.rules ?? null,
        weight: i.weight ?? null,
      })),
      sections: d.content.sections ? canonicalSections(d.content.sections) : null,
    },
  };
}

function canonicalEntry(e: NonNullable<ExamContent['items'][number]['entry']>) {
  const common = { kind: e.kind, accepted: e.accepted, expectedLength: e.expectedLength ?? null };
  return e.kind === 'number'
    ? { ...common, tolerance: e.tolerance ?? 0 }
    : { ...common, caseSensitive: e.caseSensitive ?? false, accentSensitive: e.accentSensitive ?? false };
}
