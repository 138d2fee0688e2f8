import type { Choice, ItemRules, OutcomeVariable, ResponseMapping, RuleNode } from '../../../../shared/exam.js';
import { q, type Said } from '../import-problems.js';
import { rulesProblems } from '../response-rules.js';
import { child, childrenNamed, elements, textOf, type XmlElement } from './xml.js';

/**
 * How an item scores, read from its response processing:
 * - a standard template, recognised by its URL (QTI 2.1/2.2/3.0 and the Common Cartridge CC2 ones);
 * - custom rules, kept as they are (`ItemRules`) when they are in the subset response-rules.ts interprets;
 * - Vigie's plain rules (the declared correct response earns the points; Vigie's partial credit) when the
 *   template or the rules say exactly that, so Vigie's own exports read back as they were written.
 */
export type Scoring = { points: number; partial: boolean; rules?: ItemRules } | { problems: Said[] };

type Template = 'match_correct' | 'map_response' | 'map_response_point';

/** The standard templates by the last segment of their URL (with or without `.xml`). */
const TEMPLATES: Record<string, Template> = {
  match_correct: 'match_correct',
  map_response: 'map_response',
  map_response_point: 'map_response_point',
  CC2_match: 'match_correct',
  CC2_match_basic: 'match_correct',
  CC2_map_response: 'map_response',
};

export function templateOf(url: string): Template | null {
  const m = /\/rptemplates\/([A-Za-z0-9_]+?)(?:\.xml)?$/.exec(url.trim());
  return m ? (TEMPLATES[m[1]!] ?? null) : null;
}

const floatOf = (e: XmlElement | undefined) => (e ? Number(textOf(e).trim()) : NaN);
const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;
const positive = (n: number) => Number.isFinite(n) && n > 0;

/** A QTI element as a stored rule node (its attributes, its element children, a base value's text). */
export function ruleNode(e: XmlElement): RuleNode {
  const attrs = Object.fromEntries(Object.entries(e.attrs).filter(([k]) => !k.startsWith('xmlns') && k !== 'lang'));
  const args = elements(e).map(ruleNode);
  return {
    op: e.name,
    ...(Object.keys(attrs).length ? { attrs } : {}),
    ...(args.length ? { args } : {}),
    ...(e.name === 'baseValue' ? { text: textOf(e).trim() } : {}),
  };
}

const variable = (id: string): RuleNode => ({ op: 'variable', attrs: { identifier: id } });
const setScore = (value: RuleNode): RuleNode => ({
  op: 'setOutcomeValue',
  attrs: { identifier: 'SCORE' },
  args: [value],
});
const float = (n: number): RuleNode => ({ op: 'baseValue', attrs: { baseType: 'float' }, text: String(n) });

/** What Vigie writes for a plain item (export-qti.ts): SCORE = the points when the response matches. */
export function matchCorrectRules(response: string, points: number): RuleNode[] {
  return [
    {
      op: 'responseCondition',
      args: [
        {
          op: 'responseIf',
          args: [
            { op: 'match', args: [variable(response), { op: 'correct', attrs: { identifier: response } }] },
            setScore(float(points)),
          ],
        },
        { op: 'responseElse', args: [setScore(float(0))] },
      ],
    },
  ];
}

/** The map_response template: no response scores 0, else SCORE is the mapping of the response. */
export function mapResponseRules(response: string): RuleNode[] {
  return [
    {
      op: 'responseCondition',
      args: [
        { op: 'responseIf', args: [{ op: 'isNull', args: [variable(response)] }, setScore(float(0))] },
        { op: 'responseElse', args: [setScore({ op: 'mapResponse', attrs: { identifier: response } })] },
      ],
    },
  ];
}

/** What Vigie writes for partial credit: SCORE is the mapping. */
export const partialRules = (response: string): RuleNode[] => [
  setScore({ op: 'mapResponse', attrs: { identifier: response } }),
];

/** Whether two sets of rules (or any two JSON values) are written alike, key order included. */
export const sameRules = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function readMapping(declaration: XmlElement): ResponseMapping | undefined {
  const m = child(declaration, 'mapping');
  if (!m) return undefined;
  const bound = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : Number(v));
  return {
    defaultValue: Number(m.attrs.defaultValue ?? 0),
    ...(bound(m.attrs.lowerBound) !== undefined ? { lowerBound: bound(m.attrs.lowerBound)! } : {}),
    ...(bound(m.attrs.upperBound) !== undefined ? { upperBound: bound(m.attrs.upperBound)! } : {}),
    entries: childrenNamed(m, 'mapEntry').map((e) => ({
      key: e.attrs.mapKey ?? '',
      value: Number(e.attrs.mappedValue),
    })),
  };
}

function readOutcomes(xml: XmlElement): OutcomeVariable[] {
  return childrenNamed(xml, 'outcomeDeclaration')
    .filter((o) => o.attrs.identifier !== 'MAXSCORE')
    .map((o) => {
      const defaults = child(o, 'defaultValue');
      const out: OutcomeVariable = {
        id: o.attrs.identifier ?? '',
        baseType: (o.attrs.baseType ?? '') as OutcomeVariable['baseType'],
        cardinality: (o.attrs.cardinality ?? 'single') as OutcomeVariable['cardinality'],
      };
      if (defaults) out.defaultValue = childrenNamed(defaults, 'value').map((v) => textOf(v).trim());
      return out;
    });
}

/** The greatest SCORE a rule sets with a base value. */
function highestScoreSet(rules: RuleNode[]): number {
  let best = NaN;
  const walk = (n: RuleNode) => {
    if (n.op === 'setOutcomeValue' && n.attrs?.identifier === 'SCORE' && n.args?.[0]?.op === 'baseValue') {
      const v = Number(n.args[0].text);
      if (positive(v) && !(v <= best)) best = v;
    }
    n.args?.forEach(walk);
  };
  rules.forEach(walk);
  return best;
}

export function readScoring(xml: XmlElement, declaration: XmlElement, correct: string[], choices: Choice[]): Scoring {
  const processing = child(xml, 'responseProcessing');
  const response = declaration.attrs.identifier ?? 'RESPONSE';
  const multiple = declaration.attrs.cardinality === 'multiple';
  const maxScore = floatOf(
    childrenNamed(xml, 'outcomeDeclaration')
      .find((o) => o.attrs.identifier === 'MAXSCORE')
      ?.children.filter((c): c is XmlElement => typeof c !== 'string')
      .find((c) => c.name === 'defaultValue'),
  );
  const mapping = readMapping(declaration);
  const mapped = mapping
    ? [mapping.upperBound ?? NaN, mapping.entries.reduce((s, e) => s + Math.max(0, e.value), 0)]
    : [];
  const url = processing?.attrs.template;
  const custom = processing ? elements(processing).map(ruleNode) : [];
  let template = url ? templateOf(url) : null;
  if (url && !template && custom.length === 0)
    return {
      problems: [
        {
          fr: `modèle de traitement des réponses inconnu : ${q(url)} (Vigie reconnaît match_correct, map_response, map_response_point et les modèles CC2).`,
          en: `unknown response processing template: ${q(url)} (Vigie knows match_correct, map_response, map_response_point and the CC2 templates).`,
        },
      ],
    };
  if (template === 'map_response_point')
    return {
      problems: [
        {
          fr: 'map_response_point note une réponse de type point (zone sur une image) : cette question n’en a pas.',
          en: 'map_response_point scores a point response (a place on an image): this item has none.',
        },
      ],
    };
  // No processing at all: the declared correct response earns the points, as Vigie always read it.
  if (!processing || (!template && custom.length === 0)) template = 'match_correct';
  if (template === 'match_correct') return { points: [maxScore, 1].find(positive)!, partial: false };

  const outcomes = readOutcomes(xml);
  const rules = template === 'map_response' ? mapResponseRules(response) : custom;
  if (template === 'map_response' && !mapping)
    return {
      problems: [
        { fr: 'le modèle map_response sans barème (mapping).', en: 'the map_response template without a mapping.' },
      ],
    };
  if (!outcomes.some((o) => o.id === 'SCORE'))
    outcomes.unshift({ id: 'SCORE', baseType: 'float', cardinality: 'single' });
  const uses = (op: string) => JSON.stringify(rules).includes(`"op":"${op}"`);
  const points = [maxScore, ...(uses('mapResponse') ? mapped : []), highestScoreSet(rules), 1].find(positive)!;

  // Vigie's own plain forms read back as Vigie's rules by type.
  if (sameRules(rules, matchCorrectRules(response, points))) return { points, partial: false };
  if (
    multiple &&
    mapping &&
    (sameRules(rules, partialRules(response)) || sameRules(rules, mapResponseRules(response)))
  ) {
    const share = points / Math.max(1, correct.length);
    const table = new Map(mapping.entries.map((e) => [e.key, e.value]));
    const fits =
      mapping.lowerBound === 0 &&
      choices.every((c) => near(table.get(c.id) ?? mapping.defaultValue, correct.includes(c.id) ? share : -share));
    if (fits) return { points, partial: true };
  }
  const itemRules: ItemRules = { response, ...(mapping ? { mapping } : {}), outcomes, rules };
  const problems = rulesProblems(itemRules);
  return problems.length ? { problems } : { points, partial: false, rules: itemRules };
}
