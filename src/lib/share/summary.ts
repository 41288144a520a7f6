/**
 * What a shared experiment contains, for the screen that asks "open this experiment?":
 * the question, the protocols, the models (and whether this browser's catalog knows them),
 * and the hosts of custom models, which must be confirmed before anything is downloaded.
 * Pure: nothing here loads or fetches.
 */
import type { EngineKind } from '../engine/types';
import type { EscalationCheck, ProtocolConfig, ProtocolType, SideConfig } from '../team/config';
import { ANSWER_FORMAT_NAMES } from '../team/escalation';
import { protocolName } from '../team/presets';
import { isCustomModelId, type CustomModelEngine, type ShareEnvelope } from './schema';

/** Longest question preview, in characters (code points). */
export const QUESTION_PREVIEW_CHARS = 160;

export interface SideSummary {
  label: string;
  protocol: ProtocolType;
  /** E.g. 'Reasoner → Critic → Answerer'. */
  protocolName: string;
  /** The protocol's numbers in words, e.g. 'up to 2 critic rounds'; '' when it has none. */
  protocolDetail: string;
  /** Role names in order. */
  roles: string[];
}

export interface ModelUse {
  engine: EngineKind;
  modelId: string;
  /** 'catalog': a model id the app may know; 'custom': files at URLs from the link. */
  source: 'catalog' | 'custom';
  /** For catalog models: whether `knownModelIds` has it. Custom models are never known. */
  known: boolean;
  /** The custom model's label when it has one, else the model id. */
  label: string;
  /** Who uses it, e.g. ['Solo › Solo', 'Team › Reasoner']. */
  usedBy: string[];
}

export interface CustomModelSummary {
  id: string;
  engine: CustomModelEngine;
  label: string;
  modelUrl: string;
  modelLibUrl?: string;
  /** Hosts its files would come from (`new URL(url).host`), distinct. */
  hosts: string[];
  /** Whether any role runs on it (unused ones are never loaded). */
  used: boolean;
}

export interface ShareSummary {
  /** The question on one line, shortened with '…'. */
  questionPreview: string;
  /** The question's length in characters (code points). */
  questionChars: number;
  contextTitles: string[];
  hasExpectedAnswer: boolean;
  solo: SideSummary;
  team: SideSummary;
  /** Distinct models the roles run on, in order of first use. */
  models: ModelUse[];
  /** Catalog models that this browser's catalog does not have. */
  unknownModels: ModelUse[];
  customModels: CustomModelSummary[];
  /** Distinct hosts of the custom models roles use: each needs the user's explicit consent. */
  hostsToConfirm: string[];
  /** Custom tools whose JavaScript the link carries: each needs the user's explicit consent. */
  codeTools: CodeToolSummary[];
  /** True when something would be downloaded from a host, or code run, given by the link. */
  needsConfirmation: boolean;
}

/** A custom tool with a JavaScript body, for the user to read before it may run. */
export interface CodeToolSummary {
  /** Unique within the link: `<side> › <role> › <tool>`. */
  key: string;
  name: string;
  usedBy: string;
  body: string;
}

/** The first `max` code points of one-line text, with '…' when cut. */
export function preview(text: string, max = QUESTION_PREVIEW_CHARS): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length > max
    ? `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`
    : chars.join('');
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** An escalation check in words: 'escalates below 3 of 5 samples agreeing'. */
export function escalationCheckDetail(check: EscalationCheck): string {
  switch (check.kind) {
    case 'critic':
      return 'escalates when the critic asks for a revision';
    case 'agreement':
      return `escalates below ${check.threshold} of ${plural(check.samples, 'sample', 'samples')} agreeing`;
    case 'format':
      return `escalates when the answer is not ${ANSWER_FORMAT_NAMES[check.format]}`;
  }
}

/** A protocol's numbers in words. */
export function protocolDetail(protocol: ProtocolConfig): string {
  switch (protocol.type) {
    case 'critic-loop':
      return `up to ${plural(protocol.maxRounds, 'critic round', 'critic rounds')}`;
    case 'generators-judge':
      return `${plural(protocol.generators, 'generator', 'generators')} × ${plural(protocol.layers, 'layer', 'layers')}`;
    case 'self-consistency':
      return plural(protocol.samples, 'sample', 'samples');
    case 'escalation':
      return escalationCheckDetail(protocol.check);
    case 'software-team':
      return `up to ${plural(protocol.reviewRounds, 'review', 'reviews')} and ${plural(protocol.testRounds, 'test run', 'test runs')}`;
    case 'cross-verify':
      return 'each answerer checks the other’s answer';
    case 'solo':
    case 'tool-agent':
    case 'reasoner-answerer':
      return '';
  }
}

function sideSummary(side: SideConfig): SideSummary {
  return {
    label: side.label,
    protocol: side.protocol.type,
    protocolName: protocolName(side.protocol.type),
    protocolDetail: protocolDetail(side.protocol),
    roles: side.roles.map((role) => role.name),
  };
}

/** `new URL(url).host`, or the URL itself if it does not parse (validated links always do). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * Describes a validated envelope. `knownModelIds` holds the engine-level ids of the models the
 * catalog offers (variant ids such as 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC').
 */
export function describeEnvelope(
  envelope: ShareEnvelope,
  knownModelIds: ReadonlySet<string>,
): ShareSummary {
  const { experiment } = envelope;
  const customById = new Map((envelope.customModels ?? []).map((m) => [m.id, m]));

  const models = new Map<string, ModelUse>();
  const codeTools: CodeToolSummary[] = [];
  const sides = [
    ['Solo', experiment.solo],
    ['Team', experiment.team],
  ] as const;
  for (const [sideName, side] of sides) {
    for (const role of side.roles) {
      const { engine, modelId } = role.model;
      const key = `${engine}\u0000${modelId}`;
      let use = models.get(key);
      if (!use) {
        const custom = isCustomModelId(modelId) ? customById.get(modelId) : undefined;
        use = {
          engine,
          modelId,
          source: isCustomModelId(modelId) ? 'custom' : 'catalog',
          known: !isCustomModelId(modelId) && knownModelIds.has(modelId),
          label: custom?.label?.trim() || modelId,
          usedBy: [],
        };
        models.set(key, use);
      }
      const who = `${sideName} › ${role.name || role.id}`;
      use.usedBy.push(who);
      for (const tool of role.tools?.custom ?? [])
        if (tool.reply.kind === 'javascript')
          codeTools.push({
            key: `${who} › ${tool.name}`,
            name: tool.name,
            usedBy: who,
            body: tool.reply.body,
          });
    }
  }

  const usedIds = new Set([...models.values()].map((m) => m.modelId));
  const customModels: CustomModelSummary[] = (envelope.customModels ?? []).map((model) => {
    const urls = [model.modelUrl, ...(model.modelLibUrl === undefined ? [] : [model.modelLibUrl])];
    return {
      id: model.id,
      engine: model.engine,
      label: model.label?.trim() || model.id,
      modelUrl: model.modelUrl,
      ...(model.modelLibUrl === undefined ? {} : { modelLibUrl: model.modelLibUrl }),
      hosts: [...new Set(urls.map(hostOf))],
      used: usedIds.has(model.id),
    };
  });
  const hostsToConfirm = [...new Set(customModels.filter((m) => m.used).flatMap((m) => m.hosts))];

  const allModels = [...models.values()];
  return {
    questionPreview: preview(experiment.question),
    questionChars: Array.from(experiment.question).length,
    contextTitles: (experiment.context ?? []).map((p) => p.title),
    hasExpectedAnswer: (experiment.expectedAnswer ?? '').trim() !== '',
    solo: sideSummary(experiment.solo),
    team: sideSummary(experiment.team),
    models: allModels,
    unknownModels: allModels.filter((m) => m.source === 'catalog' && !m.known),
    customModels,
    hostsToConfirm,
    codeTools,
    needsConfirmation: hostsToConfirm.length > 0 || codeTools.length > 0,
  };
}
