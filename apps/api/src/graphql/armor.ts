import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ValidationRule } from 'graphql';
import type { RunMode } from '../config.js';

/** Limits every operation must stay within (HTTP and WebSocket alike). */
export const ARMOR_LIMITS = {
  maxDepth: 10,
  /** graphql-armor's static cost: objects 2, scalars 1, ×1.5 per level, × literal `first`. An admin list of 100 is ~30k. */
  maxCost: 50_000,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 2_000,
} as const;

export interface Armor {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
}

/** graphql-armor for Apollo: depth, cost, alias, directive and token limits; field suggestions hidden in production. */
export function createArmor(mode: RunMode): Armor {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: ARMOR_LIMITS.maxDepth },
    costLimit: { maxCost: ARMOR_LIMITS.maxCost },
    maxAliases: { n: ARMOR_LIMITS.maxAliases },
    maxDirectives: { n: ARMOR_LIMITS.maxDirectives },
    maxTokens: { n: ARMOR_LIMITS.maxTokens },
    blockFieldSuggestion: { enabled: mode === 'production' },
  }).protect();
  // graphql-armor's typings point at Apollo's CJS build; the objects are the same plugins.
  return { plugins: plugins as unknown as ApolloServerPlugin[], validationRules };
}
