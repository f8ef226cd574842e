import { Router } from 'express';
import type { RelinkDatabase } from '@relink/db';

/** `GET /healthz`: 200 when every part answers, 503 naming the part that does not. */
export function healthRoute(database: RelinkDatabase): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    try {
      await database.ping();
      res.json({ status: 'ok', db: 'ok' });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', db: 'unreachable', error: error instanceof Error ? error.message : String(error) });
    }
  });
  return router;
}
