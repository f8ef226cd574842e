import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { createSandbox, type Sandbox } from './createSandbox.js';
import type { SandboxOptions } from './options.js';

export interface SandboxServer {
  /** The sandbox's publicUrl, e.g. `http://127.0.0.1:PORT/sandbox`. */
  url: string;
  sandbox: Sandbox;
  close(): Promise<void>;
}

/** Runs a sandbox on its own port (tests, benchmarks), mounted at `/sandbox`. */
export async function startSandboxServer(
  options: Omit<SandboxOptions, 'publicUrl'> & { port?: number; host?: string },
): Promise<SandboxServer> {
  const { port = 0, host = '127.0.0.1', ...rest } = options;
  const app = express();
  // The sandbox needs its public URL, known only once the port is bound.
  const mounted: { sandbox?: Sandbox } = {};
  app.use('/sandbox', (req: Request, res: Response, next: NextFunction) => {
    if (!mounted.sandbox) return void res.status(503).json({ error: 'sandbox starting' });
    mounted.sandbox.router(req, res, next);
  });
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' || host.includes(':') ? `[${address.address}]` : host;
  const url = `http://${hostPart}:${address.port}/sandbox`;
  const started = createSandbox({ ...rest, publicUrl: url });
  mounted.sandbox = started;
  return {
    url,
    sandbox: started,
    async close() {
      await started.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
