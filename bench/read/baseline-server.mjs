// The bare baseline: Express 5 + `pg`, one handler that answers the widget's banner query for the
// tenant of a Bearer API key with the same indexed SQL and the same JSON as the GraphQL API.
// Usage: node baseline-server.mjs <databaseUrl> <schema>   → prints `ready <port>`.
import { createHash } from 'node:crypto';
import { apiRequire, importBuilt } from './workspace.mjs';

const express = apiRequire('express');
const pg = apiRequire('pg');
const { causeInfo } = await importBuilt('packages/core/dist/index.js');

const [url, schema] = process.argv.slice(2);
if (!url || !schema) throw new Error('usage: baseline-server.mjs <databaseUrl> <schema>');

const WATCHED = ['EXPIRED', 'REVOKED', 'EXPIRING_SOON', 'UNREACHABLE'];
// TypeORM's default pool size, so both servers have the same number of connections.
const pool = new pg.Pool({ connectionString: url, max: 10, application_name: 'relink-bench-baseline', options: `-c search_path="${schema}"` });

const KEY_SQL = 'SELECT tenant_id FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL';
const LIST_SQL = `SELECT i.id, i.provider, i.external_account_id, i.name, i.status, i.cause, i.status_changed_at, i.token_expires_at,
    i.untracked_since, p.provider AS identity_provider, p.external_user_id AS identity_external_user_id, p.name AS identity_name
  FROM integrations i LEFT JOIN provider_identities p ON p.id = i.identity_id
  WHERE i.tenant_id = $1 AND i.status = ANY($2)
  ORDER BY i.created_at, i.id LIMIT 100`;

const iso = (d) => (d === null ? null : d.toISOString());
const causeOf = (code) => {
  if (!code) return null;
  const c = causeInfo(code);
  return { code: c.code, title: c.title, explanation: c.explanation, action: c.action, securityRelated: c.securityRelated };
};

const app = express();
app.disable('x-powered-by');
app.post('/graphql', express.json({ limit: '100kb' }), async (req, res) => {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match) return res.status(401).json({ errors: [{ message: 'no token', extensions: { code: 'UNAUTHENTICATED' } }] });
  try {
    const key = await pool.query({ name: 'key', text: KEY_SQL, values: [createHash('sha256').update(match[1], 'utf8').digest('hex')] });
    const tenantId = key.rows[0]?.tenant_id;
    if (!tenantId) return res.status(401).json({ errors: [{ message: 'bad token', extensions: { code: 'UNAUTHENTICATED' } }] });
    const { rows } = await pool.query({ name: 'list', text: LIST_SQL, values: [tenantId, WATCHED] });
    const edges = rows.map((r) => ({
      node: {
        id: r.id,
        provider: r.provider,
        externalAccountId: r.external_account_id,
        name: r.name,
        status: r.status,
        needsReauthorization: r.status === 'EXPIRED' || r.status === 'REVOKED',
        statusChangedAt: iso(r.status_changed_at),
        tokenExpiresAt: iso(r.token_expires_at),
        untrackedSince: iso(r.untracked_since),
        authorizedBy: r.identity_provider === null ? null : { provider: r.identity_provider, externalUserId: r.identity_external_user_id, name: r.identity_name },
        cause: causeOf(r.cause),
      },
    }));
    res.json({ data: { integrations: { edges } } });
  } catch (error) {
    res.status(500).json({ errors: [{ message: String(error) }] });
  }
});

const server = app.listen(0, '127.0.0.1', () => console.log(`ready ${server.address().port}`));
const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
