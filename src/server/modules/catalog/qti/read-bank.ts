import type { Item } from '../../../../shared/exam.js';
import { checkItem } from '../items/check-item.js';
import { q, type ProblemList } from '../import-problems.js';
import { openPackage } from './import-qti.js';
import { readItem } from './read-item.js';
import { descendants } from './xml.js';

/**
 * The items of a QTI package, for a training's bank: every item resource of the manifest (a test, if the package
 * has one, is not read: the bank keeps items). Each is read and checked as an exam's item is; an interaction
 * that says shuffle="false" keeps its order (`shuffle: false`) in the exams that draw it. Null on any problem.
 */
export function readQtiBank(bytes: Uint8Array, name: string, problems: ProblemList): Item[] | null {
  const opened = openPackage(bytes, name, problems);
  if (!opened) return null;
  const { pkg, resources } = opened;
  const itemResources = resources.filter((r) => (r.attrs.type ?? '').startsWith('imsqti_item_xmlv'));
  if (itemResources.length === 0) {
    problems.add(
      { fr: 'le manifeste ne déclare aucune question.', en: 'the manifest declares no item.' },
      { file: pkg.where('imsmanifest.xml') },
    );
    return null;
  }
  const paths = itemResources.map((r) => pkg.resolve('imsmanifest.xml', r.attrs.href ?? ''));
  if (!pkg.fits(paths.filter((p) => p !== null))) return null;
  const items: Item[] = [];
  const seen = new Set<string>();
  for (const [i, path] of paths.entries()) {
    if (path === null) continue;
    const xml = pkg.xml(path, { file: 'imsmanifest.xml', item: itemResources[i]!.attrs.identifier });
    if (!xml) continue;
    const read = readItem(xml, path, pkg, resources);
    if (!read) continue;
    const item = read.item;
    // QTI's default, when shuffle is absent, is left to the exam.
    if (descendants(xml, 'choiceInteraction').some((c) => c.attrs.shuffle === 'false')) item.shuffle = false;
    if (seen.has(item.id))
      problems.add(
        { fr: `l’identifiant ${q(item.id)} est déjà pris.`, en: `identifier ${q(item.id)} is already used.` },
        { file: pkg.where(path), item: item.id, field: 'id' },
      );
    seen.add(item.id);
    checkItem(item, problems, item.id);
    items.push(item);
  }
  return problems.ok ? items : null;
}
