/**
 * Looks into a failed download: which of a model's files the server refuses, and with what
 * status. WebLLM stores files with `Cache.add`, which rejects with a bare TypeError ("Failed to
 * execute 'add' on 'Cache': Request failed") whatever the status was; asking again tells.
 */

/**
 * The HTTP status `url` answers: HEAD first, then a one-byte ranged GET where HEAD is not
 * allowed. Null when the request itself fails (offline, host unreachable, CORS).
 */
export async function probeStatus(url: string, fetchFn: typeof fetch): Promise<number | null> {
  try {
    const head = await fetchFn(url, { method: 'HEAD', cache: 'no-store' });
    if (head.status !== 405 && head.status !== 501) return head.status;
    const get = await fetchFn(url, { headers: { Range: 'bytes=0-0' }, cache: 'no-store' });
    await get.body?.cancel().catch(() => {});
    return get.status;
  } catch {
    return null;
  }
}

/** The first of `urls` (in order) that answers an HTTP error, with its status; else null. */
export async function firstHttpFailure(
  urls: readonly string[],
  fetchFn: typeof fetch,
): Promise<{ url: string; status: number } | null> {
  for (const url of urls) {
    const status = await probeStatus(url, fetchFn);
    if (status !== null && status >= 400) return { url, status };
  }
  return null;
}
