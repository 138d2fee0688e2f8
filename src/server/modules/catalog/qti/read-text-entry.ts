import type { RuleNode, TextEntry } from '../../../../shared/exam.js';
import { normalizeText } from '../exam-definition.js';
import { q, type Said } from '../import-problems.js';
import { readMapping, sameRules } from './read-processing.js';
import { ACCENT_INSENSITIVE_CLASS, numberRules } from './write-interactions.js';
import { child, childrenNamed, type XmlElement } from './xml.js';

/** What read-interactions.ts has read of the item's response processing. */
export interface ProcessingSeen {
  /** The processing's rules as stored rule nodes (none for a template). */
  custom: RuleNode[];
  points: number;
  /** Vigie's plain scoring: the correct response earns the points. */
  plain: () => boolean;
  /** The map_response template, or the rules it stands for. */
  mapped: () => boolean;
}

/**
 * A text entry's accepted answers, read as its scoring says: numbers (the correct response, or Vigie's rules
 * with a tolerance), or texts (the correct response, case- and accent-sensitive, or a mapping whose every entry
 * earns the points). Null when the scoring is none of those (the caller refuses it); a problem for a response
 * type that is neither text nor number.
 */
export function readTextEntry(
  interaction: XmlElement,
  declaration: XmlElement | undefined,
  correct: string[],
  { custom, points, plain, mapped }: ProcessingSeen,
): TextEntry | { problems: Said[] } | null {
  const baseType = declaration?.attrs.baseType;
  const length = interaction.attrs.expectedLength ? { expectedLength: Number(interaction.attrs.expectedLength) } : {};
  if (baseType === 'float' || baseType === 'integer') {
    const accepted = correct.map(Number);
    const tolerance = toleranceOf(custom);
    if (plain() && correct.length) return { kind: 'number', accepted, ...length };
    if (tolerance === null) return null;
    const nums = numbersOf(custom);
    if (!sameRules(custom, numberRules(nums, tolerance, points))) return null;
    return { kind: 'number', accepted: nums, ...(tolerance ? { tolerance } : {}), ...length };
  }
  if (baseType === 'string') {
    const accentInsensitive = (interaction.attrs.class ?? '').split(/\s+/).includes(ACCENT_INSENSITIVE_CLASS);
    const accents = accentInsensitive ? {} : { accentSensitive: true as const };
    const mapping = readMapping(declaration!);
    if (plain() && correct.length)
      return { kind: 'text', accepted: correct, caseSensitive: true, ...accents, ...length };
    if (!mapped() || !mapping) return null;
    const full = mapping.entries.filter((e) => e.value >= points - 1e-6);
    const sensitive = new Set(
      childrenNamed(child(declaration!, 'mapping')!, 'mapEntry').map((e) => e.attrs.caseSensitive !== 'false'),
    );
    if (!(full.length === mapping.entries.length && full.length && sensitive.size === 1 && mapping.defaultValue <= 0))
      return null;
    return {
      kind: 'text',
      accepted: full.map((e) => normalizeText(e.key)),
      ...(sensitive.has(true) ? { caseSensitive: true as const } : {}),
      ...accents,
      ...length,
    };
  }
  return {
    problems: [
      {
        fr: `type de réponse ${q(baseType)} non pris en charge pour une saisie (string, float, integer).`,
        en: `response base type ${q(baseType)} is not supported for a text entry (string, float, integer).`,
      },
    ],
  };
}

/** The tolerance of Vigie's number rules (0 for an exact comparison); null when the rules compare no number. */
function toleranceOf(rules: RuleNode[]): number | null {
  const equal = JSON.stringify(rules).match(
    /"op":"equal","attrs":\{"toleranceMode":"(exact|absolute)"(?:,"tolerance":"([^" ]+)[^"]*")?\}/,
  );
  if (!equal) return null;
  return equal[1] === 'exact' ? 0 : Number(equal[2]);
}

/** The numbers Vigie's number rules accept (numberRules in write-interactions.ts). */
function numbersOf(rules: RuleNode[]): number[] {
  const or = rules[0]?.args?.[0]?.args?.[0];
  return (or?.args ?? []).map((e) => Number(e.args?.[1]?.text));
}
