/**
 * Experiments for the headless runner's tests: the default Solo vs Team with every role on one
 * remote model (a server at `baseUrl`), as a config file's text or a share link.
 */
import { buildShareUrl, makeEnvelope, toConfigFile, type ShareEnvelope } from '../../src/lib/share';
import { defaultExperiment, presetSide, type PresetId } from '../../src/lib/team/presets';
import type { ModelRef } from '../../src/lib/team/config';

export const REMOTE_REF: ModelRef = { engine: 'remote', modelId: 'custom:tiny' };

/** Solo and `team` (default Reasoner → Answerer) on the server's `serverModel`. */
export function remoteEnvelope(
  baseUrl: string,
  options: { team?: PresetId; serverModel?: string; maxTokens?: number } = {},
): ShareEnvelope {
  const experiment = defaultExperiment(REMOTE_REF);
  experiment.team = presetSide(options.team ?? 'reasoner-answerer', REMOTE_REF);
  if (options.maxTokens)
    for (const role of [...experiment.solo.roles, ...experiment.team.roles])
      role.maxTokens = options.maxTokens;
  return makeEnvelope(experiment, [
    {
      id: REMOTE_REF.modelId,
      engine: 'remote',
      modelUrl: baseUrl,
      serverModel: options.serverModel ?? 'tiny-chat',
      label: 'Tiny test model',
      contextLength: 2048,
    },
  ]);
}

export const configFileOf = (envelope: ShareEnvelope) => toConfigFile(envelope);

export const shareLinkOf = (envelope: ShareEnvelope) =>
  buildShareUrl('https://example.org/playground/', envelope);
