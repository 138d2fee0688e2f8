import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Said } from '../import-problems.js';

/**
 * A small, ordered XML tree (mixed content kept in order), with QTI 3.0 names brought to their QTI 2.1 form
 * (`qti-choice-interaction` → `choiceInteraction`, `response-identifier` → `responseIdentifier`), so one
 * reader serves both versions. Namespace prefixes are dropped (`xml:lang` → `lang`).
 */
export interface XmlElement {
  name: string;
  /** The name as written in the file, for messages (`qti-text-entry-interaction`). */
  rawName: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    /** What to tell the user, when more than « malformed XML: <the parser's message> ». */
    readonly said?: Said,
  ) {
    super(message);
  }
}

/** fast-xml-parser's own limit (its default), named here so the message can say it. */
const MAX_DEPTH = 100;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: true,
  maxNestedTags: MAX_DEPTH,
});

const camel = (s: string) => s.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** QTI 3.0 element and attribute names in their QTI 2.1 spelling; other names unchanged. */
export function canonicalElement(name: string): string {
  return name.startsWith('qti-') ? camel(name.slice(4)) : name;
}
export function canonicalAttribute(name: string): string {
  return name.includes('-') && !name.startsWith('data-') && !name.startsWith('aria-') ? camel(name) : name;
}

/** Parses one XML document to its root element; malformed XML throws XmlError with the line. */
export function parseXml(text: string): XmlElement {
  if (/<!ENTITY/i.test(text)) throw new XmlError('DTD entity declarations are not accepted');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlError(valid.err.msg, valid.err.line);
  let tree: RawNode[];
  try {
    tree = parser.parse(text) as RawNode[];
  } catch (err) {
    // The validator walks any depth; the parser stops at its limit and throws a plain Error.
    const message = err instanceof Error ? err.message : String(err);
    throw new XmlError(
      message,
      undefined,
      /nested/i.test(message)
        ? {
            fr: `XML refusé : éléments imbriqués trop profondément (${MAX_DEPTH} niveaux au plus).`,
            en: `XML refused: elements nested too deeply (${MAX_DEPTH} levels at most).`,
          }
        : undefined,
    );
  }
  const root = tree.map(convert).find((n): n is XmlElement => typeof n !== 'string');
  if (!root) throw new XmlError('no root element');
  return root;
}

type RawNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function convert(raw: RawNode): XmlNode {
  if ('#text' in raw) return String(raw['#text']);
  const name = Object.keys(raw).find((k) => k !== ':@')!;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw[':@'] ?? {})) attrs[canonicalAttribute(k)] = String(v);
  const children = ((raw[name] as RawNode[] | undefined) ?? []).map(convert);
  return { name: canonicalElement(name), rawName: name.replace(/^.*:/, ''), attrs, children };
}

export const elements = (e: XmlElement): XmlElement[] =>
  e.children.filter((c): c is XmlElement => typeof c !== 'string');

export const child = (e: XmlElement, name: string): XmlElement | undefined => elements(e).find((c) => c.name === name);

export const childrenNamed = (e: XmlElement, name: string): XmlElement[] => elements(e).filter((c) => c.name === name);

/** Every descendant (depth first, in document order) with this name. */
export function descendants(e: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (n: XmlElement) => {
    for (const c of elements(n)) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(e);
  return out;
}

export function textOf(e: XmlElement): string {
  return e.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

// ---- writing ----

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

/** An element to write: name, attributes (undefined ones left out) and children. */
export interface Out {
  name: string;
  /** A QTI element, named in QTI 2.1 form here and renamed for QTI 3.0 by `qtiDialect`. */
  qti?: boolean;
  attrs?: Record<string, string | number | boolean | undefined>;
  children?: (Out | string)[];
}

export const el = (name: string, attrs: Out['attrs'] = {}, ...children: (Out | string | null | false)[]): Out => ({
  name,
  attrs,
  children: children.filter((c): c is Out | string => c !== null && c !== false),
});

/** A QTI element (2.1 names; `qtiDialect` renames them for 3.0). */
export const qel = (name: string, attrs: Out['attrs'] = {}, ...children: (Out | string | null | false)[]): Out => ({
  ...el(name, attrs, ...children),
  qti: true,
});

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** QTI 3.0 spells every QTI element `qti-kebab-case` and every multi-word attribute kebab-case. */
export function qtiDialect(o: Out, version: '2.1' | '3.0'): Out {
  if (version === '2.1') return o;
  const attrs = o.qti
    ? Object.fromEntries(Object.entries(o.attrs ?? {}).map(([k, v]) => [k.includes(':') ? k : kebab(k), v]))
    : o.attrs;
  return {
    name: o.qti ? `qti-${kebab(o.name)}` : o.name,
    attrs,
    children: (o.children ?? []).map((c) => (typeof c === 'string' ? c : qtiDialect(c, version))),
  };
}

function write(o: Out | string, depth: number, inline: boolean): string {
  if (typeof o === 'string') return escapeText(o);
  const attrs = Object.entries(o.attrs ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join('');
  const kids = o.children ?? [];
  if (kids.length === 0) return `<${o.name}${attrs}/>`;
  // Elements holding text are written on one line, so no white space is added to the content.
  const mixed = inline || kids.some((k) => typeof k === 'string');
  if (mixed) return `<${o.name}${attrs}>${kids.map((k) => write(k, depth + 1, true)).join('')}</${o.name}>`;
  const pad = '  '.repeat(depth + 1);
  const inner = kids.map((k) => `\n${pad}${write(k, depth + 1, false)}`).join('');
  return `<${o.name}${attrs}>${inner}\n${'  '.repeat(depth)}</${o.name}>`;
}

export function xmlDocument(root: Out): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${write(root, 0, false)}\n`;
}
