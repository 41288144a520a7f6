/**
 * What went wrong between the page and an OpenAI-compatible server, in words that say what to do.
 * Each failure names the server (by kind where it is recognised) and its host.
 */
import { AgentError, sentence } from '../engine/errors';
import { KNOWN_SERVERS, isLocalNetworkUrl, type ServerKind } from './known-servers';

export interface RemoteWhere {
  /** The endpoint's base URL, e.g. http://localhost:11434/v1. */
  baseUrl: string;
  server: ServerKind;
  /** The model asked for, where there is one. */
  model?: string;
}

function host(baseUrl: string): string {
  return URL.canParse(baseUrl) ? new URL(baseUrl).host : baseUrl;
}

function serverAt(where: RemoteWhere): string {
  const name = KNOWN_SERVERS[where.server].name;
  return where.server === 'unknown'
    ? `the server at ${host(where.baseUrl)}`
    : `${name} at ${host(where.baseUrl)}`;
}

/**
 * The request never got an answer the page may read. `reachable` tells the two causes apart: a
 * server that answers an opaque (no-cors) request is up and refusing this origin (CORS); one that
 * does not is down, unreachable, or behind the browser's local-network permission.
 */
export function unreachableError(
  where: RemoteWhere,
  reachable: boolean,
  pageOrigin: string,
  cause?: unknown,
): AgentError {
  const server = KNOWN_SERVERS[where.server];
  if (reachable) {
    return new AgentError(
      'ModelDownloadError',
      `${sentence(`${capitalise(serverAt(where))} answered, but it does not allow this page (${pageOrigin}) to read its replies (CORS)`)} ${server.corsAdvice(pageOrigin)}`,
      { cause },
    );
  }
  const local = isLocalNetworkUrl(where.baseUrl) && !isLocalNetworkUrl(pageOrigin);
  const permission = local
    ? ' This page is on the public internet and the server on your machine or network: when Chrome asks whether this site may access devices on your local network, choose Allow (or allow it in the site settings).'
    : '';
  return new AgentError(
    'ModelDownloadError',
    `Could not reach ${serverAt(where)}: is it running, and is the address right?${permission}`,
    { cause },
  );
}

/** "Retry-After" as milliseconds: seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * The error text in a server's error value: a string, OpenAI's `{error:{message}}` or
 * `{error:"…"}`, or a bare `{message}` / `{detail}` (FastAPI); null when there is none.
 */
export function errorTextOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object') return null;
  const { error, message, detail } = value as {
    error?: unknown;
    message?: unknown;
    detail?: unknown;
  };
  if (error !== undefined && error !== value) {
    const inner = errorTextOf(error);
    if (inner !== null) return inner;
  }
  if (typeof message === 'string') return message;
  if (typeof detail === 'string') return detail;
  return null;
}

/** The server's error text in a JSON body; null when the body is not JSON or says no error. */
export function bodyErrorText(body: string): string | null {
  try {
    return errorTextOf(JSON.parse(body));
  } catch {
    return null;
  }
}

/** The server's own error text from an error body, or the body itself, shortened. */
export function serverErrorText(body: string): string {
  return bodyErrorText(body) ?? body.trim().slice(0, 300);
}

/**
 * The address answers, but not with an OpenAI-compatible API: a 404, or (LM Studio) a 200 whose
 * body is an error for a route it does not serve.
 */
export function noApiError(where: RemoteWhere, status: number, body: string): AgentError {
  const detail = serverErrorText(body);
  const said = detail ? ` It said: "${detail}".` : '';
  const code = status === 200 ? '' : ` (HTTP ${status})`;
  return new AgentError(
    'ModelDownloadError',
    `${capitalise(serverAt(where))} has no OpenAI-compatible API at ${where.baseUrl}${code}: check that the address ends in /v1.${said}`,
  );
}

/** An HTTP error answer from the server, in words. */
export function httpError(
  where: RemoteWhere,
  status: number,
  body: string,
  waitedMs = 0,
): AgentError {
  const detail = serverErrorText(body);
  const said = detail ? ` It said: "${detail}".` : '';
  const at = serverAt(where);
  if (status === 401 || status === 403) {
    return new AgentError(
      'ModelDownloadError',
      `${capitalise(at)} refused the request (HTTP ${status}): the API key is missing or wrong, or it has no access to this model.${said}`,
    );
  }
  if (status === 404 && where.model) {
    return new AgentError(
      'ModelLoadError',
      `${capitalise(at)} has no model named "${where.model}" (HTTP 404). Pick one from its list of models.${said}`,
    );
  }
  if (status === 404) return noApiError(where, status, body);
  if (status === 429) {
    const waited =
      waitedMs > 0 ? ` after waiting ${Math.round(waitedMs / 1000)} s as it asked` : '';
    return new AgentError(
      'ModelDownloadError',
      `${capitalise(at)} is limiting requests (HTTP 429)${waited}. Wait a minute, then Retry.${said}`,
    );
  }
  if (status === 503) {
    // llama-server while it loads the model; Ollama with its queue full (OLLAMA_MAX_QUEUE).
    return new AgentError(
      'GenerationError',
      `${capitalise(at)} is not ready (HTTP 503): it may still be loading the model, or its queue is full. Try again in a moment.${said}`,
    );
  }
  if (status >= 500) {
    return new AgentError('GenerationError', `${capitalise(at)} failed (HTTP ${status}).${said}`);
  }
  return new AgentError(
    'InvalidRequestError',
    `${capitalise(at)} rejected the request (HTTP ${status}).${said}`,
  );
}

/** The model asked for is not in the server's list: what it lists instead (the first eight). */
export function unlistedModelError(where: RemoteWhere, ids: readonly string[]): AgentError {
  const some = ids.slice(0, 8).join(', ');
  return new AgentError(
    'ModelLoadError',
    `${capitalise(serverAt(where))} has no model named "${where.model}". It serves: ${some}${ids.length > 8 ? ', …' : ''}.`,
  );
}

/** A server whose models list is empty, and how to get a model onto it. */
export function noModelsMessage(where: RemoteWhere): string {
  const how = KNOWN_SERVERS[where.server].getModel ?? 'load or pull one there first';
  return `${capitalise(serverAt(where))} lists no models: ${how}.`;
}

/** No answer, or no new token, within the time allowed. */
export function timeoutError(where: RemoteWhere, seconds: number, tokens: number): AgentError {
  const at = serverAt(where);
  return new AgentError(
    'GenerationError',
    tokens === 0
      ? `${capitalise(at)} sent nothing for ${seconds} s, so the call was given up. The server may be loading the model or overloaded: try again.`
      : `${capitalise(at)} stopped sending for ${seconds} s after ${tokens} tokens, so the call was given up.`,
  );
}

/** The stream ended (or broke) before the server said the reply was finished. */
export function droppedStreamError(
  where: RemoteWhere,
  tokens: number,
  cause?: unknown,
): AgentError {
  return new AgentError(
    'GenerationError',
    `${capitalise(serverAt(where))} closed the stream after ${tokens} tokens, before the reply was finished. The server may have stopped or restarted.`,
    { cause },
  );
}

/** An error the server sent inside the stream (an `error` event or chunk). */
export function streamError(where: RemoteWhere, detail: string): AgentError {
  return new AgentError(
    'GenerationError',
    sentence(`${capitalise(serverAt(where))} reported an error mid-reply: ${detail}`),
  );
}

/**
 * The phrase at the start of a sentence: "the server at …" gets its capital, a server's name stays
 * as it is written (vLLM, llama.cpp server), never "VLLM" or "Llama.cpp".
 */
function capitalise(text: string): string {
  return text.startsWith('the ') ? `T${text.slice(1)}` : text;
}
