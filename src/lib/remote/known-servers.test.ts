import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModelList } from './endpoint';
import { KNOWN_SERVERS, recogniseServer, type ServerKind } from './known-servers';
import { unreachableError } from './remote-errors';

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
});
