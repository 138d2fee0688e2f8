import type { RichBlock, RichInline, RichText } from '../../../../shared/exam.js';
import type { XmlElement, XmlNode } from './xml.js';

/**
 * The sanitised subset of an item body Vigie keeps as structure: paragraphs, lists, tables, emphasis and line
 * breaks. Everything else is reduced to its text (attributes, classes, styles and scripts never survive); what a
 * candidate may not see is skipped by the caller's `skip`.
 */
const EMPHASIS: Record<string, 'em' | 'strong'> = { em: 'em', i: 'em', strong: 'strong', b: 'strong' };
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const BLOCK_CONTAINERS = new Set(['div', 'blockquote', 'rubricBlock', 'prompt', 'section', 'article', 'contentBody']);

/** Whether some content needs structure (a list, a table, emphasis) that plain paragraphs cannot say. */
export function needsStructure(nodes: XmlNode[], skip: (e: XmlElement) => boolean): boolean {
  return nodes.some(
    (n) =>
      typeof n !== 'string' &&
      !skip(n) &&
      (['ul', 'ol', 'table'].includes(n.name) || n.name in EMPHASIS || needsStructure(n.children, skip)),
  );
}

const clean = (s: string) => s.replace(/\s+/g, ' ');

function trimInline(list: RichInline[]): RichInline[] {
  const out = [...list];
  while (typeof out[0] === 'string' && out[0].trim() === '') out.shift();
  while (typeof out[out.length - 1] === 'string' && (out[out.length - 1] as string).trim() === '') out.pop();
  if (typeof out[0] === 'string') out[0] = out[0].trimStart();
  const last = out.length - 1;
  if (typeof out[last] === 'string') out[last] = (out[last] as string).trimEnd();
  // Adjacent strings are one string (the same content always gives the same structure).
  return out.reduce<RichInline[]>((acc, x) => {
    if (typeof x === 'string' && typeof acc[acc.length - 1] === 'string') acc[acc.length - 1] += x;
    else acc.push(x);
    return acc;
  }, []);
}

export class RichReader {
  fr: RichBlock[] = [];
  en: RichBlock[] = [];
  private pending: Record<'fr' | 'en', RichInline[]> = { fr: [], en: [] };

  constructor(private readonly skip: (e: XmlElement) => boolean) {}

  private flush(lang: 'fr' | 'en') {
    const p = trimInline(this.pending[lang]);
    this.pending[lang] = [];
    if (p.length) this[lang].push({ p });
  }

  private inline(nodes: XmlNode[]): RichInline[] {
    const out: RichInline[] = [];
    for (const n of nodes) {
      if (typeof n === 'string') out.push(clean(n));
      else if (this.skip(n) || n.name === 'img') continue;
      else if (n.name === 'br') out.push({ br: true });
      else if (EMPHASIS[n.name]) {
        const inner = this.inline(n.children);
        if (inner.length) out.push({ [EMPHASIS[n.name]!]: inner } as RichInline);
      } else out.push(...this.inline(n.children));
    }
    return out;
  }

  read(nodes: XmlNode[], lang: 'fr' | 'en') {
    for (const n of nodes) {
      if (typeof n === 'string') {
        this.pending[lang].push(clean(n));
        continue;
      }
      if (this.skip(n)) continue;
      const l = n.attrs.lang ? (n.attrs.lang.toLowerCase().startsWith('en') ? 'en' : 'fr') : lang;
      if (n.name === 'p' || n.name === 'pre' || HEADINGS.has(n.name)) {
        this.flush(l);
        const p = trimInline(this.inline(n.children));
        if (p.length) this[l].push({ p: HEADINGS.has(n.name) ? [{ strong: p }] : p });
      } else if (n.name === 'ul' || n.name === 'ol') {
        this.flush(l);
        const items = n.children
          .filter((c): c is XmlElement => typeof c !== 'string' && c.name === 'li' && !this.skip(c))
          .map((li) => trimInline(this.inline(li.children)));
        if (items.length) this[l].push(n.name === 'ul' ? { ul: items } : { ol: items });
      } else if (n.name === 'table') {
        this.flush(l);
        this[l].push({ table: this.table(n) });
      } else if (BLOCK_CONTAINERS.has(n.name)) {
        this.flush(l);
        this.read(n.children, l);
        this.flush(l);
      } else if (n.name !== 'img') this.pending[l].push(...this.inline([n]));
    }
  }

  private table(t: XmlElement) {
    const rows: { head: boolean; cells: RichInline[][] }[] = [];
    const walk = (e: XmlElement, inHead: boolean) => {
      for (const c of e.children) {
        if (typeof c === 'string' || this.skip(c)) continue;
        if (c.name === 'tr') {
          const cells = c.children.filter(
            (x): x is XmlElement => typeof x !== 'string' && (x.name === 'td' || x.name === 'th') && !this.skip(x),
          );
          rows.push({
            head: inHead || (cells.length > 0 && cells.every((x) => x.name === 'th')),
            cells: cells.map((x) => trimInline(this.inline(x.children))),
          });
        } else if (c.name === 'thead') walk(c, true);
        else if (c.name === 'tbody' || c.name === 'tfoot') walk(c, false);
      }
    };
    walk(t, false);
    const headRow = rows[0]?.head ? rows.shift()! : null;
    return { ...(headRow ? { head: headRow.cells } : {}), rows: rows.map((r) => r.cells) };
  }

  result(): RichText {
    this.flush('fr');
    this.flush('en');
    return this.en.length ? { fr: this.fr, en: this.en } : { fr: this.fr };
  }
}
