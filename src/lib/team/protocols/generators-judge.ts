/**
 * Generators + Judge, and mixture-of-agents. K generator calls answer the question (generator
 * roles are used in turn, generator i with seed + i); with layers > 1, each further layer's K
 * generators see the previous layer's answers and write their own. The judge sees the last
 * layer's K answers, numbered, and picks or synthesises the final answer.
 *
 * A layer's calls are made at once: calls on one model wait for each other in the agent host,
 * calls on different models run in parallel.
 */
import { extractFinalAnswer } from '../answers';
import type { SideConfig } from '../config';
import { fixedMessage, type PromptPart } from '../context-budget';
import { judgeParts, refineParts, taskMessage } from '../prompts';
import { answerPart } from '../thinking';
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
      // Earlier layers' answers may be shortened to fit a generator's window; the task may not.
      const parts: PromptPart[] = layer === 1 ? [taskMessage(input)] : refineParts(input, previous);
      // A layer's generators are independent: they run at once where their models allow.
      const turns = await run.all(
        Array.from({ length: protocol.generators }, (_, i) => () => {
          const role = generators[i % generators.length] ?? requireRole(side, 'generator');
          return run.call(
            role,
            [
              fixedMessage({ role: 'system', content: role.systemPrompt }),
              { role: 'user', parts, keep: 'latest' },
            ],
            { step: 'generate', round: layer, seedOffset: i },
          );
        }),
      );
      // Only a candidate's answer part is passed on: its thinking stays with its turn.
      const answers = turns.map((turn) => answerPart(turn.output).trim());
      answers.forEach((text, i) => {
        if (!text) run.warn(`Layer ${layer}: generator ${i + 1} gave no answer.`);
      });
      previous = answers.map((text) => text || '(no answer)');
    }

    const verdict = await run.call(
      judge,
      [
        fixedMessage({ role: 'system', content: judge.systemPrompt }),
        { role: 'user', parts: judgeParts(input, previous), keep: 'latest' },
      ],
      { step: 'judge' },
    );
    const finalAnswer = extractFinalAnswer(verdict.output);
    if (!finalAnswer) run.warn(`${judge.name} gave no answer.`);
    return { finalAnswer };
  });
}
