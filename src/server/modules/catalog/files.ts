import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AssetReader } from './import-yaml.js';

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
