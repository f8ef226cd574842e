/** The epoch milliseconds of a valid Date; undefined for anything else (lenient readers). */
export function validTime(value: unknown): number | undefined {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.getTime() : undefined;
}

/** The epoch milliseconds of a valid Date; a RangeError naming `label` otherwise (strict inputs). */
export function requireTime(label: string, value: unknown): number {
  const time = validTime(value);
  if (time === undefined) throw new RangeError(`${label} must be a valid Date, got ${String(value)}`);
  return time;
}
