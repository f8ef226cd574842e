import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Router, type Response } from 'express';
import { widgetBundleFile } from '@relink/widget/bundle-path';

interface Bundle {
  body: Buffer;
  hash: string;
}

/** Host pages on any origin load the bundle as a module script, which needs CORS. */
function setCommonHeaders(res: Response, bundle: Bundle): void {
  res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('ETag', `"${bundle.hash}"`);
}

/**
 * `GET /widget/relink-banner.js` (short cache, revalidated) and its content-hashed alias
 * `GET /widget/relink-banner.<hash>.js` (immutable for a year). The bundle is read once, lazily.
 */
export function widgetRoute(bundleFile: string = widgetBundleFile): Router {
  let loading: Promise<Bundle> | undefined;
  const load = () =>
    (loading ??= readFile(bundleFile).then((body) => ({ body, hash: createHash('sha256').update(body).digest('hex').slice(0, 16) })));
  const router = Router();

  router.get('/widget/relink-banner.js', async (req, res) => {
    const bundle = await load().catch(() => undefined);
    if (!bundle) {
      loading = undefined;
      res.status(503).type('text/plain').send('The widget bundle is not built yet: run `pnpm --filter @relink/widget build`.');
      return;
    }
    setCommonHeaders(res, bundle);
    res.setHeader('Cache-Control', 'public, max-age=300, must-revalidate');
    res.setHeader('Link', `</widget/relink-banner.${bundle.hash}.js>; rel="alternate"`);
    if (req.headers['if-none-match'] === `"${bundle.hash}"`) {
      res.status(304).end();
      return;
    }
    res.send(bundle.body);
  });

  router.get('/widget/relink-banner.:hash.js', async (req, res, next) => {
    const bundle = await load().catch(() => undefined);
    if (!bundle || req.params.hash !== bundle.hash) return next();
    setCommonHeaders(res, bundle);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.send(bundle.body);
  });

  /** The current hashed URL, for pages that want the immutable alias. */
  router.get('/widget/manifest.json', async (_req, res) => {
    const bundle = await load().catch(() => undefined);
    if (!bundle) return res.status(503).json({ error: 'The widget bundle is not built yet.' });
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'no-cache');
    res.json({ bundle: `/widget/relink-banner.${bundle.hash}.js`, hash: bundle.hash });
  });
  return router;
}
