/**
 * `fetch` that retries once when the connection was reset before an answer came: a kept-alive socket
 * the server closed while the seed was busy elsewhere (nothing reached the handler, so a retry is safe).
 */
export async function retryingFetch(input: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(input, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    if (cause?.code !== 'ECONNRESET' && cause?.code !== 'UND_ERR_SOCKET') throw error;
    return fetch(input, init);
  }
}
