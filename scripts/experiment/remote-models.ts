/**
 * The models of an experiment as the runner loads them: every role's model must be on a server
 * (a remote custom model of the config); a model that runs in a browser tab cannot run here, and
 * the error names each role that uses one. Tools run only in the browser's sandboxes, so a role
 * with tools is refused too, by name.
 */
import { planSides, type ModelPlan } from '../../src/lib/agents/model-plan';
import { batchConfigs } from '../../src/lib/batch/plan';
import { customToCatalog } from '../../src/lib/catalog/custom-models';
import type { ShareEnvelope } from '../../src/lib/share';
import type { BatchConfig } from '../../src/lib/storage/batch-records';
import { hasTools } from '../../src/lib/tools/validate-tools';

/** A role the runner cannot run; the message names it. */
export class InTabModelError extends Error {
  override readonly name = 'InTabModelError';
}

const ENGINE_NAMES: Record<string, string> = {
  webllm: 'WebLLM, on WebGPU',
  wllama: 'wllama, on WebAssembly',
  scripted: 'the test build’s scripted engine',
};

export interface RemotePlan {
  configs: BatchConfig[];
  plan: ModelPlan;
}

/**
 * The experiment's configs (Solo, Team) and the distinct models they use. Throws
 * InTabModelError naming every role whose model runs in a browser tab.
 */
export function remotePlan(envelope: ShareEnvelope): RemotePlan {
  const configs = batchConfigs(envelope.experiment);
  const inTab = configs.flatMap((config) =>
    config.side.roles
      .filter((role) => role.model.engine !== 'remote')
      .map(
        (role) =>
          `${config.label} › ${role.name} uses ${role.model.modelId} (${ENGINE_NAMES[role.model.engine] ?? role.model.engine}), a model that runs in the browser tab`,
      ),
  );
  if (inTab.length)
    throw new InTabModelError(
      `The headless runner runs only models on a server (OpenAI-compatible: Ollama, vLLM, llama.cpp, …), and:\n  ${inTab.join('\n  ')}.\n` +
        'In the playground, give each of these roles a model on your own server ("Add a model on your own server"), then export the config again.',
    );
  const withTools = configs.flatMap((config) =>
    config.side.roles
      .filter((role) => hasTools(role.tools))
      .map((role) => `${config.label} › ${role.name}`),
  );
  if (withTools.length)
    throw new InTabModelError(
      `The headless runner runs no tools (they run in the browser's sandboxes), and these roles have tools: ${withTools.join(', ')}.
` +
        'Run this batch in the Benchmark tab, or take the tools off these roles and export the config again.',
    );
  const catalog = (envelope.customModels ?? []).map((model) => customToCatalog(model));
  const plan = planSides(configs, catalog);
  if (plan.unknown.length)
    throw new InTabModelError(
      `Unknown model: ${plan.unknown.map((m) => m.modelId).join(', ')} (not among the config's custom models).`,
    );
  return { configs, plan };
}
