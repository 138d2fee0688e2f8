import type { TFunction } from 'i18next';
import type { AccommodationView } from '../../../shared/api/desk';

/** « Temps supplémentaire +25 % », « … : 20 min », « Salle séparée ». */
export function accommodationLabel(t: TFunction<'care'>, a: Pick<AccommodationView, 'kind' | 'minutes'>): string {
  return t(`accommodations.kind.${a.kind}`, { minutes: a.minutes ?? 0 });
}
