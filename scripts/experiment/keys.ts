/**
 * Which API key each server gets, from environment variables only: `--key-env VAR` for every
 * server, `--key-env HOST=VAR` for one; without either, OPENAI_API_KEY is offered to a server
 * only once it refuses a request for want of a key. Keys live in memory: they are never printed
 * and never written to the results file (which names servers by their address only).
 */
import { DEFAULT_KEY_ENV, UsageError, type KeyEnv } from './args';

export interface KeyChoice {
  /** The key sent from the first request, and the variable it came from. */
  key?: { value: string; from: string };
  /** A key to try when the server refuses for want of one (HTTP 401/403). */
  onRefusal?: { value: string; from: string };
}

/** The key for the server at `baseUrl`. Throws UsageError when a named variable is unset. */
export function chooseKey(
  baseUrl: string,
  keyEnv: KeyEnv,
  env: Readonly<Record<string, string | undefined>>,
): KeyChoice {
  const host = new URL(baseUrl).host.toLowerCase();
  const named = keyEnv.byHost[host] ?? keyEnv.all;
  if (named) {
    const value = env[named]?.trim();
    if (!value)
      throw new UsageError(
        `--key-env names ${named} for ${host}, but ${named} is not set (or empty) in the environment.`,
      );
    return { key: { value, from: named } };
  }
  const fallback = env[DEFAULT_KEY_ENV]?.trim();
  return fallback ? { onRefusal: { value: fallback, from: DEFAULT_KEY_ENV } } : {};
}

/** Whether a load failed because the server wants a (different) key. */
export const refusedForKey = (error: unknown): boolean =>
  error instanceof Error && /\(HTTP 40[13]\)/.test(error.message);
