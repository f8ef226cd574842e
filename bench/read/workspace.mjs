// Where the benchmark finds the workspace's built packages and their dependencies (plain node, no TS).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const root = new URL('../../', import.meta.url).pathname;

/** `require` as seen from apps/api, so express, pg, … resolve to the API's own copies. */
export const apiRequire = createRequire(`${root}apps/api/package.json`);

/** Imports a built workspace file (e.g. `packages/db/dist/index.js`). */
export const importBuilt = (path) => import(pathToFileURL(`${root}${path}`).href);

/** The widget's banner query, read from its TypeScript source so the benchmark asks exactly what the widget asks. */
export async function widgetQueries() {
  const ts = createRequire(`${root}package.json`)('typescript');
  const source = readFileSync(`${root}packages/widget/src/queries.ts`, 'utf8');
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  return import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
