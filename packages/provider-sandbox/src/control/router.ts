import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { FAULT_KINDS, isFaultKind } from '../faults.js';
import type { Sandbox } from '../createSandbox.js';
import { parseProvider, SandboxInputError } from '../users.js';

type Handler = (req: Request) => unknown;

const wrap =
  (handler: Handler) =>
  (req: Request, res: Response, next: NextFunction): void => {
    Promise.resolve()
      .then(() => handler(req))
      .then((body) => res.json(body), next);
  };

function field(body: unknown, name: string): unknown {
  return body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
}

function requiredString(body: unknown, name: string): string {
  const value = field(body, name);
  if (typeof value !== 'string' || value.trim() === '') throw new SandboxInputError(`${name} must be a non-empty string`);
  return value;
}

function optionalString(body: unknown, name: string): string | undefined {
  const value = field(body, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new SandboxInputError(`${name} must be a string`);
  return value;
}

function positiveInteger(body: unknown, name: string, options: { allowZero?: boolean } = {}): number {
  const value = field(body, name);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < (options.allowZero ? 0 : 1)) {
    throw new SandboxInputError(`${name} must be a ${options.allowZero ? 'non-negative' : 'positive'} integer`);
  }
  return value;
}

/** `/control/…`: JSON in, JSON out; bad input answers 400 `{error}` (unknown user 404). */
export function controlRouter(sandbox: Sandbox): Router {
  const router = express.Router();
  router.use(express.json());
  router.get('/users', wrap(() => ({ users: sandbox.listUsers() })));
  router.post(
    '/users',
    wrap((req) => {
      const provider = parseProvider(field(req.body, 'provider'));
      const timeBased = field(req.body, 'timeBasedAccessSeconds');
      const user = sandbox.createUser({
        provider,
        name: requiredString(req.body, 'name'),
        email: optionalString(req.body, 'email'),
        ...(timeBased !== undefined ? { timeBasedAccessSeconds: positiveInteger(req.body, 'timeBasedAccessSeconds') } : {}),
      });
      return user;
    }),
  );
  router.post('/users/:userId/ad-accounts', wrap((req) => {
    const account = sandbox.addAdAccount(String(req.params.userId), requiredString(req.body, 'name'));
    return { accountId: account.id, name: account.name, numericId: account.accountId };
  }));
  router.post('/users/:userId/invalidate', wrap((req) => sandbox.invalidate(String(req.params.userId), requiredString(req.body, 'cause'))));
  router.post('/users/:userId/risc', wrap((req) =>
    sandbox.sendRiscEvent(String(req.params.userId), requiredString(req.body, 'eventType'), { state: optionalString(req.body, 'state') }),
  ));
  router.post('/users/:userId/data-deletion', wrap(async (req) => ({ notice: (await sandbox.requestDataDeletion(String(req.params.userId))) ?? null })));
  router.post(
    '/faults',
    wrap((req) => {
      const provider = parseProvider(field(req.body, 'provider'));
      const kind = field(req.body, 'kind');
      if (!isFaultKind(kind)) throw new SandboxInputError(`kind must be one of ${FAULT_KINDS.join(', ')}, got ${JSON.stringify(kind ?? null)}`);
      const count = positiveInteger(req.body, 'count');
      return { provider, kind, count, pending: sandbox.injectFault(provider, kind, count) };
    }),
  );
  router.get('/clock', wrap(() => ({ now: sandbox.clock.now().toISOString() })));
  router.post(
    '/clock',
    wrap((req) => {
      sandbox.clock.advance(positiveInteger(req.body, 'advanceSeconds', { allowZero: true }));
      return { now: sandbox.clock.now().toISOString() };
    }),
  );
  router.post('/reset', wrap(() => {
    sandbox.reset();
    return { ok: true };
  }));
  router.get('/causes', wrap(() => ({ FACEBOOK: sandbox.causes('FACEBOOK'), GOOGLE: sandbox.causes('GOOGLE') })));
  router.use((req: Request, res: Response) => {
    res.status(404).json({ error: `no control endpoint ${req.method} ${req.path}` });
  });
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof SandboxInputError) return void res.status(error.status).json({ error: error.message });
    if (error instanceof SyntaxError || (error as { type?: string })?.type === 'entity.parse.failed') {
      return void res.status(400).json({ error: 'the body must be valid JSON' });
    }
    if (error instanceof RangeError) return void res.status(400).json({ error: error.message });
    res.status(500).json({ error: error instanceof Error ? error.message : 'internal sandbox error' });
  });
  return router;
}
