import type { Item, LocalizedText } from '../../../../shared/exam.js';
import {
  checkDefinition,
  normalizeLocalized,
  normalizeText,
  settleItemShuffle,
  type ExamDefinition,
} from '../exam-definition.js';
import { q, type ProblemList } from '../import-problems.js';
import { Package, unzip } from './package.js';
import { readItem } from './read-item.js';
import { namedSections, readTestStructure } from './read-test.js';
import { child, childrenNamed, descendants, elements, textOf, type XmlElement } from './xml.js';

/** Settings a package may lack (QTI has no standard place for a passing mark); given on the command line. */
export interface QtiOverrides {
  durationMinutes?: number;
  passingMark?: number;
}

/** LOM strings of a resource's metadata (`title` or `description`) by language. */
function lomText(resource: XmlElement | undefined, field: 'title' | 'description'): Partial<LocalizedText> {
  const out: Partial<LocalizedText> = {};
  if (!resource) return out;
  for (const f of descendants(resource, field))
    for (const s of childrenNamed(f, 'string')) {
      const lang = (s.attrs.language ?? '').slice(0, 2).toLowerCase();
      if (lang === 'fr' || lang === 'en') out[lang] = normalizeText(textOf(s));
    }
  return out;
}

/**
 * Reads an IMS QTI 3.0 or 2.1 package into checked ExamDefinitions, one per assessment test (a package of
 * items without a test is an item bank: qti/read-bank.ts). Supported: tests whose items each hold one choice
 * interaction (single or multiple cardinality), in sections with selection and ordering (qti/read-test.ts).
 * Every problem is recorded in `problems`; returns null when there is any.
 */
export function readQtiPackage(
  bytes: Uint8Array,
  name: string,
  problems: ProblemList,
  overrides: QtiOverrides = {},
): ExamDefinition[] | null {
  const opened = openPackage(bytes, name, problems);
  if (!opened) return null;
  const { pkg, resources } = opened;
  const tests = resources.filter((r) => (r.attrs.type ?? '').startsWith('imsqti_test_xmlv'));
  if (tests.length === 0) {
    problems.add(
      {
        fr: 'le manifeste ne déclare aucun test (assessment test) : c’est une banque de questions, à importer dans la banque d’une formation (bank import).',
        en: 'the manifest declares no assessment test: it is an item bank, to import into a training’s bank (bank import).',
      },
      { file: pkg.where('imsmanifest.xml') },
    );
    return null;
  }
  const defs = tests.map((t) => readTest(pkg, t, resources, overrides));
  if (!problems.ok) return null;
  const codes = new Set<string>();
  for (const def of defs) {
    if (codes.has(def!.code))
      problems.add(
        { fr: `deux tests ont le code ${q(def!.code)}.`, en: `two tests have the code ${q(def!.code)}.` },
        { file: pkg.where('imsmanifest.xml') },
      );
    codes.add(def!.code);
  }
  return problems.ok ? (defs as ExamDefinition[]) : null;
}

/** The package's files and manifest resources, every file the manifest names checked present. */
export function openPackage(
  bytes: Uint8Array,
  name: string,
  problems: ProblemList,
): { pkg: Package; resources: XmlElement[] } | null {
  const files = unzip(bytes, problems);
  if (!files) return null;
  const pkg = new Package(name, files, problems);
  const manifest = pkg.xml('imsmanifest.xml');
  if (!manifest) return null;
  const resources = descendants(manifest, 'resource');
  for (const r of resources)
    for (const f of childrenNamed(r, 'file')) {
      const href = f.attrs.href ? pkg.resolve('imsmanifest.xml', f.attrs.href) : null;
      if (href !== null) pkg.bytes(href, { file: 'imsmanifest.xml' });
    }
  return { pkg, resources };
}

function readTest(
  pkg: Package,
  testResource: XmlElement,
  resources: XmlElement[],
  overrides: QtiOverrides,
): ExamDefinition | null {
  const problems = pkg.problems;
  const testPath = pkg.resolve('imsmanifest.xml', testResource.attrs.href ?? '');
  const test = testPath === null ? null : pkg.xml(testPath, { file: 'imsmanifest.xml' });
  if (!test || testPath === null) return null;
  if (test.name !== 'assessmentTest') {
    problems.add(
      { fr: `${q(test.rawName)} n’est pas un test QTI.`, en: `${q(test.rawName)} is not a QTI assessment test.` },
      { file: pkg.where(testPath) },
    );
    return null;
  }
  const at = { file: pkg.where(testPath) };
  const titleEn = lomText(testResource, 'title').en;
  const title = normalizeLocalized({ fr: test.attrs.title ?? test.attrs.identifier ?? '', en: titleEn });

  const durationMinutes = overrides.durationMinutes ?? readDuration(test, problems, at);
  const passingMark = overrides.passingMark ?? readPassingMark(test, problems, at);
  const structure = readTestStructure(test, problems, at);
  const refs = structure.refs;

  const items: Item[] = [];
  const ids: string[] = [];
  const shuffles: (boolean | null)[] = [];
  const paths = refs.map((ref) => pkg.resolve(testPath, ref.attrs.href ?? '', { item: ref.attrs.identifier }));
  if (!pkg.fits(paths.filter((p) => p !== null))) return null;
  for (const [i, ref] of refs.entries()) {
    const itemPath = paths[i];
    if (itemPath === null || itemPath === undefined) continue;
    const label = ref.attrs.identifier ?? itemPath;
    const xml = pkg.xml(itemPath, { file: testPath, item: label });
    if (!xml) continue;
    const read = readItem(xml, itemPath, pkg, resources);
    if (read) {
      const weight = structure.weights[i];
      if (weight !== undefined) read.item.weight = weight;
      items.push(read.item);
      ids[i] = read.item.id;
      shuffles.push(read.shuffle);
    }
  }
  if (!problems.ok) return null;
  // The exam shuffles choices when an item does; the items that do not say so each (shuffle: false).
  const shuffleChoices = shuffles.some(Boolean);
  if (shuffleChoices) items.forEach((item, i) => shuffles[i] === false && (item.shuffle = false));
  const def: ExamDefinition = {
    code: test.attrs.identifier ?? '',
    title,
    durationMinutes: durationMinutes ?? 0,
    passingMark: passingMark ?? 0,
    drawCount: structure.drawCount,
    shuffleItems: structure.shuffleItems,
    shuffleChoices,
    content: structure.sections ? { items, sections: namedSections(structure.sections, ids) } : { items },
  };
  settleItemShuffle(def);
  const before = problems.problems.length;
  checkDefinition(def, problems);
  return problems.problems.length === before ? def : null;
}

function readDuration(test: XmlElement, problems: ProblemList, at: { file: string }): number | null {
  const limits =
    child(test, 'timeLimits') ??
    elements(test)
      .flatMap((p) => (p.name === 'testPart' ? [p] : []))
      .map((p) => child(p, 'timeLimits'))
      .find(Boolean);
  const seconds = Number(limits?.attrs.maxTime);
  if (limits?.attrs.maxTime !== undefined && !(seconds > 0)) {
    problems.add(
      {
        fr: `durée ${q(limits.attrs.maxTime)} s : un nombre de secondes plus grand que 0 est attendu.`,
        en: `duration ${q(limits.attrs.maxTime)} s: a number of seconds greater than 0 is expected.`,
      },
      at,
    );
    return null;
  }
  if (!limits || !Number.isFinite(seconds)) {
    problems.add(
      {
        fr: 'le test ne donne pas de durée (timeLimits maxTime) : indiquez-la en minutes.',
        en: 'the test gives no duration (timeLimits maxTime): give it in minutes.',
      },
      { ...at, setting: 'durationMinutes' },
    );
    return null;
  }
  if (seconds % 60 !== 0) {
    problems.add(
      {
        fr: `durée ${seconds} s : un nombre entier de minutes est attendu ; indiquez la durée.`,
        en: `duration ${seconds} s: a whole number of minutes is expected; give the duration.`,
      },
      { ...at, setting: 'durationMinutes' },
    );
    return null;
  }
  return seconds / 60;
}

/**
 * QTI has no attribute for a passing mark: tools write it as a cut score in the outcome processing,
 * `gte(divide(SCORE, MAXSCORE), baseValue)` (Vigie's export does). The ratio is read from there.
 */
function readPassingMark(test: XmlElement, problems: ProblemList, at: { file: string }): number | null {
  const processing = child(test, 'outcomeProcessing');
  const cut = processing
    ? descendants(processing, 'gte')
        .map((g) => elements(g))
        .find(([a, b]) => a?.name === 'divide' && b?.name === 'baseValue')
    : undefined;
  const ratio = cut ? Number(textOf(cut[1]!)) : NaN;
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    problems.add(
      {
        fr: 'le test ne donne pas de note de passage (cut score SCORE / MAXSCORE) : indiquez-la en pourcentage.',
        en: 'the test gives no passing mark (cut score SCORE / MAXSCORE): give it as a percentage.',
      },
      { ...at, setting: 'passingMark' },
    );
    return null;
  }
  return Math.round(ratio * 100 * 1e6) / 1e6;
}
