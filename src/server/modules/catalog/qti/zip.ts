import path from 'node:path/posix';
import zlib from 'node:zlib';
import type { Said } from '../import-problems.js';

/**
 * Reads a ZIP archive (a QTI package) from its central directory, refusing before it inflates anything what
 * would cost too much, and inflating each entry no further than the size it declares. fflate's unzipSync
 * trusted the declared size for the buffer but went on inflating past it: a 2 MB entry declaring 100 bytes
 * kept the event loop busy for 24 s, inflating 2 GB into nowhere. zlib's `maxOutputLength` stops at once.
 */

export const MAX_PACKAGE_BYTES = 50 * 1024 * 1024;
export const MAX_FILES = 5000;

/** Why an archive is refused, in both languages. */
export class ZipError extends Error {
  constructor(readonly said: Said) {
    super(said.en);
  }
}

const MB = MAX_PACKAGE_BYTES / 1024 / 1024;
const tooLarge = () =>
  new ZipError({
    fr: `paquet trop volumineux (${MB} Mo et ${MAX_FILES} fichiers au plus, décompressé).`,
    en: `package too large (${MB} MB and ${MAX_FILES} files at most, uncompressed).`,
  });
const unreadable = (why: Said = { fr: '', en: '' }) =>
  new ZipError({
    fr: `ce n’est pas une archive ZIP lisible${why.fr ? ` (${why.fr})` : ''}.`,
    en: `this is not a readable ZIP archive${why.en ? ` (${why.en})` : ''}.`,
  });

/** Little-endian reads that refuse to go past the end (a truncated or forged archive). */
class Reader {
  constructor(readonly b: Uint8Array) {}
  private at(o: number, n: number) {
    if (!Number.isSafeInteger(o) || o < 0 || o + n > this.b.length)
      throw unreadable({ fr: 'tronquée', en: 'cut short' });
  }
  u16(o: number) {
    this.at(o, 2);
    return this.b[o]! | (this.b[o + 1]! << 8);
  }
  u32(o: number) {
    this.at(o, 4);
    return (this.u16(o) + this.u16(o + 2) * 0x10000) >>> 0;
  }
  u64(o: number) {
    return this.u32(o) + this.u32(o + 4) * 0x100000000;
  }
  bytes(o: number, n: number) {
    this.at(o, n);
    return this.b.subarray(o, o + n);
  }
}

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressed: number;
  size: number;
  localOffset: number;
}

/** The package's files by normalised path (folders left out). Throws ZipError. */
export function readZip(bytes: Uint8Array): Map<string, Uint8Array> {
  const r = new Reader(bytes);
  const entries = centralDirectory(r);
  let total = 0;
  for (const e of entries) total += e.size;
  if (entries.length > MAX_FILES || total > MAX_PACKAGE_BYTES) throw tooLarge();
  const files = new Map<string, Uint8Array>();
  for (const e of entries) {
    if (e.name.endsWith('/') || e.name.endsWith('\\')) continue;
    const name = inside(e.name);
    if (files.has(name))
      throw new ZipError({
        fr: `le fichier ${quote(name)} figure deux fois dans l’archive.`,
        en: `the file ${quote(name)} appears twice in the archive.`,
      });
    files.set(name, inflate(r, e, name));
  }
  return files;
}

const quote = (s: string) => `« ${s.length > 60 ? `${s.slice(0, 57)}…` : s} »`;

/** The entry's path inside the package: `../` or a drive letter never leads outside it. */
function inside(raw: string): string {
  const name = path.normalize(raw.replace(/\\/g, '/')).replace(/^\/+/, '');
  if (name === '..' || name.startsWith('../') || /^[a-z]:/i.test(name))
    throw new ZipError({
      fr: `le fichier ${quote(raw)} de l’archive pointe hors du paquet.`,
      en: `the archive's file ${quote(raw)} points outside the package.`,
    });
  return name;
}

function centralDirectory(r: Reader): Entry[] {
  // The end record is in the last 64 KiB + 22 bytes (its comment is at most 65535 bytes).
  let end = -1;
  for (let o = r.b.length - 22; o >= Math.max(0, r.b.length - 22 - 0xffff); o--)
    if (r.b[o] === 0x50 && r.u32(o) === 0x06054b50) {
      end = o;
      break;
    }
  if (end < 0) throw unreadable();
  let count = r.u16(end + 10);
  let offset = r.u32(end + 16);
  if (end >= 20 && r.u32(end - 20) === 0x07064b50) {
    const z = r.u64(end - 12);
    if (r.u32(z) !== 0x06064b50) throw unreadable();
    count = r.u64(z + 32);
    offset = r.u64(z + 48);
  }
  // Checked before reading the entries: the count alone could ask for millions of them.
  if (count > MAX_FILES) throw tooLarge();
  const entries: Entry[] = [];
  for (let i = 0, o = offset; i < count; i++) {
    if (r.u32(o) !== 0x02014b50) throw unreadable();
    const flags = r.u16(o + 8);
    const nameLength = r.u16(o + 28);
    const extraLength = r.u16(o + 30);
    const raw = r.bytes(o + 46, nameLength);
    // Bit 11: the name is UTF-8; otherwise the old DOS code page, read as Latin-1 as unzip tools do.
    const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(raw);
    const e: Entry = {
      name,
      flags,
      method: r.u16(o + 10),
      compressed: r.u32(o + 20),
      size: r.u32(o + 24),
      localOffset: r.u32(o + 42),
    };
    zip64Sizes(r, o + 46 + nameLength, extraLength, e);
    entries.push(e);
    o += 46 + nameLength + extraLength + r.u16(o + 32);
  }
  return entries;
}

/** Sizes and offset too large for 32 bits are in the ZIP64 extra field, in this order, when marked 0xFFFFFFFF. */
function zip64Sizes(r: Reader, start: number, length: number, e: Entry) {
  for (let o = start; o + 4 <= start + length; o += 4 + r.u16(o + 2)) {
    if (r.u16(o) !== 0x0001) continue;
    let p = o + 4;
    for (const k of ['size', 'compressed', 'localOffset'] as const)
      if (e[k] === 0xffffffff) {
        e[k] = r.u64(p);
        p += 8;
      }
    return;
  }
}

function inflate(r: Reader, e: Entry, name: string): Uint8Array {
  if (e.flags & 0x1)
    throw new ZipError({
      fr: `le fichier ${quote(name)} est chiffré : un paquet n’a pas de mot de passe.`,
      en: `the file ${quote(name)} is encrypted: a package has no password.`,
    });
  if (r.u32(e.localOffset) !== 0x04034b50) throw unreadable();
  const start = e.localOffset + 30 + r.u16(e.localOffset + 26) + r.u16(e.localOffset + 28);
  const data = r.bytes(start, e.compressed);
  if (e.method === 0) {
    if (e.compressed !== e.size) throw unreadable();
    return data.slice();
  }
  if (e.method !== 8)
    throw new ZipError({
      fr: `le fichier ${quote(name)} est compressé d’une façon non prise en charge (méthode ${e.method} ; deflate attendu).`,
      en: `the file ${quote(name)} uses an unsupported compression (method ${e.method}; deflate expected).`,
    });
  let out: Buffer;
  try {
    out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new ZipError({
        fr: `le fichier ${quote(name)} se décompresse en plus que sa taille déclarée (${e.size} octets) : archive piégée.`,
        en: `the file ${quote(name)} inflates to more than its declared size (${e.size} bytes): a booby-trapped archive.`,
      });
    throw unreadable({ fr: `${quote(name)} est abîmé`, en: `${quote(name)} is damaged` });
  }
  if (out.length !== e.size) throw unreadable({ fr: `${quote(name)} est abîmé`, en: `${quote(name)} is damaged` });
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}
