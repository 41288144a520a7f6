/**
 * Self-consistency: one sampler role sampled K times (seed + i), each sample's final answer
 * extracted ('Answer: …' line, else the last line) and normalised; the majority wins, ties go
 * to the answer that came first. The vote counts are part of the result.
 */
import { extractFinalAnswer, majorityVote } from '../answers';
import type { SideConfig } from '../config';
import { taskMessage } from '../prompts';
import { requireRole, runProtocol } from './runtime';
import type { ProtocolDeps, ProtocolInput, SideResult } from './types';

/** Model calls: K (samples). */
export function runSelfConsistency(
  side: SideConfig,
  input: ProtocolInput,
  deps: ProtocolDeps,
): Promise<SideResult> {
  return runProtocol('self-consistency', side, deps, async (run, protocol) => {
    const sampler = requireRole(side, 'sampler');
    // Samples are independent: they run at once where the model allows (one model: in turn).
    const turns = await run.all(
      Array.from(
        { length: protocol.samples },
        (_, i) => () =>
          run.call(
            sampler,
            [
              { role: 'system', content: sampler.systemPrompt },
              { role: 'user', content: taskMessage(input) },
            ],
            { step: 'sample', round: i + 1, seedOffset: i },
          ),
      ),
    );
    const answers = turns.map((turn) => extractFinalAnswer(turn.output));
    const { winner, counts } = majorityVote(answers);
    if (!winner) run.warn('No sample gave an answer.');
    const top = counts[0];
    if (top && counts[1]?.count === top.count)
      run.warn(`The vote is tied at ${top.count}; the earliest answer wins.`);
    return { finalAnswer: winner, votes: counts };
  });
}
