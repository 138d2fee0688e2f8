import type { Item, ItemRules, OutcomeVariable, ResponseMapping, RuleNode } from '../../../shared/exam.js';
import { q, type Said } from './import-problems.js';

/**
 * An interpreter for the subset of QTI response processing that choice items use: conditions, setting
 * outcomes, comparisons, containers, sums, logic and mappings. Pure. The import refuses an item using
 * anything else, naming it, so what is stored is always something this module scores as QTI says.
 *
 * Values follow QTI: NULL (no response, an empty container), a single value, or a container (multiple: a
 * bag; ordered: a sequence). A condition that is NULL counts as false.
 */

/** The rules (statements) and expressions understood; anything else is refused at import. */
export const BRANCHES = new Set(['responseIf', 'responseElseIf', 'responseElse']);
export const EXPRESSIONS = new Set([
  'baseValue',
  'variable',
  'correct',
  'null',
  'isNull',
  'match',
  'member',
  'contains',
  'multiple',
  'ordered',
  'containerSize',
  'sum',
  'product',
  'subtract',
  'divide',
  'gt',
  'gte',
  'lt',
  'lte',
  'equal',
  'and',
  'or',
  'not',
  'mapResponse',
]);
const BASE_TYPES = new Set(['identifier', 'string', 'integer', 'float', 'boolean']);

/** How many arguments each expression takes: [min, max]. */
const ARITY: Record<string, [number, number]> = {
  baseValue: [0, 0],
  variable: [0, 0],
  correct: [0, 0],
  null: [0, 0],
  mapResponse: [0, 0],
  isNull: [1, 1],
  not: [1, 1],
  containerSize: [1, 1],
  match: [2, 2],
  member: [2, 2],
  contains: [2, 2],
  subtract: [2, 2],
  divide: [2, 2],
  gt: [2, 2],
  gte: [2, 2],
  lt: [2, 2],
  lte: [2, 2],
  equal: [2, 2],
  sum: [1, Infinity],
  product: [1, Infinity],
  and: [1, Infinity],
  or: [1, Infinity],
  multiple: [0, Infinity],
  ordered: [0, Infinity],
};

/** Everything wrong with stored rules (from a package or a YAML file); empty when they can be scored. */
export function rulesProblems(r: ItemRules): Said[] {
  const out: Said[] = [];
  const declared = new Set([r.response, ...r.outcomes.map((o) => o.id)]);
  const outcomes = new Set(r.outcomes.map((o) => o.id));
  if (!outcomes.has('SCORE'))
    out.push({ fr: 'les règles de score ne déclarent pas SCORE.', en: 'the scoring rules do not declare SCORE.' });
  const refuse = (n: RuleNode) =>
    out.push({
      fr: `opérateur ${q(n.op)} hors du sous-ensemble de QTI que Vigie sait noter : la question est refusée.`,
      en: `operator ${q(n.op)} is outside the QTI subset Vigie can score: the item is refused.`,
    });
  const expression = (n: RuleNode) => {
    if (!EXPRESSIONS.has(n.op)) return refuse(n);
    const args = n.args ?? [];
    const [min, max] = ARITY[n.op]!;
    if (args.length < min || args.length > max)
      out.push({
        fr: `${q(n.op)} : ${args.length} argument(s), ${min === max ? min : `${min} au moins`} attendu(s).`,
        en: `${q(n.op)}: ${args.length} argument(s), ${min === max ? min : `at least ${min}`} expected.`,
      });
    const id = n.attrs?.identifier ?? '';
    if (n.op === 'variable' && !declared.has(id))
      out.push({ fr: `variable ${q(id)} non déclarée.`, en: `variable ${q(id)} is not declared.` });
    if ((n.op === 'correct' || n.op === 'mapResponse') && id !== r.response)
      out.push({
        fr: `${q(n.op)} nomme ${q(id)}, qui n’est pas la réponse de l’interaction (${q(r.response)}).`,
        en: `${q(n.op)} names ${q(id)}, which is not the interaction's response (${q(r.response)}).`,
      });
    if (n.op === 'mapResponse' && !r.mapping)
      out.push({ fr: 'mapResponse sans barème (mapping).', en: 'mapResponse without a mapping.' });
    if (n.op === 'baseValue') {
      if (!BASE_TYPES.has(n.attrs?.baseType ?? ''))
        out.push({
          fr: `type de valeur ${q(n.attrs?.baseType ?? '')} non pris en charge.`,
          en: `value type ${q(n.attrs?.baseType ?? '')} is not supported.`,
        });
      else if (/^(integer|float)$/.test(n.attrs!.baseType!) && !Number.isFinite(Number(n.text ?? '')))
        out.push({ fr: `nombre ${q(n.text ?? '')} illisible.`, en: `unreadable number ${q(n.text ?? '')}.` });
    }
    if (n.op === 'equal' && (n.attrs?.toleranceMode ?? 'exact') !== 'exact')
      out.push({
        fr: `equal avec une tolérance ${q(n.attrs?.toleranceMode)} : seule la comparaison exacte est prise en charge.`,
        en: `equal with tolerance ${q(n.attrs?.toleranceMode)}: only exact comparison is supported.`,
      });
    args.forEach(expression);
  };
  const rule = (n: RuleNode) => {
    if (n.op === 'setOutcomeValue') {
      const id = n.attrs?.identifier ?? '';
      if (!outcomes.has(id))
        out.push({ fr: `résultat ${q(id)} non déclaré.`, en: `outcome ${q(id)} is not declared.` });
      if ((n.args ?? []).length !== 1)
        out.push({ fr: 'setOutcomeValue prend une expression.', en: 'setOutcomeValue takes one expression.' });
      (n.args ?? []).forEach(expression);
    } else if (n.op === 'responseCondition') {
      const branches = n.args ?? [];
      branches.forEach((b, i) => {
        const first = i === 0;
        const last = i === branches.length - 1;
        const ok =
          (first && b.op === 'responseIf') ||
          (!first && b.op === 'responseElseIf') ||
          (!first && last && b.op === 'responseElse');
        if (!ok) return BRANCHES.has(b.op) ? out.push(misplaced(b.op)) : refuse(b);
        const [cond, ...body] = b.args ?? [];
        if (b.op === 'responseElse') (b.args ?? []).forEach(rule);
        else {
          if (cond) expression(cond);
          else out.push(misplaced(b.op));
          body.forEach(rule);
        }
      });
      if (branches.length === 0) out.push(misplaced('responseCondition'));
    } else if (n.op !== 'exitResponse') refuse(n);
  };
  r.rules.forEach(rule);
  for (const o of r.outcomes)
    if (!BASE_TYPES.has(o.baseType))
      out.push({
        fr: `type de résultat ${q(o.baseType)} non pris en charge.`,
        en: `outcome type ${q(o.baseType)} is not supported.`,
      });
  return out;
}

const misplaced = (op: string): Said => ({
  fr: `${q(op)} mal formé ou mal placé.`,
  en: `${q(op)} malformed or misplaced.`,
});

// ---- evaluation ----

type Base = string | number | boolean;
type Value = null | { c: 'single'; v: Base } | { c: 'multiple' | 'ordered'; vs: Base[] };

class Exit {}

const single = (v: Base): Value => ({ c: 'single', v });
const values = (v: Value): Base[] => (v === null ? [] : v.c === 'single' ? [v.v] : v.vs);
const num = (v: Value): number | null => {
  if (v === null || v.c !== 'single') return null;
  return typeof v.v === 'number' ? v.v : null;
};
const truth = (v: Value): boolean | null => (v === null || v.c !== 'single' ? null : v.v === true);

function parseBase(text: string, baseType: string): Base {
  const t = text.trim();
  if (baseType === 'integer' || baseType === 'float') return Number(t);
  if (baseType === 'boolean') return t === 'true' || t === '1';
  return t;
}

function declaredValue(o: OutcomeVariable): Value {
  const vs = (o.defaultValue ?? []).map((t) => parseBase(t, o.baseType));
  if (vs.length === 0) return o.cardinality === 'single' && /^(integer|float)$/.test(o.baseType) ? single(0) : null;
  return o.cardinality === 'single' ? single(vs[0]!) : { c: o.cardinality, vs };
}

function asResponse(ids: readonly string[], cardinality: 'single' | 'multiple'): Value {
  if (ids.length === 0) return null;
  return cardinality === 'single' ? single(ids[0]!) : { c: 'multiple', vs: [...ids] };
}

function sameBag(a: Base[], b: Base[]): boolean {
  if (a.length !== b.length) return false;
  const rest = [...b];
  for (const x of a) {
    const i = rest.indexOf(x);
    if (i < 0) return false;
    rest.splice(i, 1);
  }
  return true;
}

function mapValue(m: ResponseMapping, response: Value): number {
  const table = new Map(m.entries.map((e) => [e.key, e.value]));
  // Each distinct value counts once (QTI: a value repeated in a container is mapped once).
  let total = 0;
  for (const v of new Set(values(response).map(String))) total += table.get(v) ?? m.defaultValue;
  if (m.lowerBound !== undefined) total = Math.max(m.lowerBound, total);
  if (m.upperBound !== undefined) total = Math.min(m.upperBound, total);
  return total;
}

/** SCORE after the item's rules for this response (not yet kept within 0 and the item's points). */
export function evaluateRules(item: Item, chosen: readonly string[]): number {
  const r = item.rules!;
  const cardinality = item.type === 'multiple' ? 'multiple' : 'single';
  const env = new Map<string, Value>(r.outcomes.map((o) => [o.id, declaredValue(o)]));
  env.set(r.response, asResponse(chosen, cardinality));
  const correct = asResponse(item.correct, cardinality);

  const ev = (n: RuleNode): Value => {
    const args = n.args ?? [];
    const all = () => args.map(ev);
    const pair = () => [ev(args[0]!), ev(args[1]!)] as const;
    const numbers = (): number[] | null => {
      const ns = all().flatMap(values);
      if (all().some((v) => v === null)) return null;
      return ns.every((x) => typeof x === 'number') ? (ns as number[]) : null;
    };
    const compare = (f: (a: number, b: number) => boolean): Value => {
      const [a, b] = pair().map(num);
      return a === null || b === null || a === undefined || b === undefined ? null : single(f(a, b));
    };
    switch (n.op) {
      case 'baseValue':
        return single(parseBase(n.text ?? '', n.attrs?.baseType ?? 'string'));
      case 'variable':
        return env.get(n.attrs?.identifier ?? '') ?? null;
      case 'correct':
        return correct;
      case 'null':
        return null;
      case 'mapResponse':
        return single(mapValue(r.mapping!, env.get(r.response) ?? null));
      case 'isNull': {
        const v = ev(args[0]!);
        return single(v === null || values(v).length === 0);
      }
      case 'match': {
        const [a, b] = pair();
        if (a === null || b === null) return null;
        if (a.c === 'ordered' || b.c === 'ordered')
          return single(JSON.stringify(values(a)) === JSON.stringify(values(b)));
        return single(sameBag(values(a), values(b)));
      }
      case 'member': {
        const [a, b] = pair();
        if (a === null || b === null) return null;
        return single(values(b).includes(values(a)[0]!));
      }
      case 'contains': {
        const [a, b] = pair();
        if (a === null || b === null) return null;
        const rest = [...values(a)];
        for (const x of values(b)) {
          const i = rest.indexOf(x);
          if (i < 0) return single(false);
          rest.splice(i, 1);
        }
        return single(true);
      }
      case 'multiple':
      case 'ordered': {
        const vs = all().flatMap(values);
        return vs.length === 0 ? null : { c: n.op, vs };
      }
      case 'containerSize':
        return single(values(ev(args[0]!)).length);
      case 'sum':
      case 'product': {
        const ns = numbers();
        if (!ns) return null;
        return single(n.op === 'sum' ? ns.reduce((s, x) => s + x, 0) : ns.reduce((s, x) => s * x, 1));
      }
      case 'subtract':
      case 'divide': {
        const [a, b] = pair().map(num);
        if (a === null || b === null || a === undefined || b === undefined) return null;
        if (n.op === 'divide') return b === 0 ? null : single(a / b);
        return single(a - b);
      }
      case 'gt':
        return compare((a, b) => a > b);
      case 'gte':
        return compare((a, b) => a >= b);
      case 'lt':
        return compare((a, b) => a < b);
      case 'lte':
        return compare((a, b) => a <= b);
      case 'equal':
        return compare((a, b) => a === b);
      case 'not': {
        const t = truth(ev(args[0]!));
        return t === null ? null : single(!t);
      }
      case 'and':
      case 'or': {
        const ts = all().map(truth);
        if (n.op === 'and') return ts.includes(false) ? single(false) : ts.includes(null) ? null : single(true);
        return ts.includes(true) ? single(true) : ts.includes(null) ? null : single(false);
      }
      default:
        // rulesProblems refuses every other operator at import.
        throw new Error(`operator ${n.op} outside the subset`);
    }
  };

  const run = (n: RuleNode): void => {
    switch (n.op) {
      case 'setOutcomeValue':
        env.set(n.attrs!.identifier!, ev(n.args![0]!));
        return;
      case 'exitResponse':
        throw new Exit();
      case 'responseCondition':
        for (const b of n.args ?? []) {
          if (b.op === 'responseElse') return b.args?.forEach(run);
          const [cond, ...body] = b.args ?? [];
          if (truth(ev(cond!)) === true) return body.forEach(run);
        }
        return;
    }
  };
  try {
    r.rules.forEach(run);
  } catch (err) {
    if (!(err instanceof Exit)) throw err;
  }
  return num(env.get('SCORE') ?? null) ?? 0;
}
