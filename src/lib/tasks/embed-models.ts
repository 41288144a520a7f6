/**
 * The embedding models task discovery offers: bge-small-en-v1.5 (Q8_0 GGUF, from Hugging Face)
 * by default, any GGUF URL the user gives, and, in the test build only, the tiny random-weights
 * embedding model the project writes (scripts/make-tiny-gguf.mjs --embed).
 */
export interface EmbedModel {
  id: string;
  label: string;
  url: string;
  /** Download size in bytes as published or written; null when unknown. */
  bytes: number | null;
  /** Whether `bytes` is exact (a file we write) or a rounded published figure. */
  exact: boolean;
  testOnly?: boolean;
}

export const BGE_SMALL: EmbedModel = {
  id: 'bge-small-en-v1.5-q8_0',
  label: 'bge-small-en-v1.5 (Q8_0, English)',
  url: 'https://huggingface.co/CompendiumLabs/bge-small-en-v1.5-gguf/resolve/main/bge-small-en-v1.5-q8_0.gguf',
  bytes: 36_000_000,
  exact: false,
};

/** The tiny random-weights embedding model of the test build (its vectors mean nothing). */
export const TINY_EMBED: EmbedModel = {
  id: 'tiny-embed-GGUF',
  label: 'Tiny random-weights embedding model (test only)',
  url: `${import.meta.env.BASE_URL}test-models/tiny-embed.gguf`,
  bytes: 449_344,
  exact: true,
  testOnly: true,
};

export function embedModels(mode: string = import.meta.env.MODE): EmbedModel[] {
  return mode === 'test' ? [BGE_SMALL, TINY_EMBED] : [BGE_SMALL];
}

/** A model for a GGUF URL the user typed; null when it is not an http(s) URL. */
export function customEmbedModel(url: string): EmbedModel | null {
  const trimmed = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const file = decodeURIComponent(parsed.pathname.split('/').pop() || parsed.host);
  return { id: `custom:${trimmed}`, label: file, url: trimmed, bytes: null, exact: false };
}

/** "about 36 MB", "449 KB", "size unknown". */
export function sizeText(bytes: number | null, exact: boolean): string {
  if (bytes === null) return 'size unknown';
  const mb = bytes / 1_000_000;
  const figure = mb >= 1 ? `${Math.round(mb)} MB` : `${Math.max(1, Math.round(bytes / 1000))} KB`;
  return exact ? figure : `about ${figure}`;
}

/**
 * The file's size from its host (`Content-Length` of a HEAD request), or null when the host
 * does not say or cannot be reached.
 */
export async function measureSize(
  url: string,
  fetchFn: typeof fetch = fetch,
  timeoutMs = 5000,
): Promise<number | null> {
  try {
    const response = await fetchFn(url, {
      method: 'HEAD',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return null;
    const length = Number(response.headers.get('content-length'));
    return Number.isFinite(length) && length > 0 ? length : null;
  } catch {
    return null;
  }
}

/** `url` made absolute against the page (a site-relative test model path included). */
export function absoluteUrl(url: string, base = globalThis.location?.href): string {
  try {
    return new URL(url, base).href;
  } catch {
    return url; // no page to resolve against (tests in Node): as given
  }
}
