/**
 * Loads a plan's models through a view's lease, one after another, and says how it ended:
 * loaded, stopped (the signal fired, or the load was aborted), or failed with the error to
 * show. Experiments, Software, Benchmark and Arena runs all load their models this way.
 */
import type { AgentLease } from './agent-host.svelte';
import { modelKey, type ModelPlan, type PlannedModel } from './model-plan';
import type { TeamChat } from '../team/protocols/types';
import { specFor } from './model-spec';
import { toAgentError, type AgentError } from '../engine/errors';
import type { LoadProgress } from '../engine/types';

/** The model loading now: its place in the plan, and its progress. */
export interface PlanLoading {
  index: number;
  total: number;
  model: PlannedModel;
  progress: LoadProgress;
}

export type PlanLoadOutcome =
  { status: 'loaded' } | { status: 'stopped' } | { status: 'failed'; error: AgentError };

/** "Unknown model: a, b" for the refs the catalog does not know (empty when it knows them all). */
export function unknownModelsMessage(plan: Pick<ModelPlan, 'unknown'>): string {
  return plan.unknown.length > 0
    ? `Unknown model: ${plan.unknown.map((m) => m.modelId).join(', ')}`
    : '';
}

/**
 * Loads each planned model not yet loaded. Progress stops being reported once `signal` fires;
 * a load that ends after it fired counts as stopped.
 */
export async function loadPlan(
  lease: Pick<AgentLease, 'load'>,
  models: readonly PlannedModel[],
  signal: AbortSignal,
  onProgress: (loading: PlanLoading) => void = () => {},
): Promise<PlanLoadOutcome> {
  try {
    await lease.load(
      models.map((m) => specFor(m.model, m.variant, m.copy, m.ref.device)),
      (index, _spec, progress) => {
        const model = models[index];
        if (!signal.aborted && model) onProgress({ index, total: models.length, model, progress });
      },
      signal,
    );
  } catch (error) {
    const failure = toAgentError(error, 'ModelLoadError');
    return failure.name === 'AbortError'
      ? { status: 'stopped' }
      : { status: 'failed', error: failure };
  }
  return signal.aborted ? { status: 'stopped' } : { status: 'loaded' };
}

/**
 * The lease's chat, with each model the plan holds a `copy`-th copy of routed to that copy (a
 * side given its own copies of the models both sides use: withSecondCopies).
 */
export function chatOnCopies(
  lease: Pick<AgentLease, 'chat' | 'chatWith'>,
  plan: Pick<ModelPlan, 'models'>,
  copy: number,
): TeamChat {
  const copied = plan.models.filter((m) => m.copy === copy).map((m) => modelKey(m.ref));
  if (!copied.length) return lease.chat;
  return (role, request, hooks) =>
    lease.chatWith(
      copied.includes(modelKey(role.model)) ? { ...role.model, copy } : role.model,
      request,
      hooks,
    );
}
