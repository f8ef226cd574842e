/** Who is calling, decided once per request from the Authorization header (and, for widgets, the Origin). */
export type Viewer =
  | { kind: 'ANONYMOUS' }
  | { kind: 'TENANT'; tenantId: string; apiKeyId: string }
  | { kind: 'WIDGET'; tenantId: string; sessionId: string; origin: string; expiresAt: Date }
  | { kind: 'STAFF'; staffId: string; name: string };

export type ViewerKind = Viewer['kind'];

export const ANONYMOUS: Viewer = { kind: 'ANONYMOUS' };

/** The tenant a non-staff viewer is bound to; undefined for staff (every tenant) and anonymous. */
export function viewerTenantId(viewer: Viewer): string | undefined {
  return viewer.kind === 'TENANT' || viewer.kind === 'WIDGET' ? viewer.tenantId : undefined;
}

/** How the viewer is named in history rows, audit rows and OAuth tickets, e.g. `staff:<id>`. */
export function actorOf(viewer: Viewer): string {
  switch (viewer.kind) {
    case 'STAFF':
      return `staff:${viewer.staffId}`;
    case 'TENANT':
      return `tenant:${viewer.apiKeyId}`;
    case 'WIDGET':
      return `widget:${viewer.sessionId}`;
    case 'ANONYMOUS':
      return 'anonymous';
  }
}
