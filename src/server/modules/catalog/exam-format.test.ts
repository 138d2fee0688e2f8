import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';
import { normalizeText } from './exam-definition.js';
import { demoDir } from '../../../../tests/support/exam-fixtures.js';
import { examJsonSchema } from './exam-file.schema.js';
import { readExamDefinition } from './exams.service.js';
import { fileAssetReader } from './files.js';

describe('the exam format', () => {
  it('docs/exam.schema.json is the schema the importer enforces (regenerate: npm run vigie -- exam schema --out docs/exam.schema.json)', () => {
    expect(JSON.parse(readFileSync('docs/exam.schema.json', 'utf8'))).toEqual(examJsonSchema());
  });

  it('every complete example in docs/exam-format.md imports', () => {
    const doc = readFileSync('docs/exam-format.md', 'utf8');
    const examples = [...doc.matchAll(/```yaml\n(format: vigie-exam\/1[\s\S]*?)```/g)].map((m) => m[1]!);
    expect(examples.length).toBeGreaterThan(0);
    for (const text of examples) {
      const def = readExamDefinition(
        { name: 'exemple.yaml', bytes: Buffer.from(text), readAsset: fileAssetReader(demoDir) },
        { lang: 'en' },
      );
      expect(def.content.items.length).toBeGreaterThan(0);
    }
  });

  it('keeps one form of every text: paragraphs split by one blank line, single spaces inside', () => {
    expect(normalizeText('  Un  texte\nsur deux lignes.\r\n\r\n\n  Second\tparagraphe. ')).toBe(
      'Un texte sur deux lignes.\n\nSecond paragraphe.',
    );
  });
});

describe('the CSV reader', () => {
  it('reads commas or semicolons, quotes, CRLF, a byte-order mark, and skips blank lines, keeping line numbers', () => {
    expect(parseCsv('\uFEFFa;b\r\n\r\n"c;d";"e ""f"""\r\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 3, cells: ['c;d', 'e "f"'] },
    ]);
    expect(parseCsv('x, y\n"multi\nligne",z\nw,v')).toEqual([
      { line: 1, cells: ['x', 'y'] },
      { line: 2, cells: ['multi\nligne', 'z'] },
      { line: 4, cells: ['w', 'v'] },
    ]);
  });
});
