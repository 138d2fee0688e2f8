import type { Choice, ClozePart, Item, RuleNode } from '../../../../shared/exam.js';
import { clozeText } from '../items/cloze.js';
import type { QtiVersion } from './qti-versions.js';
import { el, qel, type Out } from './xml.js';

/**
 * The QTI form of the interactions beyond a choice list (exam.ts ItemType), at item level: the response
 * declarations, the interaction in the body, and the response processing when Vigie's rules by type need more
 * than "the correct response earns the points". read-interactions.ts reads back exactly what is written here.
 */
export const ACCENT_INSENSITIVE_CLASS = 'vigie-accent-insensitive';
/** An English cloze, written after the interactions with its places as `{{id}}` (QTI places each interaction once). */
export const CLOZE_EN_CLASS = 'vigie-cloze-en';
/**
 * English labels QTI has no place for (a hotspot's label, an inline choice's option hold plain text only): in a
 * rubric block for authors (never shown to a candidate), one paragraph each, of class `vigie-en-<id>`.
 */
export const EN_LABELS_CLASS = 'vigie-en-labels';

function enLabels(list: readonly Choice[], version: QtiVersion): Out | null {
  const withEn = list.filter((c) => c.text.en);
  if (!withEn.length) return null;
  const labels = withEn.map((c) => el('p', { 'xml:lang': 'en', class: `vigie-en-${c.id}` }, c.text.en!));
  // QTI 3.0 puts a rubric block's content in a content body; 2.1 holds it directly.
  return qel(
    'rubricBlock',
    { view: 'author', class: EN_LABELS_CLASS },
    ...(version === '3.0' ? [qel('contentBody', {}, ...labels)] : labels),
  );
}

export interface InteractionOut {
  declarations: Out[];
  body: Out[];
  /** Rules replacing "SCORE = points when RESPONSE matches its correct response". */
  rules?: RuleNode[];
}

const num = (n: number) => String(n);

/** A choice's content: its picture first when it has one (alt: the picture's own), then its text. */
export function choiceContent(c: Choice, src: string | null): (Out | string)[] {
  const text: (Out | string)[] = c.text.en
    ? [c.text.fr, el('br'), el('span', { 'xml:lang': 'en' }, c.text.en)]
    : [c.text.fr];
  return src ? [el('img', { src, alt: c.image?.alt?.fr ?? '' }), ...text] : text;
}

const declare = (id: string, cardinality: string, baseType: string, correct: string[], extra?: Out | null) =>
  qel(
    'responseDeclaration',
    { identifier: id, cardinality, baseType },
    correct.length ? qel('correctResponse', {}, ...correct.map((c) => qel('value', {}, c))) : null,
    extra ?? null,
  );

/** Vigie's partial credit over pairs: each right pair earns its share, any other pair loses it, never below 0. */
function pairMapping(item: Item): Out {
  const share = item.points / item.correct.length;
  return qel(
    'mapping',
    { lowerBound: 0, upperBound: num(item.points), defaultValue: num(-share) },
    ...item.correct.map((p) => qel('mapEntry', { mapKey: p, mappedValue: num(share) })),
  );
}

function clozeOut(parts: readonly ClozePart[], place: (slot: string) => Out): (Out | string)[] {
  return ['', ...parts.map((p) => (typeof p === 'string' ? p : place(p.slot)))];
}

function clozeEn(cloze: { en?: ClozePart[] }): Out | null {
  return cloze.en ? el('p', { 'xml:lang': 'en', class: CLOZE_EN_CLASS }, clozeText(cloze.en)) : null;
}

export function interactionXml(
  item: Item,
  shuffle: boolean,
  imageSrc: string | null,
  choiceImageSrc: (c: Choice) => string | null,
  version: QtiVersion,
): InteractionOut {
  const partial = item.scoring === 'partial' && !item.rules;
  const simple = (c: Choice, name = 'simpleChoice') =>
    qel(
      name,
      {
        identifier: c.id,
        fixed: c.fixed ? true : undefined,
        matchMax: name === 'simpleAssociableChoice' || name === 'gapText' ? (c.matchMax ?? 1) : undefined,
      },
      ...choiceContent(c, choiceImageSrc(c)),
    );
  switch (item.type) {
    case 'hotspot': {
      const max = item.maxChoices ?? 1;
      return {
        declarations: [declare('RESPONSE', max === 1 ? 'single' : 'multiple', 'identifier', item.correct)],
        body: [
          enLabels(item.choices, version),
          qel(
            'hotspotInteraction',
            { responseIdentifier: 'RESPONSE', maxChoices: max, minChoices: item.minChoices },
            el(
              'object',
              { data: imageSrc ?? '', type: item.image?.mime ?? 'image/svg+xml' },
              item.image?.alt?.fr ?? '',
            ),
            ...item.choices.map((c) =>
              qel('hotspotChoice', {
                identifier: c.id,
                shape: c.area!.shape,
                coords: c.area!.coords.join(','),
                hotspotLabel: c.text.fr,
              }),
            ),
          ),
        ].filter((o): o is Out => o !== null),
      };
    }
    case 'order':
      return {
        declarations: [declare('RESPONSE', 'ordered', 'identifier', item.correct)],
        body: [
          qel(
            'orderInteraction',
            { responseIdentifier: 'RESPONSE', shuffle: true },
            ...item.choices.map((c) => simple(c)),
          ),
        ],
      };
    case 'match':
      return {
        declarations: [
          declare('RESPONSE', 'multiple', 'directedPair', item.correct, partial ? pairMapping(item) : null),
        ],
        body: [
          qel(
            'matchInteraction',
            { responseIdentifier: 'RESPONSE', shuffle, maxAssociations: 0 },
            qel('simpleMatchSet', {}, ...item.choices.map((c) => simple(c, 'simpleAssociableChoice'))),
            qel('simpleMatchSet', {}, ...(item.targets ?? []).map((c) => simple(c, 'simpleAssociableChoice'))),
          ),
        ],
        ...(partial ? { rules: partialRules() } : {}),
      };
    case 'gap_match':
      return {
        declarations: [
          declare('RESPONSE', 'multiple', 'directedPair', item.correct, partial ? pairMapping(item) : null),
        ],
        body: [
          qel(
            'gapMatchInteraction',
            { responseIdentifier: 'RESPONSE', shuffle },
            ...item.choices.map((c) => simple(c, 'gapText')),
            el('p', {}, ...clozeOut(item.cloze!.fr, (slot) => qel('gap', { identifier: slot }))),
          ),
          clozeEn(item.cloze!),
        ].filter((o): o is Out => o !== null),
        ...(partial ? { rules: partialRules() } : {}),
      };
    case 'inline_choice': {
      const slots = item.slots ?? [];
      const key = new Map(item.correct.map((p) => p.split(' ') as [string, string]));
      return {
        declarations: slots.map((s) => declare(s.id, 'single', 'identifier', [key.get(s.id) ?? ''].filter(Boolean))),
        body: [
          el(
            'p',
            {},
            ...clozeOut(item.cloze!.fr, (slotId) =>
              qel(
                'inlineChoiceInteraction',
                { responseIdentifier: slotId, shuffle },
                ...(slots.find((s) => s.id === slotId)?.choices ?? []).map((c) =>
                  qel('inlineChoice', { identifier: c.id, fixed: c.fixed ? true : undefined }, c.text.fr),
                ),
              ),
            ),
          ),
          clozeEn(item.cloze!),
          enLabels(
            slots.flatMap((s) => s.choices ?? []),
            version,
          ),
        ].filter((o): o is Out => o !== null),
        rules: inlineRules(
          slots.map((s) => s.id),
          item.points,
          partial,
        ),
      };
    }
    case 'text_entry': {
      const e = item.entry!;
      const attrs = {
        responseIdentifier: 'RESPONSE',
        expectedLength: e.expectedLength,
        class: e.kind === 'text' && !e.accentSensitive ? ACCENT_INSENSITIVE_CLASS : undefined,
      };
      const body = [el('p', {}, qel('textEntryInteraction', attrs))];
      if (e.kind === 'number')
        return {
          declarations: [declare('RESPONSE', 'single', 'float', [num(e.accepted[0]!)])],
          body,
          rules: numberRules(e.accepted, e.tolerance ?? 0, item.points),
        };
      return {
        declarations: [
          declare(
            'RESPONSE',
            'single',
            'string',
            [e.accepted[0]!],
            qel(
              'mapping',
              { defaultValue: 0 },
              ...e.accepted.map((a) =>
                qel('mapEntry', { mapKey: a, mappedValue: num(item.points), caseSensitive: !!e.caseSensitive }),
              ),
            ),
          ),
        ],
        body,
        rules: [setScore({ op: 'mapResponse', attrs: { identifier: 'RESPONSE' } })],
      };
    }
    case 'single':
    case 'multiple':
    case 'true_false':
      throw new Error(`${item.type} is a choice interaction`);
  }
}

const variable = (id: string): RuleNode => ({ op: 'variable', attrs: { identifier: id } });
const float = (n: number): RuleNode => ({ op: 'baseValue', attrs: { baseType: 'float' }, text: num(n) });
const setScore = (value: RuleNode): RuleNode => ({
  op: 'setOutcomeValue',
  attrs: { identifier: 'SCORE' },
  args: [value],
});
const partialRules = (): RuleNode[] => [setScore({ op: 'mapResponse', attrs: { identifier: 'RESPONSE' } })];
const matches = (id: string): RuleNode => ({
  op: 'match',
  args: [variable(id), { op: 'correct', attrs: { identifier: id } }],
});

/**
 * An inline choice's places are one response each. All-or-nothing: the points when every place matches.
 * Partial: each right place adds its share, each wrong one takes it away, an empty one counts nothing; never below 0.
 */
export function inlineRules(slots: string[], points: number, partial: boolean): RuleNode[] {
  if (!partial)
    return [
      {
        op: 'responseCondition',
        args: [
          { op: 'responseIf', args: [{ op: 'and', args: slots.map(matches) }, setScore(float(points))] },
          { op: 'responseElse', args: [setScore(float(0))] },
        ],
      },
    ];
  const share = points / slots.length;
  const score = variable('SCORE');
  return [
    ...slots.map((s): RuleNode => ({
      op: 'responseCondition',
      args: [
        { op: 'responseIf', args: [matches(s), setScore({ op: 'sum', args: [score, float(share)] })] },
        {
          op: 'responseElseIf',
          args: [
            { op: 'not', args: [{ op: 'isNull', args: [variable(s)] }] },
            setScore({ op: 'subtract', args: [score, float(share)] }),
          ],
        },
      ],
    })),
    {
      op: 'responseCondition',
      args: [{ op: 'responseIf', args: [{ op: 'lt', args: [score, float(0)] }, setScore(float(0))] }],
    },
  ];
}

/** A number is right within the tolerance of one of the accepted numbers (QTI `equal`, absolute tolerance). */
export function numberRules(accepted: number[], tolerance: number, points: number): RuleNode[] {
  const equal = (a: number): RuleNode => ({
    op: 'equal',
    attrs: tolerance
      ? { toleranceMode: 'absolute', tolerance: `${num(tolerance)} ${num(tolerance)}` }
      : { toleranceMode: 'exact' },
    args: [variable('RESPONSE'), float(a)],
  });
  return [
    {
      op: 'responseCondition',
      args: [
        { op: 'responseIf', args: [{ op: 'or', args: accepted.map(equal) }, setScore(float(points))] },
        { op: 'responseElse', args: [setScore(float(0))] },
      ],
    },
  ];
}
