import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { classifySecurityEvent, RISC_EVENT_TYPES } from '@relink/core';
import type { Services } from '../services/services.js';
import { sqlRows } from '../services/sqlRows.js';
import { applySecurityEvent } from './applySecurityEvent.js';
import { verifySignedRequest } from './facebookSignedRequest.js';
import { RiscVerifier } from './RiscVerifier.js';

const TOKEN_REVOKING_EVENTS = new Set<string>([RISC_EVENT_TYPES.tokensRevoked, RISC_EVENT_TYPES.tokenRevoked]);

function signedRequestOf(req: Request): unknown {
  const body: unknown = req.body;
  return body && typeof body === 'object' ? (body as Record<string, unknown>).signed_request : undefined;
}

/**
 * Provider pushes: Facebook's deauthorize and data-deletion callbacks (`signed_request`, HMAC-SHA256
 * with the app secret) and Google's RISC receiver (a security event token verified against the
 * issuer's keys). An invalid signature or token answers 400 and changes nothing; a repeated event
 * (same signed_request, same `jti`) is acknowledged and changes nothing.
 */
export function webhookRouter(services: Services, log: Logger): Router {
  const router = express.Router();
  const { config } = services;
  const facebookOn = config.facebook.mode !== 'disabled';
  const googleOn = config.google.mode !== 'disabled';
  const risc = new RiscVerifier(services.providers.endpoints.google.riscConfigurationURL, [config.google.clientId]);
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  router.post('/webhooks/facebook/deauthorize', form, async (req: Request, res: Response, next: NextFunction) => {
    if (!facebookOn) return void res.status(404).json({ error: 'Facebook is not configured on this server' });
    const verified = verifySignedRequest(signedRequestOf(req), config.facebook.clientSecret);
    if (!verified.ok) {
      log.warn({ webhook: 'facebook-deauthorize', reason: verified.reason }, 'refused a deauthorize callback');
      return void res.status(400).json({ error: `invalid signed_request: ${verified.reason}` });
    }
    try {
      const result = classifySecurityEvent('FACEBOOK', verified.payload);
      if (result.outcome !== 'invalid') {
        log.warn({ webhook: 'facebook-deauthorize', eventType: result.eventType }, 'deauthorize payload without a user');
        return void res.status(400).json({ error: 'the signed_request payload names no user_id' });
      }
      const outcome = await applySecurityEvent(services, {
        provider: 'FACEBOOK',
        dedupeKey: `deauthorize:${verified.digest}`,
        result,
        actor: 'provider:facebook-deauthorize',
      });
      log.info({ webhook: 'facebook-deauthorize', ...outcome, integrationIds: undefined, integrations: outcome.integrationIds.length }, 'deauthorize callback applied');
      res.json({ ok: true, duplicate: outcome.duplicate, integrations: outcome.integrationIds.length });
    } catch (error) {
      next(error);
    }
  });

  router.post('/webhooks/facebook/data-deletion', form, async (req: Request, res: Response, next: NextFunction) => {
    if (!facebookOn) return void res.status(404).json({ error: 'Facebook is not configured on this server' });
    const verified = verifySignedRequest(signedRequestOf(req), config.facebook.clientSecret);
    if (!verified.ok) {
      log.warn({ webhook: 'facebook-data-deletion', reason: verified.reason }, 'refused a data deletion callback');
      return void res.status(400).json({ error: `invalid signed_request: ${verified.reason}` });
    }
    try {
      const result = classifySecurityEvent('FACEBOOK', verified.payload);
      if (result.outcome !== 'invalid') return void res.status(400).json({ error: 'the signed_request payload names no user_id' });
      const code = verified.digest.slice(0, 20);
      const outcome = await applySecurityEvent(services, {
        provider: 'FACEBOOK',
        dedupeKey: `data-deletion:${code}`,
        result,
        actor: 'provider:facebook-data-deletion',
        deleteTokens: true,
        forgetIdentity: true,
      });
      log.info({ webhook: 'facebook-data-deletion', duplicate: outcome.duplicate, integrations: outcome.integrationIds.length }, 'data deletion applied');
      res.json({ url: `${config.publicUrl}/webhooks/facebook/data-deletion/${code}`, confirmation_code: code });
    } catch (error) {
      next(error);
    }
  });

  router.get('/webhooks/facebook/data-deletion/:code', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const code = String(req.params.code);
      const rows = /^[0-9a-f]{20}$/.test(code)
        ? await sqlRows(services.database.dataSource, "SELECT received_at FROM seen_security_events WHERE provider = 'FACEBOOK' AND dedupe_key = $1", [
            `data-deletion:${code}`,
          ])
        : [];
      if (!rows[0]) return void res.status(404).json({ confirmation_code: code, status: 'unknown' });
      res.json({ confirmation_code: code, status: 'completed', completedAt: new Date(String(rows[0].received_at instanceof Date ? rows[0].received_at.toISOString() : rows[0].received_at)).toISOString() });
    } catch (error) {
      next(error);
    }
  });

  router.post('/webhooks/google/risc', express.text({ type: () => true, limit: '32kb' }), async (req: Request, res: Response, next: NextFunction) => {
    if (!googleOn) return void res.status(404).json({ error: 'Google is not configured on this server' });
    const token = typeof req.body === 'string' ? req.body.trim() : '';
    try {
      const verified = await risc.verify(token);
      if (!verified.ok) {
        log.warn({ webhook: 'google-risc', reason: verified.reason }, 'refused a security event token');
        return void res.status(verified.unavailable ? 503 : 400).json({ error: `invalid security event token: ${verified.reason}` });
      }
      const result = classifySecurityEvent('GOOGLE', verified.claims);
      const outcome = await applySecurityEvent(services, {
        provider: 'GOOGLE',
        dedupeKey: `jti:${verified.claims.jti}`,
        result,
        actor: 'provider:google-risc',
        deleteTokens: result.outcome === 'invalid' && TOKEN_REVOKING_EVENTS.has(result.eventType),
      });
      log.info(
        { webhook: 'google-risc', eventType: result.eventType, outcome: result.outcome, duplicate: outcome.duplicate, integrations: outcome.integrationIds.length },
        'security event received',
      );
      res.status(202).end();
    } catch (error) {
      next(error);
    }
  });

  router.use('/webhooks', (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    log.error({ err: error }, 'provider webhook failed');
    res.status(500).json({ error: 'the event could not be processed; send it again' });
  });
  return router;
}
