import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { errorCodes } from '../../../shared/errors.js';
import { DomainError } from '../../errors.js';
import { GOOD_ITEMS, richDefinition, yamlExam } from '../../../../tests/support/exam-fixtures.js';
import { importExam } from './exams.service.js';
import type { ImportProblem } from './import-problems.js';
import { exportQti } from './qti/export-qti.js';

/**
 * Issue 14: files built to break a reader (a parser's own guard, a malformed escape, a zip that lies about its
 * sizes, text that is not UTF-8) are refused as import problems, said in French and in English, with nothing
 * written — never a raw error (a 500 over HTTP, a stack trace on the command line) and never a long wait.
 * Exams are imported from the command line only (no HTTP route takes an exam file); `importExam` is what
 * either would call, and `import_invalid` is a 400.
 */

const bytes = (s: string) => Buffer.from(s, 'utf8');

/** A billion laughs: each alias repeats the one before ten times. */
function aliasBomb(): Uint8Array {
  const lines = ['format: vigie-exam/1', 'code: EX-BOMB', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++)
    lines.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  lines.push('title: *a8');
  return bytes(`${lines.join('\n')}\n`);
}

/**
 * A raw deflate stream of `n` zero bytes written by hand, about 1000 to 1: one literal zero, then « copy 258
 * bytes from 1 back » again and again (fixed Huffman codes are written most significant bit first).
 */
function deflatedZeros(n: number): Buffer {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  const put = (v: number, len: number) => {
    acc |= v << bits;
    bits += len;
    for (; bits >= 8; bits -= 8, acc >>>= 8) out.push(acc & 0xff);
  };
  const code = (v: number, len: number) => {
    let r = 0;
    for (let i = 0; i < len; i++) r |= ((v >> i) & 1) << (len - 1 - i);
    put(r, len);
  };
  put(1, 1); // last block
  put(1, 2); // fixed Huffman codes
  code(0b00110000, 8); // literal 0
  let left = n - 1;
  for (; left >= 258; left -= 258) {
    code(0b11000101, 8); // length 258
    code(0, 5); // distance 1
  }
  for (; left > 0; left--) code(0b00110000, 8);
  code(0, 7); // end of block
  if (bits) out.push(acc & 0xff);
  return Buffer.from(out);
}

/** A zip written field by field, so an entry can declare any size (one deflated entry per name). */
function rawZip(entries: { name: string; data: Buffer; declared: number }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(e.data.length, 18);
    lh.writeUInt32LE(e.declared, 22);
    lh.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(e.data.length, 20);
    cd.writeUInt32LE(e.declared, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(lh, name, e.data);
    central.push(cd, name);
    offset += lh.length + name.length + e.data.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBytes, end]);
}

describe.each(dbKinds())('exam import of hostile files on %s', (kind) => {
  let t: TestApp;
  let qti: Record<string, Uint8Array>;
  let itemFile: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    qti = unzipSync(exportQti(richDefinition('EX-HOSTILE'), '3.0'));
    itemFile = 'items/q1.xml';
  });
  afterAll(async () => t.close());

  async function counts() {
    const n = async (table: 'exams' | 'exam_versions' | 'audit_log') =>
      Number(
        (
          await t.ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { exams: await n('exams'), versions: await n('exam_versions'), audit: await n('audit_log') };
  }

  /** The package with some of its files rewritten (text edits on the UTF-8 text, or raw bytes). */
  function qtiWith(edits: Record<string, ((text: string) => string) | Uint8Array>): Uint8Array {
    const files = { ...qti };
    for (const [name, edit] of Object.entries(edits))
      files[name] = typeof edit === 'function' ? strToU8(edit(strFromU8(files[name]!))) : edit;
    return zipSync(files);
  }

  /** Imports, expects the refusal a 400 carries (import_invalid, every problem in both languages), nothing written. */
  async function refused(name: string, content: Uint8Array): Promise<ImportProblem[]> {
    const before = await counts();
    const started = Date.now();
    const err = await importExam(t.ctx, { name, bytes: content }, { actorId: null, lang: 'fr' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(Date.now() - started, 'the refusal took too long').toBeLessThan(10_000);
    expect(err, `${name}: ${String(err)}`).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('import_invalid');
    expect(errorCodes.import_invalid).toBe(400);
    const problems = (err as DomainError).opts.details as { problems: ImportProblem[] };
    expect(problems.problems.length).toBeGreaterThan(0);
    for (const p of problems.problems) {
      expect(p.fr).toBeTruthy();
      expect(p.en).toBeTruthy();
      expect(p.fr).not.toEqual(p.en);
    }
    expect(await counts()).toEqual(before);
    return problems.problems;
  }

  const said = (ps: ImportProblem[], lang: 'fr' | 'en') =>
    ps.map((p) => `${p.file} ${p.line ?? ''} ${p.item ?? ''} ${p.field ?? ''} ${p[lang]}`).join('\n');

  const cases: Array<[string, string, () => Uint8Array, RegExp, RegExp]> = [
    ['a YAML alias bomb', 'bombe.yaml', aliasBomb, /trop d’alias/, /too many aliases/],
    [
      'deeply nested XML in an item',
      'imbrique.zip',
      () =>
        qtiWith({
          [itemFile]: (x) => x.replace(/(<qti-item-body[^>]*>)/, `$1${'<div>'.repeat(5000)}${'</div>'.repeat(5000)}`),
        }),
      /items\/q1\.xml.*imbriqués trop profondément/,
      /items\/q1\.xml.*nested too deeply/,
    ],
    [
      'a malformed % in a file reference of the manifest',
      'pourcent.zip',
      () => qtiWith({ 'imsmanifest.xml': (x) => x.replaceAll('href="items/q1.xml"', 'href="items/q1%E0%A4%A.xml"') }),
      /imsmanifest\.xml.*« items\/q1%E0%A4%A\.xml ».*%/,
      /imsmanifest\.xml.*« items\/q1%E0%A4%A\.xml ».*%/,
    ],
    [
      'a malformed % in an image reference of an item',
      'image.zip',
      () => qtiWith({ [itemFile]: (x) => x.replace(/src="[^"]*"/, 'src="images/q1%zz.svg"') }),
      /items\/q1\.xml.*« images\/q1%zz\.svg »/,
      /items\/q1\.xml.*« images\/q1%zz\.svg »/,
    ],
    [
      'a zip entry that lies about its size (100 bytes declared, 300 MB inside)',
      'menteur.zip',
      () => rawZip([{ name: 'imsmanifest.xml', data: deflatedZeros(300 * 1024 * 1024), declared: 100 }]),
      /imsmanifest\.xml.*plus que sa taille déclarée/,
      /imsmanifest\.xml.*more than its declared size/,
    ],
    [
      'a zip bomb that says its size (4 GB)',
      'bombe.zip',
      () => rawZip([{ name: 'imsmanifest.xml', data: deflatedZeros(1024 * 1024), declared: 0xfffffff0 }]),
      /trop volumineux/,
      /too large/,
    ],
    [
      'a zip of 20 000 entries',
      'milliers.zip',
      () =>
        rawZip(Array.from({ length: 20_000 }, (_, i) => ({ name: `x/${i}.txt`, data: deflatedZeros(1), declared: 1 }))),
      /5000 fichiers/,
      /5000 files/,
    ],
    [
      'an XML file of 5 MB (an element with 400 000 attributes)',
      'attributs.zip',
      () =>
        qtiWith({
          [itemFile]: (x) =>
            x.replace(
              /<qti-item-body/,
              `<qti-item-body ${Array.from({ length: 400_000 }, (_, i) => `a${i}="x"`).join(' ')}`,
            ),
        }),
      /items\/q1\.xml.*trop volumineux/,
      /items\/q1\.xml.*too large/,
    ],
    [
      'an item of 1 MB named 40 times by the test',
      'references.zip',
      () =>
        qtiWith({
          [itemFile]: (x) => x.replace('</qti-item-body>', `<p>${'x '.repeat(500_000)}</p></qti-item-body>`),
          'assessment.xml': (x) =>
            x.replace(
              /<qti-assessment-item-ref [^>]*q1\.xml"[^>]*\/>/,
              (ref) => `${ref}${Array.from({ length: 40 }, (_, i) => ref.replace('"q1"', `"r${i}"`)).join('')}`,
            ),
        }),
      /trop de XML à lire/,
      /too much XML to read/,
    ],
    [
      'a zip entry whose path climbs out of the package',
      'evasion.zip',
      () => {
        const files = { ...qti, '../../evil.xml': strToU8('<x/>') };
        return zipSync(files);
      },
      /« \.\.\/\.\.\/evil\.xml ».*hors du paquet/,
      /« \.\.\/\.\.\/evil\.xml ».*outside the package/,
    ],
    [
      // Declared (encoding="ISO-8859-1"), it is read as such: qti/conformance/visibility.test.ts.
      'an XML file in Latin-1 that does not declare it',
      'latin1.zip',
      () =>
        qtiWith({
          [itemFile]: Buffer.from(
            strFromU8(qti[itemFile]!).replace(' encoding="UTF-8"', '').replace('Octogone', 'Octogoné'),
            'latin1',
          ),
        }),
      /items\/q1\.xml \d+ .*UTF-8/,
      /items\/q1\.xml \d+ .*UTF-8/,
    ],
    [
      'a YAML file in Latin-1',
      'latin1.yaml',
      () => Buffer.from(yamlExam(GOOD_ITEMS).replace('Couleur', 'Couleur é'), 'latin1'),
      /latin1\.yaml \d+ .*UTF-8/,
      /latin1\.yaml \d+ .*UTF-8/,
    ],
    ['an empty YAML file', 'vide.yaml', () => new Uint8Array(0), /vide/, /empty/],
    ['an empty JSON file', 'vide.json', () => new Uint8Array(0), /vide/, /empty/],
    ['a YAML file holding only null', 'nul.yaml', () => bytes('~\n'), /objet attendu|vide/, /object expected|empty/],
    ['a 0-byte zip', 'vide.zip', () => new Uint8Array(0), /archive ZIP/, /ZIP archive/],
    [
      'YAML nested 1000 deep (flow)',
      'profond.yaml',
      () => bytes(`format: vigie-exam/1\ntitle: ${'['.repeat(1000)}${']'.repeat(1000)}\n`),
      /profond\.yaml.*imbriqués trop profondément/,
      /profond\.yaml.*nested too deeply/,
    ],
    [
      // The schema's recursive parts (response_processing rules, rich body) would walk it to the stack's end.
      'JSON rules nested 100 000 deep',
      'regles.json',
      () => {
        let node = '{"op":"null"}';
        for (let i = 0; i < 100_000; i++) node = `{"op":"not","args":[${node}]}`;
        return bytes(
          `{"format":"vigie-exam/1","code":"X","title":"t","duration_minutes":5,"passing_mark":50,"items":[{"id":"q","type":"single","stem":"s","choices":[{"id":"a","text":"a"},{"id":"b","text":"b"}],"correct":"a","response_processing":{"response":"R","outcomes":[],"rules":[${node}]}}]}`,
        );
      },
      /regles\.json.*imbriqués trop profondément/,
      /regles\.json.*nested too deeply/,
    ],
    [
      'YAML nested 1000 deep (block)',
      'escalier.yaml',
      () => bytes(`format: vigie-exam/1\ntitle:\n${'- '.repeat(1000)}x\n`),
      /escalier\.yaml.*imbriqués trop profondément/,
      /escalier\.yaml.*nested too deeply/,
    ],
    [
      'deeply nested JSON',
      'profond.json',
      () => bytes(`{"format": "vigie-exam/1", "title": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`),
      /profond\.json.*title.*« \[…\] »/,
      /profond\.json.*title.*« \[…\] »/,
    ],
    [
      'a NUL character in a YAML title',
      'nul-titre.yaml',
      () => bytes(yamlExam(GOOD_ITEMS).replace('title: Examen de test', 'title: "Examen\\0 de test"')),
      /caractère de contrôle/,
      /control character/,
    ],
    [
      'a NUL character in a QTI choice',
      'nul-choix.zip',
      () => qtiWith({ [itemFile]: (x) => x.replace('Octogone', 'Octo\u0000gone') }),
      /caractère de contrôle/,
      /control character/,
    ],
  ];

  it.each(cases)('%s: import_invalid (400) naming the problem, nothing written', async (_n, name, make, fr, en) => {
    const problems = await refused(name, make());
    expect(said(problems, 'fr')).toMatch(fr);
    expect(said(problems, 'en')).toMatch(en);
  });

  it('the untouched package still imports (the hostile cases differ from it only by what they break)', async () => {
    const saved = await importExam(t.ctx, { name: 'ok.zip', bytes: zipSync(qti) }, { actorId: null });
    expect(saved).toMatchObject({ code: 'EX-HOSTILE', outcome: 'created', items: 5 });
  });
});
