import type { ExamSection, SectionPart } from '../../../../shared/exam.js';
import { normalizeText } from '../exam-definition.js';
import { q, type ProblemList } from '../import-problems.js';
import { MAX_SECTION_DEPTH } from '../sections.js';
import { child, childrenNamed, descendants, elements, type XmlElement } from './xml.js';

/**
 * The structure of an assessment test: its item references in document order, each with its weight, and
 * either the one-section form every Vigie exam without sections has (a draw count and an item order), or
 * its sections with their selection and ordering. Sections name items by their reference's position
 * (`#0`, `#1`, …) until the items are read (`namedSections`).
 */
export interface TestStructure {
  refs: XmlElement[];
  weights: (number | undefined)[];
  drawCount: number | null;
  shuffleItems: boolean;
  sections?: ExamSection[];
}

export function readTestStructure(test: XmlElement, problems: ProblemList, at: { file: string }): TestStructure {
  const refs: XmlElement[] = [];
  const named = weightNames(test);
  const weights: (number | undefined)[] = [];
  const tops = elements(test)
    .filter((e) => e.name === 'testPart')
    .flatMap((p) => childrenNamed(p, 'assessmentSection'));
  for (const s of descendants(test, 'assessmentSection')) {
    const selection = child(s, 'selection');
    if (selection?.attrs.withReplacement === 'true')
      problems.add(
        {
          fr: `section ${q(s.attrs.identifier)} : un tirage avec remise (withReplacement) n’est pas pris en charge.`,
          en: `section ${q(s.attrs.identifier)}: a selection with replacement is not supported.`,
        },
        at,
      );
    const n = Number(selection?.attrs.select);
    if (selection && !(Number.isInteger(n) && n >= 1))
      problems.add(
        {
          fr: `section ${q(s.attrs.identifier)} : select ${q(selection.attrs.select)} n’est pas un nombre entier positif.`,
          en: `section ${q(s.attrs.identifier)}: select ${q(selection.attrs.select)} is not a positive whole number.`,
        },
        at,
      );
  }
  const section = (s: XmlElement, depth: number): ExamSection => {
    const parts: SectionPart[] = [];
    for (const e of elements(s)) {
      if (e.name === 'assessmentItemRef') {
        parts.push({ item: `#${refs.length}` });
        refs.push(e);
        weights.push(readWeight(e, named, problems, at));
      } else if (e.name === 'assessmentSection') {
        if (depth >= MAX_SECTION_DEPTH)
          problems.add(
            {
              fr: `sections imbriquées trop profondément (${MAX_SECTION_DEPTH} niveaux au plus).`,
              en: `sections nested too deeply (${MAX_SECTION_DEPTH} levels at most).`,
            },
            at,
          );
        else parts.push({ section: section(e, depth + 1) });
      }
    }
    const id = s.attrs.identifier ?? '';
    const title = normalizeText(s.attrs.title ?? '');
    const select = child(s, 'selection')?.attrs.select;
    return {
      id,
      // Vigie writes a section without a title with its identifier (QTI requires one).
      ...(title && title !== id ? { title: { fr: title } } : {}),
      ...(select !== undefined ? { select: Math.min(Number(select), parts.length) } : {}),
      ...(child(s, 'ordering')?.attrs.shuffle === 'true' ? { shuffle: true as const } : {}),
      parts,
    };
  };
  const sections = tops.map((s) => section(s, 1));
  // One section of items only: the exam's own draw and order, as every exam without sections is written.
  const only = sections.length === 1 ? sections[0]! : undefined;
  if (only && only.parts.every((p) => 'item' in p)) {
    const select = only.select;
    return {
      refs,
      weights,
      drawCount: select === undefined || select >= refs.length ? null : select,
      shuffleItems: only.shuffle === true,
    };
  }
  return { refs, weights, drawCount: null, shuffleItems: false, sections };
}

/** The sections with each `#n` replaced by the id of the item the n-th reference holds. */
export function namedSections(sections: ExamSection[], itemIds: string[]): ExamSection[] {
  return sections.map((s) => ({
    ...s,
    parts: s.parts.map((p) =>
      'item' in p ? { item: itemIds[Number(p.item.slice(1))]! } : { section: namedSections([p.section], itemIds)[0]! },
    ),
  }));
}

/** The weight identifiers the test's outcome processing applies (`testVariables weightIdentifier`). */
function weightNames(test: XmlElement): Set<string> {
  const processing = child(test, 'outcomeProcessing');
  return new Set(
    (processing ? descendants(processing, 'testVariables') : []).flatMap((t) =>
      t.attrs.weightIdentifier ? [t.attrs.weightIdentifier] : [],
    ),
  );
}

/**
 * An item reference's weight: the one the outcome processing names, else its only one; several and none named
 * is a problem (which would count?). A weight of 1 says nothing.
 */
function readWeight(
  ref: XmlElement,
  named: Set<string>,
  problems: ProblemList,
  at: { file: string },
): number | undefined {
  const weights = childrenNamed(ref, 'weight');
  if (weights.length === 0) return undefined;
  const used = weights.filter((w) => named.has(w.attrs.identifier ?? ''));
  const chosen = used.length === 1 ? used[0] : weights.length === 1 ? weights[0] : undefined;
  const item = ref.attrs.identifier;
  if (!chosen) {
    problems.add(
      {
        fr: 'la référence a plusieurs poids et le test n’en applique aucun (testVariables weightIdentifier).',
        en: 'the reference has several weights and the test applies none of them (testVariables weightIdentifier).',
      },
      { ...at, item, field: 'weight' },
    );
    return undefined;
  }
  const value = Number(chosen.attrs.value);
  if (!Number.isFinite(value)) {
    problems.add(
      {
        fr: `poids ${q(chosen.attrs.value)} : un nombre est attendu.`,
        en: `weight ${q(chosen.attrs.value)}: a number is expected.`,
      },
      { ...at, item, field: 'weight' },
    );
    return undefined;
  }
  return value === 1 ? undefined : value;
}
