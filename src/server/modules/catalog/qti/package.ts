import path from 'node:path/posix';
import { utf8Text } from '../files.js';
import { q, type ProblemList, type Said } from '../import-problems.js';
import { parseXml, XmlError, type XmlElement } from './xml.js';
import { readZip, ZipError } from './zip.js';

/**
 * What XML a package may make the reader parse, per file and in all (each reference counts: a file named a
 * thousand times is parsed a thousand times). Parsing costs about 0.5 s per MB of ordinary QTI and up to 3 s of
 * hostile XML (an element with 100 000 attributes), all of it on the event loop; a QTI item at Vigie's limits
 * (26 choices of 4000 characters in two languages) is about 250 KB.
 */
export const MAX_XML_FILE_BYTES = 4 * 1024 * 1024;
export const MAX_XML_TOTAL_BYTES = 8 * 1024 * 1024;

/** The files of a package, by normalised path, and a way to read them that records what is missing. */
export class Package {
  private xmlBytes = 0;

  constructor(
    readonly name: string,
    private readonly files: Map<string, Uint8Array>,
    readonly problems: ProblemList,
  ) {}

  where(file: string) {
    return `${this.name}/${file}`;
  }

  has(file: string) {
    return this.files.has(file);
  }

  bytes(file: string, from: { file?: string; item?: string } = {}): Uint8Array | null {
    const b = this.files.get(file);
    if (!b)
      this.problems.add(
        { fr: `fichier manquant dans le paquet : ${q(file)}.`, en: `file missing from the package: ${q(file)}.` },
        { file: from.file ? this.where(from.file) : this.name, item: from.item },
      );
    return b ?? null;
  }

  /**
   * Whether these files (each reference counted) fit in what is left of the XML budget, before any is parsed:
   * a package that names a large item many times is refused at once, not after reading the budget's worth.
   */
  fits(files: string[]): boolean {
    const total = files.reduce((n, f) => n + (this.files.get(f)?.length ?? 0), 0);
    if (this.xmlBytes + total <= MAX_XML_TOTAL_BYTES) return true;
    this.tooMuchXml();
    return false;
  }

  private tooMuchXml() {
    // Said once: the files after this one are not read.
    if (this.xmlBytes <= MAX_XML_TOTAL_BYTES)
      this.problems.add({
        fr: `le paquet contient trop de XML à lire (${MAX_XML_TOTAL_BYTES / 1024 / 1024} Mo au plus en tout, chaque référence comptée).`,
        en: `the package holds too much XML to read (${MAX_XML_TOTAL_BYTES / 1024 / 1024} MB at most in all, each reference counted).`,
      });
    this.xmlBytes = MAX_XML_TOTAL_BYTES + 1;
  }

  /**
   * Parses an XML file of the package; malformed XML (or text that is not UTF-8) is a problem naming the file
   * and the line.
   */
  xml(file: string, from: { file?: string; item?: string } = {}): XmlElement | null {
    const b = this.bytes(file, from);
    if (!b) return null;
    const at = { file: this.where(file), item: from.item };
    if (b.length > MAX_XML_FILE_BYTES) {
      this.problems.add(
        {
          fr: `fichier XML trop volumineux (${MAX_XML_FILE_BYTES / 1024 / 1024} Mo au plus).`,
          en: `XML file too large (${MAX_XML_FILE_BYTES / 1024 / 1024} MB at most).`,
        },
        at,
      );
      return null;
    }
    if (this.xmlBytes + b.length > MAX_XML_TOTAL_BYTES) {
      this.tooMuchXml();
      return null;
    }
    this.xmlBytes += b.length;
    const text = xmlText(b);
    if (typeof text !== 'string') {
      this.problems.add(text.said, { ...at, line: text.line });
      return null;
    }
    try {
      return parseXml(text);
    } catch (err) {
      if (!(err instanceof XmlError)) throw err;
      this.problems.add(err.said ?? { fr: `XML mal formé : ${err.message}`, en: `malformed XML: ${err.message}` }, {
        ...at,
        line: err.line,
      });
      return null;
    }
  }

  /**
   * A path inside the package named by `fromFile` (`href`, %-escaped as in a URL); a malformed escape is a
   * problem naming the reference, and gives null.
   */
  resolve(fromFile: string, href: string, where: { item?: string } = {}): string | null {
    const resolved = resolveHref(fromFile, href);
    if (resolved === null)
      this.problems.add(
        {
          fr: `référence de fichier mal encodée : ${q(href)} (un % qui n’est pas suivi de deux chiffres hexadécimaux valides).`,
          en: `file reference badly encoded: ${q(href)} (a % not followed by two valid hexadecimal digits).`,
        },
        { file: this.where(fromFile), ...where },
      );
    return resolved;
  }
}

/** The single-byte encodings a QTI file may declare besides UTF-8 (what authoring tools in French write). */
const SINGLE_BYTE = new Set(['iso-8859-1', 'latin1', 'iso-8859-15', 'latin9', 'windows-1252', 'cp1252']);

/**
 * An XML file's text in the encoding its declaration names (`<?xml … encoding="ISO-8859-1"?>`): UTF-8 when it
 * names none, a Latin-1 family encoding when it says so; another encoding is a problem naming it.
 */
export function xmlText(bytes: Uint8Array): string | { said: Said; line?: number } {
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const declared = /^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  const encoding = declared?.toLowerCase();
  if (encoding === undefined || encoding === 'utf-8' || encoding === 'utf8') return utf8Text(bytes);
  if (SINGLE_BYTE.has(encoding)) {
    const label = encoding === 'latin9' ? 'iso-8859-15' : encoding === 'cp1252' ? 'windows-1252' : encoding;
    return new TextDecoder(label).decode(bytes);
  }
  return {
    said: {
      fr: `encodage ${q(declared)} non pris en charge : UTF-8, ISO-8859-1, ISO-8859-15 ou Windows-1252.`,
      en: `encoding ${q(declared)} is not supported: UTF-8, ISO-8859-1, ISO-8859-15 or Windows-1252.`,
    },
    line: 1,
  };
}

/**
 * A path inside the package, resolved against the file that names it; null when its %-escapes are malformed
 * (decodeURIComponent throws on « %zz » and on escapes that are not UTF-8).
 */
export function resolveHref(fromFile: string, href: string): string | null {
  let clean: string;
  try {
    clean = decodeURIComponent(href.split('#')[0]!.split('?')[0]!);
  } catch {
    return null;
  }
  return path.normalize(path.join(path.dirname(fromFile), clean)).replace(/^(\.\/)+/, '');
}

/** The package's files, or null with the problem (not a zip, too large, an entry that lies or climbs out). */
export function unzip(bytes: Uint8Array, problems: ProblemList): Map<string, Uint8Array> | null {
  try {
    return readZip(bytes);
  } catch (err) {
    if (!(err instanceof ZipError)) throw err;
    problems.add(err.said);
    return null;
  }
}
