/**
 * Solo: one role, one call. The baseline every team is compared with.
 */
import { extractFinalAnswer } from '../answers';
import type { SideConfig } from '../config';
import { taskMessage } from '../prompts';
import { answerPart } from '../thinking';
import { extractProgram } from '../../software/task';
import { requireRole, runProtocol } from './runtime';
import type { ProtocolDeps, ProtocolInput, SideResult } from './types';

/** Model calls: exactly 1. */
export function runSolo(
  side: SideConfig,
  input: ProtocolInput,
  deps: ProtocolDeps,
): Promise<SideResult> {
  return runProtocol('solo', side, deps, async (run) => {
    const role = requireRole(side, 'solo');
    const turn = await run.call(
      role,
      [
        { role: 'system', content: role.systemPrompt },
        { role: 'user', content: taskMessage(input) },
      ],
      { step: 'answer' },
    );
    // A software task's answer is the program.
    const finalAnswer = input.software
      ? extractProgram(answerPart(turn.output), input.software)
      : extractFinalAnswer(turn.output);
    if (!finalAnswer)
      run.warn(input.software ? `${role.name} wrote no program.` : `${role.name} gave no answer.`);
    return { finalAnswer };
  });
}
