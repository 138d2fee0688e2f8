import type { ExamContent, ExamSection, LocalizedText, SectionPart } from '../../../shared/exam.js';
import { q, type ProblemList } from './import-problems.js';

/**
 * An exam's sections (QTI assessmentSection): each draws `select` of its parts (items or sections) without
 * replacement and shuffles them when `shuffle`; a drawn section's items stay together. The paper is the flat
 * list of the items drawn, in order (attempts/paper.ts). docs/exam-format.md, « Sections ».
 */

/** Deep enough for any real test (QTI tools write 1 to 3 levels), small enough to never exhaust a stack. */
export const MAX_SECTION_DEPTH = 8;

type RandomInt = (maxExclusive: number) => number;

/** Fisher–Yates on a copy. */
function shuffle<T>(list: readonly T[], rand: RandomInt): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rand(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The item ids one draw of these sections gives, in paper order. */
export function drawSections(sections: readonly ExamSection[], rand: RandomInt): string[] {
  return sections.flatMap((s) => drawSection(s, rand));
}

function drawSection(section: ExamSection, rand: RandomInt): string[] {
  let parts = section.parts;
  if (section.select !== undefined && section.select < parts.length) {
    // Draw `select` parts; without shuffling they keep the section's order.
    const picked = new Set(shuffle(parts, rand).slice(0, section.select));
    parts = parts.filter((p) => picked.has(p));
  }
  if (section.shuffle) parts = shuffle(parts, rand);
  return parts.flatMap((p) => ('item' in p ? [p.item] : drawSection(p.section, rand)));
}

/** How many items a paper holds at most (the same for every paper when the parts drawn are alike). */
export function sectionsItemCount(sections: readonly ExamSection[]): number {
  const count = (s: ExamSection): number => {
    const sizes = s.parts.map((p) => ('item' in p ? 1 : count(p.section))).sort((a, b) => b - a);
    return sizes.slice(0, s.select ?? sizes.length).reduce((a, b) => a + b, 0);
  };
  return sections.reduce((n, s) => n + count(s), 0);
}

/** Every item id the sections name, in document order (duplicates kept, for the checks). */
export function sectionItemIds(sections: readonly ExamSection[]): string[] {
  const walk = (parts: readonly SectionPart[]): string[] =>
    parts.flatMap((p) => ('item' in p ? [p.item] : walk(p.section.parts)));
  return walk(sections.map((section) => ({ section })));
}

/**
 * The sections' rules, whatever the format: identifiers, a part at least, select from 1 to the number of parts,
 * every item of the exam in exactly one section, and the exam's own draw and item order unset (sections say it).
 */
export function checkSections(
  content: ExamContent,
  exam: { drawCount: number | null; shuffleItems: boolean },
  problems: ProblemList,
  isIdentifier: (s: string) => boolean,
  checkTitle: (t: LocalizedText, field: string) => void,
): void {
  const sections = content.sections;
  if (!sections) return;
  const field = (path: string) => ({ field: `sections${path}` });
  if (sections.length === 0) problems.add({ fr: 'aucune section.', en: 'no section.' }, field(''));
  if (exam.drawCount !== null)
    problems.add(
      {
        fr: 'un examen à sections tire ses questions par section (select) : retirez « draw ».',
        en: 'an exam with sections draws its items by section (select): remove "draw".',
      },
      { field: 'draw' },
    );
  if (exam.shuffleItems)
    problems.add(
      {
        fr: 'un examen à sections mélange ses questions par section (shuffle) : retirez « shuffle_items ».',
        en: 'an exam with sections shuffles its items by section (shuffle): remove "shuffle_items".',
      },
      { field: 'shuffle_items' },
    );
  const itemIds = new Set(content.items.map((i) => i.id));
  const sectionIds = new Set<string>();
  const walk = (s: ExamSection, path: string, depth: number) => {
    if (depth > MAX_SECTION_DEPTH) {
      problems.add(
        {
          fr: `sections imbriquées trop profondément (${MAX_SECTION_DEPTH} niveaux au plus).`,
          en: `sections nested too deeply (${MAX_SECTION_DEPTH} levels at most).`,
        },
        field(path),
      );
      return;
    }
    if (!isIdentifier(s.id))
      problems.add(
        { fr: `identifiant de section ${q(s.id)} invalide.`, en: `invalid section identifier ${q(s.id)}.` },
        field(`${path}.id`),
      );
    else if (sectionIds.has(s.id) || itemIds.has(s.id))
      problems.add(
        { fr: `l’identifiant ${q(s.id)} est déjà pris.`, en: `identifier ${q(s.id)} is already used.` },
        field(`${path}.id`),
      );
    sectionIds.add(s.id);
    if (s.title) checkTitle(s.title, `sections${path}.title`);
    if (s.parts.length === 0)
      problems.add(
        { fr: `la section ${q(s.id)} est vide.`, en: `section ${q(s.id)} is empty.` },
        field(`${path}.parts`),
      );
    if (s.select !== undefined && (!Number.isInteger(s.select) || s.select < 1 || s.select > s.parts.length))
      problems.add(
        {
          fr: `select ${q(s.select)} : de 1 au nombre de parties de la section (${s.parts.length}).`,
          en: `select ${q(s.select)}: from 1 to the number of parts of the section (${s.parts.length}).`,
        },
        field(`${path}.select`),
      );
    s.parts.forEach((p, i) => {
      if ('section' in p) walk(p.section, `${path}.parts[${i + 1}]`, depth + 1);
    });
  };
  sections.forEach((s, i) => walk(s, `[${i + 1}]`, 1));
  if (!problems.ok) return;
  const named = sectionItemIds(sections);
  const seen = new Set<string>();
  for (const id of named) {
    if (!itemIds.has(id))
      problems.add(
        { fr: `la section nomme ${q(id)}, qui n’est pas une question.`, en: `a section names ${q(id)}, not an item.` },
        field(''),
      );
    else if (seen.has(id))
      problems.add(
        { fr: `la question ${q(id)} est dans deux sections.`, en: `item ${q(id)} is in two sections.` },
        field(''),
      );
    seen.add(id);
  }
  for (const id of itemIds)
    if (!seen.has(id))
      problems.add(
        { fr: `la question ${q(id)} n’est dans aucune section.`, en: `item ${q(id)} is in no section.` },
        { item: id, field: 'sections' },
      );
}

/** The sections with their keys in one order and no empty optional, so two readings of one exam compare equal. */
export function canonicalSections(sections: readonly ExamSection[]): ExamSection[] {
  return sections.map((s) => ({
    id: s.id,
    ...(s.title ? { title: s.title.en ? { fr: s.title.fr, en: s.title.en } : { fr: s.title.fr } } : {}),
    ...(s.select !== undefined ? { select: s.select } : {}),
    ...(s.shuffle ? { shuffle: true as const } : {}),
    parts: s.parts.map((p) => ('item' in p ? { item: p.item } : { section: canonicalSections([p.section])[0]! })),
  }));
}

/**
 * The one form a definition with sections has, whatever the format it came from: items in the order the sections
 * name them (as a QTI test lists them), and one section of items only held as the exam's own draw and order
 * (QTI writes every exam without sections so; its id and title are not kept). Left as it is when the sections do
 * not hold each item once, or the exam also sets its own draw or order: checkSections says why.
 */
export function settleSections(def: { drawCount: number | null; shuffleItems: boolean; content: ExamContent }): void {
  const sections = def.content.sections;
  if (!sections) return;
  const named = sectionItemIds(sections);
  const byId = new Map(def.content.items.map((i) => [i.id, i]));
  if (new Set(named).size !== named.length || named.length !== byId.size || !named.every((id) => byId.has(id))) return;
  def.content.items = named.map((id) => byId.get(id)!);
  flattenSingleSection(def);
}

function flattenSingleSection(def: { drawCount: number | null; shuffleItems: boolean; content: ExamContent }): void {
  const only = def.content.sections?.length === 1 ? def.content.sections[0]! : undefined;
  if (!only || !only.parts.every((p) => 'item' in p) || def.drawCount !== null || def.shuffleItems) return;
  // The section's order is the exam's; a section that does not hold each item once is left to checkSections.
  const byId = new Map(def.content.items.map((i) => [i.id, i]));
  const ordered = only.parts.flatMap((p) => ('item' in p && byId.has(p.item) ? [byId.get(p.item)!] : []));
  if (ordered.length !== def.content.items.length || new Set(ordered).size !== ordered.length) return;
  const count = only.parts.length;
  if (only.select !== undefined && !(Number.isInteger(only.select) && only.select >= 1)) return;
  def.drawCount = only.select === undefined || only.select >= count ? null : only.select;
  def.shuffleItems = only.shuffle === true;
  def.content.items = ordered;
  delete def.content.sections;
}
