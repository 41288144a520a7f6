import { describe, expect, it } from 'vitest';
import type { ChatRequest, ModelSpec } from '../../src/lib/engine/types';
import { bodyOf, sse } from '../../src/lib/testing/sse-fixtures';
import { RemoteEngine, thinkingFields, type RemoteEngineOptions } from './remote-engine';

const ORIGIN = 'https://playground.example';

interface Seen {
  url: string;
  init: RequestInit;
  body: Record<string, unknown> | null;
}

/** A fake server: `route` answers each request; every request is recorded. */
function server(
  route: (url: string, init: RequestInit, index: number) => Response | Promise<Response>,
) {
  const seen: Seen[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    seen.push({ url, init, body: typeof init.body === 'string' ? JSON.parse(init.body) : null });
    return route(url, init, seen.length - 1);
  }) as typeof fetch;
  return { seen, fetchFn };
}

const models = (ids: string[], ownedBy = 'library') =>
  new Response(
    JSON.stringify({ object: 'list', data: ids.map((id) => ({ id, owned_by: ownedBy })) }),
  );

const spec = (over: Partial<ModelSpec> = {}): ModelSpec => ({
  engine: 'wllama', // The remote kind joins EngineKind with the picker; the engine reads only the fields below.
  modelId: 'qwen3:4b',
  modelUrl: 'http://localhost:11434',
  contextWindow: 8192,
  ...over,
});

const request: ChatRequest = {
  messages: [{ role: 'user', content: 'Capital of France?' }],
  sampling: { max_tokens: 16, temperature: 0 },
};

const chunk = (content: string) => ({ choices: [{ delta: { content }, finish_reason: null }] });
const stopChunk = { choices: [{ delta: {}, finish_reason: 'stop' }] };

async function loaded(route: Parameters<typeof server>[0], options: RemoteEngineOptions = {}) {
  const fake = server((url, init, i) =>
    url.endsWith('/models') ? models(['qwen3:4b', 'llama3.2']) : route(url, init, i),
  );
  const engine = new RemoteEngine({ fetch: fake.fetchFn, origin: ORIGIN, ...options });
  await engine.load(spec({ apiKey: 'sk-secret' }), () => {});
  return { engine, seen: fake.seen };
}

describe('RemoteEngine.load', () => {
  it('asks the /v1/models of the server root it was given, with the key, and names the server', async () => {
    const { seen, fetchFn } = server(() => models(['qwen3:4b']));
    const engine = new RemoteEngine({ fetch: fetchFn, origin: ORIGIN });
    const progress: number[] = [];
    await expect(
      engine.load(spec({ apiKey: 'k1' }), (p) => progress.push(p.fraction)),
    ).resolves.toEqual({ fromCache: false });
    expect(seen[0]?.url).toBe('http://localhost:11434/v1/models');
    expect((seen[0]?.init.headers as Record<string, string>).Authorization).toBe('Bearer k1');
    expect(engine.server).toBe('ollama');
    expect(progress).toEqual([0, 1]);
  });

  it('refuses a model the server does not serve, listing what it does', async () => {
    const { fetchFn } = server(() => models(['llama3.2', 'phi4'], 'vllm'));
    const engine = new RemoteEngine({ fetch: fetchFn, origin: ORIGIN });
    await expect(engine.load(spec(), () => {})).rejects.toMatchObject({
      name: 'ModelLoadError',
      message: expect.stringContaining('has no model named "qwen3:4b". It serves: llama3.2, phi4.'),
    });
  });

  it('says a 401 is about the key', async () => {
    const { fetchFn } = server(
      () => new Response('{"error":{"message":"invalid api key"}}', { status: 401 }),
    );
    await expect(new RemoteEngine({ fetch: fetchFn }).load(spec(), () => {})).rejects.toMatchObject(
      {
        message: expect.stringMatching(
          /Ollama at localhost:11434 refused the request \(HTTP 401\): the API key.*"invalid api key"/,
        ),
      },
    );
  });

  it('tells CORS (the server answers opaquely) from a server that is down', async () => {
    const cors = server((_url, init) => {
      if (init.mode === 'no-cors') return new Response(null, { status: 200 });
      throw new TypeError('Failed to fetch');
    });
    await expect(
      new RemoteEngine({ fetch: cors.fetchFn, origin: ORIGIN }).load(spec(), () => {}),
    ).rejects.toMatchObject({
      name: 'ModelDownloadError',
      message: expect.stringContaining(
        `does not allow this page (${ORIGIN}) to read its replies (CORS). Start Ollama with OLLAMA_ORIGINS=${ORIGIN}`,
      ),
    });
    const down = server(() => {
      throw new TypeError('Failed to fetch');
    });
    const error = await new RemoteEngine({ fetch: down.fetchFn, origin: ORIGIN })
      .load(spec(), () => {})
      .then(() => new Error('loaded'))
      .catch((e: Error) => e);
    expect(error.message).toMatch(/^Could not reach Ollama at localhost:11434: is it running/);
    expect(error.message).toContain('devices on your local network'); // public page → localhost
  });

  it('rejects an address that is not http(s) before sending anything', async () => {
    const { seen, fetchFn } = server(() => models([]));
    await expect(
      new RemoteEngine({ fetch: fetchFn }).load(spec({ modelUrl: 'file:///etc/passwd' }), () => {}),
    ).rejects.toMatchObject({
      name: 'InvalidRequestError',
    });
    expect(seen).toHaveLength(0);
  });
});

describe('RemoteEngine.chat', () => {
  it('streams the reply and takes usage from the final chunk', async () => {
    const { engine, seen } = await loaded(
      () =>
        new Response(
          bodyOf([
            sse([
              chunk('Par'),
              chunk('is'),
              stopChunk,
              { choices: [], usage: { prompt_tokens: 9, completion_tokens: 2 } },
            ]),
          ]),
        ),
    );
    const deltas: string[] = [];
    const done = await engine.chat(request, (d) => deltas.push(d), new AbortController().signal);
    expect(deltas).toEqual(['Par', 'is']);
    expect(done).toEqual({
      text: 'Paris',
      finishReason: 'stop',
      promptTokens: 9,
      completionTokens: 2,
    });
    const sent = seen.at(-1)!;
    expect(sent.url).toBe('http://localhost:11434/v1/chat/completions');
    expect(sent.body).toMatchObject({
      model: 'qwen3:4b',
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 16,
      temperature: 0,
    });
    expect((sent.init.headers as Record<string, string>).Authorization).toBe('Bearer sk-secret');
  });

  it('counts streamed deltas, and says so, when the server sends no usage', async () => {
    const { engine } = await loaded(
      () => new Response(bodyOf([sse([chunk('a'), chunk('b'), chunk('c'), stopChunk])])),
    );
    const done = await engine.chat(request, () => {}, new AbortController().signal);
    expect(done).toMatchObject({ completionTokens: 3, promptTokens: 0, usageCounted: true });
  });

  it('sends a JSON schema as response_format, and drops it for good when the server rejects it', async () => {
    const bodies: Record<string, unknown>[] = [];
    const { engine, seen } = await loaded((_u, init) => {
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      bodies.push(body);
      if (body.response_format)
        return new Response('{"error":"response_format is not supported"}', { status: 400 });
      return new Response(bodyOf([sse([chunk('{"ok":true}'), stopChunk])]));
    });
    const schema = JSON.stringify({ type: 'object', properties: { ok: { type: 'boolean' } } });
    const structured = { ...request, responseFormat: { type: 'json_object' as const, schema } };
    await expect(
      engine.chat(structured, () => {}, new AbortController().signal),
    ).resolves.toMatchObject({ text: '{"ok":true}' });
    expect(bodies[0]?.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'reply', schema: JSON.parse(schema), strict: true },
    });
    expect(bodies[1]?.response_format).toBeUndefined();
    await engine.chat(structured, () => {}, new AbortController().signal);
    expect(seen.at(-1)!.body!.response_format).toBeUndefined();
  });

  it('waits as a 429 asks (Retry-After) and goes on; gives up on a wait too long', async () => {
    const waits: number[] = [];
    let calls = 0;
    const { engine } = await loaded(
      () =>
        ++calls === 1
          ? new Response('slow down', { status: 429, headers: { 'Retry-After': '2' } })
          : new Response(bodyOf([sse([chunk('ok'), stopChunk])])),
      { sleep: async (ms) => void waits.push(ms) },
    );
    await expect(
      engine.chat(request, () => {}, new AbortController().signal),
    ).resolves.toMatchObject({ text: 'ok' });
    expect(waits).toEqual([2000]);

    const long = await loaded(
      () => new Response('', { status: 429, headers: { 'Retry-After': '3600' } }),
      { sleep: async () => {} },
    );
    await expect(
      long.engine.chat(request, () => {}, new AbortController().signal),
    ).rejects.toMatchObject({
      message: expect.stringContaining('is limiting requests (HTTP 429)'),
    });
  });

  it("names an unknown model (404) and a server failure (500) with the server's words", async () => {
    const missing = await loaded(
      () => new Response('{"error":{"message":"model not found"}}', { status: 404 }),
    );
    await expect(
      missing.engine.chat(request, () => {}, new AbortController().signal),
    ).rejects.toMatchObject({
      name: 'ModelLoadError',
      message: expect.stringContaining('has no model named "qwen3:4b" (HTTP 404)'),
    });
    const broken = await loaded(() => new Response('boom', { status: 500 }));
    await expect(
      broken.engine.chat(request, () => {}, new AbortController().signal),
    ).rejects.toMatchObject({
      name: 'GenerationError',
      message: expect.stringContaining('failed (HTTP 500). It said: "boom".'),
    });
  });

  it('says the stream dropped when the server goes away mid-reply', async () => {
    const { engine } = await loaded(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(c) {
              c.enqueue(new TextEncoder().encode(sse([chunk('one'), chunk(' two')], false)));
            },
            pull(c) {
              c.error(new TypeError('network error'));
            },
          }),
        ),
    );
    const deltas: string[] = [];
    await expect(
      engine.chat(request, (d) => deltas.push(d), new AbortController().signal),
    ).rejects.toMatchObject({
      name: 'GenerationError',
      message: expect.stringContaining(
        'closed the stream after 2 tokens, before the reply was finished',
      ),
    });
    expect(deltas).toEqual(['one', ' two']);
    // A stream that simply ends without finishing is the same failure.
    const ended = await loaded(() => new Response(bodyOf([sse([chunk('x')], false)])));
    await expect(
      ended.engine.chat(request, () => {}, new AbortController().signal),
    ).rejects.toThrow('closed the stream after 1 tokens');
  });

  it('Stop aborts the HTTP request and keeps what streamed', async () => {
    let requestSignal: AbortSignal | undefined;
    const { engine } = await loaded((_u, init) => {
      requestSignal = init.signal ?? undefined;
      return new Response(
        new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(new TextEncoder().encode(sse([chunk('so far')], false)));
            init.signal?.addEventListener('abort', () =>
              c.error(new DOMException('aborted', 'AbortError')),
            );
          },
        }),
      );
    });
    const stop = new AbortController();
    const done = engine.chat(request, () => stop.abort(), stop.signal);
    await expect(done).resolves.toMatchObject({
      text: 'so far',
      finishReason: 'abort',
      completionTokens: 1,
    });
    expect(requestSignal?.aborted).toBe(true);
  });

  it('gives up, in words, on a server that goes silent', async () => {
    const { engine } = await loaded(
      (_u, init) =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(c) {
              c.enqueue(new TextEncoder().encode(sse([chunk('hm')], false)));
              init.signal?.addEventListener('abort', () =>
                c.error(new DOMException('aborted', 'AbortError')),
              );
            },
          }),
        ),
      { stallMs: 1000 },
    );
    await expect(
      engine.chat(request, () => {}, new AbortController().signal),
    ).rejects.toMatchObject({
      message: expect.stringContaining('stopped sending for 1 s after 1 tokens'),
    });
  });
});

describe('RemoteEngine thinking switch', () => {
  it('sends enable_thinking (and Ollama\'s reasoning_effort "none" to switch off) to models that switch', () => {
    const off = { ...request, thinking: 'off' as const };
    expect(thinkingFields('qwen3:4b', off)).toEqual({
      chat_template_kwargs: { enable_thinking: false },
      reasoning_effort: 'none',
    });
    expect(thinkingFields('Qwen/Qwen3-4B', { ...request, thinking: 'on' })).toEqual({
      chat_template_kwargs: { enable_thinking: true },
    });
    expect(thinkingFields('llama3.2', off)).toBeUndefined();
    expect(thinkingFields('qwen3:4b', request)).toBeUndefined();
  });

  it('a server that refuses the thinking fields gets requests without them from then on', async () => {
    const bodies: Record<string, unknown>[] = [];
    const fake = server((url, init) => {
      if (url.endsWith('/models')) return models(['qwen3:4b']);
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      bodies.push(body);
      if (body.reasoning_effort)
        return new Response('{"error":"unknown field reasoning_effort"}', { status: 400 });
      return new Response(bodyOf([sse([chunk('ok'), stopChunk])]));
    });
    const engine = new RemoteEngine({ fetch: fake.fetchFn, origin: ORIGIN });
    await engine.load(spec(), () => {});
    const off = { ...request, thinking: 'off' as const };
    await expect(engine.chat(off, () => {}, new AbortController().signal)).resolves.toMatchObject({
      text: 'ok',
    });
    expect(bodies.map((b) => 'reasoning_effort' in b)).toEqual([true, false]);
  });
});

describe('RemoteEngine: OpenAI tools', () => {
  const calculator = {
    name: 'calculator',
    description: 'Computes an expression.',
    parameters: {
      type: 'object',
      properties: { expression: { type: 'string' } },
      required: ['expression'],
    },
  };
  /** A second tool step: the model's call and the tool's answer, as the tool loop writes them. */
  const secondStep: ChatRequest = {
    messages: [
      { role: 'system', content: 'Solve it.' },
      { role: 'user', content: 'What is 6 * 7?' },
      {
        role: 'assistant',
        content:
          '<tool_call>\n{"name":"calculator","arguments":{"expression":"6 * 7"}}\n</tool_call>',
      },
      {
        role: 'user',
        content: '<tool_response>\n{"name":"calculator","content":"42"}\n</tool_response>',
      },
    ],
    sampling: { max_tokens: 32 },
    tools: [calculator],
  };
  const toolCallChunks = [
    {
      choices: [
        {
          delta: { tool_calls: [{ index: 0, id: 'c1', function: { name: 'calculator' } }] },
          finish_reason: null,
        },
      ],
    },
    {
      choices: [
        {
          delta: { tool_calls: [{ index: 0, function: { arguments: '{"expression":' } }] },
          finish_reason: null,
        },
      ],
    },
    {
      choices: [
        {
          delta: { tool_calls: [{ index: 0, function: { arguments: '"6 * 7"}' } }] },
          finish_reason: null,
        },
      ],
    },
    { choices: [{ delta: {}, finish_reason: 'tool_calls' }] },
  ];

  it('sends tools and earlier steps as tool_calls and tool messages; streamed tool_calls come back as a <tool_call> block', async () => {
    const { engine, seen } = await loaded(() => new Response(bodyOf([sse(toolCallChunks)])));
    const deltas: string[] = [];
    const done = await engine.chat(secondStep, (d) => deltas.push(d), new AbortController().signal);
    const body = seen.at(-1)!.body!;
    expect(body.tools).toEqual([{ type: 'function', function: calculator }]);
    expect(body.messages).toEqual([
      { role: 'system', content: 'Solve it.' },
      { role: 'user', content: 'What is 6 * 7?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'calculator', arguments: '{"expression":"6 * 7"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '42' },
    ]);
    const block =
      '<tool_call>\n{"name":"calculator","arguments":{"expression":"6 * 7"}}\n</tool_call>';
    expect(done.text).toBe(block);
    expect(deltas.join('')).toBe(block);
    expect(done.finishReason).toBe('stop');
  });

  it('a server that refuses tools gets them declared in the system prompt instead, from then on', async () => {
    const { engine, seen } = await loaded((_u, init) => {
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      if (body.tools)
        return new Response('{"error":{"message":"tools are not supported by this model"}}', {
          status: 400,
        });
      return new Response(bodyOf([sse([chunk('Answer: 42'), stopChunk])]));
    });
    const done = await engine.chat(secondStep, () => {}, new AbortController().signal);
    expect(done.text).toBe('Answer: 42');
    const retried = seen.at(-1)!.body! as { tools?: unknown; messages: { content: string }[] };
    expect(retried.tools).toBeUndefined();
    expect(retried.messages[0]!.content).toContain('Solve it.\n\n# Tools');
    expect(retried.messages[0]!.content).toContain('"name":"calculator"');
    // The Hermes text is kept as it was for a server that reads it as text.
    expect(retried.messages[2]!.content).toContain('<tool_call>');
    await engine.chat(secondStep, () => {}, new AbortController().signal);
    expect(seen.at(-1)!.body!.tools).toBeUndefined();
  });
});
