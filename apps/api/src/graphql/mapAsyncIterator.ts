/** Returned by a mapper to drop one item. */
export const SKIP = Symbol('skip');
/** Returned by a mapper to end the stream. */
export const END = Symbol('end');

/**
 * Maps an async iterator item by item (sequentially), dropping SKIP and stopping at END. `return()`
 * is passed on at once, so a GraphQL subscription that ends leaves no listener behind.
 */
export function mapAsyncIterator<T, U>(
  source: AsyncIterableIterator<T>,
  map: (item: T) => Promise<U | typeof SKIP | typeof END>,
): AsyncIterableIterator<U> {
  let finished = false;
  const finish = async (): Promise<IteratorResult<U>> => {
    finished = true;
    await source.return?.();
    return { value: undefined, done: true };
  };
  return {
    async next(): Promise<IteratorResult<U>> {
      while (!finished) {
        const item = await source.next();
        if (item.done) return finish();
        const mapped = await map(item.value);
        if (mapped === END) return finish();
        if (mapped !== SKIP) return { value: mapped, done: false };
      }
      return { value: undefined, done: true };
    },
    return: finish,
    async throw(error: unknown): Promise<IteratorResult<U>> {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
