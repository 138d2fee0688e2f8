import type { CardStatus } from '../../../shared/cards.js';

/** Calendar dates (YYYY-MM-DD) on cards: no time, no time zone once computed. */

/** The same day N months later; the 31st of a shorter month becomes its last day (2026-01-31 + 1 → 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * A card is valid from its success date up to the day before its expiry date ("Expire le" is the first day it
 * no longer holds), expired from that day, revoked whatever its dates once an administrator revoked it.
 */
export function cardStatus(
  card: { state: 'awaiting_photo' | 'issued'; revoked_at: string | null; expires_on: string | null },
  today: string,
): CardStatus {
  if (card.revoked_at) return 'revoked';
  if (card.state === 'awaiting_photo') return 'awaiting_photo';
  if (card.expires_on && today >= card.expires_on) return 'expired';
  return 'valid';
}
