/**
 * Ready-made sides and the default experiment. Prompts are written for small models: short,
 * explicit, one job each, with a fixed output format. Models are parameters: the caller passes
 * the ModelRef to use (and, optionally, one per role kind).
 */
import type {
  ContextParagraph,
  EscalationCheck,
  EscalationCheckKind,
  ExperimentConfig,
  ModelRef,
  ProtocolType,
  RoleConfig,
  RoleKind,
  SideConfig,
} from './config';

/** The programmer's prompt; Solo on a software task writes the program with it too. */
export const SOFTWARE_PROGRAMMER_PROMPT = [
  'You are a programmer. Write the complete program for the task.',
  'A web app is one HTML file with its CSS and JavaScript inline; it loads nothing from the network.',
  'A function comes with any imports it needs.',
  'Reply with the code in one fenced block (```html, ```python or ```javascript) and nothing after it.',
].join('\n');

/** Solo's prompt; the escalation protocol's small and large models answer as solo does. */
const SOLO_PROMPT = [
  'You answer questions using the numbered paragraphs you are given.',
  'Find the facts that answer the question. Some questions need two facts joined together.',
  'Think in at most 4 short sentences.',
  'Then write the last line exactly as: Answer: <short answer>',
  'The short answer is a name, number, date or a few words, never a full sentence.',
].join('\n');

/** System prompts, one per role kind. */
export const PROMPTS: Record<RoleKind, string> = {
  solo: SOLO_PROMPT,
  reasoner: [
    'You are the Reasoner in a team. Work out the answer step by step, using only the paragraphs.',
    'Some questions need two facts joined together: find the first fact, then use it to find the second.',
    'Write exactly this format:',
    'Steps:',
    '1. <one fact from a paragraph, and what it tells you>',
    '2. <the next fact>',
    'Conclusion: <the answer in a few words>',
    'References:',
    '[<paragraph title>, sentence <number>]',
    'List one reference line for each sentence you used. Use at most 6 steps.',
  ].join('\n'),
  critic: [
    'You are the Critic in a team. You check the Reasoner’s work against the paragraphs.',
    'Check that: each step is stated in the sentence it cites; the steps connect; the conclusion',
    'answers exactly the question asked.',
    'Reply with JSON only, no other text.',
    'If the reasoning is correct: {"verdict":"accept","feedback":""}',
    'If anything is wrong: {"verdict":"revise","feedback":"<one or two sentences: what is wrong and where to look>"}',
  ].join('\n'),
  answerer: [
    'You are the Answerer in a team. You read a question and the team’s reasoning.',
    'Reply with the short final answer only: a name, number, date or a few words.',
    'No explanation. No full sentence. Nothing else.',
  ].join('\n'),
  generator: [
    'You answer questions using the numbered paragraphs you are given.',
    'Find the facts that answer the question. Some questions need two facts joined together.',
    'Explain in at most 3 short sentences, citing facts as [Title, sentence N].',
    'Then write the last line exactly as: Answer: <short answer>',
  ].join('\n'),
  judge: [
    'You are the Judge in a team. You get a question, paragraphs and numbered candidate answers.',
    'Check each candidate against the paragraphs. Pick the best one, or combine them if each is partly right.',
    'Explain your choice in at most 3 short sentences.',
    'Then write the last line exactly as: Answer: <short answer>',
  ].join('\n'),
  sampler: [
    'You answer questions using the numbered paragraphs you are given.',
    'Find the facts that answer the question. Some questions need two facts joined together.',
    'Think in at most 4 short sentences.',
    'Then write the last line exactly as: Answer: <short answer>',
    'The short answer is a name, number, date or a few words, never a full sentence.',
  ].join('\n'),
  small: SOLO_PROMPT,
  large: SOLO_PROMPT,
  // In-tab models write under a grammar that allows calls or a plain reply, not both: a
  // reply that thinks before calling ends the loop, so a call comes alone.
  agent: [
    'You solve the question with tools, one step at a time.',
    'To use a tool, reply with the tool call only. Its result comes back to you; then call another tool or answer.',
    'Use the calculator for every sum, product or percentage. Use lookup to find the sentences of the paragraphs that answer the question.',
    'When you have what you need, reply without a tool call: think in at most 3 short sentences,',
    'then write the last line exactly as: Answer: <short answer>',
    'The short answer is a name, number, date or a few words, never a full sentence.',
  ].join('\n'),
  designer: [
    'You are the Designer in a small software team. Read the task and write a short design for the programmer.',
    'List what the program shows or takes, what it does, and each requirement of the task as a numbered line.',
    'At most 10 short lines. No code.',
  ].join('\n'),
  programmer: SOFTWARE_PROGRAMMER_PROMPT,
  reviewer: [
    'You are the Code Reviewer in a small software team. You check the programmer’s code against the task.',
    'Look for requirements it misses, bugs, and code that cannot run.',
    'Reply with JSON only, no other text.',
    'If the code does everything the task asks: {"verdict":"accept","feedback":""}',
    'If anything is wrong: {"verdict":"revise","feedback":"<each problem in one sentence, and where it is>"}',
  ].join('\n'),
  tester: [
    'You are the Tester in a small software team. You get the task, the code, and what happened when the code was run and checked.',
    'Tell the programmer, in at most 4 short sentences, what failed and what to change. No code.',
  ].join('\n'),
  // Each answerer answers as solo does; its check of the other's answer is asked in the message.
  'peer-a': SOLO_PROMPT,
  'peer-b': SOLO_PROMPT,
  reconciler: [
    'You are the Reconciler in a team. Two assistants answered a question and checked each other.',
    'Read both answers and both checks, and check them against the paragraphs.',
    'Explain your decision in at most 3 short sentences.',
    'Then write the last line exactly as: Answer: <short answer>',
    'The short answer is a name, number, date or a few words, never a full sentence.',
  ].join('\n'),
};

/** Role names and sampling defaults per kind. */
const DEFAULTS: Record<RoleKind, Pick<RoleConfig, 'name' | 'temperature' | 'maxTokens'>> = {
  solo: { name: 'Solo', temperature: 0.3, maxTokens: 384 },
  reasoner: { name: 'Reasoner', temperature: 0.3, maxTokens: 512 },
  critic: { name: 'Critic', temperature: 0, maxTokens: 160 },
  answerer: { name: 'Answerer', temperature: 0, maxTokens: 48 },
  generator: { name: 'Generator', temperature: 0.7, maxTokens: 320 },
  judge: { name: 'Judge', temperature: 0.2, maxTokens: 384 },
  sampler: { name: 'Sampler', temperature: 0.7, maxTokens: 320 },
  // Above 0, so that the agreement check's samples differ.
  small: { name: 'Small model', temperature: 0.7, maxTokens: 384 },
  large: { name: 'Large model', temperature: 0.3, maxTokens: 384 },
  agent: { name: 'Agent', temperature: 0.3, maxTokens: 384 },
  designer: { name: 'Designer', temperature: 0.3, maxTokens: 384 },
  programmer: { name: 'Programmer', temperature: 0.2, maxTokens: 2048 },
  reviewer: { name: 'Reviewer', temperature: 0, maxTokens: 256 },
  tester: { name: 'Tester', temperature: 0, maxTokens: 256 },
  'peer-a': { name: 'Answerer A', temperature: 0.3, maxTokens: 384 },
  'peer-b': { name: 'Answerer B', temperature: 0.3, maxTokens: 384 },
  reconciler: { name: 'Reconciler', temperature: 0.2, maxTokens: 384 },
};

/** A role of a kind with the preset prompt and defaults; `overrides` replace any field. */
export function makeRole(
  kind: RoleKind,
  model: ModelRef,
  overrides: Partial<RoleConfig> = {},
): RoleConfig {
  return {
    id: kind,
    kind,
    model: { ...model },
    systemPrompt: PROMPTS[kind],
    topP: 0.95,
    seed: 1,
    ...DEFAULTS[kind],
    ...overrides,
  };
}

/** Models for a preset: one for every role, optionally another for some kinds. */
export type PresetModels = ModelRef | ({ default: ModelRef } & Partial<Record<RoleKind, ModelRef>>);

const modelFor = (models: PresetModels, kind: RoleKind): ModelRef =>
  'default' in models ? (models[kind] ?? models.default) : models;

export type PresetId =
  | 'solo'
  | 'tool-agent'
  | 'reasoner-answerer'
  | 'critic-loop'
  | 'generators-judge'
  | 'self-consistency'
  | 'escalation'
  | 'cross-verify';

export interface Preset {
  id: PresetId;
  name: string;
  description: string;
  build: (models: PresetModels) => SideConfig;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'solo',
    name: 'Solo',
    description: 'One model answers on its own, in one call.',
    build: (m) => ({
      label: 'Solo',
      protocol: { type: 'solo' },
      roles: [makeRole('solo', modelFor(m, 'solo'))],
    }),
  },
  {
    id: 'tool-agent',
    name: 'Tool agent',
    description:
      'One model calls tools (calculator, look-up in the paragraphs), reads their results and ' +
      'calls again, up to 6 steps, then answers. Tools are set under Roles.',
    build: (m) => ({
      label: 'Tool agent',
      protocol: { type: 'tool-agent' },
      roles: [
        makeRole('agent', modelFor(m, 'agent'), {
          tools: { builtIn: ['calculator', 'lookup'], custom: [], maxSteps: 6 },
        }),
      ],
    }),
  },
  {
    id: 'reasoner-answerer',
    name: 'Reasoner → Answerer',
    description:
      'A reasoner works it out and cites its sources; an answerer gives the short answer.',
    build: (m) => ({
      label: 'Reasoner → Answerer',
      protocol: { type: 'reasoner-answerer' },
      roles: [
        makeRole('reasoner', modelFor(m, 'reasoner')),
        makeRole('answerer', modelFor(m, 'answerer')),
      ],
    }),
  },
  {
    id: 'critic-loop',
    name: 'Reasoner → Critic → Answerer',
    description:
      'A critic checks the reasoning and sends it back with feedback (up to 2 rounds); ' +
      'then an answerer gives the short answer.',
    build: (m) => ({
      label: 'Reasoner → Critic → Answerer',
      protocol: { type: 'critic-loop', maxRounds: 2 },
      roles: [
        makeRole('reasoner', modelFor(m, 'reasoner')),
        makeRole('critic', modelFor(m, 'critic')),
        makeRole('answerer', modelFor(m, 'answerer')),
      ],
    }),
  },
  {
    id: 'generators-judge',
    name: 'Generators + Judge',
    description: 'Three generators answer independently; a judge picks or combines.',
    build: (m) => ({
      label: 'Generators + Judge',
      protocol: { type: 'generators-judge', generators: 3, layers: 1 },
      roles: [
        makeRole('generator', modelFor(m, 'generator')),
        makeRole('judge', modelFor(m, 'judge')),
      ],
    }),
  },
  {
    id: 'self-consistency',
    name: 'Self-consistency',
    description: 'One model answers five times with different seeds; the majority answer wins.',
    build: (m) => ({
      label: 'Self-consistency ×5',
      protocol: { type: 'self-consistency', samples: 5 },
      roles: [makeRole('sampler', modelFor(m, 'sampler'))],
    }),
  },
  {
    id: 'escalation',
    name: 'Small first, escalate',
    description:
      'A small model answers; when a check doubts its answer, a larger model answers instead.',
    build: (m) => ({
      label: 'Small first, escalate',
      protocol: { type: 'escalation', check: { ...DEFAULT_ESCALATION_CHECKS.agreement } },
      roles: [makeRole('small', modelFor(m, 'small')), makeRole('large', modelFor(m, 'large'))],
    }),
  },
  {
    id: 'cross-verify',
    name: 'Cross-verification',
    description:
      'Two answerers answer independently, each checks the other’s answer against the ' +
      'paragraphs, and a reconciler gives the final answer (skipped when both agree and both ' +
      'checks accept). Answerer B may run on another model.',
    build: (m) => ({
      label: 'Cross-verification',
      protocol: { type: 'cross-verify' },
      roles: [
        makeRole('peer-a', modelFor(m, 'peer-a')),
        // Another seed, so that two answerers on one model do not write the same reply.
        makeRole('peer-b', modelFor(m, 'peer-b'), { seed: 2 }),
        makeRole('reconciler', modelFor(m, 'reconciler')),
      ],
    }),
  },
];

/** Each escalation check with its default parameters (the agreement check: 2/5 escalates). */
export const DEFAULT_ESCALATION_CHECKS: {
  [K in EscalationCheckKind]: Extract<EscalationCheck, { kind: K }>;
} = {
  critic: { kind: 'critic' },
  agreement: { kind: 'agreement', samples: 5, threshold: 3 },
  format: { kind: 'format', format: 'auto' },
};

/** A protocol's preset name ('Reasoner → Critic → Answerer'), or its type when none. */
export function protocolName(type: ProtocolType): string {
  if (type === 'software-team') return 'Software team (design, code, review, test)';
  return PRESETS.find((p) => p.id === type)?.name ?? type;
}

/** A preset side by id. */
export function presetSide(id: PresetId, models: PresetModels): SideConfig {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`Unknown preset ${id}.`);
  return preset.build(models);
}

/**
 * The default question: two hops (library → architect → birthplace), with two distractors
 * that offer a wrong hop (the town she settled in, another architect's birthplace).
 * Supporting facts: [Marlow Library, sentence 2] and [Helena Varga, sentence 2].
 */
export const DEFAULT_QUESTION = 'In which city was the architect of the Marlow Library born?';

export const DEFAULT_CONTEXT: ContextParagraph[] = [
  {
    title: 'Marlow Library',
    sentences: [
      'The Marlow Library is a public library in the market town of Eastbrook.',
      'It was designed by the architect Helena Varga and opened in 1931.',
      'The building is known for its green copper dome.',
    ],
  },
  {
    title: 'Reed Hall',
    sentences: [
      'Reed Hall is a concert hall in Eastbrook, built in 1912.',
      'It was designed by the architect Thomas Reed, who was born in Leeds.',
      'Reed Hall stands opposite the Marlow Library.',
    ],
  },
  {
    title: 'Helena Varga',
    sentences: [
      'Helena Varga (1889–1962) was an architect known for public buildings.',
      'She was born in the city of Szeged and studied in Vienna.',
      'In 1925 she settled in Eastbrook, where she lived until her death.',
    ],
  },
  {
    title: 'Eastbrook',
    sentences: [
      'Eastbrook is a market town on the river Lune.',
      'Its population was about 18,000 in 2011.',
    ],
  },
];

export const DEFAULT_EXPECTED_ANSWER = 'Szeged';

/** The default experiment: Solo against Reasoner → Critic → Answerer on the two-hop question. */
export function defaultExperiment(solo: ModelRef, team: PresetModels = solo): ExperimentConfig {
  return {
    version: 1,
    question: DEFAULT_QUESTION,
    context: DEFAULT_CONTEXT.map((p) => ({ title: p.title, sentences: [...p.sentences] })),
    expectedAnswer: DEFAULT_EXPECTED_ANSWER,
    solo: presetSide('solo', solo),
    team: presetSide('critic-loop', team),
  };
}

/**
 * The software team (ChatDev's company, small): a designer, a programmer, a reviewer (1 round)
 * and a tester (2 test runs). Not among PRESETS: it answers software tasks, not questions.
 */
export function softwareTeamSide(models: PresetModels): SideConfig {
  return {
    label: 'Software team',
    protocol: { type: 'software-team', reviewRounds: 1, testRounds: 2 },
    roles: (['designer', 'programmer', 'reviewer', 'tester'] as const).map((kind) =>
      makeRole(kind, modelFor(models, kind)),
    ),
  };
}

/** Solo on a software task: one model writes the program in one go. */
export function softwareSoloSide(model: ModelRef): SideConfig {
  return {
    label: 'Solo',
    protocol: { type: 'solo' },
    roles: [
      makeRole('solo', model, {
        systemPrompt: SOFTWARE_PROGRAMMER_PROMPT,
        maxTokens: DEFAULTS.programmer.maxTokens,
        temperature: DEFAULTS.programmer.temperature,
      }),
    ],
  };
}
