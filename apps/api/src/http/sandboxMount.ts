import { join } from 'node:path';
import type { Express } from 'express';
import { createSandbox, type Sandbox } from '@relink/provider-sandbox';
import type { Config } from '../config.js';
import { sandboxPublicUrl } from '../providers/providerEndpoints.js';

/**
 * Mounts the sandbox providers at `/sandbox` when at least one provider runs in sandbox mode
 * (never in production: there a provider without credentials is disabled, and the unauthenticated
 * control endpoints must not exist). Pushed notices go to this API's own webhook routes.
 */
export function mountSandbox(app: Express, config: Config): Sandbox | undefined {
  if (config.mode === 'production') return undefined;
  const facebook = config.facebook.mode === 'sandbox';
  const google = config.google.mode === 'sandbox';
  if (!facebook && !google) return undefined;
  const sandbox = createSandbox({
    publicUrl: sandboxPublicUrl(config),
    ...(facebook
      ? {
          facebook: {
            appId: config.facebook.clientId,
            appSecret: config.facebook.clientSecret,
            deauthorizeCallbackUrl: `${config.publicUrl}/webhooks/facebook/deauthorize`,
            dataDeletionCallbackUrl: `${config.publicUrl}/webhooks/facebook/data-deletion`,
          },
        }
      : {}),
    ...(google
      ? {
          google: {
            clientId: config.google.clientId,
            clientSecret: config.google.clientSecret,
            riscReceiverUrl: `${config.publicUrl}/webhooks/google/risc`,
            testingMode: config.googleTestingMode,
          },
        }
      : {}),
    // `pnpm start` keeps the sandbox's users and tokens beside the database, so a restart does not
    // turn every stored credential into a dead one. Tests keep it in memory.
    ...(config.mode === 'development' ? { stateFile: join(config.dataDir, 'sandbox-state.json') } : {}),
  });
  app.use('/sandbox', sandbox.router);
  return sandbox;
}
