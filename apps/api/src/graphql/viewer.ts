/** Who is calling, decided once per request from the Authorization header. */
export type Viewer =
  | { kind: 'ANONYMOUS' }
  | { kind: 'TENANT'; tenantId: string; apiKeyId: string }
  | { kind: 'WIDGET'; tenantId: string; sessionId: string; origin: string }
  | { kind: 'STAFF'; staffId: string; name: string };

export const ANONYMOUS: Viewer = { kind: 'ANONYMOUS' };

/** The tenant a non-staff viewer is bound to; undefined for staff (every tenant) and anonymous. */
export function viewerTenantId(viewer: Viewer): string | undefined {
  return viewer.kind === 'TENANT' || viewer.kind === 'WIDGET' ? viewer.tenantId : undefined;
}
