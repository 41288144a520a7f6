/**
 * The stream shapes and error bodies of the servers people run (Ollama, vLLM, llama.cpp's server,
 * LM Studio, SGLang), recorded in tests/fixtures/server-streams (see its README for where each
 * comes from), replayed byte for byte through the same engine the page uses, cut into network
 * reads at awkward places.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../src/lib/engine/types';
import {
  READ_SPLITS,
  bytesBody,
  splitReads,
  type ReadSplit,
} from '../../src/lib/testing/sse-fixtures';
import { RemoteEngine } from './remote-engine';

type Server = 'ollama' | 'vllm' | 'llama.cpp' | 'lmstudio' | 'sglang';

/** Where each server is reached in these tests (not its usual port: `owned_by` must name it). */
const SERVERS: Record<Server, { baseUrl: string; model: string; name: string }> = {
  ollama: { baseUrl: 'http://gpu-box:9001', model: 'qwen3:4b', name: 'Ollama' },
  vllm: { baseUrl: 'http://gpu-box:9002', model: 'Qwen/Qwen3-4B', name: 'vLLM' },
  'llama.cpp': {
    baseUrl: 'http://gpu-box:9003',
    model: 'Qwen3-4B-Q4_K_M.gguf',
    name: 'llama.cpp server',
  },
  lmstudio: { baseUrl: 'http://gpu-box:9004', model: 'qwen/qwen3-4b', name: 'LM Studio' },
  sglang: { baseUrl: 'http://gpu-box:9005', model: 'Qwen/Qwen3-4B', name: 'SGLang' },
};

function recorded(server: Server, file: string): Uint8Array<ArrayBuffer> {
  const url = new URL(`../../tests/fixtures/server-streams/${server}/${file}`, import.meta.url);
  return new Uint8Array(readFileSync(url));
}

interface Reply {
  file: string;
  status?: number;
  split?: ReadSplit;
}

/** A fake fetch that answers as the recorded server did: its models list, then `reply`. */
function serverFetch(server: Server, reply: Reply): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const url = String(input);
    if (url.endsWith('/models')) return new Response(recorded(server, 'models.json'));
    const bytes = recorded(server, reply.file);
    const sse = reply.file.endsWith('.sse');
    return new Response(bytesBody(splitReads(bytes, reply.split ?? 'one read')), {
      status: reply.status ?? 200,
      headers: { 'Content-Type': sse ? 'text/event-stream' : 'application/json' },
    });
  }) as typeof fetch;
}

async function engineFor(server: Server, reply: Reply): Promise<RemoteEngine> {
  const { baseUrl, model } = SERVERS[server];
  const engine = new RemoteEngine({
    fetch: serverFetch(server, reply),
    origin: 'https://playground.example',
  });
  await engine.load(
    {
      engine: 'wllama',
      modelId: model,
      serverModel: model,
      modelUrl: baseUrl,
      contextWindow: 8192,
    },
    () => {},
  );
  return engine;
}

const request: ChatRequest = {
  messages: [{ role: 'user', content: 'Capital of France?' }],
  sampling: { max_tokens: 64, temperature: 0 },
};

async function chat(server: Server, reply: Reply) {
  const engine = await engineFor(server, reply);
  const deltas: string[] = [];
  const done = await engine.chat(request, (d) => deltas.push(d), new AbortController().signal);
  return { engine, deltas, done };
}

async function failure(server: Server, reply: Reply): Promise<Error> {
  return chat(server, reply).then(
    () => new Error('the call succeeded'),
    (error: Error) => error,
  );
}

const host = (server: Server) => new URL(SERVERS[server].baseUrl).host;

/** Every recorded reasoning stream says the same thing, in the server's own fields. */
const REASONING = 'Capital of France… that is Paris — easy.';
const ANSWER = 'Paris, “la Ville Lumière” 🗼.';

describe.each(READ_SPLITS)('recorded streams, network reads cut %s', (split) => {
  it.each([
    ['ollama', 'chat-thinking.sse'],
    ['vllm', 'chat-reasoning.sse'],
    ['vllm', 'chat-reasoning-content.sse'],
    ['llama.cpp', 'chat-reasoning.sse'],
    ['sglang', 'chat-reasoning.sse'],
  ] as const)(
    '%s %s: reasoning folded apart from the answer, usage from the last chunk',
    async (server, file) => {
      const { engine, deltas, done } = await chat(server, { file, split });
      expect(engine.server).toBe(server);
      expect(done).toEqual({
        text: `<think>${REASONING}</think>${ANSWER}`,
        finishReason: 'stop',
        promptTokens: 14,
        completionTokens: 23,
      });
      expect(deltas.join('')).toBe(done.text);
      expect(deltas.filter((d) => d.startsWith('<think>'))).toHaveLength(1);
    },
  );

  it('lmstudio chat-reasoning.sse: no usage while streaming, so tokens are counted and marked', async () => {
    const { engine, deltas, done } = await chat('lmstudio', { file: 'chat-reasoning.sse', split });
    expect(engine.server).toBe('lmstudio');
    expect(done).toEqual({
      text: `<think>${REASONING}</think>${ANSWER}`,
      finishReason: 'stop',
      promptTokens: 0,
      completionTokens: deltas.length,
      usageCounted: true,
    });
    expect(deltas).toHaveLength(4);
  });

  it('lmstudio chat-think-in-content.sse: <think> in content passes through as the think block', async () => {
    const { done } = await chat('lmstudio', { file: 'chat-think-in-content.sse', split });
    expect(done.text).toBe(`<think>${REASONING}</think>\n\nParis 🗼.`);
    expect(done.usageCounted).toBe(true);
  });

  it.each([
    ['ollama', 'chat-length.sse'],
    ['llama.cpp', 'chat-usage-in-final-choice.sse'],
  ] as const)('%s %s: a reply cut at max_tokens says length', async (server, file) => {
    const { done } = await chat(server, { file, split });
    expect(done).toEqual({
      text: 'Über alles',
      finishReason: 'length',
      promptTokens: 11,
      completionTokens: 2,
    });
  });

  it.each([
    ['vllm', 'chat-error.sse', 'CUDA out of memory. Tried to allocate 2.00 GiB'],
    [
      'sglang',
      'chat-error.sse',
      "The input (41210 tokens) is longer than the model's context length (40960 tokens)",
    ],
    [
      'llama.cpp',
      'chat-error.sse',
      'the request exceeds the available context size, try increasing it',
    ],
    [
      'llama.cpp',
      'chat-error-legacy.sse',
      'Input prompt is too big compared to KV size. Please try increasing KV size',
    ],
  ] as const)(
    "%s %s: the error sent mid-stream, in the server's words",
    async (server, file, said) => {
      const error = await failure(server, { file, split });
      expect(error).toMatchObject({
        name: 'GenerationError',
        message: `${SERVERS[server].name} at ${host(server)} reported an error mid-reply: ${said}.`,
      });
    },
  );
});

describe('recorded error replies', () => {
  it.each([
    ['ollama', 'error-404-unknown-model.json', 'model "qwen3:4b" not found, try pulling it first'],
    ['vllm', 'error-404-unknown-model.json', 'The model `qwen3:4b` does not exist.'],
    ['vllm', 'error-404-unknown-model-nested.json', 'The model `qwen3:4b` does not exist.'],
    [
      'lmstudio',
      'error-404-unknown-model.json',
      'Model "qwen3:4b" not found. Please specify a valid model.',
    ],
    ['lmstudio', 'error-404-no-models-loaded.json', 'No models loaded. Please load a model'],
  ] as const)(
    '%s %s (HTTP 404): names the model and quotes the server',
    async (server, file, said) => {
      const error = await failure(server, { file, status: 404 });
      expect(error.name).toBe('ModelLoadError');
      expect(error.message).toContain(
        `${SERVERS[server].name} at ${host(server)} has no model named "${SERVERS[server].model}" (HTTP 404).`,
      );
      expect(error.message).toContain(`It said: "${said}`);
    },
  );

  it.each([
    ['vllm', 'Unauthorized'],
    ['sglang', 'Unauthorized'],
    ['llama.cpp', 'Invalid API Key'],
  ] as const)('%s error-401.json: says the key is missing or wrong', async (server, said) => {
    const error = await failure(server, { file: 'error-401.json', status: 401 });
    expect(error.message).toBe(
      `${SERVERS[server].name} at ${host(server)} refused the request (HTTP 401): the API key is missing or wrong, or it has no access to this model. It said: "${said}".`,
    );
  });

  it.each([
    [
      'ollama',
      'error-503-busy.json',
      'server busy, please try again.  maximum pending requests exceeded',
    ],
    ['llama.cpp', 'error-503-loading.json', 'Loading model'],
  ] as const)(
    '%s %s (HTTP 503): not ready yet, try again, in its words',
    async (server, file, said) => {
      const error = await failure(server, { file, status: 503 });
      expect(error).toMatchObject({
        name: 'GenerationError',
        message: `${SERVERS[server].name} at ${host(server)} is not ready (HTTP 503): it may still be loading the model, or its queue is full. Try again in a moment. It said: "${said}".`,
      });
    },
  );

  it.each([
    ['vllm', "This model's maximum context length is 40960 tokens."],
    ['sglang', 'The input (41210 tokens) is longer'],
  ] as const)(
    '%s error-400-context.json: a rejected request quotes the server',
    async (server, said) => {
      const error = await failure(server, { file: 'error-400-context.json', status: 400 });
      expect(error.name).toBe('InvalidRequestError');
      expect(error.message).toContain(
        `${SERVERS[server].name} at ${host(server)} rejected the request (HTTP 400). It said: "${said}`,
      );
    },
  );

  it('vllm error-404-no-route.json on the models list: the address is wrong, not the model', async () => {
    const fetchFn = (async () =>
      new Response(recorded('vllm', 'error-404-no-route.json'), { status: 404 })) as typeof fetch;
    const error = await new RemoteEngine({ fetch: fetchFn })
      .load(
        {
          engine: 'wllama',
          modelId: 'Qwen/Qwen3-4B',
          serverModel: 'Qwen/Qwen3-4B',
          modelUrl: 'http://gpu-box:8000/api',
          contextWindow: 8192,
        },
        () => {},
      )
      .then(
        () => new Error('loaded'),
        (e: Error) => e,
      );
    expect(error).toMatchObject({
      name: 'ModelDownloadError',
      message:
        'vLLM at gpu-box:8000 has no OpenAI-compatible API at http://gpu-box:8000/api/v1 (HTTP 404): check that the address ends in /v1. It said: "Not Found".',
    });
  });

  it('lmstudio error-200-unknown-route.json: a route it does not serve answers 200 with an error', async () => {
    const fetchFn = (async () =>
      new Response(recorded('lmstudio', 'error-200-unknown-route.json'))) as typeof fetch;
    const error = await new RemoteEngine({ fetch: fetchFn })
      .load(
        {
          engine: 'wllama',
          modelId: 'qwen/qwen3-4b',
          serverModel: 'qwen/qwen3-4b',
          modelUrl: 'http://localhost:1234/api',
          contextWindow: 8192,
        },
        () => {},
      )
      .then(
        () => new Error('loaded'),
        (e: Error) => e,
      );
    expect(error).toMatchObject({
      name: 'ModelDownloadError',
      message:
        'LM Studio at localhost:1234 has no OpenAI-compatible API at http://localhost:1234/api/v1: check that the address ends in /v1. It said: "Unexpected endpoint or method. (GET /api/v1/models)".',
    });
  });

  it.each(['ollama', 'vllm', 'llama.cpp', 'lmstudio', 'sglang'] as const)(
    "%s models.json: a model it does not list is refused by the server's name, with what it lists",
    async (server) => {
      const { baseUrl } = SERVERS[server];
      const listed = JSON.parse(new TextDecoder().decode(recorded(server, 'models.json'))) as {
        data: { id: string }[];
      };
      const error = await new RemoteEngine({ fetch: serverFetch(server, { file: 'models.json' }) })
        .load(
          { engine: 'wllama', modelId: 'gpt-9', modelUrl: baseUrl, contextWindow: 8192 },
          () => {},
        )
        .then(
          () => new Error('loaded'),
          (e: Error) => e,
        );
      expect(error).toMatchObject({
        name: 'ModelLoadError',
        message: `${SERVERS[server].name} at ${host(server)} has no model named "gpt-9". It serves: ${listed.data.map((m) => m.id).join(', ')}.`,
      });
    },
  );
});
