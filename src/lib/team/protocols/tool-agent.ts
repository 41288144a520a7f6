/**
 * Tool agent: one role that thinks, calls its tools and reads their results (think → call →
 * observe, up to the role's tool steps; the tool loop in runtime.ts), then answers. Unlike a
 * Solo role given tools, it cannot run without them: where no sandbox is at hand (the headless
 * runner) it fails with a reason instead of answering as a plain Solo.
 */
import { AgentError } from '../../engine/errors';
import { extractFinalAnswer } from '../answers';
import type { SideConfig } from '../config';
import { taskMessage } from '../prompts';
import { requireRole, runProtocol } from './runtime';
import type { ProtocolDeps, ProtocolInput, SideResult } from './types';

/** Model calls: one per tool step, and one more when the agent is cut and asked to answer. */
export function runToolAgent(
  side: SideConfig,
  input: ProtocolInput,
  deps: ProtocolDeps,
): Promise<SideResult> {
  return runProtocol('tool-agent', side, deps, async (run) => {
    const role = requireRole(side, 'agent');
    if (!deps.toolSandbox)
      throw new AgentError(
        'InvalidRequestError',
        `The tool agent "${role.name}" needs the browser's tool sandboxes, which are not available here.`,
      );
    const turn = await run.call(
      role,
      [
        { role: 'system', content: role.systemPrompt },
        { role: 'user', content: taskMessage(input) },
      ],
      { step: 'answer' },
    );
    const finalAnswer = extractFinalAnswer(turn.output);
    if (!finalAnswer) run.warn(`${role.name} gave no answer.`);
    return { finalAnswer };
  });
}
