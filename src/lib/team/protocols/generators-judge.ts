/**
 * Generators + Judge, and mixture-of-agents. K generator calls answer the question (generator
 * roles are used in turn, generator i with seed + i); with layers > 1, each further layer's K
 * generators see the previous layer's answers and write their own. The judge sees the last
 * layer's K answers, numbered, and picks or synthesises the final answer.
 *
 * Calls run one after another through deps.chat: the caller decides about parallelism.
 */
import { extractFinalAnswer } from '../answers';
import type { SideConfig } from '../config';
import { judgeMessage, refineMessage, taskMessage } from '../prompts';
import { requireRole, runProtocol } from './runtime';
import type { ProtocolDeps, ProtocolInput, SideResult } from './types';

/** Model calls: K × layers + 1. */
export function runGeneratorsJudge(
  side: SideConfig,
  input: ProtocolInput,
  deps: ProtocolDeps,
): Promise<SideResult> {
  return runProtocol('generators-judge', side, deps, async (run, protocol) => {
    const generators = side.roles.filter((r) => r.kind === 'generator');
    const judge = requireRole(side, 'judge');

    let previous: string[] = [];
    for (let layer = 1; layer <= protocol.layers; layer++) {
      const current: string[] = [];
      for (let i = 0; i < protocol.generators; i++) {
        const role = generators[i % generators.length] ?? requireRole(side, 'generator');
        const content = layer === 1 ? taskMessage(input) : refineMessage(input, previous);
        const turn = await run.call(
          role,
          [
            { role: 'system', content: role.systemPrompt },
            { role: 'user', content },
          ],
          { step: 'generate', round: layer, seedOffset: i },
        );
        if (!turn.output.trim()) run.warn(`Layer ${layer}: generator ${i + 1} gave no answer.`);
        current.push(turn.output.trim() || '(no answer)');
      }
      previous = current;
    }

    const verdict = await run.call(
      judge,
      [
        { role: 'system', content: judge.systemPrompt },
        { role: 'user', content: judgeMessage(input, previous) },
      ],
      { step: 'judge' },
    );
    const finalAnswer = extractFinalAnswer(verdict.output);
    if (!finalAnswer) run.warn(`${judge.name} gave no answer.`);
    return { finalAnswer };
  });
}
