import { describe, expect, test } from 'vitest';
import { defaultExperiment, makeRole } from '../team/presets';
import type { ShareResult } from './errors';
import { formatPath } from './issues';
import { migrate } from './migrate';
import { SHARE_LIMITS, makeEnvelope, urlProblem, type CustomModel } from './schema';
import { checkEnvelope, parseEnvelope } from './validate';

const QWEN = { engine: 'webllm', modelId: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC' } as const;

const GGUF: CustomModel = {
  id: 'custom:tiny',
  engine: 'wllama',
  modelUrl: 'https://huggingface.co/someone/tiny/resolve/main/tiny.Q4_K_M.gguf',
  label: 'Tiny 🐭',
};
const MLC: CustomModel = {
  id: 'custom:my-mlc',
  engine: 'webllm',
  modelUrl: 'https://huggingface.co/someone/My-Model-q4f16_1-MLC',
  modelLibUrl: 'http://localhost:8000/My-Model-q4f16_1-webgpu.wasm',
};

/** The messages of a failed result, or [] when it passed. */
const problemsOf = (result: ShareResult) => (result.ok ? [] : result.error.details);

/** The default experiment as raw JSON data, for corrupting. */
const rawDefault = () =>
  JSON.parse(JSON.stringify(makeEnvelope(defaultExperiment(QWEN)))) as {
    experiment: { solo: { roles: { model: Record<string, unknown> }[] } };
  };

describe('urlProblem', () => {
  test('accepts https:, and http: on this machine only', () => {
    for (const url of [
      'https://huggingface.co/x',
      'https://example.org:8443/a?b=c#d',
      'http://localhost:8080/m',
      'http://127.0.0.1/m',
      'http://[::1]:3000/m',
    ])
      expect(urlProblem(url), url).toBeNull();
  });

  test('refuses other schemes, credentials, white space and junk', () => {
    expect(urlProblem('javascript:alert(1)')).toMatch(/https:.*"javascript:"/);
    expect(urlProblem('data:text/html,hi')).toMatch(/"data:"/);
    expect(urlProblem('ftp://example.org/x')).toMatch(/"ftp:"/);
    expect(urlProblem('http://example.org/x')).toMatch(/"http:"/);
    expect(urlProblem('http://localhost.evil.org/x')).toMatch(/"http:"/);
    expect(urlProblem('file:///etc/passwd')).toMatch(/"file:"/);
    expect(urlProblem('https://user:pw@example.org/')).toBe(
      'must not contain a user name or password',
    );
    expect(urlProblem(' https://example.org/')).toMatch(/spaces or control characters/);
    expect(urlProblem('https://exa\nmple.org/')).toMatch(/spaces or control characters/);
    expect(urlProblem('not a url')).toMatch(/spaces/);
    expect(urlProblem('//example.org/x')).toMatch(/not a valid web address/);
  });
});

describe('schema limits', () => {
  test('the largest valid values pass', () => {
    const experiment = defaultExperiment(QWEN);
    experiment.question = 'q'.repeat(SHARE_LIMITS.question);
    experiment.team.roles[0]!.systemPrompt = 'p'.repeat(SHARE_LIMITS.systemPrompt);
    experiment.context = Array.from({ length: SHARE_LIMITS.contextParagraphs }, (_, i) => ({
      title: `P${i}`,
      sentences: ['s'],
    }));
    expect(checkEnvelope(makeEnvelope(experiment))).toEqual([]);
  });

  test('lengths and counts beyond the limits', () => {
    const experiment = defaultExperiment(QWEN);
    experiment.question = 'q'.repeat(SHARE_LIMITS.question + 1);
    experiment.team.roles[0]!.systemPrompt = 'p'.repeat(SHARE_LIMITS.systemPrompt + 1);
    experiment.context = Array.from({ length: 21 }, (_, i) => ({
      title: `P${i}`,
      sentences: ['s'],
    }));
    experiment.solo.roles = Array.from({ length: 17 }, (_, i) =>
      makeRole('solo', QWEN, { id: `solo-${i}` }),
    );
    expect(checkEnvelope(makeEnvelope(experiment))).toEqual([
      'Question: must be at most 20,000 characters (got 20,001)',
      'Context: must have at most 20 entries (got 21)',
      'Solo › roles: must have at most 16 entries (got 17)',
      'Team › roles › 1 › system prompt: must be at most 8,000 characters (got 8,001)',
    ]);
  });

  test('numbers: ranges, whole numbers, finite', () => {
    const experiment = defaultExperiment(QWEN);
    const role = experiment.team.roles[0]!;
    role.topP = 1.5;
    role.maxTokens = 0;
    role.seed = 2 ** 40;
    role.temperature = -1;
    experiment.team.protocol = { type: 'critic-loop', maxRounds: 6 };
    expect(checkEnvelope(makeEnvelope(experiment))).toEqual([
      'Team › protocol › critic rounds: must be at most 5 (got 6)',
      'Team › roles › 1 › temperature: must be at least 0 (got -1)',
      'Team › roles › 1 › top-p: must be at most 1 (got 1.5)',
      'Team › roles › 1 › max tokens: must be at least 1 (got 0)',
      'Team › roles › 1 › seed: must be at most 4,294,967,295 (got 1,099,511,627,776)',
    ]);
  });

  test('ids must be safe', () => {
    const experiment = defaultExperiment(QWEN);
    experiment.team.roles[0]!.id = '../../etc';
    experiment.team.roles[1]!.model = { engine: 'webllm', modelId: 'Qwen <script>' };
    const problems = checkEnvelope(
      makeEnvelope(experiment, [
        { ...GGUF, id: 'custom:' },
        { ...GGUF, id: 'tiny' },
      ]),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^Team › roles › 1 › id: must be 1 to 64 letters.*"\.\.\/\.\.\/etc"/),
      expect.stringMatching(/^Team › roles › 2 › model › model id: must be a catalog model id/),
      expect.stringMatching(/^Custom models › 1 › id: must be custom:<name>.*\(got "custom:"\)$/),
      expect.stringMatching(/^Custom models › 2 › id: must be custom:<name>.*\(got "tiny"\)$/),
    ]);
  });

  test('an engine that does not exist', () => {
    const data = rawDefault();
    data.experiment.solo.roles[0]!.model.engine = 'onnx';
    expect(problemsOf(parseEnvelope(data, 'file'))).toEqual([
      'Solo › roles › 1 › model › engine: must be one of "webllm", "scripted", "wllama", "remote" (got text "onnx")',
    ]);
  });
});

describe('where a GGUF model runs', () => {
  const SMOL = { engine: 'wllama', modelId: 'SmolLM2-135M-Instruct-Q8_0-GGUF' } as const;

  test('a link without a device parses (the CPU), and one with device "gpu" keeps it', () => {
    const data = JSON.parse(JSON.stringify(makeEnvelope(defaultExperiment(SMOL)))) as {
      experiment: { solo: { roles: { model: Record<string, unknown> }[] } };
    };
    const cpu = parseEnvelope(data, 'file');
    expect(cpu.ok && cpu.envelope.experiment.solo.roles[0]!.model).toEqual(SMOL);
    data.experiment.solo.roles[0]!.model.device = 'gpu';
    const gpu = parseEnvelope(data, 'file');
    expect(gpu.ok && gpu.envelope.experiment.solo.roles[0]!.model).toEqual({
      ...SMOL,
      device: 'gpu',
    });
  });

  test('only "gpu", and only on a GGUF model', () => {
    const data = rawDefault();
    data.experiment.solo.roles[0]!.model.device = 'npu';
    expect(problemsOf(parseEnvelope(data, 'file'))).toEqual([
      expect.stringMatching(/^Solo › roles › 1 › model › device: .*"gpu".*\(got text "npu"\)/),
    ]);
    data.experiment.solo.roles[0]!.model.device = 'gpu';
    expect(problemsOf(parseEnvelope(data, 'file'))).toEqual([
      expect.stringMatching(/device "gpu" is for GGUF \(wllama\) models only/),
    ]);
  });
});

describe('custom models', () => {
  test('roles may use custom models; unused ones only warn', () => {
    const experiment = defaultExperiment(QWEN);
    experiment.team.roles[0]!.model = { engine: 'wllama', modelId: GGUF.id };
    const result = parseEnvelope(makeEnvelope(experiment, [GGUF, MLC]), 'link');
    expect(result.ok).toBe(true);
    expect(result.ok && result.warnings).toEqual([
      'The custom model "custom:my-mlc" is not used by any role.',
    ]);
  });

  test('a role must use the custom model with its engine', () => {
    const experiment = defaultExperiment(QWEN);
    experiment.team.roles[0]!.model = { engine: 'webllm', modelId: GGUF.id };
    expect(checkEnvelope(makeEnvelope(experiment, [GGUF]))).toEqual([
      'Team › roles › 1 › model › engine: must be "wllama", the engine of the custom model "custom:tiny" (got "webllm")',
    ]);
  });

  test('duplicate ids, and the model library URL by engine', () => {
    const problems = checkEnvelope(
      makeEnvelope(defaultExperiment(QWEN), [
        GGUF,
        { ...GGUF, modelLibUrl: 'https://example.org/lib.wasm' },
        { ...MLC, modelLibUrl: undefined },
      ]),
    );
    expect(problems).toEqual([
      'Custom models › 2 › id: "custom:tiny" is already the id of custom model 1',
      'Custom models › 2 › model library URL: is not used by wllama models (they need one GGUF file)',
      'Custom models › 3 › model library URL: is missing (a WebLLM model needs its model library)',
    ]);
  });

  test('a remote model: a server on this machine or the private network, its model named, no key', () => {
    const REMOTE: CustomModel = {
      id: 'custom:qwen3-ollama',
      engine: 'remote',
      modelUrl: 'http://192.168.1.20:11434/v1',
      serverModel: 'qwen3:4b',
    };
    const experiment = defaultExperiment(QWEN);
    experiment.team.roles[0]!.model = { engine: 'remote', modelId: REMOTE.id };
    expect(parseEnvelope(makeEnvelope(experiment, [REMOTE]), 'link').ok).toBe(true);
    expect(
      checkEnvelope(
        makeEnvelope(experiment, [
          { ...REMOTE, serverModel: undefined },
          { ...GGUF, id: 'custom:named', serverModel: 'x' },
        ]),
      ),
    ).toEqual([
      'Custom models › 1 › model on the server: is missing (a remote model needs its name on the server)',
      'Custom models › 2 › model on the server: is only for remote models',
    ]);
    // Model files never come over plain http from the network, even a private one.
    expect(
      checkEnvelope(
        makeEnvelope(experiment, [
          REMOTE,
          { ...GGUF, id: 'custom:lan', modelUrl: 'http://192.168.1.20/tiny.gguf' },
        ]),
      ),
    ).toEqual([
      'Custom models › 2 › model URL: must be an https: address, or http: on localhost (got "http:")',
    ]);
    // A public host over plain http is refused for a server too; a key has no field at all.
    expect(
      checkEnvelope(makeEnvelope(experiment, [{ ...REMOTE, modelUrl: 'http://example.org/v1' }])),
    ).toEqual([
      'Custom models › 1 › model URL: must be an https: address, or http: on localhost or a private network (got "example.org")',
    ]);
    expect(
      checkEnvelope(makeEnvelope(experiment, [{ ...REMOTE, apiKey: 'sk' } as CustomModel])),
    ).toHaveLength(1);
  });

  test('custom engines are webllm, wllama or remote, never scripted', () => {
    const problems = checkEnvelope(
      makeEnvelope(defaultExperiment(QWEN), [
        { ...GGUF, engine: 'scripted' as CustomModel['engine'] },
      ]),
    );
    expect(problems).toEqual([
      'Custom models › 1 › engine: must be one of "webllm", "wllama", "remote" (got text "scripted")',
    ]);
  });
});

describe('migrate', () => {
  test('format 2 passes through, format 1 is wrapped', () => {
    const experiment = defaultExperiment(QWEN);
    expect(migrate({ v: 2, experiment }, 'link')).toEqual({
      ok: true,
      value: { v: 2, experiment },
      from: 2,
      warnings: [],
    });
    const v1 = migrate(experiment, 'file');
    expect(v1.ok && v1.value).toEqual({ v: 2, experiment });
    expect(v1.ok && v1.warnings).toEqual([
      'This file was made by an older version (format 1) and was upgraded.',
    ]);
  });

  test('unknown formats', () => {
    const newer = migrate({ v: 3 }, 'file');
    expect(newer.ok || newer.error).toEqual({
      code: 'unsupported-version',
      message:
        'This file uses format 3, made by a newer version of the playground; this version reads formats 1 and 2.',
      details: [
        'This file uses format 3, made by a newer version of the playground; this version reads formats 1 and 2.',
      ],
    });
    const old = migrate({ version: 7, question: '?' }, 'link');
    expect(old.ok || old.error.code).toBe('unsupported-version');
    const odd = migrate({ v: null }, 'link');
    expect(odd.ok || odd.error.message).toMatch(/unknown format \(null\)/);
  });

  test('no format at all', () => {
    const none = migrate({ question: 'Why?', solo: {} }, 'link');
    expect(none.ok || none.error).toMatchObject({
      code: 'invalid-config',
      message:
        'This link does not say which format it is in (no "v" or "version" field; found "question", "solo").',
    });
  });
});

test('formatPath words fields and counts from 1', () => {
  expect(formatPath(['experiment', 'team', 'roles', 0, 'maxTokens'])).toBe(
    'Team › roles › 1 › max tokens',
  );
  expect(formatPath(['customModels', 2, 'modelLibUrl'])).toBe(
    'Custom models › 3 › model library URL',
  );
  expect(formatPath(['experiment', 'context', 4, 'sentences', 0])).toBe(
    'Context › 5 › sentences › 1',
  );
  expect(formatPath(['experiment', 'team', 'constructor'])).toBe('Team › constructor');
  expect(formatPath(['experiment', 'a b'])).toBe('"a b"');
});
