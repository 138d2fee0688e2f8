/**
 * Who may do what, in one table. Every route names one capability in `config.access`
 * (or 'public'); http/auth.ts enforces it before the handler runs, and the route inventory
 * test walks every route against this table.
 */
export type Role = 'learner' | 'operator' | 'admin';

export const capabilities = {
  /** Signed-in user acting on their own account. */
  'account.self': ['learner', 'operator', 'admin'],
  /** Learner-side training pages and exam taking. */
  'learning.self': ['learner', 'operator', 'admin'],
  /** The service-point desk: learners, identity, photo, authorizations, monitoring. Scoped to the operator's points. */
  'desk.use': ['operator'],
  /** Administration of service points, trainings, exams, cards, audit. */
  'admin.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof capabilities;
export type Access = Capability | 'public';

export interface Actor {
  userId: string;
  roles: readonly Role[];
}

export function can(actor: Actor | null, capability: Capability): boolean {
  if (!actor) return false;
  const allowed: readonly Role[] = capabilities[capability];
  return actor.roles.some((r) => allowed.includes(r));
}

/** What the UI may show, sent with the session so the client never re-derives roles. */
export function capabilitiesOf(actor: Actor | null): Capability[] {
  return (Object.keys(capabilities) as Capability[]).filter((c) => can(actor, c));
}
