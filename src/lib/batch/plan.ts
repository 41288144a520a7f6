/**
 * The batch's configs: the experiment's Solo and Team plus extra teams, and the models they
 * need (each distinct model once, as the model pool loads them).
 */
import { planSides, type ModelPlan } from '../agents/model-plan';
import type { CatalogModel } from '../catalog/types';
import { validateSide, type ExperimentConfig, type SideConfig } from '../team/config';
import { protocolName as presetName } from '../team/presets';
import type { BatchConfig } from '../storage/batch-records';

/** A protocol's preset name ('Reasoner → Critic → Answerer'), or its type. */
export function protocolName(side: SideConfig): string {
  return presetName(side.protocol.type);
}

/** Solo, Team, then the extra teams as 'Team 2', 'Team 3', … */
export function batchConfigs(
  experiment: Pick<ExperimentConfig, 'solo' | 'team'>,
  extras: readonly SideConfig[] = [],
): BatchConfig[] {
  const copy = (side: SideConfig) => JSON.parse(JSON.stringify(side)) as SideConfig;
  return [
    { id: 'solo', label: 'Solo', side: copy(experiment.solo) },
    { id: 'team', label: 'Team', side: copy(experiment.team) },
    ...extras.map((side, i) => ({
      id: `extra-${i + 1}`,
      label: `Team ${i + 2}`,
      side: copy(side),
    })),
  ];
}

/** Problems that keep the configs from running, prefixed with each config's label. */
export function configProblems(configs: readonly BatchConfig[]): string[] {
  return configs.flatMap((c) => validateSide(c.side).map((p) => `${c.label}: ${p}`));
}

/** The distinct models the configs use, with who uses them, as ModelPlanPanel shows. */
export function planBatchModels(
  configs: readonly BatchConfig[],
  catalog: readonly CatalogModel[],
): ModelPlan {
  return planSides(configs, catalog);
}
