import type { PDFFont } from 'pdf-lib';
import { visibleText } from '../../../shared/visible-text.js';

/**
 * The PDF's standard fonts (WinAnsi) cover French — accents, « », ’, the no-break space — but not every
 * character a name may hold (ł, ő, ă…) nor the narrow no-break space U+202F. `printable` keeps what the font has,
 * turns U+202F into a plain no-break space, drops accents the font lacks (ł → l is done by hand, NFD cannot),
 * and writes '?' for anything else, so drawing never throws. Bidirectional controls and invisible characters
 * are dropped first (a name must read as it is). The signed statement keeps the exact text.
 */
const charsets = new WeakMap<PDFFont, Set<number>>();
const byHand: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ħ: 'h', ı: 'i', ø: 'o', Ø: 'O' };

export function printable(text: string, font: PDFFont): string {
  let set = charsets.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    charsets.set(font, set);
  }
  let out = '';
  for (const ch of visibleText(text).replace(/\u202f/g, '\u00a0')) {
    if (set.has(ch.codePointAt(0)!)) {
      out += ch;
      continue;
    }
    const base = (byHand[ch] ?? ch.normalize('NFD').replace(/\p{M}/gu, '')) || '?';
    out += [...base].every((c) => set.has(c.codePointAt(0)!)) ? base : '?';
  }
  return out;
}

/** Greedy word wrap at a size; a word longer than the line is cut. */
export function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > maxWidth && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > maxWidth) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The largest size from `max` down to `min` (by 0.25 pt) at which the text fits in `maxLines` lines;
 * at `min`, the last line ends with '…' if the text still does not fit.
 */
export function fit(
  text: string,
  font: PDFFont,
  opts: { max: number; min: number; maxWidth: number; maxLines: number },
): { size: number; lines: string[] } {
  for (let size = opts.max; size >= opts.min; size -= 0.25) {
    const lines = wrap(text, font, size, opts.maxWidth);
    if (lines.length <= opts.maxLines) return { size, lines };
  }
  const size = opts.min;
  const lines = wrap(text, font, size, opts.maxWidth).slice(0, opts.maxLines);
  let last = lines[lines.length - 1] ?? '';
  while (last && font.widthOfTextAtSize(`${last}…`, size) > opts.maxWidth) last = last.slice(0, -1);
  lines[lines.length - 1] = `${last.trimEnd()}…`;
  return { size, lines };
}
