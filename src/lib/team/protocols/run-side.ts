/**
 * Runs one side of an experiment with the protocol its config names.
 */
import type { ProtocolType, SideConfig } from '../config';
import { runCriticLoop } from './critic-loop';
import { runEscalation } from './escalation';
import { runGeneratorsJudge } from './generators-judge';
import { runReasonerAnswerer } from './reasoner-answerer';
import { runSelfConsistency } from './self-consistency';
import { runSolo } from './solo';
import { runToolAgent } from './tool-agent';
import { runSoftwareTeam } from './software-team';
import type { Protocol, ProtocolDeps, ProtocolInput, SideResult } from './types';

/** Each protocol type's implementation. */
export const PROTOCOLS: Record<ProtocolType, Protocol> = {
  solo: runSolo,
  'tool-agent': runToolAgent,
  'software-team': runSoftwareTeam,
  'reasoner-answerer': runReasonerAnswerer,
  'critic-loop': runCriticLoop,
  'generators-judge': runGeneratorsJudge,
  'self-consistency': runSelfConsistency,
  escalation: runEscalation,
};

/**
 * Runs a side to its end. Never throws: an invalid side or a failing model gives status
 * 'failed' with the error, an abort gives 'stopped'; turns so far are always kept, and a
 * 'side-end' event is always emitted.
 */
export function runSide(
  side: SideConfig,
  input: ProtocolInput,
  deps: ProtocolDeps,
): Promise<SideResult> {
  const protocol = PROTOCOLS[side.protocol.type];
  if (protocol)
    return protocol(side, input, {
      ...deps,
      ...(input.context ? { toolParagraphs: input.context } : {}),
      ...(input.functions?.length ? { answerFunctions: input.functions } : {}),
    });
  const result: SideResult = {
    finalAnswer: '',
    turns: [],
    warnings: [],
    status: 'failed',
    error: {
      name: 'InvalidRequestError',
      message: `Unknown protocol ${JSON.stringify(side.protocol)}.`,
    },
  };
  deps.emit({ type: 'side-end', result });
  return Promise.resolve(result);
}
