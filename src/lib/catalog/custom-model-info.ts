/**
 * What a custom model's host says about it before anything downloads: its download size and its
 * own context window. A GGUF file: HEAD for `Content-Length`, and the first bytes of the file
 * (a ranged GET) for `<arch>.context_length` in its header. MLC weights: `mlc-chat-config.json`
 * for `context_window_size`, the tensor cache manifest for the shards' bytes, and a HEAD of the
 * model library. An HTTP error is a problem (the URL is wrong); an unreachable host is not (the
 * facts stay unknown, and the UI says "size unknown" rather than 0).
 */
import { httpFailureMessage } from '../engine/errors';
import type { CustomModel } from '../share/schema';

/** What the host told; absent where it could not tell. */
export interface CustomModelFacts {
  /** Bytes the model downloads (GGUF file; or MLC shards plus model library). */
  downloadBytes?: number;
  /** The context window the model was built for, in tokens. */
  contextLength?: number;
}

export interface CustomModelInspection {
  facts: CustomModelFacts;
  /** Why the model cannot be used as given (an HTTP error, in words); null when none. */
  problem: string | null;
  /** Which facts stay unknown, in words ('size', 'context window'). */
  unknown: string[];
}

/** How much of a GGUF file is read for its header (the context length comes early in it). */
export const GGUF_HEADER_BYTES = 256 * 1024;

/** WebLLM's reading of a model URL: `…/resolve/main/` is added unless a revision is named. */
export function mlcModelBaseUrl(model: string): string {
  let url = model.endsWith('/') ? model : `${model}/`;
  if (!/.+\/resolve\/.+\//.test(url)) url += 'resolve/main/';
  return new URL(url, globalThis.location?.href).href;
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
  ) {
    super(httpFailureMessage(status, url));
  }
}

/** A response, or an HttpFailure thrown for an error status; null when the host cannot be reached. */
async function ask(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit = {},
  allow: readonly number[] = [],
): Promise<Response | null> {
  let response: Response;
  try {
    response = await fetchFn(url, { cache: 'no-store', ...init });
  } catch {
    return null;
  }
  if (response.status >= 400 && !allow.includes(response.status)) {
    throw new HttpFailure(response.status, url);
  }
  return response;
}

/** Hosts that refuse HEAD answer 405 or 501: no size from it, but nothing wrong either. */
const HEAD_REFUSED = [405, 501];

function contentLength(response: Response | null): number | undefined {
  if (!response?.ok) return undefined;
  const value = Number(response.headers.get('Content-Length') ?? NaN);
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** The whole file's size from a ranged answer's `Content-Range: bytes 0-9/12345`. */
function rangeTotal(response: Response | null): number | undefined {
  const total = Number(/\/(\d+)\s*$/.exec(response?.headers.get('Content-Range') ?? '')?.[1]);
  return Number.isSafeInteger(total) && total > 0 ? total : undefined;
}

/** Up to `limit` bytes of a body, cancelling the rest (a server may ignore the Range header). */
async function firstBytes(response: Response, limit: number): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  const out = new Uint8Array(Math.min(size, limit));
  let at = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, out.length - at);
    out.set(part, at);
    at += part.length;
    if (at >= out.length) break;
  }
  return out;
}

/** Byte sizes of GGUF scalar value types (8 = string, 9 = array are variable). */
const GGUF_SCALAR_BYTES: Record<number, number> = {
  0: 1, // u8
  1: 1, // i8
  2: 2, // u16
  3: 2, // i16
  4: 4, // u32
  5: 4, // i32
  6: 4, // f32
  7: 1, // bool
  10: 8, // u64
  11: 8, // i64
  12: 8, // f64
};

/**
 * `<arch>.context_length` from the start of a GGUF file (v2 or v3, little-endian; see ggml's
 * docs/gguf.md), or null when the bytes end before it, it is absent, or this is not GGUF.
 */
export function readGgufContextLength(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (n: number) => {
    if (at + n > bytes.length) throw new RangeError('end of the bytes read');
  };
  const u32 = () => (need(4), (at += 4), view.getUint32(at - 4, true));
  const u64 = () => {
    need(8);
    at += 8;
    const value = view.getBigUint64(at - 8, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('value too large');
    return Number(value);
  };
  const str = () => {
    const length = u64();
    need(length);
    at += length;
    return new TextDecoder().decode(bytes.subarray(at - length, at));
  };
  const integer = (type: number): number | null => {
    if (type === 4) return u32();
    if (type === 5) return (need(4), (at += 4), view.getInt32(at - 4, true));
    if (type === 10) return u64();
    return null;
  };
  const skip = (type: number) => {
    if (type === 8) return void str();
    if (type === 9) {
      const elementType = u32();
      const count = u64();
      const size = GGUF_SCALAR_BYTES[elementType];
      if (size !== undefined) return (need(size * count), void (at += size * count));
      for (let i = 0; i < count; i++) skip(elementType);
      return;
    }
    const size = GGUF_SCALAR_BYTES[type];
    if (size === undefined) throw new RangeError(`unknown GGUF value type ${type}`);
    need(size);
    at += size;
  };

  const contexts = new Map<string, number>();
  let arch: string | null = null;
  try {
    if (str4(bytes) !== 'GGUF') return null;
    at = 4;
    const version = u32();
    if (version < 2) return null;
    u64(); // tensor count
    const kvCount = u64();
    for (let i = 0; i < kvCount; i++) {
      const key = str();
      const type = u32();
      if (key === 'general.architecture' && type === 8) arch = str();
      else if (key.endsWith('.context_length')) {
        const value = integer(type);
        if (value === null) skip(type);
        else contexts.set(key.slice(0, -'.context_length'.length), value);
      } else skip(type);
      if (arch !== null && contexts.has(arch)) break;
    }
  } catch {
    // The bytes ended (or were not GGUF after all): use what was read.
  }
  const found = arch === null ? undefined : contexts.get(arch);
  return found !== undefined && found > 0 ? found : null;
}

const str4 = (bytes: Uint8Array) => String.fromCharCode(...bytes.subarray(0, 4));

async function inspectGguf(url: string, fetchFn: typeof fetch): Promise<CustomModelFacts> {
  const head = await ask(fetchFn, url, { method: 'HEAD' }, HEAD_REFUSED);
  const facts: CustomModelFacts = {};
  if (!head) return facts;
  const start = await ask(fetchFn, url, { headers: { Range: `bytes=0-${GGUF_HEADER_BYTES - 1}` } });
  // A 206's Content-Length is the part's; a 200 (Range ignored) sends the whole file.
  const size =
    contentLength(head) ??
    rangeTotal(start) ??
    (start?.status === 200 ? contentLength(start) : undefined);
  if (size !== undefined) facts.downloadBytes = size;
  if (start) {
    const context = readGgufContextLength(await firstBytes(start, GGUF_HEADER_BYTES));
    if (context !== null) facts.contextLength = context;
  }
  return facts;
}

async function json(response: Response | null): Promise<unknown> {
  if (!response?.ok) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}

async function inspectMlc(model: CustomModel, fetchFn: typeof fetch): Promise<CustomModelFacts> {
  const base = mlcModelBaseUrl(model.modelUrl);
  const facts: CustomModelFacts = {};
  const config = await json(await ask(fetchFn, new URL('mlc-chat-config.json', base).href));
  const context = (config as { context_window_size?: unknown } | null)?.context_window_size;
  if (typeof context === 'number' && Number.isSafeInteger(context) && context > 0) {
    facts.contextLength = context;
  }
  const lib = model.modelLibUrl
    ? await ask(
        fetchFn,
        new URL(model.modelLibUrl, globalThis.location?.href).href,
        { method: 'HEAD' },
        HEAD_REFUSED,
      )
    : null;
  // WebLLM 0.2.80+ names the manifest tensor-cache.json; older builds ndarray-cache.json.
  let manifest: unknown = null;
  for (const name of ['tensor-cache.json', 'ndarray-cache.json']) {
    manifest = await json(await ask(fetchFn, new URL(name, base).href, {}, [404]));
    if (manifest) break;
  }
  const records = (manifest as { records?: unknown } | null)?.records;
  if (Array.isArray(records)) {
    const weights = records.reduce<number>(
      (n, r) => n + (typeof r?.nbytes === 'number' && r.nbytes > 0 ? r.nbytes : 0),
      0,
    );
    const libBytes = contentLength(lib) ?? 0;
    if (weights > 0) facts.downloadBytes = weights + libBytes;
  }
  return facts;
}

/** Asks the custom model's host for its size and context window. */
export async function inspectCustomModel(
  model: CustomModel,
  fetchFn: typeof fetch = (input, init) => fetch(input, init),
): Promise<CustomModelInspection> {
  let facts: CustomModelFacts = {};
  let problem: string | null = null;
  try {
    facts =
      model.engine === 'wllama'
        ? await inspectGguf(model.modelUrl, fetchFn)
        : await inspectMlc(model, fetchFn);
  } catch (error) {
    if (!(error instanceof HttpFailure)) throw error;
    problem = error.message;
  }
  const unknown = [
    ...(facts.downloadBytes === undefined ? ['size'] : []),
    ...(facts.contextLength === undefined ? ['context window'] : []),
  ];
  return { facts, problem, unknown };
}
