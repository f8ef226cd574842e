/**
 * Thrown from the `default` branch of a switch that TypeScript has proven exhaustive.
 * Reaching it at run time means a value outside its declared union got in: a bug, not an input.
 */
export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`Unreachable case: ${JSON.stringify(value)}`);
    this.name = 'UnreachableCaseError';
  }
}
