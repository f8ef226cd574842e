// The bare baseline: Express 5 + `pg`, one handler that answers the widget's banner query for the
// tenant of a Bearer API key with the same indexed SQL and the same JSON as the GraphQL API.
// Usage: node baseline-server.mjs <databaseUrl> <schema>   → prints `ready <port>`.
import { createHash } from 'node:crypto';
import { apiRequire, importBuilt } from './workspace.mjs';

const express = apiRequire('express');
const { parse } = apiRequire('graphql');
const pg = apiRequire('pg');
const { causeInfo } = await importBuilt('packages/core/dist/index.js');

const [url, schema] = process.argv.slice(2);
if (!url || !schema) throw new Error('usage: baseline-server.mjs <databaseUrl> <schema>');

// TypeORM's default pool size, so both servers have the same number of connections.
const pool = new pg.Pool({ connectionString: url, max: 10, application_name: 'relink-bench-baseline', options: `-c search_path="${schema}"` });

const KEY_SQL = 'SELECT tenant_id FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL';
const LIST_SQL = `SELECT i.id, i.provider, i.external_account_id, i.name, i.status, i.cause, i.status_changed_at, i.token_expires_at,
    i.untracked_since, p.provider AS identity_provider, p.external_user_id AS identity_external_user_id, p.name AS identity_name
  FROM integrations i LEFT JOIN provider_identities p ON p.id = i.identity_id
  WHERE i.tenant_id = $1 AND i.status = ANY($2)
  ORDER BY i.created_at, i.id LIMIT $3`;

const iso = (d) => (d === null ? null : d.toISOString());
const pick = (object, fields) => (object === null ? null : Object.fromEntries(fields.map((f) => [f, object[f]])));
const columns = {
  id: (r) => r.id,
  provider: (r) => r.provider,
  externalAccountId: (r) => r.external_account_id,
  name: (r) => r.name,
  status: (r) => r.status,
  needsReauthorization: (r) => r.status === 'EXPIRED' || r.status === 'REVOKED',
  statusChangedAt: (r) => iso(r.status_changed_at),
  tokenExpiresAt: (r) => iso(r.token_expires_at),
  untrackedSince: (r) => iso(r.untracked_since),
  authorizedBy: (r, sub) =>
    pick(r.identity_provider === null ? null : { provider: r.identity_provider, externalUserId: r.identity_external_user_id, name: r.identity_name }, sub),
  cause: (r, sub) => pick(r.cause ? causeInfo(r.cause) : null, sub),
};

/**
 * The banner query's shape, read once per distinct query text (as a hand-written handler would
 * hard-code it): the status filter, the page size and the node's fields (one level of sub-fields).
 */
const shapes = new Map();
function shapeOf(query) {
  let shape = shapes.get(query);
  if (shape) return shape;
  const field = (set, name) => set.selections.find((s) => s.kind === 'Field' && s.name.value === name);
  const operation = parse(query).definitions[0];
  const integrations = field(operation.selectionSet, 'integrations');
  const arg = (name) => integrations.arguments.find((a) => a.name.value === name)?.value;
  const statuses = arg('filter').fields.find((f) => f.name.value === 'status').value.values.map((v) => v.value);
  const node = field(field(integrations.selectionSet, 'edges').selectionSet, 'node');
  const fields = node.selectionSet.selections.map((s) => [s.name.value, s.selectionSet?.selections.map((x) => x.name.value)]);
  for (const [name] of fields) if (!columns[name]) throw new Error(`the baseline does not know Integration.${name}`);
  shape = { statuses, first: Number(arg('first')?.value ?? 50), fields };
  shapes.set(query, shape);
  return shape;
}

const toNode = (row, fields) => Object.fromEntries(fields.map(([name, sub]) => [name, columns[name](row, sub)]));

const app = express();
app.disable('x-powered-by');
app.post('/graphql', express.json({ limit: '100kb' }), async (req, res) => {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match) return res.status(401).json({ errors: [{ message: 'no token', extensions: { code: 'UNAUTHENTICATED' } }] });
  try {
    const key = await pool.query({ name: 'key', text: KEY_SQL, values: [createHash('sha256').update(match[1], 'utf8').digest('hex')] });
    const tenantId = key.rows[0]?.tenant_id;
    if (!tenantId) return res.status(401).json({ errors: [{ message: 'bad token', extensions: { code: 'UNAUTHENTICATED' } }] });
    const shape = shapeOf(req.body.query);
    const { rows } = await pool.query({ name: 'list', text: LIST_SQL, values: [tenantId, shape.statuses, shape.first] });
    res.json({ data: { integrations: { edges: rows.map((r) => ({ node: toNode(r, shape.fields) })) } } });
  } catch (error) {
    res.status(500).json({ errors: [{ message: String(error) }] });
  }
});

const server = app.listen(0, '127.0.0.1', () => console.log(`ready ${server.address().port}`));
const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
