import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { SandboxContext } from '../context.js';
import { faultMiddleware } from '../faults.js';
import { bearer, params, send } from '../shared/http.js';
import { accessTokenEndpoint } from './accessToken.js';
import { handleBatch } from './batch.js';
import { dialogGet, dialogPost } from './dialog.js';
import { facebookFault } from './faultAnswers.js';
import { handleGraph } from './graph.js';
import { splitVersion, versionOr } from './version.js';

const versionOf = (res: Response): string => versionOr(res.locals.graphVersion as string | undefined);

/** Facebook's dialog, token endpoint and Graph API, with an optional `/vNN.N` prefix on every path. */
export function facebookRouter(ctx: SandboxContext): Router {
  const router = express.Router();
  router.use((req: Request, res: Response, next: NextFunction) => {
    const [pathname = '/', ...query] = req.url.split('?');
    const { path, version } = splitVersion(pathname);
    res.locals.graphVersion = version;
    req.url = query.length ? `${path}?${query.join('?')}` : path;
    next();
  });
  router.use(express.urlencoded({ extended: false, limit: '2mb' }), express.json({ limit: '2mb' }));
  router.use((_req: Request, res: Response, next: NextFunction) => {
    if (ctx.facebook) return next();
    res.status(404).json({ error: 'The Facebook sandbox is not configured: pass options.facebook to createSandbox' });
  });
  router.get('/dialog/oauth', dialogGet(ctx));
  router.post('/dialog/oauth', dialogPost(ctx));
  router.get('/picture/:userId', (_req: Request, res: Response) => {
    res
      .type('image/svg+xml')
      .send('<svg xmlns="http://www.w3.org/2000/svg" width="50" height="50"><rect width="50" height="50" fill="#c9ccd1"/></svg>');
  });
  router.use(faultMiddleware('FACEBOOK', ctx.faults, ctx.faultTimeoutMs, (kind, req) => facebookFault(ctx, kind, req)));
  router.all('/oauth/access_token', (req: Request, res: Response) => send(res, accessTokenEndpoint(ctx, params(req))));
  router.post('/', (req: Request, res: Response) => send(res, handleBatch(ctx, params(req), bearer(req), versionOf(res))));
  router.use((req: Request, res: Response) => {
    const p = params(req);
    const token = p.access_token ?? bearer(req);
    send(res, handleGraph(ctx, { method: req.method, path: req.path, query: p, token, version: versionOf(res), tokenInQuery: p.access_token !== undefined }));
  });
  return router;
}
