// One autocannon run against a server, in its own (pinnable) process; prints one JSON line.
// Usage: node load.mjs '<json options>'  with { url, tenants, connections, seconds, body }.
import autocannon from 'autocannon';
import { apiKeyFor } from './dataset.mjs';

// `amount` (optional) stops after that many requests instead of after `seconds`; `sequential` asks for
// tenants 0, 1, 2, … in turn instead of at random (a warm-up that shows every tenant's banner once).
const { url, tenants, connections, seconds, body, amount, sequential } = JSON.parse(process.argv[2]);
let next = 0;
const pickTenant = () => (sequential ? next++ % tenants : Math.floor(Math.random() * tenants));
const headers = (n) => ({ 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${apiKeyFor(n)}` });

const result = await autocannon({
  url,
  connections,
  ...(amount ? { amount } : { duration: seconds }),
  requests: [
    {
      method: 'POST',
      path: '/graphql',
      body,
      // A tenant drawn at random for every request, authenticated with its own API key.
      setupRequest: (req) => ({ ...req, headers: headers(pickTenant()) }),
    },
  ],
});
console.log(
  JSON.stringify({
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.mean,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  }),
);
