import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readExamDefinition } from '../../exams.service.js';
import { INTERACTIONS_YAML } from '../../items/interactions.test-support.js';
import { exportQti } from '../export-qti.js';
import { elements, parseXml, textOf, type XmlElement } from '../xml.js';

/**
 * The structure of Vigie's QTI exports of the interactions, checked against the content models of the QTI 2.1
 * and 3.0 schemas that these items use (no schema is fetched at test time): each interaction's children, its
 * response declared, every key naming identifiers the item has, hotspot coordinates by shape, and QTI 3.0's
 * content body in a rubric block.
 */
const def = readExamDefinition({ name: 'interactions.yaml', bytes: Buffer.from(INTERACTIONS_YAML) });

/** Children an interaction may hold (canonical QTI 2.1 names; `*` any block content after the listed ones). */
const CONTENT: Record<string, string[]> = {
  orderInteraction: ['prompt', 'simpleChoice'],
  matchInteraction: ['prompt', 'simpleMatchSet'],
  gapMatchInteraction: ['prompt', 'gapText', '*'],
  inlineChoiceInteraction: ['inlineChoice'],
  hotspotInteraction: ['prompt', 'object', 'hotspotChoice'],
  textEntryInteraction: [],
  choiceInteraction: ['prompt', 'simpleChoice'],
};
const CHOICES = ['simpleChoice', 'simpleAssociableChoice', 'gapText', 'gap', 'inlineChoice', 'hotspotChoice'];

function all(e: XmlElement): XmlElement[] {
  return [e, ...elements(e).flatMap(all)];
}

describe.each(['3.0', '2.1'] as const)('the structure of a QTI %s export of each interaction', (version) => {
  const files = unzipSync(exportQti(def, version));
  const items = Object.keys(files)
    .filter((f) => f.startsWith('items/'))
    .map((f) => ({ f, raw: strFromU8(files[f]!), xml: parseXml(strFromU8(files[f]!)) }));

  it('writes one item file per item, each an assessment item in the version’s spelling', () => {
    expect(items.map((i) => i.f).sort()).toEqual(def.content.items.map((i) => `items/${i.id}.xml`).sort());
    for (const { raw, xml } of items) {
      expect(xml.name).toBe('assessmentItem');
      if (version === '3.0')
        expect(raw).not.toMatch(/<(orderInteraction|simpleChoice|responseDeclaration|rubricBlock)\b/);
      else expect(raw).not.toMatch(/<qti-/);
    }
  });

  it('holds in each interaction only what its content model allows, its response declared, its keys naming its identifiers', () => {
    for (const { f, xml } of items) {
      const nodes = all(xml);
      const declared = new Map(
        nodes.filter((n) => n.name === 'responseDeclaration').map((d) => [d.attrs.identifier, d]),
      );
      const ids = nodes.filter((n) => CHOICES.includes(n.name)).map((n) => n.attrs.identifier!);
      expect(new Set(ids).size, `${f}: identifiers unique`).toBe(ids.length);
      for (const i of nodes.filter((n) => n.name.endsWith('Interaction'))) {
        const allowed = CONTENT[i.name];
        expect(allowed, `${f}: ${i.name} known`).toBeDefined();
        for (const c of elements(i))
          expect(allowed!.includes(c.name) || allowed!.includes('*'), `${f}: ${c.name} in ${i.name}`).toBe(true);
        if (i.name === 'matchInteraction')
          expect(elements(i).filter((c) => c.name === 'simpleMatchSet')).toHaveLength(2);
        if (i.name === 'hotspotInteraction') expect(elements(i).filter((c) => c.name === 'object')).toHaveLength(1);
        const d = declared.get(i.attrs.responseIdentifier);
        expect(d, `${f}: ${i.attrs.responseIdentifier} declared`).toBeDefined();
        const values = all(d!)
          .filter((n) => n.name === 'value')
          .map((v) => textOf(v).trim());
        for (const v of values) {
          if (d!.attrs.baseType === 'directedPair') {
            const [a, b] = v.split(' ');
            expect(ids.includes(a!) && ids.includes(b!), `${f}: pair ${v}`).toBe(true);
          } else if (d!.attrs.baseType === 'identifier') expect(ids, `${f}: ${v}`).toContain(v);
        }
      }
      for (const h of nodes.filter((n) => n.name === 'hotspotChoice')) {
        const n = h.attrs.coords!.split(',').length;
        const ok = { circle: n === 3, rect: n === 4, poly: n >= 6 && n % 2 === 0 }[h.attrs.shape as 'circle'];
        expect(ok, `${f}: ${h.attrs.shape} ${h.attrs.coords}`).toBe(true);
      }
      for (const r of nodes.filter((n) => n.name === 'rubricBlock'))
        expect(elements(r).map((c) => c.name)).toEqual(
          version === '3.0' ? ['contentBody'] : elements(r).map(() => 'p'),
        );
    }
  });
});
