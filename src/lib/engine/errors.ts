/**
 * Errors that cross the worker boundary. Comlink keeps only `name`, `message` and `stack`,
 * so every kind has a distinct `name`, and callers branch on it (never on `instanceof`).
 */

export const AGENT_ERROR_NAMES = [
  /** The browser offers no WebGPU, or no adapter, or the adapter lacks a required feature. */
  'WebGPUUnavailableError',
  /** Fetching model files failed (offline, host unreachable, HTTP error). Retryable. */
  'ModelDownloadError',
  /** The model files arrived but could not be loaded (corrupt file, unsupported model, out of memory). */
  'ModelLoadError',
  /** A chat call reached a worker with no model loaded. */
  'ModelNotLoadedError',
  /** The engine failed while generating. */
  'GenerationError',
  /** The GPU device was lost (driver reset, tab in background on some systems, out of memory). */
  'DeviceLostError',
  /** The worker died (crash, out of memory) or could not start. */
  'WorkerCrashedError',
  /** The model was unloaded (by the user, or to make room) while a call was using it. */
  'ModelUnloadedError',
  /** The request itself is unusable (too long for the context window, bad parameters). */
  'InvalidRequestError',
  /** The browser's model cache could not be read or changed. */
  'CacheError',
  /** The user cancelled. */
  'AbortError',
] as const;

export type AgentErrorName = (typeof AGENT_ERROR_NAMES)[number];

export class AgentError extends Error {
  override readonly name: AgentErrorName;

  constructor(name: AgentErrorName, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = name;
  }
}

export function isAgentErrorName(name: unknown): name is AgentErrorName {
  return typeof name === 'string' && (AGENT_ERROR_NAMES as readonly string[]).includes(name);
}

/** Errors a user can sensibly retry (the cause may go away by itself). */
export function isRetryable(error: AgentError): boolean {
  return (
    error.name === 'ModelDownloadError' ||
    error.name === 'WorkerCrashedError' ||
    error.name === 'DeviceLostError' ||
    error.name === 'CacheError'
  );
}

/**
 * Turns anything thrown (in a worker, or after a comlink hop) into an AgentError.
 * Known names are kept; anything else becomes `fallback` with the original message.
 */
export function toAgentError(
  error: unknown,
  fallback: AgentErrorName = 'GenerationError',
): AgentError {
  if (error instanceof AgentError) return error;
  if (error && typeof error === 'object') {
    const { name, message } = error as { name?: unknown; message?: unknown };
    const text = typeof message === 'string' && message ? message : String(error);
    if (isAgentErrorName(name)) return new AgentError(name, text, { cause: error });
    return new AgentError(fallback, text, { cause: error });
  }
  return new AgentError(fallback, String(error));
}

export function abortError(message = 'Stopped by the user.'): AgentError {
  return new AgentError('AbortError', message);
}

/**
 * `text` as one sentence: trimmed, ending in exactly one full stop. Text that already ends a
 * sentence ('.', '?', '!', '…', also inside closing quotes or brackets) is kept as it is; a
 * dangling ':', ';' or ',' becomes the full stop.
 */
export function sentence(text: string): string {
  const trimmed = text.trim().replace(/[\s:;,]+$/, '');
  if (!trimmed || /[.!?…]["'”’)\]]*$/.test(trimmed)) return trimmed;
  return `${trimmed}.`;
}

/**
 * "prefix: detail." with one full stop whatever the detail ends with, or "prefix." when there is
 * no detail. For messages that wrap another error's message (which often ends in a full stop).
 */
export function withDetail(prefix: string, detail?: string | null): string {
  const text = detail?.trim();
  return sentence(text ? `${prefix.trim()}: ${text}` : prefix);
}

/** A URL as people read it in a message: host and path, without scheme, query or fragment. */
export function displayUrl(url: string): string {
  if (!URL.canParse(url)) return url;
  const { host, pathname } = new URL(url);
  return host ? `${host}${pathname}` : url;
}

/**
 * What an HTTP error status means for a model file, in words, naming the file
 * ("The model file was not found at huggingface.co/…/model.gguf (HTTP 404). …").
 */
export function httpFailureMessage(status: number, url: string): string {
  const where = displayUrl(url);
  const host = URL.canParse(url) ? new URL(url).host || where : where;
  if (status === 404 || status === 410) {
    return (
      `The model file was not found at ${where} (HTTP ${status}). ` +
      'Check the URL: the file may have been moved, renamed or removed.'
    );
  }
  if (status === 401 || status === 403) {
    return (
      `The server refused access to ${where} (HTTP ${status}): the model may be private or ` +
      'gated, or need a sign-in this page cannot give.'
    );
  }
  if (status === 429) {
    return `The server at ${host} is limiting requests (HTTP 429). Wait a minute, then Retry.`;
  }
  if (status >= 500) {
    return (
      `The server at ${host} failed while sending ${where} (HTTP ${status}). ` +
      'Try again later, then Retry.'
    );
  }
  return `The server answered HTTP ${status} for ${where}.`;
}
