/**
 * Custom models' ids and the web addresses a model may come from: what the catalog needs at
 * startup, apart from the share schema (which loads only when a link or file arrives).
 */
import { quote } from './errors';

/** Role model ids that start with this refer to `customModels`; all others are catalog ids. */
export const CUSTOM_MODEL_PREFIX = 'custom:';

/** Whether a role's model id points into `customModels`. */
export function isCustomModelId(modelId: string): boolean {
  return modelId.startsWith(CUSTOM_MODEL_PREFIX);
}

/** Hosts that may be reached over plain http: (the user's own machine). */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether `hostname` is on a private network (10/8, 172.16/12, 192.168/16, *.local). */
function isPrivateHost(hostname: string): boolean {
  return (
    /^10\./.test(hostname) ||
    /^192\.168\./.test(hostname) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(hostname) ||
    hostname.endsWith('.local')
  );
}

/**
 * Why a custom model URL is refused, or null when it is acceptable: https:, or http: on
 * localhost (also on a private network with `localNetwork`, for servers on the user's own
 * network); no user name or password; no white space or control characters.
 */
export function urlProblem(value: string, { localNetwork = false } = {}): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(value))
    return `must not contain spaces or control characters (got ${quote(value)})`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `is not a valid web address (got ${quote(value)})`;
  }
  if (url.username || url.password) return 'must not contain a user name or password';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)) return null;
  if (url.protocol === 'http:' && localNetwork && isPrivateHost(url.hostname)) return null;
  if (url.protocol === 'http:' && localNetwork)
    return `must be an https: address, or http: on localhost or a private network (got ${quote(url.host)})`;
  return `must be an https: address, or http: on localhost (got ${quote(url.protocol)})`;
}
