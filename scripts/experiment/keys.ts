/**
 * Which API key each server gets, from environment variables only: `--key-env VAR` for every
 * server, `--key-env HOST=VAR` for one; without either, no key is sent. There is no default variable on
 * purpose: a share link names its servers, and a key must never go to a host the user did not
 * name for it. Keys live in memory: they are never printed
 * and never written to the results file (which names servers by their address only).
 */
import { UsageError, type KeyEnv } from './args';

export interface KeyChoice {
  /** The key sent from the first request, and the variable it came from. */
  key?: { value: string; from: string };
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
  return {};
}

/** Whether a load failed because the server wants a (different) key. */
export const refusedForKey = (error: unknown): boolean =>
  error instanceof Error && /\(HTTP 40[13]\)/.test(error.message);
