import YAML from 'yaml';
import type { z } from 'zod';
import { checkDefinition, settleItemShuffle, type ExamDefinition } from './exam-definition.js';
import { examFileSchema, itemSchema } from './exam-file.schema.js';
import { fileSections, type BankLookup } from './file-sections.js';
import { settleSections } from './sections.js';
import { ProblemList, q, type Said } from './import-problems.js';
import { checkItem } from './items/check-item.js';
import { toItem, toText, type AssetReader } from './items/read-file-item.js';

/**
 * Reads Vigie's own format (YAML, or JSON, which is YAML too) into a checked ExamDefinition. Every problem
 * found is added to `problems` (the caller refuses the file when there is any); returns null then.
 */
export function readExamFile(
  text: string,
  fileName: string,
  readAsset: AssetReader,
  problems: ProblemList,
  banks: BankLookup = () => null,
): ExamDefinition | null {
  const raw = parseText(text, fileName, problems);
  if (raw === undefined) return null;
  const parsed = examFileSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.add(saidOfIssue(issue), locate(issue.path, raw));
    // The items that are well formed are still checked, so one pass lists every problem it can.
    const rawItems = raw !== null && typeof raw === 'object' ? (raw as { items?: unknown }).items : undefined;
    if (Array.isArray(rawItems))
      rawItems.forEach((r, i) => {
        const one = itemSchema.safeParse(r);
        if (one.success) checkItem(toItem(one.data, i, readAsset, problems), problems, one.data.id);
      });
    return null;
  }
  const f = parsed.data;
  const items = (f.items ?? []).map((it, i) => toItem(it, i, readAsset, problems));
  const sections = f.sections ? fileSections(f.sections, f.bank, items, banks, problems) : undefined;
  const def: ExamDefinition = {
    code: f.code,
    title: toText(f.title),
    durationMinutes: f.duration_minutes,
    passingMark: f.passing_mark,
    drawCount: f.draw === undefined || f.draw === 'all' ? null : f.draw,
    shuffleItems: f.shuffle_items ?? false,
    shuffleChoices: f.shuffle_choices ?? false,
    content: sections ? { items, sections } : { items },
  };
  settleItemShuffle(def);
  if (problems.ok) settleSections(def);
  checkDefinition(def, problems);
  return problems.ok ? def : null;
}

/**
 * The file's data, or undefined with the problem. Files built to break a parser are problems too: YAML's own
 * guard against an alias bomb throws from toJS, and nesting deeper than the stack ends YAML's parser.
 */
function parseText(text: string, fileName: string, problems: ProblemList): unknown {
  if (text.trim() === '') {
    problems.add({ fr: 'le fichier est vide.', en: 'the file is empty.' });
    return undefined;
  }
  if (text.length > MAX_TEXT_CHARACTERS) {
    problems.add({
      fr: `fichier trop volumineux (${MAX_TEXT_CHARACTERS / 1024 / 1024} Mo au plus).`,
      en: `file too large (${MAX_TEXT_CHARACTERS / 1024 / 1024} MB at most).`,
    });
    return undefined;
  }
  // YAML's composer recurses, and near the end of the stack V8 can abort the whole process (« RegExpCompiler
  // Allocation failed ») instead of throwing: its nesting is bounded before it parses. JSON.parse does not
  // recurse, and the schema refuses deep values without walking them.
  const yamlSafe = () => nestingBound(text) <= MAX_NESTING;
  if (/\.json$/i.test(fileName)) {
    try {
      const value = JSON.parse(text) as unknown;
      // The schema's recursive parts (an item's rules, its rich content) walk what they are given: bounded first.
      if (recursivePartsDepth(value) > MAX_NESTING) {
        problems.add(TOO_DEEP);
        return undefined;
      }
      return value;
    } catch (err) {
      const message = firstLine(err);
      // Node's message does not always hold the position; JSON is YAML, whose parser gives it.
      const m = /position (\d+)/.exec(message);
      const at = m ? Number(m[1]) : yamlSafe() ? YAML.parseDocument(text).errors[0]?.pos[0] : undefined;
      const line = at === undefined ? undefined : text.slice(0, at).split('\n').length;
      problems.add({ fr: `JSON mal formé : ${message}`, en: `malformed JSON: ${message}` }, { line });
      return undefined;
    }
  }
  if (!yamlSafe()) {
    problems.add(TOO_DEEP);
    return undefined;
  }
  const doc = YAML.parseDocument(text, { prettyErrors: false });
  const e = doc.errors[0];
  if (e) {
    // Later errors are mostly echoes of the first one: report the first, with its line.
    problems.add(
      /call stack/i.test(e.message)
        ? TOO_DEEP
        : { fr: `YAML mal formé : ${e.message}`, en: `malformed YAML: ${e.message}` },
      { line: text.slice(0, e.pos[0]).split('\n').length },
    );
    return undefined;
  }
  try {
    return doc.toJS() as unknown;
  } catch (err) {
    problems.add(
      /alias/i.test(firstLine(err))
        ? {
            fr: 'YAML refusé : trop d’alias (un fichier qui se démultiplie en mémoire).',
            en: 'YAML refused: too many aliases (a file that multiplies itself in memory).',
          }
        : { fr: `YAML illisible : ${firstLine(err)}`, en: `unreadable YAML: ${firstLine(err)}` },
    );
    return undefined;
  }
}

/** A package's limit (images are in the file, in base64). */
const MAX_TEXT_CHARACTERS = 50 * 1024 * 1024;

/** Far above what an exam file needs (about 6 levels, indented by 2 or 4 spaces). */
const MAX_NESTING = 100;

const TOO_DEEP: Said = {
  fr: `fichier refusé : listes ou objets imbriqués trop profondément (${MAX_NESTING} niveaux au plus).`,
  en: `file refused: lists or objects nested too deeply (${MAX_NESTING} levels at most).`,
};

/**
 * An upper bound of the file's nesting, from YAML's lexer (which does not recurse; JSON is YAML): the deepest
 * flow collection (`[`, `{`), plus the deepest indentation (a nested block is indented further), plus the most
 * `-` or `?` on one line (`- - - x` nests without indenting).
 */
function nestingBound(text: string): number {
  let flow = 0;
  let maxFlow = 0;
  let maxIndent = 0;
  let indicators = 0;
  let maxIndicators = 0;
  let lineStart = true;
  for (const token of new YAML.Lexer().lex(text)) {
    const type = YAML.CST.tokenType(token);
    if (type === 'newline') {
      lineStart = true;
      indicators = 0;
      continue;
    }
    if (type === 'space' && lineStart) maxIndent = Math.max(maxIndent, token.length);
    else if (type === 'flow-seq-start' || type === 'flow-map-start') maxFlow = Math.max(maxFlow, ++flow);
    else if (type === 'flow-seq-end' || type === 'flow-map-end') flow = Math.max(0, flow - 1);
    else if (type === 'seq-item-ind' || type === 'explicit-key-ind')
      maxIndicators = Math.max(maxIndicators, ++indicators);
    lineStart = false;
  }
  return maxFlow + maxIndent + maxIndicators;
}

/** The deepest nesting of the recursive parts (items' `response_processing` and `body`, `sections`), walked without recursion. */
function recursivePartsDepth(value: unknown): number {
  const items = (value as { items?: unknown } | null)?.items;
  const stack: [unknown, number][] = [[(value as { sections?: unknown } | null)?.sections, 1]];
  if (!Array.isArray(items)) return depthOf(stack);
  for (const it of items as unknown[])
    if (it !== null && typeof it === 'object')
      for (const key of ['response_processing', 'body']) stack.push([(it as Record<string, unknown>)[key], 1]);
  return depthOf(stack);
}

function depthOf(stack: [unknown, number][]): number {
  let max = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    max = Math.max(max, depth);
    if (max > MAX_NESTING) return max;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return max;
}

const firstLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);

/** Where a schema issue is: the item (by its id when it has one) and the field, positions counted from 1. */
function locate(path: PropertyKey[], raw: unknown): { item?: string; field?: string } {
  const render = (p: PropertyKey[]) =>
    p.map((k, i) => (typeof k === 'number' ? `[${k + 1}]` : `${i === 0 ? '' : '.'}${String(k)}`)).join('');
  if (path[0] === 'items' && typeof path[1] === 'number') {
    const rawItem = (raw as { items?: unknown[] }).items?.[path[1]] as { id?: unknown } | undefined;
    const item = typeof rawItem?.id === 'string' && rawItem.id ? rawItem.id : `#${path[1] + 1}`;
    const rest = path.slice(2);
    return rest.length ? { item, field: render(rest) } : { item };
  }
  return path.length ? { field: render(path) } : {};
}

type Issue = z.core.$ZodIssue;

function saidOfIssue(issue: Issue): Said {
  const last = issue.path[issue.path.length - 1];
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return { fr: 'champ obligatoire manquant.', en: 'required field missing.' };
      return {
        fr: `${q(input)} : ${expectedFr(issue.expected)} attendu.`,
        en: `${q(input)}: ${issue.expected} expected.`,
      };
    case 'too_small':
      if (issue.origin === 'array')
        return { fr: `au moins ${issue.minimum} élément(s).`, en: `at least ${issue.minimum} element(s).` };
      if (issue.origin === 'string') return { fr: 'le texte est vide.', en: 'the text is empty.' };
      return {
        fr: `${q(input)} est trop petit : ${issue.inclusive ? 'au moins' : 'plus de'} ${issue.minimum}.`,
        en: `${q(input)} is too small: ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}.`,
      };
    case 'too_big':
      if (issue.origin === 'array')
        return { fr: `au plus ${issue.maximum} élément(s).`, en: `at most ${issue.maximum} element(s).` };
      return {
        fr: `${q(input)} est trop grand : au plus ${issue.maximum}.`,
        en: `${q(input)} is too big: at most ${issue.maximum}.`,
      };
    case 'invalid_value':
      return {
        fr: `${q(input)} : valeurs permises ${issue.values.map((v) => q(v)).join(', ')}.`,
        en: `${q(input)}: allowed values ${issue.values.map((v) => q(v)).join(', ')}.`,
      };
    case 'unrecognized_keys':
      return {
        fr: `champ inconnu : ${issue.keys.map((k) => q(k)).join(', ')}.`,
        en: `unknown field: ${issue.keys.map((k) => q(k)).join(', ')}.`,
      };
    case 'invalid_format':
      return {
        fr: `${q(input)} : un identifiant commence par une lettre, suivie de lettres, chiffres, « _ », « - » ou « . ».`,
        en: `${q(input)}: an identifier starts with a letter, followed by letters, digits, "_", "-" or ".".`,
      };
    case 'invalid_union':
      if (last === 'correct')
        return {
          fr: `${q(input)} : l’identifiant d’un choix, une liste d’identifiants, ou true / false.`,
          en: `${q(input)}: a choice identifier, a list of identifiers, or true / false.`,
        };
      if (last === 'draw')
        return { fr: `${q(input)} : un nombre entier ou « all ».`, en: `${q(input)}: a whole number or "all".` };
      if (last === 'image')
        return {
          fr: 'une image est { file, alt } ou { mime, data, alt }.',
          en: 'an image is { file, alt } or { mime, data, alt }.',
        };
      return {
        fr: `${q(input)} : un texte, ou { fr, en } (le français obligatoire).`,
        en: `${q(input)}: a text, or { fr, en } (French required).`,
      };
    case 'custom':
    case 'invalid_element':
    case 'invalid_key':
    case 'not_multiple_of':
      return { fr: issue.message, en: issue.message };
  }
}

function expectedFr(t: string): string {
  const names: Record<string, string> = {
    string: 'un texte',
    number: 'un nombre',
    int: 'un nombre entier',
    boolean: 'true ou false',
    array: 'une liste',
    object: 'un objet',
  };
  return names[t] ?? t;
}
