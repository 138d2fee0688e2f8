import { choiceItem } from './package.test-support.js';

/**
 * The scoring table: items written by hand, each with the score a response must get, derived by reading the
 * QTI 3.0 specification (response processing templates and the expression operators), not by running Vigie.
 * A score is in the item's points; Vigie keeps it within 0 and the item's points (docs/scoring.md).
 */
export interface ScoringRow {
  id: string;
  xml: string;
  /** The item's points as Vigie must read them. */
  points: number;
  cases: { chosen: string[]; score: number; why: string }[];
}

const T3 = 'https://purl.imsglobal.org/spec/qti/v3p0/rptemplates';
const T21 = 'http://www.imsglobal.org/question/qti_v2p1/rptemplates';
const CC2 = 'https://www.imsglobal.org/question/qti_v3p0/rptemplates';

const outcome = (id: string, baseType: string, value?: string) =>
  `<qti-outcome-declaration identifier="${id}" cardinality="single" base-type="${baseType}">${value === undefined ? '' : `<qti-default-value><qti-value>${value}</qti-value></qti-default-value>`}</qti-outcome-declaration>`;
const SCORE = outcome('SCORE', 'float', '0');
const max = (n: number) => outcome('MAXSCORE', 'float', String(n));
const rp = (rules: string) => `<qti-response-processing>${rules}</qti-response-processing>`;
const set = (expr: string, id = 'SCORE') => `<qti-set-outcome-value identifier="${id}">${expr}</qti-set-outcome-value>`;
const f = (n: number) => `<qti-base-value base-type="float">${n}</qti-base-value>`;
const ident = (id: string) => `<qti-base-value base-type="identifier">${id}</qti-base-value>`;
const R = '<qti-variable identifier="RESPONSE"/>';
const multi = { cardinality: 'multiple' as const, interactionAttrs: 'max-choices="0"' };

export const SCORING_TABLE: ScoringRow[] = [
  {
    // match_correct: SCORE = 1 when RESPONSE matches the correct response, else 0. No MAXSCORE: 1 point.
    id: 'mc3',
    xml: choiceItem('mc3', {
      correct: ['A'],
      processing: `<qti-response-processing template="${T3}/match_correct.xml"/>`,
    }),
    points: 1,
    cases: [
      { chosen: ['A'], score: 1, why: 'A matches the correct response A' },
      { chosen: ['B'], score: 0, why: 'B does not match' },
      { chosen: [], score: 0, why: 'no response: match with NULL is NULL, so the else branch sets 0' },
    ],
  },
  {
    // match_correct (QTI 2.1 URL) on a multiple response: the chosen set must equal {A, C}; MAXSCORE 4 gives the points.
    id: 'mc21',
    xml: choiceItem('mc21', {
      ...multi,
      correct: ['A', 'C'],
      outcomes: SCORE + max(4),
      processing: `<qti-response-processing template="${T21}/match_correct"/>`,
    }),
    points: 4,
    cases: [
      { chosen: ['C', 'A'], score: 4, why: 'a multiple container matches regardless of order: {A, C}' },
      { chosen: ['A'], score: 0, why: '{A} is not {A, C}' },
      { chosen: ['A', 'B', 'C'], score: 0, why: '{A, B, C} is not {A, C}' },
    ],
  },
  {
    // CC2_match_basic: the Common Cartridge form of match_correct; MAXSCORE 2.
    id: 'cc2m',
    xml: choiceItem('cc2m', {
      correct: ['B'],
      outcomes: SCORE + max(2),
      processing: `<qti-response-processing template="${CC2}/CC2_match_basic.xml"/>`,
    }),
    points: 2,
    cases: [
      { chosen: ['B'], score: 2, why: 'B is the correct response: all the points' },
      { chosen: ['A'], score: 0, why: 'A is not' },
    ],
  },
  {
    // map_response on a single choice (partial credit): SCORE = the mapped value; A 1, B 0.5, others 0.
    id: 'mr1',
    xml: choiceItem('mr1', {
      correct: ['A'],
      mapping:
        '<qti-mapping default-value="0"><qti-map-entry map-key="A" mapped-value="1"/><qti-map-entry map-key="B" mapped-value="0.5"/></qti-mapping>',
      outcomes: SCORE + max(1),
      processing: `<qti-response-processing template="${T3}/map_response.xml"/>`,
    }),
    points: 1,
    cases: [
      { chosen: ['A'], score: 1, why: 'A maps to 1' },
      { chosen: ['B'], score: 0.5, why: 'B maps to 0.5 (Vigie used to give 0: only the declared correct A scored)' },
      { chosen: ['C'], score: 0, why: 'C has no entry: the default value 0' },
      { chosen: [], score: 0, why: 'the template sets 0 when RESPONSE is NULL' },
    ],
  },
  {
    // map_response on a multiple response, not Vigie's ±share rule: A 2, B 1, C −1, bounds [0, 3]; no MAXSCORE,
    // so the points are the upper bound, 3.
    id: 'mr2',
    xml: choiceItem('mr2', {
      ...multi,
      correct: ['A', 'B'],
      mapping:
        '<qti-mapping lower-bound="0" upper-bound="3" default-value="0"><qti-map-entry map-key="A" mapped-value="2"/><qti-map-entry map-key="B" mapped-value="1"/><qti-map-entry map-key="C" mapped-value="-1"/></qti-mapping>',
      processing: `<qti-response-processing template="${T3}/map_response"/>`,
    }),
    points: 3,
    cases: [
      { chosen: ['A', 'B'], score: 3, why: '2 + 1 = 3' },
      { chosen: ['A', 'C'], score: 1, why: '2 − 1 = 1' },
      { chosen: ['C'], score: 0, why: '−1, raised to the lower bound 0' },
      { chosen: ['A', 'B', 'C'], score: 2, why: '2 + 1 − 1 = 2' },
    ],
  },
  {
    // CC2_map_response: the Common Cartridge form of map_response.
    id: 'cc2r',
    xml: choiceItem('cc2r', {
      correct: ['A'],
      mapping:
        '<qti-mapping default-value="0"><qti-map-entry map-key="A" mapped-value="1"/><qti-map-entry map-key="B" mapped-value="0.25"/></qti-mapping>',
      outcomes: SCORE + max(1),
      processing: `<qti-response-processing template="${CC2}/CC2_map_response.xml"/>`,
    }),
    points: 1,
    cases: [
      { chosen: ['B'], score: 0.25, why: 'B maps to 0.25' },
      { chosen: ['A'], score: 1, why: 'A maps to 1' },
    ],
  },
  {
    // Custom rules that reward C although the declared correct response is A: the rules decide, not the key.
    id: 'rewardC',
    xml: choiceItem('rewardC', {
      correct: ['A'],
      processing: rp(
        `<qti-response-condition><qti-response-if><qti-match>${R}${ident('C')}</qti-match>${set(f(1))}</qti-response-if><qti-response-else>${set(f(0))}</qti-response-else></qti-response-condition>`,
      ),
    }),
    points: 1,
    cases: [
      { chosen: ['C'], score: 1, why: 'RESPONSE matches the base value C: SCORE 1' },
      { chosen: ['A'], score: 0, why: 'A, the declared correct response, does not match C: 0' },
    ],
  },
  {
    // if/else-if/else with member, and, not: both A and B without C earn 2; A alone (or with others) earns 1.
    id: 'branches',
    xml: choiceItem('branches', {
      ...multi,
      correct: ['A', 'B'],
      outcomes: SCORE + max(2),
      processing: rp(
        `<qti-response-condition>` +
          `<qti-response-if><qti-and><qti-member>${ident('A')}${R}</qti-member><qti-member>${ident('B')}${R}</qti-member><qti-not><qti-member>${ident('C')}${R}</qti-member></qti-not></qti-and>${set(f(2))}</qti-response-if>` +
          `<qti-response-else-if><qti-member>${ident('A')}${R}</qti-member>${set(f(1))}</qti-response-else-if>` +
          `<qti-response-else>${set(f(0))}</qti-response-else></qti-response-condition>`,
      ),
    }),
    points: 2,
    cases: [
      { chosen: ['A', 'B'], score: 2, why: 'A and B are members, C is not: first branch' },
      { chosen: ['A', 'B', 'C'], score: 1, why: 'C is a member, so the and is false; A is a member: second branch' },
      { chosen: ['A'], score: 1, why: 'B missing: second branch' },
      { chosen: ['B'], score: 0, why: 'neither branch: else' },
      { chosen: [], score: 0, why: 'member of NULL is NULL: conditions false, else' },
    ],
  },
  {
    // contains with a multiple() container, and sum: {A, B} inside the response earns 1 + 2 = 3.
    id: 'contains',
    xml: choiceItem('contains', {
      ...multi,
      correct: ['A', 'B'],
      outcomes: SCORE + max(3),
      processing: rp(
        `<qti-response-condition><qti-response-if><qti-contains>${R}<qti-multiple>${ident('A')}${ident('B')}</qti-multiple></qti-contains>${set(`<qti-sum>${f(1)}${f(2)}</qti-sum>`)}</qti-response-if></qti-response-condition>`,
      ),
    }),
    points: 3,
    cases: [
      { chosen: ['B', 'A'], score: 3, why: 'the response contains A and B: 1 + 2' },
      { chosen: ['A', 'B', 'C'], score: 3, why: 'contains is not equality: C does not matter' },
      { chosen: ['A'], score: 0, why: 'B missing: SCORE keeps its default 0' },
    ],
  },
  {
    // containerSize with lt / gt: fewer than 2 chosen 0.5, more than 2 nothing, exactly 2 the point. An unanswered
    // item has a NULL response whose container size is 0, so it also earns 0.5: the rules say so.
    id: 'sizes',
    xml: choiceItem('sizes', {
      ...multi,
      correct: ['A', 'B'],
      outcomes: SCORE + max(1),
      processing: rp(
        `<qti-response-condition>` +
          `<qti-response-if><qti-lt><qti-container-size>${R}</qti-container-size><qti-base-value base-type="integer">2</qti-base-value></qti-lt>${set(f(0.5))}</qti-response-if>` +
          `<qti-response-else-if><qti-gt><qti-container-size>${R}</qti-container-size><qti-base-value base-type="integer">2</qti-base-value></qti-gt>${set(f(0))}</qti-response-else-if>` +
          `<qti-response-else>${set(f(1))}</qti-response-else></qti-response-condition>`,
      ),
    }),
    points: 1,
    cases: [
      { chosen: ['C'], score: 0.5, why: 'size 1 < 2' },
      { chosen: ['A', 'C'], score: 1, why: 'size 2: neither lt nor gt, else' },
      { chosen: ['A', 'B', 'C'], score: 0, why: 'size 3 > 2' },
      { chosen: [], score: 0.5, why: 'NULL has size 0 < 2' },
    ],
  },
  {
    // A helper outcome, isNull with exitResponse, product and divide, or and equal: BONUS (integer, default 2);
    // no response exits with SCORE 0; A, or BONUS = 3 (never), gives BONUS × (1 / 2) = 1.
    id: 'helper',
    xml: choiceItem('helper', {
      correct: ['A'],
      outcomes: SCORE + outcome('BONUS', 'integer', '2') + max(1),
      processing: rp(
        `<qti-response-condition><qti-response-if><qti-is-null>${R}</qti-is-null><qti-exit-response/></qti-response-if></qti-response-condition>` +
          `<qti-response-condition><qti-response-if><qti-or><qti-match>${R}${ident('A')}</qti-match><qti-equal><qti-variable identifier="BONUS"/><qti-base-value base-type="integer">3</qti-base-value></qti-equal></qti-or>` +
          set(`<qti-product><qti-variable identifier="BONUS"/><qti-divide>${f(1)}${f(2)}</qti-divide></qti-product>`) +
          `</qti-response-if></qti-response-condition>`,
      ),
    }),
    points: 1,
    cases: [
      { chosen: ['A'], score: 1, why: 'A matches: 2 × 0.5 = 1' },
      { chosen: ['B'], score: 0, why: 'B does not match and BONUS is 2, not 3: SCORE stays 0' },
      { chosen: [], score: 0, why: 'NULL: exitResponse before anything is set' },
    ],
  },
  {
    // Rules that set more than the points or less than 0: Vigie keeps the score within 0 and MAXSCORE (2).
    id: 'bounds',
    xml: choiceItem('bounds', {
      correct: ['A'],
      outcomes: SCORE + max(2),
      processing: rp(
        `<qti-response-condition><qti-response-if><qti-match>${R}${ident('A')}</qti-match>${set(f(5))}</qti-response-if><qti-response-else>${set(`<qti-subtract>${f(0)}${f(1)}</qti-subtract>`)}</qti-response-else></qti-response-condition>`,
      ),
    }),
    points: 2,
    cases: [
      { chosen: ['A'], score: 2, why: 'SCORE 5, kept to the item’s 2 points' },
      { chosen: ['B'], score: 0, why: 'SCORE 0 − 1 = −1, kept to 0' },
    ],
  },
];

/** Items refused because of their response processing, with the reason the message must give. */
export const PROCESSING_REFUSALS: { id: string; xml: string; reason: string }[] = [
  {
    id: 'strmatch',
    xml: choiceItem('strmatch', {
      processing: rp(
        `<qti-response-condition><qti-response-if><qti-string-match case-sensitive="false">${R}${ident('a')}</qti-string-match>${set(f(1))}</qti-response-if></qti-response-condition>`,
      ),
    }),
    reason: 'operator « stringMatch » is outside the QTI subset Vigie can score: the item is refused.',
  },
  {
    id: 'lookup',
    xml: choiceItem('lookup', {
      processing: rp(`<qti-lookup-outcome-value identifier="SCORE">${f(1)}</qti-lookup-outcome-value>`),
    }),
    reason: 'operator « lookupOutcomeValue » is outside the QTI subset Vigie can score: the item is refused.',
  },
  {
    id: 'random',
    xml: choiceItem('random', { processing: rp(set('<qti-random-integer min="0" max="1"/>')) }),
    reason: 'operator « randomInteger » is outside the QTI subset Vigie can score: the item is refused.',
  },
  {
    id: 'unknowntpl',
    xml: choiceItem('unknowntpl', {
      processing: '<qti-response-processing template="https://example.org/rptemplates/my_own.xml"/>',
    }),
    reason: 'unknown response processing template: « https://example.org/rptemplates/my_own.xml »',
  },
  {
    id: 'point',
    xml: choiceItem('point', { processing: `<qti-response-processing template="${T3}/map_response_point.xml"/>` }),
    reason: 'map_response_point scores a point response (a place on an image): this item has none.',
  },
  {
    id: 'undeclared',
    xml: choiceItem('undeclared', { processing: rp(set(f(1), 'BONUS')) }),
    reason: 'outcome « BONUS » is not declared.',
  },
];
