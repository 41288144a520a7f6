/**
 * What an escalation config did over a batch's finished items: the share of questions it
 * escalated, accuracy (overall, and on the items kept by the small model and on those the large
 * model answered), and the tokens and time spent on each model, summed from the turns (a role's
 * turns count for its model). Also which Solo configs of the batch are its "always small" and
 * "always large" baselines: those on the same model as its small and large roles.
 */
import { mean } from '../eval/stats';
import type { BatchConfig, BatchItemRecord, BatchRecord } from '../storage/batch-records';
import type { ModelRef, RoleKind, SideConfig } from '../team/config';

/** One model's share of an escalation config's work, over the finished items. */
export interface ModelSpend {
  /** The model; roles on the same model (small and critic) count together. */
  model: ModelRef;
  /** Role kinds on this model, in the side's order ('small', 'critic', 'large'). */
  kinds: RoleKind[];
  calls: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** Model time: the turns' wall times, summed. */
  wallMs: number;
}

export interface EscalationSummary {
  configId: string;
  label: string;
  /** Finished items. */
  items: number;
  /** Items whose check escalated to the large model. */
  escalated: number;
  /** Items the check decided (escalated or not); the rest failed or stopped before it did. */
  decided: number;
  /** escalated ÷ decided (0 when nothing was decided). */
  escalatedShare: number;
  /** Mean of `correct` over the finished items (null: none). */
  accuracy: number | null;
  /** Mean of `correct` over the items the small model kept, and those escalated (null: none). */
  keptAccuracy: number | null;
  escalatedAccuracy: number | null;
  /** Per model, in the order the side names them. */
  models: ModelSpend[];
  /** Solo configs of the batch on the small and on the large model (null: none in the batch). */
  alwaysSmallId: string | null;
  alwaysLargeId: string | null;
}

const sameModel = (a: ModelRef, b: ModelRef) =>
  a.engine === b.engine && a.modelId === b.modelId && (a.device ?? null) === (b.device ?? null);

/** A stable key of a model, for grouping. */
const modelKey = (m: ModelRef) => `${m.engine}\u0000${m.modelId}\u0000${m.device ?? ''}`;

/** The model of a side's role of a kind. */
export function modelOfKind(side: SideConfig, kind: RoleKind): ModelRef | undefined {
  return side.roles.find((r) => r.kind === kind)?.model;
}

/** The Solo config of a batch on a model, if there is one. */
export function soloConfigOn(configs: readonly BatchConfig[], model: ModelRef | undefined) {
  if (!model) return undefined;
  return configs.find(
    (c) => c.side.protocol.type === 'solo' && c.side.roles.some((r) => sameModel(r.model, model)),
  );
}

const meanOrNull = (values: readonly number[]) => (values.length ? mean(values) : null);

function summarizeConfig(
  batch: BatchRecord,
  config: BatchConfig,
  rows: readonly BatchItemRecord[],
): EscalationSummary {
  const outcomes = rows.flatMap((row) => row.sides.filter((s) => s.configId === config.id));
  const decided = outcomes.filter((s) => s.escalation);
  const escalated = decided.filter((s) => s.escalation?.escalated);
  const kept = decided.filter((s) => !s.escalation?.escalated);

  const spend = new Map<string, ModelSpend>();
  for (const role of config.side.roles) {
    const key = modelKey(role.model);
    const entry = spend.get(key);
    if (entry) entry.kinds.push(role.kind);
    else
      spend.set(key, {
        model: { ...role.model },
        kinds: [role.kind],
        calls: 0,
        promptTokens: 0,
        completionTokens: 0,
        totalTokens: 0,
        wallMs: 0,
      });
  }
  for (const outcome of outcomes)
    for (const turn of outcome.turns) {
      const model = modelOfKind(config.side, turn.kind);
      const entry = model && spend.get(modelKey(model));
      if (!entry) continue;
      entry.calls++;
      entry.promptTokens += turn.promptTokens;
      entry.completionTokens += turn.completionTokens;
      entry.totalTokens += turn.promptTokens + turn.completionTokens;
      entry.wallMs += turn.wallMs;
    }

  return {
    configId: config.id,
    label: config.label,
    items: outcomes.length,
    escalated: escalated.length,
    decided: decided.length,
    escalatedShare: decided.length ? escalated.length / decided.length : 0,
    accuracy: meanOrNull(outcomes.map((s) => s.scores.correct)),
    keptAccuracy: meanOrNull(kept.map((s) => s.scores.correct)),
    escalatedAccuracy: meanOrNull(escalated.map((s) => s.scores.correct)),
    models: [...spend.values()],
    alwaysSmallId: soloConfigOn(batch.configs, modelOfKind(config.side, 'small'))?.id ?? null,
    alwaysLargeId: soloConfigOn(batch.configs, modelOfKind(config.side, 'large'))?.id ?? null,
  };
}

/** One summary per escalation config of the batch, over its finished items. */
export function summarizeEscalations(
  batch: BatchRecord,
  rows: readonly BatchItemRecord[],
): EscalationSummary[] {
  return batch.configs
    .filter((config) => config.side.protocol.type === 'escalation')
    .map((config) => summarizeConfig(batch, config, rows));
}
