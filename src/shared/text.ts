/** Lower-case, accent-free form used for search and comparisons (« Geneviève » → « genevieve »). */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

/**
 * The search form of a name or a typed word: folded, then letters and digits only, so apostrophes (' ’),
 * hyphens, spaces and dots do not count (« D’Amour » → « damour », « Sainte-Marie » → « saintemarie »).
 */
export function compactText(s: string): string {
  return foldText(s).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The words of a search query, each compacted (« Sainte-Marie d'amour » → « saintemarie », « damour »). */
export function searchWords(query: string): string[] {
  return foldText(query).split(/\s+/).map(compactText).filter(Boolean);
}

/**
 * What a word typed into the desk's search may begin, to match inside an e-mail address: every suffix of its
 * compacted form starting in the part before « @ », and the domain from each of its labels on
 * (glavigne@vigie.demo → glavignevigiedemo, lavignevigiedemo, …, evigiedemo, vigiedemo, demo).
 * A prefix search on these keys is a substring search of the local part, served by an index.
 */
export function emailSearchKeys(email: string): string[] {
  const lower = email.toLowerCase();
  const at = lower.lastIndexOf('@');
  const local = compactText(at < 0 ? lower : lower.slice(0, at));
  const labels =
    at < 0
      ? []
      : lower
          .slice(at + 1)
          .split('.')
          .map(compactText);
  const domain = labels.join('');
  const keys = new Set<string>();
  for (let i = 0; i < local.length; i++) keys.add(local.slice(i) + domain);
  for (let i = 0; i < labels.length; i++) keys.add(labels.slice(i).join(''));
  keys.delete('');
  return [...keys];
}

/** LastnameFirstname, accents and non-letters removed (« Lavigne », « Geneviève » → « LavigneGenevieve »). */
export function photoFileName(lastName: string, firstName: string): string {
  const part = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .split(/[^A-Za-z]+/)
      .filter(Boolean)
      .map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase())
      .join('');
  return part(lastName) + part(firstName);
}
