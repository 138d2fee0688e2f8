import type { Cloze, ClozePart, LocalizedText } from '../../../../shared/exam.js';

/**
 * A cloze as Vigie's own format writes it: one text per language, each place written `{{slot}}`
 * ("Le signaleur se place {{s1}} du chantier."). The text is normalized whole (exam-definition's
 * normalizeText) before it is cut, so the spaces around a place are kept and a round trip gives it back.
 */
const PLACE = /\{\{([A-Za-z_][A-Za-z0-9_.-]{0,63})\}\}/g;

export function parseClozeText(text: string): ClozePart[] {
  const parts: ClozePart[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACE)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push({ slot: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

export function clozeText(parts: readonly ClozePart[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : `{{${p.slot}}}`)).join('');
}

export function parseCloze(t: LocalizedText): Cloze {
  return t.en ? { fr: parseClozeText(t.fr), en: parseClozeText(t.en) } : { fr: parseClozeText(t.fr) };
}

export function clozeOut(c: Cloze): LocalizedText {
  return c.en ? { fr: clozeText(c.fr), en: clozeText(c.en) } : { fr: clozeText(c.fr) };
}

/** The places of one language's cloze, in reading order. */
export function clozeSlots(parts: readonly ClozePart[]): string[] {
  return parts.flatMap((p) => (typeof p === 'string' ? [] : [p.slot]));
}

/** A pair of a response (`"a b"`, as QTI writes a directedPair), or null when it is not one. */
export function splitPair(pair: string): [string, string] | null {
  const m = /^(\S+) (\S+)$/.exec(pair);
  return m ? [m[1]!, m[2]!] : null;
}
