import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';

/** A fixed response (`body`), a file from disk (`file`), or a handler. */
export type TestRoute =
  | { body: string | Buffer; type?: string; headers?: Record<string, string>; status?: number }
  | { file: string; type?: string; headers?: Record<string, string> }
  | ((req: IncomingMessage, res: ServerResponse) => void | Promise<void>);

export interface TestServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  server: Server;
  url(path: string): string;
  /** Adds or replaces the route for a path (query strings are ignored when matching). */
  route(path: string, route: TestRoute): void;
  /** A page with `html` (and an optional Content-Security-Policy header) at `path`. */
  page(path: string, html: string, options?: { csp?: string }): string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

/**
 * A tiny HTTP server on 127.0.0.1 and a free port, for host pages and vendor scripts in browser
 * tests. Unknown paths answer 404. Each server is its own origin.
 */
export async function startTestServer(routes: Record<string, TestRoute> = {}): Promise<TestServer> {
  const table = new Map<string, TestRoute>(Object.entries(routes));
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const route = table.get(path);
    void (async () => {
      try {
        if (!route) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end(`no route for ${path}`);
        } else if (typeof route === 'function') {
          await route(req, res);
        } else if ('file' in route) {
          const body = await readFile(route.file);
          res.writeHead(200, { 'content-type': route.type ?? TYPES[extname(route.file)] ?? 'application/octet-stream', ...route.headers }).end(body);
        } else {
          res.writeHead(route.status ?? 200, { 'content-type': route.type ?? TYPES[extname(path)] ?? 'text/html; charset=utf-8', ...route.headers }).end(route.body);
        }
      } catch (error) {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    server,
    url: (path) => new URL(path, origin).href,
    route: (path, route) => void table.set(path, route),
    page(path, html, options = {}) {
      const headers: Record<string, string> = { 'cache-control': 'no-store' };
      if (options.csp) headers['content-security-policy'] = options.csp;
      table.set(path, { body: html, type: 'text/html; charset=utf-8', headers });
      return new URL(path, origin).href;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
