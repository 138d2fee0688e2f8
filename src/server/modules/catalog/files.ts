import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Said } from './import-problems.js';
import type { AssetReader } from './items/read-file-item.js';

/**
 * Reads the files an exam file names (its images) from the exam file's folder, and never from outside it:
 * `../` or an absolute path reads nothing (reported as a missing file).
 */
export function fileAssetReader(baseDir: string): AssetReader {
  const base = path.resolve(baseDir);
  return (relative) => {
    if (path.isAbsolute(relative)) return null;
    const full = path.resolve(base, relative);
    if (!full.startsWith(base + path.sep)) return null;
    if (!existsSync(full) || !statSync(full).isFile()) return null;
    return readFileSync(full);
  };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * A text file's content (byte-order mark dropped), or why it is not UTF-8 and on which line: a file saved in
 * Latin-1 or Windows-1252 would otherwise be read with « � » in place of every accented letter, and imported.
 */
export function utf8Text(bytes: Uint8Array): string | { said: Said; line: number } {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    // The longest prefix that decodes tells the line of the first byte that does not.
    let good = 0;
    let bad = bytes.length;
    while (good < bad) {
      const mid = Math.ceil((good + bad) / 2);
      if (decodes(bytes.subarray(0, mid))) good = mid;
      else bad = mid - 1;
    }
    let line = 1;
    for (let i = 0; i < good; i++) if (bytes[i] === 0x0a) line++;
    return {
      line,
      said: {
        fr: 'le fichier n’est pas en UTF-8 (peut-être en Latin-1 ou Windows-1252) : enregistrez-le en UTF-8.',
        en: 'the file is not UTF-8 (perhaps Latin-1 or Windows-1252): save it as UTF-8.',
      },
    };
  }
}

/** Whether a prefix decodes; a character cut at the end of the prefix does not count against it. */
function decodes(prefix: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(prefix, { stream: true });
    return true;
  } catch {
    return false;
  }
}
