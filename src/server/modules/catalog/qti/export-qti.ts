import { strToU8, zipSync } from 'fflate';
import type {
  Choice,
  Item,
  ItemType,
  LocalizedText,
  OutcomeVariable,
  ResponseMapping,
  RichBlock,
  RichInline,
  RichText,
  RuleNode,
} from '../../../../shared/exam.js';
import { defaultItemTitle, extensionOf, paragraphs, type ExamDefinition } from '../exam-definition.js';
import { LOM_NS, paths, QTI, TRUE_FALSE_CLASS, XSI_NS, type QtiVersion } from './qti-versions.js';
import { testSections, weighted, WEIGHT_ID } from './export-test.js';
import { choiceContent, interactionXml } from './write-interactions.js';
import { el, qel, qtiDialect, xmlDocument, type Out } from './xml.js';

/**
 * Writes an exam as an IMS QTI package (3.0 or 2.1): imsmanifest.xml, one assessment test, one file per
 * item, the images. Each item scores itself (explicit response processing with its points), so any QTI
 * player gives the same points as Vigie. docs/exam-format.md tells what goes where.
 */
export function exportQti(def: ExamDefinition, version: QtiVersion): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const put = (path: string, root: Out) => {
    files[path] = strToU8(xmlDocument(qtiDialect(root, version)));
  };
  const v = QTI[version];
  const resources: Out[] = [];
  for (const item of def.content.items) {
    const itemPath = paths.item(item.id);
    let imagePath: string | null = null;
    if (item.image) {
      imagePath = paths.image(item.id, extensionOf(item.image.mime));
      files[imagePath] = Buffer.from(item.image.data, 'base64');
      resources.push(
        el(
          'resource',
          { identifier: `IMG-${item.id}`, type: 'webcontent', href: imagePath },
          item.image.alt ? el('metadata', {}, lom('description', item.image.alt)) : null,
          el('file', { href: imagePath }),
        ),
      );
    }
    // Choices shown as pictures: one file each, beside the item's image.
    const choiceImages = new Map<string, string>();
    for (const c of [...item.choices, ...(item.targets ?? [])])
      if (c.image) {
        const path = paths.image(`${item.id}-${c.id}`, extensionOf(c.image.mime));
        files[path] = Buffer.from(c.image.data, 'base64');
        choiceImages.set(c.id, `../${path}`);
        resources.push(
          el(
            'resource',
            { identifier: `IMG-${item.id}-${c.id}`, type: 'webcontent', href: path },
            c.image.alt ? el('metadata', {}, lom('description', c.image.alt)) : null,
            el('file', { href: path }),
          ),
        );
      }
    const shuffle = def.shuffleChoices && item.shuffle !== false;
    put(
      itemPath,
      itemXml(item, shuffle, imagePath ? `../${imagePath}` : null, version, (c) => choiceImages.get(c.id) ?? null),
    );
    resources.push(
      el(
        'resource',
        { identifier: `ITEM-${item.id}`, type: v.itemType, href: itemPath },
        el('file', { href: itemPath }),
        imagePath ? el('dependency', { identifierref: `IMG-${item.id}` }) : null,
        ...[...choiceImages.keys()].map((cid) => el('dependency', { identifierref: `IMG-${item.id}-${cid}` })),
      ),
    );
  }
  put(paths.test, testXml(def, version));
  resources.unshift(
    el(
      'resource',
      { identifier: `TEST-${def.code}`, type: v.testType, href: paths.test },
      el('metadata', {}, lom('title', def.title)),
      el('file', { href: paths.test }),
      ...def.content.items.map((i) => el('dependency', { identifierref: `ITEM-${i.id}` })),
    ),
  );
  const manifest = el(
    'manifest',
    {
      xmlns: v.manifestNs,
      'xmlns:imsmd': LOM_NS,
      'xmlns:xsi': XSI_NS,
      'xsi:schemaLocation': v.manifestSchema,
      identifier: `MANIFEST-${def.code}`,
    },
    el('metadata', {}, el('schema', {}, 'QTI Package'), el('schemaversion', {}, v.schemaVersion)),
    el('organizations'),
    el('resources', {}, ...resources),
  );
  files[paths.manifest] = strToU8(xmlDocument(manifest));
  // Manifest first, then the rest in a stable order: the same exam always gives the same bytes.
  const ordered: Record<string, Uint8Array> = { [paths.manifest]: files[paths.manifest]! };
  for (const k of Object.keys(files).sort()) if (k !== paths.manifest) ordered[k] = files[k]!;
  return zipSync(ordered, { level: 6, mtime: new Date('2026-01-01T00:00:00Z') });
}

/** A LOM element holding a text in each of its languages. */
function lom(field: 'title' | 'description', t: LocalizedText): Out {
  const strings = [el('imsmd:string', { language: 'fr' }, t.fr)];
  if (t.en) strings.push(el('imsmd:string', { language: 'en' }, t.en));
  return el('imsmd:lom', {}, el('imsmd:general', {}, el(`imsmd:${field}`, {}, ...strings)));
}

const num = (n: number) => String(n);

/** French paragraphs, then the English ones (when there are) in a block marked xml:lang="en". */
function stemBlocks(stem: LocalizedText): Out[] {
  const blocks = paragraphs(stem.fr).map((p) => el('p', {}, p));
  if (stem.en) blocks.push(el('div', { 'xml:lang': 'en' }, ...paragraphs(stem.en).map((p) => el('p', {}, p))));
  return blocks;
}

// Each block's content starts with an empty text so the writer keeps it on one line (no white space added).
const inlineOut = (x: RichInline): Out | string =>
  typeof x === 'string'
    ? x
    : 'br' in x
      ? el('br')
      : 'em' in x
        ? el('em', {}, ...x.em.map(inlineOut))
        : el('strong', {}, ...x.strong.map(inlineOut));

function blockOut(b: RichBlock): Out {
  if ('p' in b) return el('p', {}, '', ...b.p.map(inlineOut));
  if ('ul' in b) return el('ul', {}, ...b.ul.map((li) => el('li', {}, '', ...li.map(inlineOut))));
  if ('ol' in b) return el('ol', {}, ...b.ol.map((li) => el('li', {}, '', ...li.map(inlineOut))));
  const row = (cells: RichInline[][], tag: 'th' | 'td') =>
    el('tr', {}, ...cells.map((c) => el(tag, {}, '', ...c.map(inlineOut))));
  return el(
    'table',
    {},
    b.table.head ? el('thead', {}, row(b.table.head, 'th')) : null,
    el('tbody', {}, ...b.table.rows.map((r) => row(r, 'td'))),
  );
}

/** The rich stem: French blocks, then the English ones in a block marked xml:lang="en". */
function bodyBlocks(body: RichText): Out[] {
  const blocks = body.fr.map(blockOut);
  if (body.en) blocks.push(el('div', { 'xml:lang': 'en' }, ...body.en.map(blockOut)));
  return blocks;
}

/** A stored rule node back to its QTI element. */
const ruleOut = (n: RuleNode): Out => qel(n.op, n.attrs ?? {}, ...(n.args ?? []).map(ruleOut), n.text ?? null);

function mappingOut(m: ResponseMapping): Out {
  return qel(
    'mapping',
    { lowerBound: m.lowerBound, upperBound: m.upperBound, defaultValue: num(m.defaultValue) },
    ...m.entries.map((e) => qel('mapEntry', { mapKey: e.key, mappedValue: num(e.value) })),
  );
}

const CHOICE_TYPES = new Set<ItemType>(['single', 'multiple', 'true_false']);

function itemXml(
  item: Item,
  shuffle: boolean,
  imageSrc: string | null,
  version: QtiVersion,
  choiceImageSrc: (c: Choice) => string | null,
): Out {
  const v = QTI[version];
  const other = CHOICE_TYPES.has(item.type) ? null : interactionXml(item, shuffle, imageSrc, choiceImageSrc, version);
  const multiple = item.type === 'multiple';
  const partial = multiple && item.scoring === 'partial' && !item.rules;
  const share = item.points / item.correct.length;
  const response = item.rules?.response ?? 'RESPONSE';
  const declaration = qel(
    'responseDeclaration',
    { identifier: response, cardinality: multiple ? 'multiple' : 'single', baseType: 'identifier' },
    qel('correctResponse', {}, ...item.correct.map((c) => qel('value', {}, c))),
    item.rules?.mapping ? mappingOut(item.rules.mapping) : null,
    partial &&
      qel(
        'mapping',
        { lowerBound: 0, upperBound: num(item.points), defaultValue: 0 },
        ...item.choices.map((c) =>
          qel('mapEntry', { mapKey: c.id, mappedValue: num(item.correct.includes(c.id) ? share : -share) }),
        ),
      ),
  );
  const outcome = (id: string, value: number) =>
    qel(
      'outcomeDeclaration',
      { identifier: id, cardinality: 'single', baseType: 'float' },
      qel('defaultValue', {}, qel('value', {}, num(value))),
    );
  const setScore = (value: Out) => qel('setOutcomeValue', { identifier: 'SCORE' }, value);
  const declared = (o: OutcomeVariable) =>
    qel(
      'outcomeDeclaration',
      { identifier: o.id, cardinality: o.cardinality, baseType: o.baseType },
      o.defaultValue ? qel('defaultValue', {}, ...o.defaultValue.map((d) => qel('value', {}, d))) : null,
    );
  const outcomes = item.rules ? item.rules.outcomes.map(declared) : [outcome('SCORE', 0)];
  const processing = item.rules
    ? qel('responseProcessing', {}, ...item.rules.rules.map(ruleOut))
    : other?.rules
      ? qel('responseProcessing', {}, ...other.rules.map(ruleOut))
      : partial
        ? qel('responseProcessing', {}, setScore(qel('mapResponse', { identifier: 'RESPONSE' })))
        : qel(
            'responseProcessing',
            {},
            qel(
              'responseCondition',
              {},
              qel(
                'responseIf',
                {},
                qel(
                  'match',
                  {},
                  qel('variable', { identifier: 'RESPONSE' }),
                  qel('correct', { identifier: 'RESPONSE' }),
                ),
                setScore(qel('baseValue', { baseType: 'float' }, num(item.points))),
              ),
              qel('responseElse', {}, setScore(qel('baseValue', { baseType: 'float' }, '0'))),
            ),
          );
  return qel(
    'assessmentItem',
    {
      xmlns: v.itemNs,
      'xmlns:xsi': XSI_NS,
      'xsi:schemaLocation': `${v.itemNs} ${v.itemSchema}`,
      identifier: item.id,
      title: item.title?.fr ?? defaultItemTitle(item.stem),
      adaptive: false,
      timeDependent: false,
      'xml:lang': 'fr',
    },
    ...(other && !item.rules ? other.declarations : [declaration]),
    ...outcomes,
    outcome('MAXSCORE', item.points),
    qel(
      'itemBody',
      {},
      ...(item.body ? bodyBlocks(item.body) : stemBlocks(item.stem)),
      imageSrc && item.type !== 'hotspot' && el('p', {}, el('img', { src: imageSrc, alt: item.image?.alt?.fr ?? '' })),
      ...(other ? other.body : []),
      !other &&
        qel(
          'choiceInteraction',
          {
            responseIdentifier: response,
            shuffle,
            maxChoices: multiple ? (item.maxChoices ?? 0) : 1,
            minChoices: item.minChoices,
            class: item.type === 'true_false' ? TRUE_FALSE_CLASS : undefined,
          },
          ...item.choices.map((c) =>
            qel(
              'simpleChoice',
              { identifier: c.id, fixed: c.fixed ? true : undefined },
              ...choiceContent(c, choiceImageSrc(c)),
            ),
          ),
        ),
    ),
    processing,
  );
}

function testXml(def: ExamDefinition, version: QtiVersion): Out {
  const v = QTI[version];
  const declare = (id: string, baseType: string) =>
    qel('outcomeDeclaration', { identifier: id, cardinality: 'single', baseType });
  const weightIdentifier = weighted(def) ? WEIGHT_ID : undefined;
  const sum = (id: string) =>
    qel(
      'setOutcomeValue',
      { identifier: id },
      qel('sum', {}, qel('testVariables', { variableIdentifier: id, weightIdentifier })),
    );
  return qel(
    'assessmentTest',
    {
      xmlns: v.itemNs,
      'xmlns:xsi': XSI_NS,
      'xsi:schemaLocation': `${v.itemNs} ${v.itemSchema}`,
      identifier: def.code,
      title: def.title.fr,
      toolName: 'Vigie',
      toolVersion: '1',
    },
    declare('SCORE', 'float'),
    declare('MAXSCORE', 'float'),
    declare('PASS', 'boolean'),
    qel('timeLimits', { maxTime: def.durationMinutes * 60, allowLateSubmission: false }),
    qel(
      'testPart',
      { identifier: 'PART-1', navigationMode: 'nonlinear', submissionMode: 'simultaneous' },
      ...testSections(def),
    ),
    // PASS when SCORE / MAXSCORE reaches the passing mark (the cut score as other tools write it).
    qel(
      'outcomeProcessing',
      {},
      sum('SCORE'),
      sum('MAXSCORE'),
      qel(
        'setOutcomeValue',
        { identifier: 'PASS' },
        qel(
          'gte',
          {},
          qel('divide', {}, qel('variable', { identifier: 'SCORE' }), qel('variable', { identifier: 'MAXSCORE' })),
          qel('baseValue', { baseType: 'float' }, num(def.passingMark / 100)),
        ),
      ),
    ),
  );
}
