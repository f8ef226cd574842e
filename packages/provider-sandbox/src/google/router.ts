import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { GOOGLE_ADS_VERSION, type SandboxContext } from '../context.js';
import { faultMiddleware } from '../faults.js';
import { send } from '../shared/http.js';
import { adsApi } from './ads.js';
import { authorizeGet, authorizePost } from './consent.js';
import { googleFault } from './faultAnswers.js';
import { revoke, tokeninfo, userinfo } from './oauthApis.js';
import { pushSecurityEvent, riscConfiguration } from './risc.js';
import { tokenEndpoint } from './tokenEndpoint.js';

/** Google's consent, token, userinfo/tokeninfo/revoke, a Google-Ads-like API and RISC discovery. */
export function googleRouter(ctx: SandboxContext): Router {
  const router = express.Router();
  router.use(express.urlencoded({ extended: false }), express.json());
  router.use((_req: Request, res: Response, next: NextFunction) => {
    if (ctx.google) return next();
    res.status(404).json({ error: 'The Google sandbox is not configured: pass options.google to createSandbox' });
  });
  router.get('/o/oauth2/v2/auth', authorizeGet(ctx));
  router.post('/o/oauth2/v2/auth', authorizePost(ctx));
  router.get('/.well-known/risc-configuration', (_req: Request, res: Response) => {
    res.json(riscConfiguration(ctx));
  });
  router.get('/oauth2/v3/certs', (_req: Request, res: Response) => {
    res.set('cache-control', 'public, max-age=300').json(ctx.keys.jwks);
  });
  // RISC stream verification: Google sends a `verification` event carrying `state` to the receiver.
  router.use('/risc/v1beta', (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || req.path !== '/stream:verify') return next();
    const state = typeof req.body?.state === 'string' ? req.body.state : undefined;
    pushSecurityEvent(ctx, undefined, 'verification', state ? { state } : {}).then(() => res.json({}), next);
  });
  router.get('/picture/:userId', (_req: Request, res: Response) => {
    res
      .type('image/svg+xml')
      .send('<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96"><circle cx="48" cy="48" r="48" fill="#1a73e8"/></svg>');
  });
  router.use(faultMiddleware('GOOGLE', ctx.faults, ctx.faultTimeoutMs, (kind, req) => googleFault(ctx, kind, req)));
  router.post('/token', (req: Request, res: Response, next: NextFunction) => {
    tokenEndpoint(ctx, req).then((answer) => send(res, answer), next);
  });
  router.get('/oauth2/v3/userinfo', (req: Request, res: Response) => send(res, userinfo(ctx, req)));
  router.all('/oauth2/v3/tokeninfo', (req: Request, res: Response) => send(res, tokeninfo(ctx, req)));
  router.all('/revoke', (req: Request, res: Response) => send(res, revoke(ctx, req)));
  const adsPrefix = `/ads/${GOOGLE_ADS_VERSION}`;
  router.use(adsPrefix, (req: Request, res: Response) => send(res, adsApi(ctx, req, req.path)));
  router.use((req: Request, res: Response) => {
    res.status(404).json({ error: { code: 404, message: `The sandbox has no Google endpoint ${req.method} ${req.path}`, status: 'NOT_FOUND' } });
  });
  return router;
}
