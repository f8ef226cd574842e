import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SandboxContext } from './context.js';
import type { SandboxStore } from './store.js';

const FORMAT = 1;

/** JSON with the Maps, Sets and Dates of the store spelled out, so it survives a restart. */
function encode(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.toISOString() };
  if (value instanceof Set) return { $set: [...value].map(encode) };
  if (value instanceof Map) return { $map: [...value].map(([k, v]) => [k, encode(v)]) };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  return value;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.$date === 'string') return new Date(record.$date);
    if (Array.isArray(record.$set)) return new Set(record.$set.map(decode));
    if (Array.isArray(record.$map)) return new Map((record.$map as Array<[string, unknown]>).map(([k, v]) => [k, decode(v)]));
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

const PERSISTED: ReadonlyArray<keyof Omit<SandboxStore, 'clear'>> = ['users', 'grants', 'accessTokens', 'refreshTokens', 'codes'];

export function saveState(ctx: SandboxContext, file: string): void {
  const state = {
    format: FORMAT,
    clockOffsetMs: ctx.clock.offsetMs,
    idCounters: ctx.ids.counters(),
    store: Object.fromEntries(PERSISTED.map((key) => [key, encode(ctx.store[key])])),
  };
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify(state), { mode: 0o600 });
  renameSync(temporary, file);
}

/** Loads a state file written by `saveState`; a missing file is a fresh sandbox, a broken one an error naming it. */
export function loadState(ctx: SandboxContext, file: string): boolean {
  if (!existsSync(file)) return false;
  let state: { format?: number; clockOffsetMs?: number; idCounters?: Record<string, number>; store?: Record<string, unknown> };
  try {
    state = JSON.parse(readFileSync(file, 'utf8')) as typeof state;
  } catch (error) {
    throw new Error(`The sandbox state file ${file} is not valid JSON (${(error as Error).message}); delete it to start the sandbox afresh.`);
  }
  if (state.format !== FORMAT || !state.store) {
    throw new Error(`The sandbox state file ${file} has an unknown format; delete it to start the sandbox afresh.`);
  }
  for (const key of PERSISTED) {
    const restored = decode(state.store[key]);
    const target = ctx.store[key] as Map<string, unknown>;
    target.clear();
    if (restored instanceof Map) for (const [k, v] of restored) target.set(k as string, v);
  }
  ctx.clock.offsetMs = typeof state.clockOffsetMs === 'number' ? state.clockOffsetMs : 0;
  ctx.ids.restoreCounters(state.idCounters ?? {});
  return true;
}
