/**
 * Requests to an OpenAI-compatible server, the same from the page (listing a server's models)
 * and from a worker (loading, chatting): the key attached, and a request that gets no readable
 * answer diagnosed (CORS or unreachable).
 */
import { AgentError } from '../engine/errors';
import { parseModelList } from './endpoint';
import { recogniseServer, type ServerKind } from './known-servers';
import {
  bodyErrorText,
  httpError,
  noApiError,
  unreachableError,
  type RemoteWhere,
} from './remote-errors';

export interface RemoteEndpoint extends RemoteWhere {
  apiKey?: string;
}

/**
 * One fetch with the key attached. A request that gets no readable answer is asked again
 * opaquely (no-cors): an answer means the server is up and CORS refuses this page's origin.
 */
export async function remoteFetch(
  fetchFn: typeof fetch,
  where: RemoteEndpoint,
  url: string,
  init: RequestInit,
  signal: AbortSignal,
  origin: string,
): Promise<Response> {
  const headers: Record<string, string> = {
    ...(init.headers as Record<string, string> | undefined),
  };
  if (where.apiKey) headers.Authorization = `Bearer ${where.apiKey}`;
  try {
    return await fetchFn(url, { ...init, headers, signal, cache: 'no-store' });
  } catch (error) {
    if (signal.aborted) throw error;
    const reachable = await fetchFn(url, { method: 'GET', mode: 'no-cors', cache: 'no-store' })
      .then(() => true)
      .catch(() => false);
    throw unreachableError(where, reachable, origin, error);
  }
}

export interface ServerModels {
  server: ServerKind;
  /** Model ids in the server's order. */
  ids: string[];
}

/** The models a server lists at `<baseUrl>/models`, and which server it is. */
export async function listServerModels(
  fetchFn: typeof fetch,
  endpoint: { baseUrl: string; apiKey?: string },
  origin: string,
  signal: AbortSignal,
): Promise<ServerModels> {
  const where: RemoteEndpoint = { ...endpoint, server: recogniseServer(endpoint.baseUrl) };
  const response = await remoteFetch(
    fetchFn,
    where,
    `${endpoint.baseUrl}/models`,
    { method: 'GET' },
    signal,
    origin,
  );
  const body = await response.text();
  // A 404 here is the address (no models list there), never the model asked for.
  if (!response.ok) throw httpError({ ...where, model: undefined }, response.status, body);
  try {
    const list = parseModelList(body);
    return { server: recogniseServer(endpoint.baseUrl, list.ownedBy), ids: list.ids };
  } catch (error) {
    // LM Studio answers a route it does not serve with a 200 and an error in the body.
    if (bodyErrorText(body) !== null) throw noApiError(where, response.status, body);
    throw new AgentError(
      'ModelLoadError',
      `${new URL(endpoint.baseUrl).host}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
