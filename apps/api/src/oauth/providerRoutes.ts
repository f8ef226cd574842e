import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Sandbox } from '@relink/provider-sandbox';
import { donePageAssets } from '../http/donePage.js';
import { mountSandbox } from '../http/sandboxMount.js';
import type { Services } from '../services/services.js';
import { buildPassport } from './buildPassport.js';
import { oauthRouter } from './oauthRouter.js';
import { TicketStateStore } from './TicketStateStore.js';
import { webhookRouter } from '../webhooks/webhookRouter.js';

/**
 * Everything provider-facing on the HTTP side: the sandbox providers (sandbox mode only), the OAuth
 * routes with their done page, and the provider webhooks. Returns the sandbox when one was mounted.
 */
export function mountProviderRoutes(app: Express, services: Services, log: Logger): { sandbox: Sandbox | undefined } {
  const sandbox = mountSandbox(app, services.config);
  const passport = buildPassport(services.config, services.providers.endpoints, new TicketStateStore(services.tickets));
  app.use(donePageAssets());
  app.use(oauthRouter({ services, clients: services.providers, passport, log }));
  app.use(webhookRouter(services, log));
  return { sandbox };
}
