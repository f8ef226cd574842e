/** The ad platforms Relink keeps integrations alive for. */
export type Provider = 'FACEBOOK' | 'GOOGLE';

export const PROVIDERS: readonly Provider[] = Object.freeze(['FACEBOOK', 'GOOGLE'] as const);

export function isProvider(x: unknown): x is Provider {
  return typeof x === 'string' && (PROVIDERS as readonly string[]).includes(x);
}
