import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { Router, type Response } from 'express';

/**
 * The console may load only its own files and talk only to this origin (HTTP and the graphql-ws
 * socket). No inline script or style: Lit's styles go through constructable stylesheets, which a
 * CSP does not restrict.
 */
export const ADMIN_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Where `@relink/admin` keeps its `vite build` output. */
export function adminDistDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@relink/admin/package.json')), 'dist');
}

function secure(res: Response): void {
  res.setHeader('Content-Security-Policy', ADMIN_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

/**
 * Serves the support console at `/admin/`: hashed assets (cached for a year), anything else under
 * `/admin/` answers index.html (the console routes in the URL hash, but deep links still open).
 * When the console was not built, `/admin/` says how to build it instead of a bare 404.
 */
export function adminRoute(distDir: string = adminDistDir()): Router {
  const router = Router();
  const indexFile = join(distDir, 'index.html');
  router.get(/^\/admin$/, (req, res) => {
    const query = req.originalUrl.indexOf('?');
    res.redirect(301, `/admin/${query >= 0 ? req.originalUrl.slice(query) : ''}`);
  });
  router.use('/admin', (_req, res, next) => {
    secure(res);
    next();
  });
  router.use(
    '/admin/assets',
    express.static(join(distDir, 'assets'), { immutable: true, maxAge: '365d', index: false, redirect: false }),
    (_req, res) => {
      res.status(404).type('text/plain').send('No such console asset: it may be from an older build. Reload the page.');
    },
  );
  router.use('/admin', express.static(distDir, { index: false, maxAge: 0, redirect: false }));
  router.get(/^\/admin\/.*/, (_req, res) => {
    if (!existsSync(indexFile)) {
      res
        .status(503)
        .type('text/plain')
        .send('The support console is not built. Run `pnpm --filter @relink/admin build` (or `pnpm start`, which builds it) and reload.');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });
  return router;
}
