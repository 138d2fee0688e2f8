/** Lower-case, accent-free form used for search and comparisons (« Geneviève » → « genevieve »). */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
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
