import { strFromU8, unzipSync } from 'fflate';
import path from 'node:path/posix';
import { q, type ProblemList } from '../import-problems.js';
import { parseXml, XmlError, type XmlElement } from './xml.js';

export const MAX_PACKAGE_BYTES = 50 * 1024 * 1024;
const MAX_FILES = 5000;

/** The files of a package, by normalised path, and a way to read them that records what is missing. */
export class Package {
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

  /** Parses an XML file of the package; malformed XML is a problem naming the file and the line. */
  xml(file: string, from: { file?: string; item?: string } = {}): XmlElement | null {
    const b = this.bytes(file, from);
    if (!b) return null;
    try {
      return parseXml(strFromU8(b));
    } catch (err) {
      if (!(err instanceof XmlError)) throw err;
      this.problems.add(
        { fr: `XML mal formé : ${err.message}`, en: `malformed XML: ${err.message}` },
        { file: this.where(file), line: err.line, item: from.item },
      );
      return null;
    }
  }
}

/** A path inside the package, resolved against the file that names it. */
export function resolveHref(fromFile: string, href: string): string {
  const clean = decodeURIComponent(href.split('#')[0]!.split('?')[0]!);
  return path.normalize(path.join(path.dirname(fromFile), clean)).replace(/^(\.\/)+/, '');
}

export function unzip(bytes: Uint8Array, problems: ProblemList): Map<string, Uint8Array> | null {
  let total = 0;
  let count = 0;
  try {
    const out = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        count += 1;
        if (total > MAX_PACKAGE_BYTES || count > MAX_FILES) throw new RangeError('too large');
        return !f.name.endsWith('/');
      },
    });
    return new Map(Object.entries(out).map(([k, v]) => [path.normalize(k.replace(/\\/g, '/')).replace(/^\/+/, ''), v]));
  } catch (err) {
    problems.add(
      err instanceof RangeError
        ? {
            fr: `paquet trop volumineux (${MAX_PACKAGE_BYTES / 1024 / 1024} Mo et ${MAX_FILES} fichiers au plus, décompressé).`,
            en: `package too large (${MAX_PACKAGE_BYTES / 1024 / 1024} MB and ${MAX_FILES} files at most, uncompressed).`,
          }
        : { fr: 'ce n’est pas une archive ZIP lisible.', en: 'this is not a readable ZIP archive.' },
    );
    return null;
  }
}
