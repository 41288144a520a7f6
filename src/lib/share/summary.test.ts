import { describe, expect, test } from 'vitest';
import { defaultExperiment, makeRole } from '../team/presets';
import { makeEnvelope, type CustomModel } from './schema';
import { describeEnvelope, preview, protocolDetail } from './summary';

const QWEN = { engine: 'webllm', modelId: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC' } as const;
const SMOL = { engine: 'webllm', modelId: 'SmolLM2-360M-Instruct-q4f16_1-MLC' } as const;
const KNOWN = new Set([QWEN.modelId]);

const GGUF: CustomModel = {
  id: 'custom:tiny',
  engine: 'wllama',
  modelUrl: 'https://models.example.org/tiny/tiny.Q4_K_M.gguf',
  label: '  Tiny 🐭 ',
};
const MLC: CustomModel = {
  id: 'custom:mlc',
  engine: 'webllm',
  modelUrl: 'https://huggingface.co/someone/My-Model-q4f16_1-MLC',
  modelLibUrl: 'http://localhost:8000/My-Model-webgpu.wasm',
};
const UNUSED: CustomModel = {
  id: 'custom:unused',
  engine: 'wllama',
  modelUrl: 'https://unused.example.net/x.gguf',
};

describe('describeEnvelope', () => {
  test('the default experiment: question, protocols, one known model, nothing to confirm', () => {
    const summary = describeEnvelope(makeEnvelope(defaultExperiment(QWEN)), KNOWN);
    expect(summary).toEqual({
      questionPreview: 'In which city was the architect of the Marlow Library born?',
      questionChars: 59,
      contextTitles: ['Marlow Library', 'Reed Hall', 'Helena Varga', 'Eastbrook'],
      hasExpectedAnswer: true,
      solo: {
        label: 'Solo',
        protocol: 'solo',
        protocolName: 'Solo',
        protocolDetail: '',
        roles: ['Solo'],
      },
      team: {
        label: 'Reasoner → Critic → Answerer',
        protocol: 'critic-loop',
        protocolName: 'Reasoner → Critic → Answerer',
        protocolDetail: 'up to 2 critic rounds',
        roles: ['Reasoner', 'Critic', 'Answerer'],
      },
      models: [
        {
          ...QWEN,
          source: 'catalog',
          known: true,
          label: QWEN.modelId,
          usedBy: ['Solo › Solo', 'Team › Reasoner', 'Team › Critic', 'Team › Answerer'],
        },
      ],
      unknownModels: [],
      customModels: [],
      hostsToConfirm: [],
      codeTools: [],
      needsConfirmation: false,
    });
  });

  test('custom and unknown models, and the hosts to confirm', () => {
    const experiment = defaultExperiment(QWEN);
    experiment.team = {
      label: 'Mix',
      protocol: { type: 'generators-judge', generators: 3, layers: 2 },
      roles: [
        makeRole('generator', { engine: 'wllama', modelId: GGUF.id }, { id: 'g1' }),
        makeRole('generator', { engine: 'webllm', modelId: MLC.id }, { id: 'g2', name: 'G2' }),
        makeRole('generator', SMOL, { id: 'g3', name: 'G3' }),
        makeRole('judge', QWEN),
      ],
    };
    const summary = describeEnvelope(makeEnvelope(experiment, [GGUF, MLC, UNUSED]), KNOWN);
    expect(summary.team.protocolDetail).toBe('3 generators × 2 layers');
    expect(summary.models.map((m) => [m.modelId, m.source, m.known, m.label])).toEqual([
      [QWEN.modelId, 'catalog', true, QWEN.modelId],
      [GGUF.id, 'custom', false, 'Tiny 🐭'],
      [MLC.id, 'custom', false, MLC.id],
      [SMOL.modelId, 'catalog', false, SMOL.modelId],
    ]);
    expect(summary.unknownModels.map((m) => m.modelId)).toEqual([SMOL.modelId]);
    expect(summary.customModels.map((m) => [m.id, m.hosts, m.used])).toEqual([
      [GGUF.id, ['models.example.org'], true],
      [MLC.id, ['huggingface.co', 'localhost:8000'], true],
      [UNUSED.id, ['unused.example.net'], false],
    ]);
    expect(summary.hostsToConfirm).toEqual([
      'models.example.org',
      'huggingface.co',
      'localhost:8000',
    ]);
    expect(summary.needsConfirmation).toBe(true);
  });

  test('a long question is shortened on one line, emoji intact', () => {
    const experiment = defaultExperiment(QWEN);
    experiment.question = `Line one\n\n  ${'🧪'.repeat(300)}`;
    const summary = describeEnvelope(makeEnvelope(experiment), KNOWN);
    expect(summary.questionChars).toBe(312);
    expect(Array.from(summary.questionPreview)).toHaveLength(160);
    expect(summary.questionPreview).toMatch(/^Line one 🧪+…$/u);
    expect(() => encodeURIComponent(summary.questionPreview)).not.toThrow();
  });
});

test('preview and protocolDetail', () => {
  expect(preview('  a \n b  ')).toBe('a b');
  expect(preview('abcdef', 4)).toBe('abc…');
  expect(protocolDetail({ type: 'self-consistency', samples: 1 })).toBe('1 sample');
  expect(protocolDetail({ type: 'critic-loop', maxRounds: 1 })).toBe('up to 1 critic round');
  expect(protocolDetail({ type: 'reasoner-answerer' })).toBe('');
});

describe('tools in a link', () => {
  test('a custom tool with JavaScript must be read and allowed; a fixed reply need not', () => {
    const experiment = defaultExperiment(QWEN);
    experiment.team.roles[0]!.tools = {
      builtIn: ['calculator'],
      custom: [
        {
          name: 'get_weather',
          description: 'Weather in a city.',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
          reply: { kind: 'javascript', body: 'return { celsius: 21 };' },
        },
        {
          name: 'policy',
          description: 'The refund policy.',
          parameters: { type: 'object', properties: {} },
          reply: { kind: 'fixed', text: '30 days.' },
        },
      ],
      maxSteps: 3,
    };
    const summary = describeEnvelope(makeEnvelope(experiment), KNOWN);
    expect(summary.codeTools).toEqual([
      {
        key: 'Team › Reasoner › get_weather',
        name: 'get_weather',
        usedBy: 'Team › Reasoner',
        body: 'return { celsius: 21 };',
      },
    ]);
    expect(summary.hostsToConfirm).toEqual([]);
    expect(summary.needsConfirmation).toBe(true);
  });
});
