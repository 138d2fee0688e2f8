/** « Mesures d'adaptation »: extra time (+25 %, +50 %, a number of minutes) or a separate room. */
export const accommodationKinds = ['extra_25', 'extra_50', 'extra_minutes', 'separate_room'] as const;
/** « Signaler une irrégularité »: comportement, technique, identité, autre. */
export const irregularityCategories = ['behaviour', 'technical', 'identity', 'other'] as const;
