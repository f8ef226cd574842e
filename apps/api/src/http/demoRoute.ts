import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Services } from '../services/services.js';
import { demoCsp, renderDemoPage } from './demo/demoPage.js';
import { DEMO_ACTOR, DEMO_VIEWER, ensureDemoTenant, type DemoTenant } from './demo/demoTenant.js';

/** The page's widget session lives an hour; demo.js fetches a fresh one when it expires. */
const SESSION_TTL_SECONDS = 3600;

/** demo.js and demo.css are plain files next to this module's source (also when run from dist/). */
const ASSETS = { 'demo.js': 'text/javascript; charset=utf-8', 'demo.css': 'text/css; charset=utf-8' } as const;
const assetDir = fileURLToPath(new URL('../../src/http/demo/', import.meta.url));

function secure(res: Response, csp: string): void {
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
}

/**
 * `/demo/` (development and test only, never in production): a host page for the "Demo tenant"
 * with `<relink-banner>` and the sandbox's invalidate buttons, so the banner can be watched
 * reacting. The tenant and its sandbox people are set up on the first request (see
 * `ensureDemoTenant`); each page load mints a widget session for this server's own origin.
 * `POST /demo/session` mints another, `POST /demo/recheck` checks the demo integrations now
 * (both only from this origin).
 */
export function demoRoute(services: Services, log: Logger): Router {
  const router = Router();
  const { config } = services;
  if (config.mode === 'production') return router;
  const origin = new URL(config.publicUrl).origin;
  const csp = demoCsp(origin);
  let demo: Promise<DemoTenant> | undefined;
  const ensure = (): Promise<DemoTenant> =>
    (demo ??= ensureDemoTenant(services).catch((error: unknown) => {
      demo = undefined;
      throw error;
    }));
  const mint = (tenantId: string) => services.widgetSessions.create(DEMO_VIEWER, tenantId, origin, SESSION_TTL_SECONDS);
  const failed = (res: Response, what: string, error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    log.error({ err: error }, `demo: ${what} failed`);
    res.status(503).type('text/plain').send(`The demo could not ${what}: ${message}`);
  };
  const sameOrigin = (req: Request, res: Response): boolean => {
    if (req.get('origin') === origin) return true;
    res.status(403).json({ error: `Only the demo page on ${origin} may call ${req.path}.` });
    return false;
  };

  router.get(/^\/demo$/, (_req, res) => res.redirect(301, '/demo/'));

  router.get('/demo/', async (req, res) => {
    // The widget's session, the OAuth done page and postMessage all name this server's public origin.
    if (`${req.protocol}://${req.get('host')}` !== origin) return res.redirect(302, `${origin}/demo/`);
    try {
      const { tenantId, people } = await ensure();
      const { token, session } = await mint(tenantId);
      secure(res, csp);
      res.type('html').send(renderDemoPage({ publicUrl: origin, sessionToken: token, expiresAt: session.expiresAt, people }));
    } catch (error) {
      failed(res, 'set up the Demo tenant', error);
    }
  });

  for (const [file, type] of Object.entries(ASSETS)) {
    router.get(`/demo/${file}`, async (_req, res) => {
      try {
        const body = await readFile(`${assetDir}${file}`);
        secure(res, csp);
        res.type(type).send(body);
      } catch (error) {
        failed(res, `read ${file}`, error);
      }
    });
  }

  router.post('/demo/session', async (req, res) => {
    if (!sameOrigin(req, res)) return;
    try {
      const { token, session } = await mint((await ensure()).tenantId);
      res.json({ token, expiresAt: session.expiresAt.toISOString() });
    } catch (error) {
      failed(res, 'mint a widget session', error);
    }
  });

  router.post('/demo/recheck', async (req, res) => {
    if (!sameOrigin(req, res)) return;
    try {
      const { integrationIds } = await ensure();
      const failures: string[] = [];
      for (const id of integrationIds) {
        await services.checks.recheck(id, DEMO_ACTOR).catch((error: unknown) => failures.push(error instanceof Error ? error.message : String(error)));
      }
      res.json({ checked: integrationIds.length - failures.length, failed: failures });
    } catch (error) {
      failed(res, 'recheck', error);
    }
  });

  return router;
}
