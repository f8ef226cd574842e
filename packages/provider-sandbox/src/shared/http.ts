import type { Request, Response } from 'express';

/** A provider answer before it is written: status, JSON (or text) body, extra headers. */
export interface ProviderResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function send(res: Response, answer: ProviderResponse): void {
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  res.status(answer.status);
  if (typeof answer.body === 'string') res.type('text/plain').send(answer.body);
  else res.json(answer.body);
}

/** Query and form body merged into one string map (body wins), as the providers read them. */
export function params(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  const merge = (source: unknown) => {
    if (!source || typeof source !== 'object') return;
    for (const [key, value] of Object.entries(source as Record<string, unknown>)) {
      if (typeof value === 'string') out[key] = value;
      else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
    }
  };
  merge(req.query);
  merge(req.body);
  return out;
}

/** The bearer token of an `Authorization: Bearer …` (or Facebook's `OAuth …`) header. */
export function bearer(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header.trim());
  return match?.[1];
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `base` with `extra` added to its query string (and an optional fragment). */
export function withQuery(base: string, extra: Record<string, string | undefined>, fragment?: string): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) url.searchParams.set(key, value);
  if (fragment !== undefined) url.hash = fragment;
  return url.toString();
}

export function isHttpUrl(value: string | undefined): value is string {
  if (!value) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
