import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INTEGRATIONS_QUERY, START_REAUTHORIZATION_MUTATION, STATUS_SUBSCRIPTION } from '../queries.js';
import { MANGLED_PROPERTIES, mangledPropertiesPattern } from './mangled-properties.js';

// A mangled name must never be one the bundle shares with the outside: a GraphQL field, an event
// detail or done-page message field, or a name Lit reads. (DOM names: see the browser test.)

const require = createRequire(import.meta.url);
const read = (url: string) => readFileSync(new URL(url, import.meta.url), 'utf8');
const words = (text: string) => new Set(text.match(/[A-Za-z_$][\w$]*/g));

describe('mangled property names', () => {
  it('are no GraphQL field or argument', () => {
    const graphql = words([INTEGRATIONS_QUERY, STATUS_SUBSCRIPTION, START_REAUTHORIZATION_MUTATION].join(' '));
    expect(MANGLED_PROPERTIES.filter((name) => graphql.has(name))).toEqual([]);
  });

  it('are no field of a public event detail or of the done page message', () => {
    const fields = new Set([...`${read('../events.ts')}\n${read('../oauth-message.ts')}`.matchAll(/^\s+(\w+)\??:/gm)].map((m) => m[1]));
    expect(fields.has('integrationIds')).toBe(true);
    expect(MANGLED_PROPERTIES.filter((name) => fields.has(name))).toEqual([]);
  });

  it('do not occur in Lit', () => {
    // The browser production builds, the ones the bundle inlines (not the `node/` builds resolved here).
    const fromLit = { paths: [require.resolve('lit')] };
    const packageDir = (name: string) => require.resolve(name, fromLit).replace(new RegExp(`(node_modules/${name}/).*$`), '$1');
    const lit = [
      join(packageDir('lit-html'), 'lit-html.js'),
      join(packageDir('lit-element'), 'lit-element.js'),
      join(packageDir('@lit/reactive-element'), 'reactive-element.js'),
      join(packageDir('@lit/reactive-element'), 'css-tag.js'),
    ]
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    expect(lit).toContain('adoptedStyleSheets');
    const used = words(lit);
    expect(MANGLED_PROPERTIES.filter((name) => used.has(name))).toEqual([]);
  });

  it('match exactly, whole names only', () => {
    const pattern = mangledPropertiesPattern();
    expect(pattern.test('fingerprint')).toBe(true);
    expect(pattern.test('fingerprints')).toBe(false);
    expect(pattern.test('integrations')).toBe(false);
  });
});
