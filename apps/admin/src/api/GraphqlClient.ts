import { ApiError, toApiErrorCode } from './ApiError.js';

/** A GraphQL document that carries its result and variable types (checked at compile time only). */
export interface Operation<TData, TVariables extends Record<string, unknown> = Record<string, never>> {
  readonly query: string;
  /** Phantom field: never set, only there so TypeScript keeps TData and TVariables. */
  readonly __types?: { data: TData; variables: TVariables };
}

/** Declares a typed operation: `op<{ viewer: Viewer }>('query { viewer { kind } }')`. */
export function op<TData, TVariables extends Record<string, unknown> = Record<string, never>>(query: string): Operation<TData, TVariables> {
  return { query };
}

interface GraphqlErrorJson {
  message?: unknown;
  extensions?: { code?: unknown };
}

export interface GraphqlClientOptions {
  /** Absolute URL of the GraphQL endpoint. */
  url: string;
  /** The staff token, read on every request (it can change after sign-in). */
  token(): string | null;
  /** Called once per request that the API refused as UNAUTHENTICATED (expired or revoked token). */
  onUnauthenticated?(error: ApiError): void;
}

/** The console's one way to call the API: POST with the bearer token, errors as ApiError. */
export class GraphqlClient {
  constructor(private readonly options: GraphqlClientOptions) {}

  async request<TData, TVariables extends Record<string, unknown>>(
    operation: Operation<TData, TVariables>,
    variables: TVariables,
    signal?: AbortSignal,
  ): Promise<TData> {
    try {
      return await this.send<TData>(operation.query, variables, signal);
    } catch (error) {
      const apiError = ApiError.from(error);
      if (apiError.code === 'UNAUTHENTICATED') this.options.onUnauthenticated?.(apiError);
      throw signal?.aborted ? error : apiError;
    }
  }

  private async send<TData>(query: string, variables: Record<string, unknown>, signal?: AbortSignal): Promise<TData> {
    const token = this.options.token();
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
        credentials: 'omit',
        signal: signal ?? null,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError('NETWORK', 'Could not reach the Relink API.');
    }
    let body: { data?: unknown; errors?: GraphqlErrorJson[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      if (response.status === 401) throw new ApiError('UNAUTHENTICATED', 'Your staff session has ended.');
      throw new ApiError(response.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_RESPONSE', `The Relink API answered HTTP ${response.status}.`);
    }
    const first = Array.isArray(body.errors) ? body.errors[0] : undefined;
    if (first) {
      const message = typeof first.message === 'string' ? first.message : 'The Relink API returned an error.';
      throw new ApiError(toApiErrorCode(first.extensions?.code), message);
    }
    if (!response.ok || typeof body.data !== 'object' || body.data === null) {
      throw new ApiError('BAD_RESPONSE', `The Relink API answered HTTP ${response.status} without data.`);
    }
    return body.data as TData;
  }
}

/** The data type an operation returns: `ResultOf<typeof OVERVIEW>`. */
export type ResultOf<O> = O extends Operation<infer TData, infer _TVariables> ? TData : never;
