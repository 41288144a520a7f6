import type { ChatCompletionChunk } from '@mlc-ai/web-llm';
import { describe, expect, test } from 'vitest';
import type { ChatRequest, ModelSpec } from '../../src/lib/engine/types';
import {
  appConfigFor,
  WebLLMEngine,
  webllmChatBody,
  webllmError,
  type MLCEngineLike,
} from './webllm-engine';

const spec: ModelSpec = {
  engine: 'webllm',
  modelId: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
  contextWindow: 4096,
};

describe('webllmError', () => {
  test('a network failure while loading is a retryable download error naming the host', () => {
    const e = webllmError(new TypeError('Failed to fetch'), spec, 'load');
    expect(e.name).toBe('ModelDownloadError');
    expect(e.message).toMatch(
      /Could not download Qwen2.5-0.5B-Instruct-q4f32_1-MLC from huggingface.co/,
    );
  });

  test('a custom model names its own host', () => {
    const custom = {
      ...spec,
      modelUrl: 'https://models.example.org/m/',
      modelLibUrl: 'https://x.org/lib.wasm',
    };
    expect(webllmError(new TypeError('Failed to fetch'), custom, 'load').message).toContain(
      'models.example.org',
    );
  });

  test('device loss, missing f16 and context overflow get their own names', () => {
    const lost = Object.assign(new Error('Device was lost'), { name: 'DeviceLostError' });
    expect(webllmError(lost, spec, 'chat').name).toBe('DeviceLostError');
    const f16 = new Error('This model requires WebGPU extension shader-f16, which is not enabled');
    expect(webllmError(f16, spec, 'load').name).toBe('WebGPUUnavailableError');
    const ctx = Object.assign(new Error('too long'), { name: 'ContextWindowSizeExceededError' });
    expect(webllmError(ctx, spec, 'chat').name).toBe('InvalidRequestError');
  });

  test('anything else is a load or generation error by stage', () => {
    expect(webllmError(new Error('weird'), spec, 'load').name).toBe('ModelLoadError');
    expect(webllmError(new Error('weird'), spec, 'chat').name).toBe('GenerationError');
  });
});

describe('appConfigFor', () => {
  test('catalog models use the prebuilt list; custom ones are added in front', () => {
    expect(appConfigFor(spec).model_list.some((m) => m.model_id === spec.modelId)).toBe(true);
    const custom = appConfigFor({
      ...spec,
      modelId: 'my-model',
      modelUrl: 'https://h.example/m',
      modelLibUrl: 'https://h.example/lib.wasm',
    });
    expect(custom.model_list[0]).toEqual({
      model: 'https://h.example/m',
      model_id: 'my-model',
      model_lib: 'https://h.example/lib.wasm',
    });
  });

  test('a custom model without a library URL is refused', () => {
    expect(() => appConfigFor({ ...spec, modelUrl: 'https://h.example/m' })).toThrow(
      /model library/,
    );
  });
});

/** A fake MLCEngine: `reload` does what `onReload` says; chat streams `chunks`. */
function fakeEngine(
  chunks: ChatCompletionChunk[] = [],
  onReload: () => Promise<void> = async () => {},
): MLCEngineLike {
  const fake = {
    setAppConfig: () => {},
    setInitProgressCallback: () => {},
    reload: onReload,
    interruptGenerate: () => {},
    unload: async () => {},
    chat: {
      completions: {
        create: async () =>
          (async function* () {
            yield* chunks;
          })(),
      },
    },
  };
  return fake as unknown as MLCEngineLike;
}

/** One streamed chunk as WebLLM writes it. */
const delta = (content: string): ChatCompletionChunk => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 0,
  model: spec.modelId,
  choices: [{ index: 0, delta: { content, role: 'assistant' }, finish_reason: null }],
});

/** The usage chunk WebLLM sends last (with `stream_options.include_usage`). */
const usage = (completion_tokens: number): ChatCompletionChunk => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 0,
  model: spec.modelId,
  choices: [],
  usage: {
    prompt_tokens: 7,
    completion_tokens,
    total_tokens: 7 + completion_tokens,
    extra: { prefill_tokens_per_s: 1, decode_tokens_per_s: 1 },
  } as ChatCompletionChunk['usage'],
});

async function chatWith(chunks: ChatCompletionChunk[]) {
  const engine = new WebLLMEngine({ createEngine: () => fakeEngine(chunks) });
  await engine.load(spec, () => {});
  const deltas: string[] = [];
  const result = await engine.chat(
    { messages: [{ role: 'user', content: 'hi' }], sampling: {} },
    (d) => deltas.push(d),
    new AbortController().signal,
  );
  return { result, deltas };
}

describe('WebLLMEngine.chat token counts', () => {
  test('counts the first token, which WebLLM (up to 0.2.79) leaves out of completion_tokens', async () => {
    // Older WebLLM reports decode steps only; the first token comes from the prefill step.
    const { result, deltas } = await chatWith([delta('Hel'), delta('lo'), usage(1)]);
    expect(deltas).toEqual(['Hel', 'lo']);
    expect(result.text).toBe('Hello');
    expect(result.completionTokens).toBe(2);
    expect(result.promptTokens).toBe(7);
  });

  test('a usage that already counts every token is kept as it is', async () => {
    const { result } = await chatWith([delta('a'), delta(' b'), delta(' c'), usage(3)]);
    expect(result.completionTokens).toBe(3);
  });

  test('usage above the streamed count (several tokens in one delta) wins', async () => {
    const { result } = await chatWith([delta('a'), delta('é'), usage(5)]);
    expect(result.completionTokens).toBe(5);
  });
});

/** A fetch that answers `status` for URLs ending in one of `missing`, 200 for the rest. */
function fakeFetch(status: number, ...missing: string[]) {
  const seen: string[] = [];
  const fn = async (input: RequestInfo | URL) => {
    const url = String(input instanceof Request ? input.url : input);
    seen.push(url);
    return new Response(null, { status: missing.some((m) => url.endsWith(m)) ? status : 200 });
  };
  return Object.assign(fn as typeof fetch, { seen });
}

/** What Chromium throws when WebLLM's `Cache.add` gets a response that is not ok. */
const cacheAddFailure = () => new TypeError("Failed to execute 'add' on 'Cache': Request failed");

describe('WebLLMEngine.load download failures', () => {
  const custom: ModelSpec = {
    ...spec,
    modelId: 'my-model',
    modelUrl: 'https://models.example.org/org/my-model/resolve/main/',
    modelLibUrl: 'https://libs.example.org/my-model.wasm',
  };

  async function loadError(engineSpec: ModelSpec, fetchFn: typeof fetch) {
    const engine = new WebLLMEngine({
      createEngine: () => fakeEngine([], () => Promise.reject(cacheAddFailure())),
      fetch: fetchFn,
    });
    return engine
      .load(engineSpec, () => {})
      .then(
        () => expect.fail('load should fail'),
        (e: Error) => e,
      );
  }

  test('a 404 behind a failed Cache.add says the file was not found, and where', async () => {
    const e = await loadError(custom, fakeFetch(404, 'mlc-chat-config.json'));
    expect(e.name).toBe('ModelDownloadError');
    expect(e.message).toContain(
      'The model file was not found at models.example.org/org/my-model/resolve/main/mlc-chat-config.json (HTTP 404)',
    );
    expect(e.message).not.toMatch(/Cache|connection/);
  });

  test('a missing model library is named too', async () => {
    const e = await loadError(custom, fakeFetch(404, 'my-model.wasm'));
    expect(e.message).toContain('not found at libs.example.org/my-model.wasm (HTTP 404)');
  });

  test('refused access and server errors are told apart', async () => {
    const refused = await loadError(custom, fakeFetch(403, 'mlc-chat-config.json'));
    expect(refused.message).toMatch(/refused access to .*mlc-chat-config\.json \(HTTP 403\)/);
    const down = await loadError(custom, fakeFetch(503, 'tensor-cache.json'));
    expect(down.message).toMatch(/server at models\.example\.org failed .*\(HTTP 503\)/);
    expect(down.name).toBe('ModelDownloadError');
  });

  test('a catalog model probes its Hugging Face files', async () => {
    const fetchFn = fakeFetch(404, 'mlc-chat-config.json');
    const e = await loadError(spec, fetchFn);
    expect(fetchFn.seen[0]).toMatch(
      /^https:\/\/huggingface\.co\/.+\/resolve\/main\/mlc-chat-config\.json$/,
    );
    expect(e.message).toMatch(/not found at huggingface\.co\/.+mlc-chat-config\.json \(HTTP 404\)/);
  });

  test('when every file answers, the message stays about the connection, with one full stop', async () => {
    const e = await loadError(custom, fakeFetch(404));
    expect(e.name).toBe('ModelDownloadError');
    expect(e.message).toMatch(/Check your connection, then Retry\.$/);
    expect(e.message).not.toContain('..');
  });

  test('a missing tensor-cache.json beside an ndarray-cache.json means an older WebLLM build', async () => {
    const e = await loadError(custom, fakeFetch(404, 'tensor-cache.json'));
    expect(e.message).toContain(
      'not found at models.example.org/org/my-model/resolve/main/tensor-cache.json',
    );
    expect(e.message).toContain('built for an older WebLLM');
  });

  test('an unreachable host (the probe fails too) keeps the connection message', async () => {
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const e = await loadError(custom, offline);
    expect(e.message).toMatch(/Could not download my-model from models\.example\.org/);
  });
});

describe('webllmError messages', () => {
  test("a detail ending in a full stop is not followed by another ('..')", () => {
    const e = webllmError(new TypeError('Network error.'), spec, 'load');
    expect(e.message).not.toContain('..');
  });

  test("a status in WebLLM's own message is put in words", () => {
    const e = webllmError(
      new Error(
        'ArtifactOPFSCache: Unable to fetch https://h.example/m/resolve/main/tensor-cache.json, received status 404',
      ),
      spec,
      'load',
    );
    expect(e.name).toBe('ModelDownloadError');
    expect(e.message).toContain(
      'not found at h.example/m/resolve/main/tensor-cache.json (HTTP 404)',
    );
  });
});

describe('a model library built for another WebLLM runtime', () => {
  test('is named in words, with the runtime and the library folder that fits', () => {
    // What WebAssembly says when a pre-0.2.80 library meets the 0.2.86 runtime.
    const raw = new Error(
      'WebAssembly.instantiate(): Import #0 "env" "_ZN3tvm7runtime9threading15ResetThreadPoolEv": function import requires a callable',
    );
    const custom = {
      ...spec,
      modelUrl: 'https://m.example/w/',
      modelLibUrl: 'https://m.example/lib.wasm',
    };
    const e = webllmError(raw, custom, 'load');
    expect(e.name).toBe('ModelLoadError');
    expect(e.message).toContain('built for a different WebLLM runtime');
    expect(e.message).toMatch(/WebLLM 0\.2\.\d+/);
    expect(e.message).toContain('before 0.2.80');
    expect(e.message).toMatch(/web-llm-models\/v0_2_\d+/);
    expect(e.message).not.toContain('ResetThreadPool');
  });
});

describe('webllmChatBody: the thinking switch', () => {
  const qwen3 = 'Qwen3-0.6B-q4f32_1-MLC';
  const request = (thinking?: 'on' | 'off'): ChatRequest => ({
    messages: [{ role: 'user', content: 'hi' }],
    sampling: { temperature: 0.5, max_tokens: 64 },
    ...(thinking ? { thinking } : {}),
  });

  test('off becomes extra_body.enable_thinking false for Qwen3, on becomes true', () => {
    expect(webllmChatBody(request('off'), qwen3).extra_body).toEqual({ enable_thinking: false });
    expect(webllmChatBody(request('on'), qwen3).extra_body).toEqual({ enable_thinking: true });
  });

  test('no switch, or a model that cannot switch, sends no extra_body', () => {
    expect(webllmChatBody(request(), qwen3)).not.toHaveProperty('extra_body');
    expect(webllmChatBody(request('off'), spec.modelId)).not.toHaveProperty('extra_body');
    const r1 = 'DeepSeek-R1-Distill-Qwen-7B-q4f16_1-MLC';
    expect(webllmChatBody(request('off'), r1)).not.toHaveProperty('extra_body');
  });

  test('the rest of the request is kept', () => {
    const body = webllmChatBody(request('off'), qwen3);
    expect(body).toMatchObject({
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.5,
      max_tokens: 64,
    });
  });

  test('the engine sends that body to WebLLM', async () => {
    const bodies: unknown[] = [];
    const fake = fakeEngine([delta('ok'), usage(1)]);
    const create = fake.chat.completions.create.bind(fake.chat.completions);
    (fake.chat.completions as { create: unknown }).create = (body: unknown) => {
      bodies.push(body);
      return create(body as never);
    };
    const engine = new WebLLMEngine({ createEngine: () => fake });
    await engine.load({ ...spec, modelId: qwen3 }, () => {});
    await engine.chat(request('off'), () => {}, new AbortController().signal);
    expect(bodies).toEqual([webllmChatBody(request('off'), qwen3)]);
  });
});

describe('webllmChatBody: grammars', () => {
  test("a request's grammar becomes WebLLM's grammar response format, in place of JSON mode", () => {
    const grammar = 'root ::= "yes" | "no"';
    const body = webllmChatBody(
      {
        messages: [{ role: 'user', content: 'hi' }],
        sampling: {},
        grammar,
        responseFormat: { type: 'json_object' },
      },
      spec.modelId,
    );
    expect(body.response_format).toEqual({ type: 'grammar', grammar });
  });
});
