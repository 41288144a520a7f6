import { describe, expect, test } from 'vitest';
import { firstHttpFailure, probeStatus } from './probe-url';

type Call = { url: string; method: string; range: string | null };

function server(answer: (call: Call) => number) {
  const calls: Call[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = {
      url: String(input),
      method: init?.method ?? 'GET',
      range: new Headers(init?.headers).get('Range'),
    };
    calls.push(call);
    return new Response(call.method === 'HEAD' ? null : 'x', { status: answer(call) });
  };
  return Object.assign(fn as typeof fetch, { calls });
}

describe('probeStatus', () => {
  test('asks with HEAD', async () => {
    const fetchFn = server(() => 404);
    expect(await probeStatus('https://h.example/a.gguf', fetchFn)).toBe(404);
    expect(fetchFn.calls).toEqual([
      { url: 'https://h.example/a.gguf', method: 'HEAD', range: null },
    ]);
  });

  test('falls back to a one-byte ranged GET where HEAD is not allowed', async () => {
    const fetchFn = server((c) => (c.method === 'HEAD' ? 405 : 206));
    expect(await probeStatus('https://h.example/a.gguf', fetchFn)).toBe(206);
    expect(fetchFn.calls[1]).toEqual({
      url: 'https://h.example/a.gguf',
      method: 'GET',
      range: 'bytes=0-0',
    });
  });

  test('null when the request itself fails', async () => {
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(await probeStatus('https://h.example/a.gguf', offline)).toBeNull();
  });
});

describe('firstHttpFailure', () => {
  test('the first URL that answers an error, in order', async () => {
    const fetchFn = server((c) => (c.url.endsWith('/b') ? 403 : c.url.endsWith('/c') ? 404 : 200));
    const urls = ['https://h.example/a', 'https://h.example/b', 'https://h.example/c'];
    expect(await firstHttpFailure(urls, fetchFn)).toEqual({
      url: 'https://h.example/b',
      status: 403,
    });
    expect(await firstHttpFailure(['https://h.example/a'], fetchFn)).toBeNull();
  });
});
