/**
 * A seeded generator of valid shared experiments for round-trip tests: every protocol, 1 to 9
 * roles per side (the most a valid side can have: 8 generators and a judge), unicode, emoji,
 * markup and lone surrogates in text, context paragraphs, and custom models.
 */
import { BUILT_IN_TOOL_NAMES } from '../../tools/built-in-tools';
import { TOOL_STEP_LIMITS } from '../../tools/types';
import type {
  ContextParagraph,
  EscalationCheck,
  ExperimentConfig,
  ModelRef,
  ProtocolConfig,
  RoleConfig,
  RoleKind,
  SideConfig,
} from '../../team/config';
import { ANSWER_FORMATS, LIMITS } from '../../team/config';
import { THINKING_SWITCHES } from '../../engine/types';
import type { CustomModel, ShareEnvelope } from '../schema';
import { SHARE_LIMITS } from '../schema';

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random choices over one PRNG. */
export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** [0, 1). */
  float(): number {
    return this.next();
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  bool(p = 0.5): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}

/** Pieces of text, chosen to stress encoders: scripts, emoji, markup, escapes, odd spaces. */
const PIECES = [
  'Szeged',
  'the architect',
  'naïve café',
  'Ελληνικά γράμματα',
  '日本語のテキスト',
  '中文字符',
  'שלום עולם',
  'مرحبا',
  'e\u0301 (combining)',
  '🧪',
  '🚀🚀',
  '👩‍🔬',
  '🇭🇺',
  '<script>alert("x")</script>',
  '<img src=x onerror=alert(1)>',
  '</textarea>',
  '${template}',
  '{"verdict":"accept"}',
  'quote " and \' and `',
  'back\\slash',
  'line\nbreak',
  'tab\there',
  '\u2028\u2029',
  'zero\u200bwidth',
  'lone \ud800 surrogate',
  '#x=2.AAAA',
  '%20%3C',
  'Answer: <short answer>',
  '   padded   ',
  'ﬁ ligature',
];

const WORDS = ['when', 'was', 'library', 'built', 'who', 'designed', 'river', 'city', 'born'];

/** Text of about `length` characters (UTF-16 units, never more than `max`), non-blank. */
export function randomText(rng: Rng, length: number, max = length): string {
  let out = rng.pick(WORDS);
  while (out.length < length) out += ` ${rng.bool(0.6) ? rng.pick(PIECES) : rng.pick(WORDS)}`;
  return out.slice(0, Math.min(length, max));
}

const CATALOG_MODELS: readonly ModelRef[] = [
  { engine: 'webllm', modelId: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC' },
  { engine: 'webllm', modelId: 'SmolLM2-360M-Instruct-q4f32_1-MLC' },
  { engine: 'webllm', modelId: 'Llama-3.2-1B-Instruct-q4f16_1-MLC' },
  { engine: 'scripted', modelId: 'scripted-main' },
  { engine: 'wllama', modelId: 'tiny-random-gguf' },
];

const HOSTS = [
  'https://huggingface.co/someone/model-MLC/resolve/main/',
  'https://models.example.org/ünïcode/path?v=1&x=%20',
  'http://localhost:8080/models/',
  'http://127.0.0.1:5173/weights',
  'https://[2001:db8::1]:8443/m',
];

function randomCustomModels(rng: Rng): CustomModel[] {
  const count = rng.bool(0.5) ? 0 : rng.int(1, 4);
  return Array.from({ length: count }, (_, i) => {
    const engine: CustomModel['engine'] = rng.bool() ? 'webllm' : 'wllama';
    const base = rng.pick(HOSTS);
    const model: CustomModel = {
      id: `custom:model-${i}.${rng.int(0, 999)}_x`,
      engine,
      modelUrl: engine === 'webllm' ? base : `${base}file-${i}.Q4_K_M.gguf`,
    };
    if (engine === 'webllm') model.modelLibUrl = `${rng.pick(HOSTS)}lib-${i}.wasm`;
    if (rng.bool()) model.label = randomText(rng, rng.int(1, 60), SHARE_LIMITS.customModelLabel);
    return model;
  });
}

function randomModel(rng: Rng, custom: readonly CustomModel[]): ModelRef {
  if (custom.length > 0 && rng.bool(0.4)) {
    const model = rng.pick(custom);
    // Every other custom GGUF model runs on the GPU (no extra draw: other seeds stay as they were).
    const onGpu = model.engine === 'wllama' && custom.indexOf(model) % 2 === 1;
    return { engine: model.engine, modelId: model.id, ...(onGpu ? { device: 'gpu' } : {}) };
  }
  return { ...rng.pick(CATALOG_MODELS) };
}

/** Any number in [min, max], sometimes a short decimal, sometimes a full double. */
function randomNumber(rng: Rng, min: number, max: number): number {
  const x = min + rng.float() * (max - min);
  return rng.bool() ? Math.min(max, Math.round(x * 100) / 100) : x;
}

function randomRole(
  rng: Rng,
  kind: RoleKind,
  index: number,
  custom: readonly CustomModel[],
  forceWarm: boolean,
): RoleConfig {
  const temperature = forceWarm
    ? randomNumber(rng, 0.05, LIMITS.temperature.max)
    : rng.pick([0, LIMITS.temperature.max, randomNumber(rng, 0, 2)]);
  return {
    id: `${kind}-${index}`,
    name: `R ${randomText(rng, rng.int(1, 40), SHARE_LIMITS.roleName - 2)}`,
    kind,
    model: randomModel(rng, custom),
    systemPrompt: `P ${randomText(rng, rng.int(1, 1_500))}`,
    temperature,
    topP: rng.bool(0.3) ? 1 : 1 - rng.float() * 0.99,
    maxTokens: rng.pick([1, SHARE_LIMITS.maxTokens.max, rng.int(1, 4096)]),
    seed: rng.pick([
      0,
      SHARE_LIMITS.seed.min,
      SHARE_LIMITS.seed.max,
      rng.int(-1_000_000, 1_000_000),
    ]),
    ...(rng.bool(0.3) ? { thinking: rng.pick(THINKING_SWITCHES) } : {}),
  };
}

const PROTOCOL_TYPES: readonly ProtocolConfig['type'][] = [
  'solo',
  'tool-agent',
  'reasoner-answerer',
  'critic-loop',
  'generators-judge',
  'self-consistency',
  'escalation',
  'software-team',
  'cross-verify',
];

/** A valid side with the given protocol type (or a random one). */
export function randomSide(
  rng: Rng,
  custom: readonly CustomModel[],
  type: ProtocolConfig['type'] = rng.pick(PROTOCOL_TYPES),
): SideConfig {
  let protocol: ProtocolConfig;
  let kinds: RoleKind[];
  switch (type) {
    case 'solo':
      protocol = { type };
      kinds = ['solo'];
      break;
    case 'tool-agent':
      protocol = { type };
      kinds = ['agent'];
      break;
    case 'software-team':
      protocol = {
        type,
        reviewRounds: rng.int(LIMITS.reviewRounds.min, LIMITS.reviewRounds.max),
        testRounds: rng.int(LIMITS.testRounds.min, LIMITS.testRounds.max),
      };
      kinds = ['designer', 'programmer', 'reviewer', 'tester'];
      break;
    case 'reasoner-answerer':
      protocol = { type };
      kinds = ['reasoner', 'answerer'];
      break;
    case 'cross-verify':
      protocol = { type };
      kinds = ['peer-a', 'peer-b', 'reconciler'];
      break;
    case 'critic-loop':
      protocol = { type, maxRounds: rng.int(LIMITS.criticRounds.min, LIMITS.criticRounds.max) };
      kinds = ['reasoner', 'critic', 'answerer'];
      break;
    case 'generators-judge': {
      const generators = rng.int(LIMITS.generators.min, LIMITS.generators.max);
      protocol = { type, generators, layers: rng.int(LIMITS.layers.min, LIMITS.layers.max) };
      kinds = [
        ...Array.from({ length: rng.int(1, generators) }, () => 'generator' as const),
        'judge',
      ];
      break;
    }
    case 'self-consistency':
      protocol = { type, samples: rng.int(LIMITS.samples.min, LIMITS.samples.max) };
      kinds = ['sampler'];
      break;
    case 'escalation': {
      const samples = rng.int(LIMITS.escalationSamples.min, LIMITS.escalationSamples.max);
      const check = rng.pick<EscalationCheck>([
        { kind: 'critic' },
        { kind: 'agreement', samples, threshold: rng.int(1, samples) },
        { kind: 'format', format: rng.pick(ANSWER_FORMATS) },
      ]);
      protocol = { type, check };
      kinds = check.kind === 'critic' ? ['small', 'large', 'critic'] : ['small', 'large'];
      break;
    }
  }
  const warm =
    (protocol.type === 'self-consistency' && protocol.samples > 1) ||
    (protocol.type === 'escalation' && protocol.check.kind === 'agreement');
  return {
    label: rng.bool(0.1) ? '' : randomText(rng, rng.int(1, 60), SHARE_LIMITS.sideLabel),
    protocol,
    roles: rng.shuffle(kinds).map((kind, i) => {
      const role = randomRole(rng, kind, i, custom, warm);
      // A tool agent needs tools (validateSide).
      return kind === 'agent'
        ? {
            ...role,
            tools: {
              builtIn: [rng.pick(BUILT_IN_TOOL_NAMES)],
              custom: [],
              maxSteps: rng.int(TOOL_STEP_LIMITS.min, TOOL_STEP_LIMITS.max),
            },
          }
        : role;
    }),
  };
}

function randomContext(rng: Rng): ContextParagraph[] {
  return Array.from({ length: rng.int(0, SHARE_LIMITS.contextParagraphs) }, (_, i) => ({
    title: `T${i} ${randomText(rng, rng.int(1, 50))}`,
    sentences: Array.from(
      { length: rng.int(1, 6) },
      (_, j) => `${j}${randomText(rng, rng.int(0, 200))}`,
    ),
  }));
}

/** A valid experiment; `type` fixes the team's protocol. */
export function randomExperiment(
  rng: Rng,
  custom: readonly CustomModel[] = [],
  type?: ProtocolConfig['type'],
): ExperimentConfig {
  const experiment: ExperimentConfig = {
    version: 1,
    question: `Q ${randomText(rng, rng.int(1, 2_000))}`,
    solo: randomSide(rng, custom, rng.bool(0.7) ? 'solo' : undefined),
    team: randomSide(rng, custom, type),
  };
  if (rng.bool(0.8)) experiment.context = randomContext(rng);
  if (rng.bool(0.7)) experiment.expectedAnswer = randomText(rng, rng.int(0, 40));
  return experiment;
}

/** A valid envelope from a seed: custom models (sometimes), and roles that may use them. */
export function randomEnvelope(seed: number, type?: ProtocolConfig['type']): ShareEnvelope {
  const rng = new Rng(seed);
  const custom = randomCustomModels(rng);
  const experiment = randomExperiment(rng, custom, type);
  return custom.length > 0 ? { v: 2, experiment, customModels: custom } : { v: 2, experiment };
}

export { PROTOCOL_TYPES };
