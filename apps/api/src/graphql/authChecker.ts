import type { AuthCheckerFn } from 'type-graphql';
import type { RequestContext } from './context.js';
import { RelinkError } from './errors.js';
import type { ViewerKind } from './viewer.js';

/** The roles `@Authorized(...)` names: the kinds of token that may call a field. */
export type Role = Exclude<ViewerKind, 'ANONYMOUS'>;

const LABEL: Record<Role, string> = { STAFF: 'a staff token', TENANT: 'a tenant API key', WIDGET: 'a widget session' };

/**
 * `@Authorized()` = any token; `@Authorized('STAFF', 'TENANT')` = those kinds only.
 * No token → UNAUTHENTICATED; the wrong kind → FORBIDDEN, naming the kinds that may.
 */
export const authChecker: AuthCheckerFn<RequestContext, Role> = ({ context }, roles) => {
  const { viewer } = context;
  if (viewer.kind === 'ANONYMOUS') {
    throw new RelinkError('UNAUTHENTICATED', 'Sign in first: send an Authorization: Bearer <token> header.');
  }
  if (roles.length === 0 || roles.includes(viewer.kind)) return true;
  throw new RelinkError('FORBIDDEN', `This needs ${roles.map((r) => LABEL[r]).join(' or ')}; a ${viewer.kind.toLowerCase()} token may not do it.`);
};
