import { describe, expect, it } from 'vitest';
import { sameDefinition } from '../../exam-definition.js';
import { readExamDefinition } from '../../exams.service.js';
import { exportJson, exportYaml } from '../../export-yaml.js';
import { exportQti } from '../export-qti.js';
import { choiceItem, qti3Package } from './package.test-support.js';

/** The conformance suite, part 4: paragraphs, lists, tables and emphasis keep their structure, sanitised. */
const item = choiceItem('tableau', {
  before:
    '<p class="x" style="color:red" onclick="alert(1)">Lisez le <strong>tableau</strong> des distances.</p>' +
    '<table><thead><tr><th>Vitesse</th><th>Distance</th></tr></thead>' +
    '<tbody><tr><td>50 km/h</td><td>30 <em>m</em></td></tr><tr><td>90 km/h</td><td>90 m</td></tr></tbody></table>' +
    '<ul><li>Par temps sec</li><li>Chaussée <b>propre</b></li></ul>' +
    '<p>Second paragraphe<br/>sur deux lignes.</p>' +
    '<div xml:lang="en"><p>Read the <em>table</em>.</p></div>',
});

describe('QTI conformance: rich content', () => {
  const def = readExamDefinition({ name: 'riche.zip', bytes: qti3Package([{ id: 'tableau', xml: item }]) });
  const read = def.content.items[0]!;

  it('keeps paragraphs, lists, tables and emphasis, and nothing else of the markup', () => {
    expect(read.body).toEqual({
      fr: [
        { p: ['Lisez le ', { strong: ['tableau'] }, ' des distances.'] },
        {
          table: {
            head: [['Vitesse'], ['Distance']],
            rows: [
              [['50 km/h'], ['30 ', { em: ['m'] }]],
              [['90 km/h'], ['90 m']],
            ],
          },
        },
        { ul: [['Par temps sec'], ['Chaussée ', { strong: ['propre'] }]] },
        { p: ['Second paragraphe', { br: true }, 'sur deux lignes.'] },
      ],
      en: [{ p: ['Read the ', { em: ['table'] }, '.'] }],
    });
    expect(JSON.stringify(read.body)).not.toMatch(/onclick|style|color|class/);
    // The plain stem keeps the cells apart (it was run-on text: « VitesseDistance50 km/h30 m »).
    expect(read.stem.fr).toContain('Vitesse Distance');
    expect(read.stem.fr).toContain('50 km/h 30 m');
  });

  it('carries them through QTI 3.0, QTI 2.1, YAML and JSON (round trips exact)', () => {
    for (const [name, bytes] of [
      ['a.zip', exportQti(def, '3.0')],
      ['b.zip', exportQti(def, '2.1')],
      ['c.yaml', Buffer.from(exportYaml(def))],
      ['d.json', Buffer.from(exportJson(def))],
    ] as const) {
      const back = readExamDefinition({ name, bytes });
      expect(back.content.items, name).toEqual(def.content.items);
      expect(sameDefinition(back, def)).toBe(true);
    }
  });
});
