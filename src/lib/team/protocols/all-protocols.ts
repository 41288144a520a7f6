/**
 * Each protocol type's implementation. Loaded by run-side.ts on the first run, as one chunk:
 * the protocols stay out of the page's entry chunk, and sides started together still start in
 * the order they were called (they all wait on the same import).
 */
import type { ProtocolType } from '../config';
import { runCriticLoop } from './critic-loop';
import { runCrossVerify } from './cross-verify';
import { runEscalation } from './escalation';
import { runGeneratorsJudge } from './generators-judge';
import { runReasonerAnswerer } from './reasoner-answerer';
import { runSelfConsistency } from './self-consistency';
import { runSolo } from './solo';
import { runToolAgent } from './tool-agent';
import { runSoftwareTeam } from './software-team';
import type { Protocol } from './types';

export const PROTOCOLS: Record<ProtocolType, Protocol> = {
  solo: runSolo,
  'tool-agent': runToolAgent,
  'software-team': runSoftwareTeam,
  'reasoner-answerer': runReasonerAnswerer,
  'critic-loop': runCriticLoop,
  'generators-judge': runGeneratorsJudge,
  'self-consistency': runSelfConsistency,
  escalation: runEscalation,
  'cross-verify': runCrossVerify,
};
