/** Dates are UTC ISO strings on the wire and shown in the service point's time zone. */
export const DEFAULT_TIME_ZONE = 'America/Toronto';

export function formatDateTime(iso: string | null | undefined, lang: string, timeZone = DEFAULT_TIME_ZONE): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-CA' : 'fr-CA', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));
}

export function formatTime(iso: string | null | undefined, lang: string, timeZone = DEFAULT_TIME_ZONE): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-CA' : 'fr-CA', { timeStyle: 'short', timeZone }).format(
    new Date(iso),
  );
}

export function formatDate(isoOrDay: string | null | undefined, lang: string, timeZone = DEFAULT_TIME_ZONE): string {
  if (!isoOrDay) return '';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(isoOrDay) ? new Date(`${isoOrDay}T12:00:00Z`) : new Date(isoOrDay);
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-CA' : 'fr-CA', { dateStyle: 'long', timeZone }).format(d);
}

/** 1234.5 → « 1 234,5 » in French. */
export function formatNumber(n: number, lang: string): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-CA' : 'fr-CA', { maximumFractionDigits: 2 }).format(n);
}

/** Seconds → m:ss (or h:mm:ss). */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
