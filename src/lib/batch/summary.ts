/**
 * A batch's summary, computed from its finished items only (an item counts once every config
 * has run on it): per config, accuracy with a bootstrap 95% interval, the multi-hop scores,
 * tokens, time and calls per item, accuracy per 1,000 tokens; flips against the Solo baseline;
 * for critic-loop teams, what the critic's revisions did to the draft's answer; and for
 * escalation configs, what they escalated and each model's spend (escalation-summary.ts).
 */
import {
  accuracyPer1kTokens,
  bootstrapMean,
  mean,
  pairedFlips,
  type MeanInterval,
} from '../eval/stats';
import type { EvalKind } from '../eval/types';
import type { ProtocolType } from '../team/config';
import type { BatchItemRecord, BatchRecord, SideOutcome } from '../storage/batch-records';
import { citesReferences } from '../eval/score-item';
import { summarizeEscalations, type EscalationSummary } from './escalation-summary';

/** Means over a config's finished items. */
export interface ConfigSummary {
  configId: string;
  label: string;
  protocol: ProtocolType;
  /** Finished items. */
  items: number;
  /** Mean of `correct`, with its percentile bootstrap 95% interval (1,000 resamples, seeded). */
  accuracy: MeanInterval;
  /** Multi-hop items only (absent when there are none): answer EM and F1. */
  em?: number;
  f1?: number;
  /** Multi-hop items of a citing config only: supporting facts and joint scores. */
  facts?: { em: number; precision: number; recall: number; f1: number };
  joint?: { em: number; precision: number; recall: number; f1: number };
  tokensPerItem: number;
  promptTokensPerItem: number;
  completionTokensPerItem: number;
  callsPerItem: number;
  msPerItem: number;
  /** 1000 × correct answers ÷ tokens spent. */
  accuracyPer1kTokens: number;
  /** Items on which the config failed (its answer scores 0). */
  failed: number;
  /** Configs whose roles used tools: per item, and the shares of calls valid and that ran. */
  tools?: {
    stepsPerItem: number;
    callsPerItem: number;
    /** Of the calls written: read, named a tool and fit its schema (null without calls). */
    validRate: number | null;
    /** Of the calls written: the tool ran and gave a result (null without calls). */
    ranRate: number | null;
    toolMsPerItem: number;
  };
  /**
   * Function-calling items only: the share whose calls were all valid (read and fit their
   * functions' schemas; a reply with no call is valid) and the share whose calls were the
   * expected ones (the accuracy on those items), with its bootstrap interval.
   */
  functionCalls?: { items: number; validRate: number; correct: MeanInterval };
  /**
   * Software items only: pass@1 (the share of programs that met every requirement or passed
   * every hidden test), and for web apps the mean share of requirements met, each with its
   * bootstrap interval.
   */
  software?: {
    items: number;
    passRate: MeanInterval;
    webApps: number;
    requirements?: MeanInterval;
  };
}

/** Items one config got right and another wrong (as batch item indices). */
export interface FlipSummary {
  baseId: string;
  otherId: string;
  /** The base (Solo) right, the other wrong. */
  baseOnly: number[];
  /** The other right, the base (Solo) wrong. */
  otherOnly: number[];
  bothRight: number;
  bothWrong: number;
}

/**
 * What a critic loop's revisions did: for items where the critic asked for at least one
 * revision, the draft's answer (its `Conclusion:` line) scored against the gold, compared with
 * the final answer's score.
 */
export interface CriticSummary {
  configId: string;
  label: string;
  /** Items the config finished. */
  items: number;
  /** Items where the critic accepted the draft at once (no revision). */
  acceptedAtOnce: number;
  /** Items with at least one revision and a draft with a readable `Conclusion:`. */
  revised: number;
  /** Items with revisions whose draft had no `Conclusion:` line (left out of the counts). */
  noConclusion: number;
  /** Draft right, final wrong (item indices). */
  rightToWrong: number[];
  /** Draft wrong, final right (item indices). */
  wrongToRight: number[];
  stayedRight: number;
  stayedWrong: number;
}

export interface BatchSummary {
  /** Finished items. */
  items: number;
  /** Items in the batch. */
  total: number;
  kinds: Partial<Record<EvalKind, number>>;
  configs: ConfigSummary[];
  /** Every other config against the first (Solo). */
  flips: FlipSummary[];
  critic: CriticSummary[];
  /** Escalation configs: the share escalated, accuracy, and each model's tokens and time. */
  escalation: EscalationSummary[];
}

const sum = (values: readonly number[]) => values.reduce((n, v) => n + v, 0);

/** The config's outcome on an item (undefined when missing, which a finished item never is). */
export function outcomeOf(record: BatchItemRecord, configId: string): SideOutcome | undefined {
  return record.sides.find((s) => s.configId === configId);
}

function meanOf<T>(values: readonly T[], pick: (value: T) => number): number {
  return mean(values.map(pick));
}

export function summarize(batch: BatchRecord, results: readonly BatchItemRecord[]): BatchSummary {
  const rows = [...results].sort((a, b) => a.index - b.index);
  const kinds: Partial<Record<EvalKind, number>> = {};
  for (const row of rows) {
    const kind = batch.items[row.index]?.kind;
    if (kind) kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  const isMultihop = (row: BatchItemRecord) => batch.items[row.index]?.kind === 'multihop';

  const configs = batch.configs.map((config): ConfigSummary => {
    const sides = rows.map((row) => outcomeOf(row, config.id));
    const present = sides.filter((s): s is SideOutcome => s !== undefined);
    const correct = present.map((s) => s.scores.correct);
    const tokens = present.map((s) => s.totalTokens);
    const summary: ConfigSummary = {
      configId: config.id,
      label: config.label,
      protocol: config.side.protocol.type,
      items: present.length,
      accuracy: bootstrapMean(correct),
      tokensPerItem: mean(tokens),
      promptTokensPerItem: meanOf(present, (s) => s.promptTokens),
      completionTokensPerItem: meanOf(present, (s) => s.completionTokens),
      callsPerItem: meanOf(present, (s) => s.calls),
      msPerItem: meanOf(present, (s) => s.wallMs),
      accuracyPer1kTokens: accuracyPer1kTokens(correct, tokens),
      failed: present.filter((s) => s.status !== 'done').length,
    };
    if (present.some((s) => s.tools)) {
      const use = present.map(
        (s) => s.tools ?? { steps: 0, calls: 0, valid: 0, ran: 0, toolMs: 0 },
      );
      const calls = sum(use.map((u) => u.calls));
      summary.tools = {
        stepsPerItem: meanOf(use, (u) => u.steps),
        callsPerItem: meanOf(use, (u) => u.calls),
        validRate: calls ? sum(use.map((u) => u.valid)) / calls : null,
        ranRate: calls ? sum(use.map((u) => u.ran)) / calls : null,
        toolMsPerItem: meanOf(use, (u) => u.toolMs),
      };
    }
    const calling = rows
      .filter((row) => batch.items[row.index]?.kind === 'function-call')
      .map((row) => outcomeOf(row, config.id))
      .filter((s): s is SideOutcome => s !== undefined);
    if (calling.length > 0)
      summary.functionCalls = {
        items: calling.length,
        validRate: meanOf(calling, (s) => s.scores.calls?.valid ?? 0),
        correct: bootstrapMean(calling.map((s) => s.scores.correct)),
      };
    const software = rows
      .filter((row) => batch.items[row.index]?.software)
      .map((row) => outcomeOf(row, config.id))
      .filter((s): s is SideOutcome => s !== undefined);
    if (software.length > 0) {
      const webApps = software.filter((s) => s.scores.software?.requirements);
      summary.software = {
        items: software.length,
        passRate: bootstrapMean(software.map((s) => s.scores.correct)),
        webApps: webApps.length,
        ...(webApps.length > 0
          ? {
              requirements: bootstrapMean(
                webApps.map((s) => {
                  const { met = 0, total = 0 } = s.scores.software ?? {};
                  return total > 0 ? met / total : 0;
                }),
              ),
            }
          : {}),
      };
    }
    const multihop = rows
      .filter(isMultihop)
      .map((row) => outcomeOf(row, config.id))
      .filter((s): s is SideOutcome => s !== undefined);
    if (multihop.length > 0) {
      summary.em = meanOf(multihop, (s) => s.scores.em ?? 0);
      summary.f1 = meanOf(multihop, (s) => s.scores.f1 ?? 0);
      if (citesReferences(config.side.protocol.type)) {
        const part = (key: 'facts' | 'joint') => ({
          em: meanOf(multihop, (s) => s.scores[key]?.em ?? 0),
          precision: meanOf(multihop, (s) => s.scores[key]?.precision ?? 0),
          recall: meanOf(multihop, (s) => s.scores[key]?.recall ?? 0),
          f1: meanOf(multihop, (s) => s.scores[key]?.f1 ?? 0),
        });
        summary.facts = part('facts');
        summary.joint = part('joint');
      }
    }
    return summary;
  });

  const [base, ...others] = batch.configs;
  const flips: FlipSummary[] = base
    ? others.map((other) => {
        const a = rows.map((row) => outcomeOf(row, base.id)?.scores.correct ?? 0);
        const b = rows.map((row) => outcomeOf(row, other.id)?.scores.correct ?? 0);
        const paired = pairedFlips(a, b);
        return {
          baseId: base.id,
          otherId: other.id,
          baseOnly: paired.aOnly.map((i) => rows[i]!.index),
          otherOnly: paired.bOnly.map((i) => rows[i]!.index),
          bothRight: paired.bothRight,
          bothWrong: paired.bothWrong,
        };
      })
    : [];

  const critic = batch.configs
    .filter((config) => config.side.protocol.type === 'critic-loop')
    .map((config): CriticSummary => {
      const summary: CriticSummary = {
        configId: config.id,
        label: config.label,
        items: 0,
        acceptedAtOnce: 0,
        revised: 0,
        noConclusion: 0,
        rightToWrong: [],
        wrongToRight: [],
        stayedRight: 0,
        stayedWrong: 0,
      };
      for (const row of rows) {
        const side = outcomeOf(row, config.id);
        if (!side) continue;
        summary.items++;
        const draft = side.draft;
        if (!draft || draft.revisions === 0) {
          summary.acceptedAtOnce++;
          continue;
        }
        if (draft.correct === null) {
          summary.noConclusion++;
          continue;
        }
        summary.revised++;
        const before = draft.correct >= 0.5;
        const after = side.scores.correct >= 0.5;
        if (before && !after) summary.rightToWrong.push(row.index);
        else if (!before && after) summary.wrongToRight.push(row.index);
        else if (before) summary.stayedRight++;
        else summary.stayedWrong++;
      }
      return summary;
    });

  return {
    items: rows.length,
    total: batch.items.length,
    kinds,
    configs,
    flips,
    critic,
    escalation: summarizeEscalations(batch, rows),
  };
}

/** Total tokens over the finished items, per config (for checks and exports). */
export function totalTokens(results: readonly BatchItemRecord[], configId: string): number {
  return sum(results.map((row) => outcomeOf(row, configId)?.totalTokens ?? 0));
}
