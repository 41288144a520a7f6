/**
 * Test fixtures for code that runs on the agent host: the real AgentHost over in-process agents
 * (the real worker API on the scripted engine), and catalog entries for scripted models.
 */
import { AgentHost } from '../agents/agent-host.svelte';
import type { CatalogModel } from '../catalog/types';
import type { ScriptedScript } from '../engine/types';
import { InProcessAgent } from './in-process-agent';

/** The real host; every agent it starts is kept in `agents` (count loads and chats on them). */
export function hostWithAgents(prepare: (agent: InProcessAgent) => void = () => {}): {
  host: AgentHost;
  agents: InProcessAgent[];
} {
  const agents: InProcessAgent[] = [];
  const host = new AgentHost({
    makeBackend: () => {
      const agent = new InProcessAgent();
      prepare(agent);
      agents.push(agent);
      return agent;
    },
  });
  return { host, agents };
}

/** A catalog entry for a scripted model with its script. */
export function scriptedCatalogModel(
  id: string,
  script: ScriptedScript,
  contextWindow = 4096,
): CatalogModel {
  return {
    id,
    label: id,
    engine: 'scripted',
    paramsB: null,
    script,
    variants: [
      {
        modelId: id,
        quantization: 'other',
        needsF16: false,
        vramMB: 0,
        downloadMB: 1,
        contextWindow,
        modelUrl: '',
      },
    ],
  };
}
