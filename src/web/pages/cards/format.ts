import { api } from '../../api/client';

/** A calendar day (YYYY-MM-DD) as words: « 10 mars 2026 », "March 10, 2026". */
export function formatDay(day: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-CA' : 'fr-CA', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

/** The day of a timestamp, at the organisation's time zone. */
export function formatInstantDay(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-CA' : 'fr-CA', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'America/Toronto',
  }).format(new Date(iso));
}

/** Fetches a file through the API client (session cookie, errors as ApiError) and hands it to the browser. */
export async function downloadFile(url: string, fileName: string): Promise<void> {
  const blob = await api<Blob>('GET', url);
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
}
