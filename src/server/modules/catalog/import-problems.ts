import { DomainError } from '../../errors.js';
import type { Lang } from '../../http/messages.js';

/**
 * What is wrong with an imported file, said in both languages: where (the file, the item, the field)
 * and what. An import collects every problem it finds, then refuses the whole file.
 */
export interface ImportProblem {
  file: string;
  /** The item's identifier, or its position (« #3 ») when it has none. */
  item?: string;
  /** Line number (CSV rows, XML parse errors). */
  line?: number;
  field?: string;
  /** The import setting that would settle it (a QTI package's duration or passing mark): each caller names it. */
  setting?: ImportSetting;
  fr: string;
  en: string;
}

export type Said = { fr: string; en: string };
export type ImportSetting = 'durationMinutes' | 'passingMark';

/**
 * The problems with the setting that settles each named as the caller asks for it: the page's field
 * (« Durée (minutes) »), the command line's flag (--duration MINUTES). The reader's sentence names neither.
 */
export function namingSettings(problems: ImportProblem[], names: Record<ImportSetting, Said>): ImportProblem[] {
  return problems.map((p) =>
    p.setting
      ? {
          ...p,
          fr: `${p.fr.replace(/\.$/, '')} ${names[p.setting].fr}.`,
          en: `${p.en.replace(/\.$/, '')} ${names[p.setting].en}.`,
        }
      : p,
  );
}

export function describeProblem(p: ImportProblem, lang: Lang): string {
  const where: string[] = [p.file];
  if (p.line !== undefined) where.push(lang === 'fr' ? `ligne ${p.line}` : `line ${p.line}`);
  if (p.item !== undefined) where.push(lang === 'fr' ? `question ${p.item}` : `item ${p.item}`);
  if (p.field) where.push(p.field);
  return `${where.join(', ')}${lang === 'fr' ? ' : ' : ': '}${p[lang]}`;
}

/** Collects problems for one file; `fail()` turns them into one refused import. */
export class ProblemList {
  readonly problems: ImportProblem[] = [];
  constructor(readonly file: string) {}

  add(
    said: Said,
    where: { item?: string; field?: string; line?: number; file?: string; setting?: ImportSetting } = {},
  ) {
    this.problems.push({ file: where.file ?? this.file, ...where, ...said });
  }

  get ok() {
    return this.problems.length === 0;
  }

  /** Throws when any problem was found. */
  check(lang: Lang): void {
    if (!this.ok) throw importRefused(this.problems, lang);
  }
}

/**
 * The one error an import ends with: the message names the first problem (and how many more), the details
 * list them all, so the command line and an admin screen can show every one.
 */
export function importRefused(problems: ImportProblem[], lang: Lang): DomainError {
  const first = describeProblem(problems[0]!, lang);
  const more = problems.length - 1;
  const reason =
    more === 0
      ? first
      : `${first} ${lang === 'fr' ? `(et ${more} autre${more > 1 ? 's' : ''} problème${more > 1 ? 's' : ''})` : `(and ${more} more problem${more > 1 ? 's' : ''})`}`;
  return new DomainError('import_invalid', {
    params: { reason },
    details: { problems: problems.map((p) => ({ ...p, message: describeProblem(p, lang) })) },
  });
}

/**
 * What a reader threw, as a problem: the readers turn what they know breaks a parser into problems of their
 * own; this is the net under them, so a file never ends in a raw error (a 500, a stack trace).
 */
export function unreadable(err: unknown): Said {
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);
  return { fr: `fichier illisible : ${message}`, en: `unreadable file: ${message}` };
}

/** The problems carried by an import error, each as a sentence in the language it was raised in. */
export function problemMessages(err: DomainError): string[] {
  const details = err.opts.details as { problems?: { message: string }[] } | undefined;
  return details?.problems?.map((p) => p.message) ?? [];
}

/** Quotes a value for a message, French style « … » (shortened when long). */
export function q(v: unknown): string {
  const s = typeof v === 'string' ? v : shown(v);
  return `« ${s && s.length > 60 ? `${s.slice(0, 57)}…` : s} »`;
}

/** A value as JSON for a message; one nested deeper than the stack (a hostile file) is only named so. */
function shown(v: unknown): string | undefined {
  try {
    return JSON.stringify(v);
  } catch {
    return Array.isArray(v) ? '[…]' : '{…}';
  }
}
