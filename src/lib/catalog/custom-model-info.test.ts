import { describe, expect, test } from 'vitest';
import { inspectCustomModel, readGgufContextLength } from './custom-model-info';

/** GGUF metadata value types (ggml docs/gguf.md). */
const T = { U8: 0, U32: 4, I32: 5, F32: 6, BOOL: 7, STRING: 8, ARRAY: 9, U64: 10 } as const;

type Kv = [key: string, type: number, value: unknown];

/** The head of a GGUF v3 file: magic, version, counts, then metadata key/values. */
function ggufHeader(kvs: Kv[]): Uint8Array {
  const bytes: number[] = [];
  const u32 = (v: number) => bytes.push(v & 255, (v >>> 8) & 255, (v >>> 16) & 255, v >>> 24);
  const u64 = (v: number) => (u32(v), u32(0));
  const str = (s: string) => {
    const b = new TextEncoder().encode(s);
    u64(b.length);
    bytes.push(...b);
  };
  const scalar = (type: number, v: unknown) => {
    if (type === T.U32 || type === T.I32) u32(v as number);
    else if (type === T.U64) u64(v as number);
    else if (type === T.F32) bytes.push(...new Uint8Array(new Float32Array([v as number]).buffer));
    else if (type === T.U8 || type === T.BOOL) bytes.push(Number(v));
    else if (type === T.STRING) str(v as string);
  };
  bytes.push(...new TextEncoder().encode('GGUF'));
  u32(3);
  u64(0);
  u64(kvs.length);
  for (const [key, type, value] of kvs) {
    str(key);
    u32(type);
    if (type === T.ARRAY) {
      const [elementType, values] = value as [number, unknown[]];
      u32(elementType);
      u64(values.length);
      for (const v of values) scalar(elementType, v);
    } else scalar(type, value);
  }
  return new Uint8Array(bytes);
}

const llama = (context: number): Kv[] => [
  ['general.architecture', T.STRING, 'llama'],
  ['general.name', T.STRING, 'tiny'],
  ['general.alignment', T.U32, 32],
  ['llama.rope.freq_base', T.F32, 10000],
  ['tokenizer.ggml.tokens', T.ARRAY, [T.STRING, ['<unk>', '<s>', '</s>']]],
  ['tokenizer.ggml.add_bos_token', T.BOOL, false],
  ['llama.context_length', T.U32, context],
];

describe('readGgufContextLength', () => {
  test('reads <arch>.context_length after arrays, floats and booleans', () => {
    expect(readGgufContextLength(ggufHeader(llama(1024)))).toBe(1024);
  });

  test('the key may come before the architecture, and as a 64-bit value', () => {
    const kvs: Kv[] = [
      ['qwen2.context_length', T.U64, 32768],
      ['general.architecture', T.STRING, 'qwen2'],
    ];
    expect(readGgufContextLength(ggufHeader(kvs))).toBe(32768);
  });

  test('null when the bytes end first, the key is absent, or it is not GGUF', () => {
    const whole = ggufHeader(llama(1024));
    expect(readGgufContextLength(whole.slice(0, whole.length - 3))).toBeNull();
    expect(readGgufContextLength(ggufHeader(llama(1024).slice(0, 3)))).toBeNull();
    expect(readGgufContextLength(new TextEncoder().encode('<!doctype html><html>'))).toBeNull();
  });
});

/** A fake host: path → [status, body, headers]. HEAD gets the headers without the body. */
function host(files: Record<string, { status?: number; body?: BodyInit; size?: number }>) {
  const calls: string[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const range = new Headers(init?.headers).get('Range');
    calls.push(`${method} ${url.pathname}${range ? ` ${range}` : ''}`);
    const file = files[url.pathname];
    if (!file) return new Response('not here', { status: 404 });
    const headers = new Headers();
    if (file.size !== undefined) headers.set('Content-Length', String(file.size));
    return new Response(method === 'HEAD' ? null : (file.body ?? null), {
      status: file.status ?? 200,
      headers,
    });
  };
  return Object.assign(fn as typeof fetch, { calls });
}

const gguf = (modelUrl: string) => ({ id: 'custom:m', engine: 'wllama' as const, modelUrl });

describe('inspectCustomModel: GGUF', () => {
  test('size from HEAD Content-Length, context from the header of a ranged GET', async () => {
    const fetchFn = host({
      '/m.gguf': { size: 324_000_000, body: ggufHeader(llama(1024)) as BodyInit },
    });
    const result = await inspectCustomModel(gguf('https://h.example/m.gguf'), fetchFn);
    expect(result).toEqual({
      facts: { downloadBytes: 324_000_000, contextLength: 1024 },
      problem: null,
      unknown: [],
    });
    expect(fetchFn.calls).toEqual([
      'HEAD /m.gguf',
      expect.stringMatching(/^GET \/m\.gguf bytes=0-\d+$/),
    ]);
  });

  test("a host that refuses HEAD: the size comes from the ranged answer's Content-Range", async () => {
    const header = ggufHeader(llama(2048));
    const fetchFn = (async (_input: RequestInfo | URL, init?: RequestInit) =>
      init?.method === 'HEAD'
        ? new Response(null, { status: 405 })
        : new Response(header as BodyInit, {
            status: 206,
            headers: { 'Content-Range': `bytes 0-${header.length - 1}/5000000` },
          })) as typeof fetch;
    const result = await inspectCustomModel(gguf('https://h.example/m.gguf'), fetchFn);
    expect(result.facts).toEqual({ downloadBytes: 5_000_000, contextLength: 2048 });
    expect(result.problem).toBeNull();
  });

  test('a 404 is a problem in words, and nothing else is asked', async () => {
    const fetchFn = host({});
    const result = await inspectCustomModel(gguf('https://h.example/gone.gguf'), fetchFn);
    expect(result.problem).toMatch(/not found at h\.example\/gone\.gguf \(HTTP 404\)/);
    expect(fetchFn.calls).toEqual(['HEAD /gone.gguf']);
  });

  test('no Content-Length and no readable header: both unknown, said so', async () => {
    const fetchFn = host({ '/m.gguf': { body: 'garbage' } });
    const result = await inspectCustomModel(gguf('https://h.example/m.gguf'), fetchFn);
    expect(result.facts).toEqual({});
    expect(result.problem).toBeNull();
    expect(result.unknown).toEqual(['size', 'context window']);
  });

  test('an unreachable host is not a problem: the facts stay unknown', async () => {
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const result = await inspectCustomModel(gguf('https://h.example/m.gguf'), offline);
    expect(result).toEqual({ facts: {}, problem: null, unknown: ['size', 'context window'] });
  });
});

describe('inspectCustomModel: MLC', () => {
  const mlc = {
    id: 'custom:w',
    engine: 'webllm' as const,
    modelUrl: 'https://h.example/org/w',
    modelLibUrl: 'https://libs.example/w.wasm',
  };
  const config = JSON.stringify({ context_window_size: 1024, model_type: 'qwen2' });
  const manifest = (...nbytes: number[]) =>
    JSON.stringify({
      metadata: {},
      records: nbytes.map((n, i) => ({
        dataPath: `params_shard_${i}.bin`,
        nbytes: n,
        records: [],
      })),
    });

  test("size is the weight shards' bytes plus the library; context from mlc-chat-config.json", async () => {
    const fetchFn = host({
      '/org/w/resolve/main/mlc-chat-config.json': { body: config },
      '/org/w/resolve/main/tensor-cache.json': { body: manifest(200_000_000, 120_000_000) },
      '/w.wasm': { size: 4_000_000 },
    });
    const result = await inspectCustomModel(mlc, fetchFn);
    expect(result).toEqual({
      facts: { downloadBytes: 324_000_000, contextLength: 1024 },
      problem: null,
      unknown: [],
    });
  });

  test('an older build with ndarray-cache.json is read too', async () => {
    const fetchFn = host({
      '/org/w/resolve/main/mlc-chat-config.json': { body: config },
      '/org/w/resolve/main/ndarray-cache.json': { body: manifest(100) },
      '/w.wasm': { size: 20 },
    });
    expect((await inspectCustomModel(mlc, fetchFn)).facts.downloadBytes).toBe(120);
  });

  test('a missing config or library is a problem in words', async () => {
    const noConfig = await inspectCustomModel(mlc, host({ '/w.wasm': { size: 1 } }));
    expect(noConfig.problem).toMatch(
      /not found at h\.example\/org\/w\/resolve\/main\/mlc-chat-config\.json \(HTTP 404\)/,
    );
    const noLib = await inspectCustomModel(
      mlc,
      host({ '/org/w/resolve/main/mlc-chat-config.json': { body: config } }),
    );
    expect(noLib.problem).toMatch(/not found at libs\.example\/w\.wasm \(HTTP 404\)/);
  });
});
