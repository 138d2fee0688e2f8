/**
 * Which service points an administration call may read or change. An administrator's scope is every service
 * point; a per-service-point manager (issue 16) will carry the ids of theirs. Services take the scope and put
 * it in their queries' WHERE clause, so "not yours" reads exactly like "does not exist".
 */
export type CatalogScope = { kind: 'all' } | { kind: 'servicePoints'; ids: readonly string[] };

export const EVERY_SERVICE_POINT: CatalogScope = { kind: 'all' };

export function inScope(scope: CatalogScope, servicePointId: string): boolean {
  return scope.kind === 'all' || scope.ids.includes(servicePointId);
}
