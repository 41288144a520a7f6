/**
 * A team is data: roles (who speaks, on which model, with which settings) and a protocol (in
 * what order they speak). An experiment puts a Solo side and a Team side on the same question.
 * Everything here is plain, structured-clone friendly data, so it can be saved, shared and
 * sent to workers as is.
 */
import {
  THINKING_SWITCHES,
  type EngineKind,
  type ModelDevice,
  type ThinkingSwitch,
} from '../engine/types';
import type { RoleTools } from '../tools/types';
import { hasTools, roleToolsProblems } from '../tools/validate-tools';

/** Which model a role runs on. Roles on the same model share one worker. */
export interface ModelRef {
  engine: EngineKind;
  modelId: string;
  /** GGUF models only: 'gpu' runs the model on WebGPU; absent, on the CPU (old links have none). */
  device?: ModelDevice;
}

/** What a role does in a protocol. */
export type RoleKind =
  | 'solo'
  | 'reasoner'
  | 'critic'
  | 'answerer'
  | 'generator'
  | 'judge'
  | 'sampler'
  | 'small'
  | 'large'
  | 'agent'
  | 'designer'
  | 'programmer'
  | 'reviewer'
  | 'tester'
  | 'peer-a'
  | 'peer-b'
  | 'reconciler';

export const ROLE_KINDS: readonly RoleKind[] = [
  'solo',
  'reasoner',
  'critic',
  'answerer',
  'generator',
  'judge',
  'sampler',
  'small',
  'large',
  'agent',
  'designer',
  'programmer',
  'reviewer',
  'tester',
  'peer-a',
  'peer-b',
  'reconciler',
];

export interface RoleConfig {
  /** Unique within a side. */
  id: string;
  /** Shown in the UI, e.g. 'Reasoner'. */
  name: string;
  kind: RoleKind;
  model: ModelRef;
  systemPrompt: string;
  /** 0..2; 0 is greedy. */
  temperature: number;
  /** (0, 1]. */
  topP: number;
  /** Completion limit per call, a positive integer. */
  maxTokens: number;
  /** Integer. Repeated calls of one role (generators, samples) use seed + i. */
  seed: number;
  /**
   * A reasoning model's thinking switch (Qwen3). Absent: the model's default. Ignored for models
   * that cannot switch (src/lib/catalog/reasoning.ts).
   */
  thinking?: ThinkingSwitch;
  /** Tools the role may call (src/lib/tools); absent or empty: none. */
  tools?: RoleTools;
}

/**
 * The form an answer must take for the escalation protocol's format check: 'number' and
 * 'yes-no' as the benchmark's scorers read them, 'short' an explicit `Answer: …` line, 'auto'
 * the form of the question's kind when the caller knows it (ProtocolInput.answerKind), else
 * 'short'.
 */
export type AnswerFormat = 'auto' | 'number' | 'yes-no' | 'short';

export const ANSWER_FORMATS: readonly AnswerFormat[] = ['auto', 'number', 'yes-no', 'short'];

/** What decides whether the small model's answer stands (escalation protocol). */
export type EscalationCheck =
  /** The critic role reviews the small model's reply; a 'revise' verdict escalates. */
  | { kind: 'critic' }
  /**
   * The small model answers `samples` times (seed + i); when the most common answer has fewer
   * than `threshold` votes, the question escalates.
   */
  | { kind: 'agreement'; samples: number; threshold: number }
  /** The small model's answer cannot be read as an answer of the required form: escalates. */
  | { kind: 'format'; format: AnswerFormat };

export type EscalationCheckKind = EscalationCheck['kind'];

export const ESCALATION_CHECK_KINDS: readonly EscalationCheckKind[] = [
  'critic',
  'agreement',
  'format',
];

export type ProtocolConfig =
  | { type: 'solo' }
  /** One agent that thinks, calls its tools and reads their results, then answers. */
  | { type: 'tool-agent' }
  | { type: 'reasoner-answerer' }
  | {
      type: 'critic-loop';
      /** Most critic reviews (1..5). Each 'revise' verdict is followed by one revision. */
      maxRounds: number;
    }
  | {
      type: 'generators-judge';
      /** K: generator calls per layer (generator roles are used in turn). */
      generators: number;
      /** 1: generators then judge; >1: mixture-of-agents, each layer sees the previous one. */
      layers: number;
    }
  | {
      type: 'self-consistency';
      /** Samples of the one sampler role (seed + i); the majority answer wins. */
      samples: number;
    }
  | {
      /** A software team (ChatDev): design, program, review rounds, then test rounds. */
      type: 'software-team';
      /** Most code reviews (0..3); each 'revise' verdict is followed by a fix. */
      reviewRounds: number;
      /** Most test runs (0..3); each failure goes to the tester, then back to the programmer. */
      testRounds: number;
    }
  /**
   * Cross-verification: two answerers (peer-a, peer-b) answer independently, each checks the
   * other's answer, and a reconciler gives the final answer from both answers and both checks.
   */
  | { type: 'cross-verify' }
  | {
      type: 'escalation';
      /** The small role answers; the check decides whether the large role answers instead. */
      check: EscalationCheck;
    };

export type ProtocolType = ProtocolConfig['type'];

export interface SideConfig {
  label: string;
  protocol: ProtocolConfig;
  roles: RoleConfig[];
}

/** One context paragraph, HotpotQA style; sentences are cited 1-based as [Title, sentence N]. */
export interface ContextParagraph {
  title: string;
  sentences: string[];
}

export interface ExperimentConfig {
  version: 1;
  question: string;
  context?: ContextParagraph[];
  /** The known correct short answer, when there is one (for scoring). */
  expectedAnswer?: string;
  solo: SideConfig;
  team: SideConfig;
}

/**
 * Limits of an experiment, defined once: the editors cap input at them, validateExperiment and
 * validateSide refuse values beyond them, and share links and config files (SHARE_LIMITS in
 * share/schema.ts) take them as they are, so what the editor lets through always imports.
 */
export const LIMITS = {
  criticRounds: { min: 1, max: 5 },
  generators: { min: 1, max: 8 },
  layers: { min: 1, max: 3 },
  samples: { min: 1, max: 16 },
  /** Escalation's agreement check: samples of the small model (the threshold is 1..samples). */
  escalationSamples: { min: 2, max: 16 },
  reviewRounds: { min: 0, max: 3 },
  testRounds: { min: 0, max: 3 },
  temperature: { min: 0, max: 2 },
  /** Longest free texts, in UTF-16 code units (a JavaScript string's length, as `maxlength`). */
  text: {
    question: 20_000,
    expectedAnswer: 1_000,
    contextTitle: 200,
    /** One context sentence (one line of a paragraph in the editor). */
    sentence: 4_000,
    sideLabel: 120,
    roleName: 80,
    systemPrompt: 8_000,
  },
  contextParagraphs: 20,
  sentencesPerParagraph: 64,
} as const;

/** Longest question accepted (share links use the same limit). */
export const MAX_QUESTION_CHARS = LIMITS.text.question;

/** `What is 8,001 characters; the limit is 8,000.`, or nothing when `text` fits. */
function lengthProblem(text: string, max: number, what: string): string[] {
  return text.length > max
    ? [
        `${what} is ${text.length.toLocaleString('en')} characters; the limit is ` +
          `${max.toLocaleString('en')}.`,
      ]
    : [];
}

/** Role kinds each protocol needs: exact counts, or a minimum for generators. */
const REQUIRED: Record<ProtocolType, Partial<Record<RoleKind, 'one' | 'some'>>> = {
  solo: { solo: 'one' },
  'tool-agent': { agent: 'one' },
  'reasoner-answerer': { reasoner: 'one', answerer: 'one' },
  'critic-loop': { reasoner: 'one', critic: 'one', answerer: 'one' },
  'generators-judge': { generator: 'some', judge: 'one' },
  'self-consistency': { sampler: 'one' },
  escalation: { small: 'one', large: 'one' },
  'software-team': { designer: 'one', programmer: 'one', reviewer: 'one', tester: 'one' },
  'cross-verify': { 'peer-a': 'one', 'peer-b': 'one', reconciler: 'one' },
};

/** The roles a side of a protocol needs; escalation needs a critic for its critic check. */
function requiredRoles(protocol: ProtocolConfig): Partial<Record<RoleKind, 'one' | 'some'>> {
  const required = REQUIRED[protocol.type] ?? {};
  if (protocol.type === 'escalation' && protocol.check.kind === 'critic')
    return { ...required, critic: 'one' };
  return required;
}

const isInt = (n: number) => Number.isInteger(n);
const inRange = (n: number, r: { min: number; max: number }) => n >= r.min && n <= r.max;

function protocolProblems(protocol: ProtocolConfig): string[] {
  const problems: string[] = [];
  const check = (value: number, what: string, range: { min: number; max: number }) => {
    if (!isInt(value) || !inRange(value, range))
      problems.push(`${what} must be a whole number from ${range.min} to ${range.max}.`);
  };
  switch (protocol.type) {
    case 'critic-loop':
      check(protocol.maxRounds, 'Critic rounds', LIMITS.criticRounds);
      break;
    case 'generators-judge':
      check(protocol.generators, 'The number of generators (K)', LIMITS.generators);
      check(protocol.layers, 'The number of layers', LIMITS.layers);
      break;
    case 'self-consistency':
      check(protocol.samples, 'The number of samples', LIMITS.samples);
      break;
    case 'escalation':
      problems.push(...escalationCheckProblems(protocol.check));
      break;
    case 'software-team':
      check(protocol.reviewRounds, 'Review rounds', LIMITS.reviewRounds);
      check(protocol.testRounds, 'Test rounds', LIMITS.testRounds);
      break;
    case 'solo':
    case 'tool-agent':
    case 'reasoner-answerer':
    case 'cross-verify':
      break;
    default: {
      const unknown: never = protocol;
      problems.push(`Unknown protocol ${JSON.stringify(unknown)}.`);
    }
  }
  return problems;
}

function escalationCheckProblems(check: EscalationCheck): string[] {
  switch (check.kind) {
    case 'critic':
      return [];
    case 'agreement': {
      const { min, max } = LIMITS.escalationSamples;
      if (!isInt(check.samples) || !inRange(check.samples, LIMITS.escalationSamples))
        return [`The number of samples must be a whole number from ${min} to ${max}.`];
      if (!isInt(check.threshold) || !inRange(check.threshold, { min: 1, max: check.samples }))
        return [`The agreement threshold must be a whole number from 1 to ${check.samples}.`];
      return [];
    }
    case 'format':
      return ANSWER_FORMATS.includes(check.format)
        ? []
        : [`Unknown answer format ${JSON.stringify(check.format)}.`];
    default: {
      const unknown: never = check;
      return [`Unknown escalation check ${JSON.stringify(unknown)}.`];
    }
  }
}

function roleProblems(role: RoleConfig): string[] {
  const who = `Role "${role.name || role.id || '?'}"`;
  const problems: string[] = [];
  if (!role.id.trim()) problems.push(`${who} has no id.`);
  if (!role.name.trim()) problems.push(`Role ${role.id || '?'} has no name.`);
  if (!ROLE_KINDS.includes(role.kind)) problems.push(`${who} has an unknown kind "${role.kind}".`);
  if (!role.model.modelId.trim()) problems.push(`${who} has no model.`);
  if (!role.systemPrompt.trim()) problems.push(`${who} has an empty system prompt.`);
  problems.push(...lengthProblem(role.name, LIMITS.text.roleName, `${who}: the name`));
  problems.push(
    ...lengthProblem(role.systemPrompt, LIMITS.text.systemPrompt, `${who}: the system prompt`),
  );
  if (!Number.isFinite(role.temperature) || !inRange(role.temperature, LIMITS.temperature))
    problems.push(`${who}: temperature must be from 0 to 2.`);
  if (!Number.isFinite(role.topP) || role.topP <= 0 || role.topP > 1)
    problems.push(`${who}: top-p must be above 0 and at most 1.`);
  if (!isInt(role.maxTokens) || role.maxTokens < 1)
    problems.push(`${who}: max tokens must be a whole number of at least 1.`);
  if (!isInt(role.seed)) problems.push(`${who}: the seed must be a whole number.`);
  if (role.thinking !== undefined && !THINKING_SWITCHES.includes(role.thinking))
    problems.push(`${who}: thinking must be "on" or "off" (got ${JSON.stringify(role.thinking)}).`);
  if (role.tools) problems.push(...roleToolsProblems(role.tools, who));
  return problems;
}

/**
 * Human-readable problems with a side (empty when it can run): protocol settings out of range,
 * roles missing or extra for the protocol, duplicate ids, bad sampling settings.
 */
export function validateSide(side: SideConfig): string[] {
  const problems = protocolProblems(side.protocol);
  problems.push(...lengthProblem(side.label, LIMITS.text.sideLabel, 'The label'));
  const required = requiredRoles(side.protocol);
  const name = side.protocol.type;

  const seen = new Set<string>();
  for (const role of side.roles) {
    if (role.id && seen.has(role.id)) problems.push(`Two roles share the id "${role.id}".`);
    seen.add(role.id);
    problems.push(...roleProblems(role));
    if (ROLE_KINDS.includes(role.kind) && !required[role.kind])
      problems.push(`Role "${role.name}" (${role.kind}) has no part in the ${name} protocol.`);
  }

  for (const [kind, count] of Object.entries(required) as [RoleKind, 'one' | 'some'][]) {
    const n = side.roles.filter((r) => r.kind === kind).length;
    if (n === 0) problems.push(`The ${name} protocol needs a ${kind} role.`);
    else if (count === 'one' && n > 1)
      problems.push(`The ${name} protocol takes one ${kind} role, not ${n}.`);
  }

  const { protocol } = side;
  if (protocol.type === 'tool-agent')
    for (const role of side.roles)
      if (role.kind === 'agent' && !hasTools(role.tools))
        problems.push(
          `The tool agent "${role.name}" has no tools: give it at least one (Roles → Tools).`,
        );
  if (protocol.type === 'generators-judge') {
    const n = side.roles.filter((r) => r.kind === 'generator').length;
    if (protocol.generators >= 1 && n > protocol.generators)
      problems.push(`There are ${n} generator roles but K is ${protocol.generators}.`);
  }
  if (protocol.type === 'self-consistency' && protocol.samples > 1) {
    const sampler = side.roles.find((r) => r.kind === 'sampler');
    if (sampler && sampler.temperature === 0)
      problems.push('Self-consistency needs a temperature above 0, or every sample is the same.');
  }
  if (protocol.type === 'escalation' && protocol.check.kind === 'agreement') {
    const small = side.roles.find((r) => r.kind === 'small');
    if (small && small.temperature === 0)
      problems.push(
        'The agreement check needs a temperature above 0 for the small model, or every sample ' +
          'is the same.',
      );
  }
  return problems;
}

/** Problems with a whole experiment: the question, the context, and both sides (prefixed). */
export function validateExperiment(config: ExperimentConfig): string[] {
  const problems: string[] = [];
  if (config.version !== 1) problems.push(`Unsupported experiment version ${config.version}.`);
  if (!config.question.trim()) problems.push('The question is empty.');
  problems.push(...lengthProblem(config.question, LIMITS.text.question, 'The question'));
  problems.push(
    ...lengthProblem(
      config.expectedAnswer ?? '',
      LIMITS.text.expectedAnswer,
      'The expected answer',
    ),
  );
  const context = config.context ?? [];
  if (context.length > LIMITS.contextParagraphs)
    problems.push(
      `There are ${context.length} context paragraphs; the limit is ${LIMITS.contextParagraphs}.`,
    );
  const titles = new Set<string>();
  for (const [i, paragraph] of context.entries()) {
    const title = paragraph.title.trim();
    const name = `Context paragraph "${title.slice(0, 40) || i + 1}"`;
    if (!title) problems.push(`Context paragraph ${i + 1} has no title.`);
    else if (titles.has(title)) problems.push(`Two context paragraphs are titled "${title}".`);
    titles.add(title);
    problems.push(
      ...lengthProblem(
        paragraph.title,
        LIMITS.text.contextTitle,
        `The title of paragraph ${i + 1}`,
      ),
    );
    if (paragraph.sentences.length === 0 || paragraph.sentences.every((s) => !s.trim()))
      problems.push(`${name} has no sentences.`);
    if (paragraph.sentences.length > LIMITS.sentencesPerParagraph)
      problems.push(
        `${name} has ${paragraph.sentences.length} sentences; the limit is ` +
          `${LIMITS.sentencesPerParagraph}.`,
      );
    paragraph.sentences.forEach((sentence, j) =>
      problems.push(
        ...lengthProblem(sentence, LIMITS.text.sentence, `${name}, sentence ${j + 1},`),
      ),
    );
  }
  problems.push(...validateSide(config.solo).map((p) => `Solo: ${p}`));
  problems.push(...validateSide(config.team).map((p) => `Team: ${p}`));
  return problems;
}

/** The role of a kind in a side (the first one), or undefined. */
export function roleOfKind(side: SideConfig, kind: RoleKind): RoleConfig | undefined {
  return side.roles.find((r) => r.kind === kind);
}
