import type { ExamSection, Item, LocalizedText, SectionPart } from '../../../shared/exam.js';
import { normalizeLocalized } from './exam-definition.js';
import type { ExamFileSection, ExamFileText } from './exam-file.schema.js';
import { q, type ProblemList } from './import-problems.js';

/**
 * The items of a training's bank, by training code (null: no such training). Read before the file is
 * (exams.service's `banksFor`): the readers do not wait on the database.
 */
export type BankLookup = (trainingCode: string) => Item[] | null;

const text = (t: ExamFileText): LocalizedText => normalizeLocalized(typeof t === 'string' ? { fr: t } : t);

/**
 * The own format's sections, into the definition's: item ids stay, sections nest, and a section drawing from
 * the bank (`bank: all` or ids) gets those items, copied from the bank into `items` (a version never changes,
 * whatever the bank becomes). Problems name the section.
 */
export function fileSections(
  sections: ExamFileSection[],
  bankCode: string | undefined,
  items: Item[],
  banks: BankLookup,
  problems: ProblemList,
): ExamSection[] {
  let bank: Map<string, Item> | null | undefined;
  const bankItems = (): Map<string, Item> | null => {
    if (bank !== undefined) return bank;
    const list = bankCode === undefined ? null : banks(bankCode);
    if (bankCode === undefined)
      problems.add(
        {
          fr: 'une section tire de la banque : donnez le code de la formation dans « bank ».',
          en: 'a section draws from the bank: give the training code in "bank".',
        },
        { field: 'bank' },
      );
    else if (list === null)
      problems.add(
        { fr: `formation inconnue : ${q(bankCode)}.`, en: `unknown training: ${q(bankCode)}.` },
        { field: 'bank' },
      );
    bank = list ? new Map(list.map((i) => [i.id, i])) : null;
    return bank;
  };
  const copied = new Set<string>();
  const own = new Set(items.map((i) => i.id));
  const take = (item: Item, path: string) => {
    if (copied.has(item.id)) return;
    if (own.has(item.id)) {
      problems.add(
        {
          fr: `la question ${q(item.id)} de la banque a l’identifiant d’une question du fichier.`,
          en: `bank item ${q(item.id)} has the identifier of an item of the file.`,
        },
        { field: `sections${path}.bank` },
      );
      return;
    }
    copied.add(item.id);
    items.push(structuredClone(item));
  };
  const convert = (s: ExamFileSection, path: string): ExamSection => {
    let parts: SectionPart[] = (s.parts ?? []).map((p, i) =>
      typeof p === 'string' ? { item: p } : { section: convert(p, `${path}.parts[${i + 1}]`) },
    );
    if (s.bank !== undefined) {
      if (s.parts !== undefined)
        problems.add(
          {
            fr: 'une section a des parties (parts) ou tire de la banque (bank), pas les deux.',
            en: 'a section has parts or draws from the bank, not both.',
          },
          { field: `sections${path}.bank` },
        );
      const found = bankItems();
      if (found) {
        const ids = s.bank === 'all' ? [...found.keys()].sort() : s.bank;
        if (ids.length === 0)
          problems.add(
            { fr: `la banque de ${q(bankCode)} est vide.`, en: `the bank of ${q(bankCode)} is empty.` },
            { field: `sections${path}.bank` },
          );
        parts = [];
        for (const id of ids) {
          const item = found.get(id);
          if (!item) {
            problems.add(
              { fr: `la banque n’a pas de question ${q(id)}.`, en: `the bank has no item ${q(id)}.` },
              { field: `sections${path}.bank` },
            );
            continue;
          }
          take(item, path);
          parts.push({ item: id });
        }
      }
    }
    return {
      id: s.id,
      ...(s.title !== undefined ? { title: text(s.title) } : {}),
      ...(s.select !== undefined ? { select: s.select } : {}),
      ...(s.shuffle ? { shuffle: true as const } : {}),
      parts,
    };
  };
  return sections.map((s, i) => convert(s, `[${i + 1}]`));
}

/** The definition's sections back into the own format (bank sections are written as the items they copied). */
export function sectionsOut(sections: ExamSection[]): ExamFileSection[] {
  return sections.map((s) => ({
    id: s.id,
    ...(s.title ? { title: s.title.en ? { fr: s.title.fr, en: s.title.en } : s.title.fr } : {}),
    ...(s.select !== undefined ? { select: s.select } : {}),
    ...(s.shuffle ? { shuffle: true } : {}),
    parts: s.parts.map((p) => ('item' in p ? p.item : sectionsOut([p.section])[0]!)),
  }));
}
