/** 75 → "75,00 %" (fr) or "75.00 %" (en): the percentage as the server truncated it. */
export function formatPercent(value: number, lang: string): string {
  const n = new Intl.NumberFormat(lang.startsWith('en') ? 'en-CA' : 'fr-CA', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(value);
  return `${n} %`;
}

export function formatPoints(value: number, lang: string): string {
  return new Intl.NumberFormat(lang.startsWith('en') ? 'en-CA' : 'fr-CA', { maximumFractionDigits: 4 }).format(value);
}
