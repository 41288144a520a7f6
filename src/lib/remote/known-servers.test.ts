import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModelList } from './endpoint';
import { KNOWN_SERVERS, recogniseServer, type ServerKind } from './known-servers';
import { noModelsMessage, unreachableError } from './remote-errors';
import { listServerModels } from './remote-fetch';

const ORIGIN = 'https://playground.example';

/** The `/v1/models` answer recorded from each server (tests/fixtures/server-streams). */
function ownedBy(folder: string): string[] {
  const url = new URL(
    `../../../tests/fixtures/server-streams/${folder}/models.json`,
    import.meta.url,
  );
  return parseModelList(readFileSync(url, 'utf8')).ownedBy;
}

describe('known servers', () => {
  it.each([
    ['ollama', 'ollama'],
    ['vllm', 'vllm'],
    ['llama.cpp', 'llama.cpp'],
    ['lmstudio', 'lmstudio'],
    ['sglang', 'sglang'],
  ] as const)('recognises %s from its recorded models list on any port', (folder, kind) => {
    expect(recogniseServer('http://gpu-box:9999/v1', ownedBy(folder))).toBe(kind);
  });

  it.each([
    ['ollama', 'Ollama', `OLLAMA_ORIGINS=${ORIGIN} ollama serve`],
    ['vllm', 'vLLM', `vllm serve MODEL --allowed-origins '["${ORIGIN}"]'`],
    ['llama.cpp', 'llama.cpp server', 'llama-server answers every origin'],
    ['lmstudio', 'LM Studio', 'lms server start --cors'],
    ['lmstudio', 'LM Studio', '"Enable CORS"'],
    ['sglang', 'SGLang', 'allow_origins=["*"]'],
  ] as const)(
    'names %s and gives its exact CORS setting when it refuses the page',
    (kind: ServerKind, name, setting) => {
      const { port } = KNOWN_SERVERS[kind];
      const error = unreachableError(
        { baseUrl: `http://localhost:${port}/v1`, server: kind },
        true,
        ORIGIN,
      );
      expect(error.message).toMatch(
        new RegExp(
          `^${name.replace('.', '\\.')} at localhost:${port} answered, but it does not allow this page`,
        ),
      );
      expect(error.message).toContain(setting);
    },
  );

  it("does not blame llama-server's --api-key for CORS (a wrong key is a readable 401)", () => {
    expect(KNOWN_SERVERS['llama.cpp'].corsAdvice(ORIGIN)).not.toContain('--api-key');
  });

  it('says vLLM and SGLang allow every origin by default', () => {
    expect(KNOWN_SERVERS.vllm.corsAdvice(ORIGIN)).toContain('["*"]');
    expect(KNOWN_SERVERS.sglang.corsAdvice(ORIGIN)).toContain('every origin');
  });

  it('an Ollama with no model pulled (data: null) lists none, and is told to pull one', async () => {
    const url = new URL(
      '../../../tests/fixtures/server-streams/ollama/models-none.json',
      import.meta.url,
    );
    const fetchFn = (async () => new Response(readFileSync(url, 'utf8'))) as typeof fetch;
    const where = { baseUrl: 'http://localhost:11434/v1', server: 'ollama' } as const;
    await expect(
      listServerModels(fetchFn, where, ORIGIN, new AbortController().signal),
    ).resolves.toEqual({ server: 'ollama', ids: [] });
    expect(noModelsMessage(where)).toBe(
      'Ollama at localhost:11434 lists no models: pull one first (`ollama pull qwen3:4b`).',
    );
  });

  it('says how to get a model onto LM Studio, and stays general for a server it does not know', () => {
    expect(noModelsMessage({ baseUrl: 'http://localhost:1234/v1', server: 'lmstudio' })).toBe(
      'LM Studio at localhost:1234 lists no models: download one in LM Studio, or with `lms get qwen/qwen3-4b`, first.',
    );
    expect(noModelsMessage({ baseUrl: 'https://api.example.com/v1', server: 'unknown' })).toBe(
      'The server at api.example.com lists no models: load or pull one there first.',
    );
  });
});
