import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from 'pino';
import { authenticate } from '../auth/authenticate.js';
import type { Services } from '../services/services.js';
import type { RequestContext } from './context.js';
import { createLoaders } from './loaders.js';

const firstHeader = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** Builds the per-request context for `/graphql` over HTTP: who calls (token + Origin) and fresh loaders. */
export function httpContext(services: Services, log: Logger) {
  return async ({ req }: { req: { headers: IncomingHttpHeaders } }): Promise<RequestContext> => ({
    viewer: await authenticate(services, firstHeader(req.headers.authorization), firstHeader(req.headers.origin)),
    services,
    log,
    loaders: createLoaders(services),
  });
}
