/**
 * Who may do what, in one table. Every route names one capability in `config.access`
 * (or 'public'); http/auth.ts enforces it before the handler runs, and the route inventory
 * test walks every route against this table.
 */
/**
 * `manager` is « Gestionnaire de point de service »: granted per service point, like `operator`; what a manager
 * reaches is scoped to their service points (http/manager-scope.ts), "not yours" answering like "does not exist".
 */
export type Role = 'learner' | 'operator' | 'manager' | 'admin';

export const capabilities = {
  /** Signed-in user acting on their own account. */
  'account.self': ['learner', 'operator', 'manager', 'admin'],
  /** Learner-side training pages and exam taking. */
  'learning.self': ['learner', 'operator', 'manager', 'admin'],
  /** The service-point desk: learners, identity, photo, authorizations, monitoring. Scoped to the operator's points. */
  'desk.use': ['operator'],
  /**
   * A service point's own administration: its workstations, operators, enrolments, reports. Administrators
   * reach every service point; a manager only theirs (http/manager-scope.ts).
   */
  'service_point.manage': ['manager', 'admin'],
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
