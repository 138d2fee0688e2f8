import type { ExamSection, Item } from '../../../../shared/exam.js';
import type { ExamDefinition } from '../exam-definition.js';
import { paths } from './qti-versions.js';
import { qel, type Out } from './xml.js';

/** The identifier of the weight Vigie writes on an item reference and applies in the test's outcome processing. */
export const WEIGHT_ID = 'W';

/** An item reference, with its weight when it has one. */
function itemRef(item: Item): Out {
  return qel(
    'assessmentItemRef',
    { identifier: item.id, href: paths.item(item.id) },
    item.weight !== undefined && qel('weight', { identifier: WEIGHT_ID, value: String(item.weight) }),
  );
}

/**
 * The test part's sections: the exam's own (with their selection and ordering, nested), or the one section
 * every exam without sections is written as (its draw and item order).
 */
export function testSections(def: ExamDefinition): Out[] {
  const byId = new Map(def.content.items.map((i) => [i.id, i]));
  const section = (s: ExamSection): Out =>
    qel(
      'assessmentSection',
      // QTI requires a title: a section without one is written with its identifier (read back as none).
      { identifier: s.id, title: s.title?.fr ?? s.id, visible: true },
      s.select !== undefined && qel('selection', { select: s.select }),
      s.shuffle === true && qel('ordering', { shuffle: true }),
      ...s.parts.map((p) => ('item' in p ? itemRef(byId.get(p.item)!) : section(p.section))),
    );
  if (def.content.sections) return def.content.sections.map(section);
  return [
    qel(
      'assessmentSection',
      { identifier: 'SECTION-1', title: def.title.fr, visible: true },
      def.drawCount !== null && qel('selection', { select: def.drawCount }),
      def.shuffleItems && qel('ordering', { shuffle: true }),
      ...def.content.items.map(itemRef),
    ),
  ];
}

/** Whether the outcome processing sums the items' scores by their weight (only when an item has one). */
export const weighted = (def: ExamDefinition) => def.content.items.some((i) => i.weight !== undefined);
