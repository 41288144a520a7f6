/**
 * Small first, escalate (the heterogeneous system): the small role answers; a check decides
 * whether its answer stands, and when it does not, the large role answers the question afresh
 * and its answer is the side's. The checks:
 * - critic: the critic role reviews the small model's reply with the critic loop's JSON verdict
 *   (one retry when unreadable; unreadable twice counts as 'accept'); 'revise' escalates;
 * - agreement: the small model answers `samples` times (seed + i); the majority answer (as
 *   self-consistency votes) stands unless it has fewer than `threshold` votes;
 * - format: the small model's answer cannot be read as an answer of the required form (a
 *   number, yes or no, a short `Answer:` line; see escalation.ts).
 * The decision is kept in the result (SideResult.escalation), also when the side stops or fails
 * during the large model's call.
 */
import { extractFinalAnswer, majorityVote } from '../answers';
import type { EscalationCheck, RoleConfig, SideConfig } from '../config';
import {
  agreementOf,
  agreementReason,
  answerFormatProblem,
  resolveAnswerFormat,
  type EscalationOutcome,
} from '../escalation';
import { taskMessage } from '../prompts';
import { answerPart } from '../thinking';
import { critique } from './critic-loop';
import { requireRole, runProtocol, type CallOptions, type ProtocolRun } from './runtime';
import type { ProtocolDeps, ProtocolInput, SideResult, TurnStep } from './types';

/** A role asked the question as solo is (its system prompt, then the task). */
function ask(
  run: ProtocolRun,
  role: RoleConfig,
  input: ProtocolInput,
  step: TurnStep,
  options: Omit<CallOptions, 'step'> = {},
) {
  return run.call(
    role,
    [
      { role: 'system', content: role.systemPrompt },
      { role: 'user', content: taskMessage(input) },
    ],
    { step, ...options },
  );
}

type Decision = Omit<EscalationOutcome, 'check'>;

/** Runs the check's calls and decides. */
async function decide(
  run: ProtocolRun,
  side: SideConfig,
  check: EscalationCheck,
  small: RoleConfig,
  input: ProtocolInput,
): Promise<Decision> {
  switch (check.kind) {
    case 'critic': {
      const critic = requireRole(side, 'critic');
      const reply = answerPart((await ask(run, small, input, 'small-answer')).output);
      const smallAnswer = extractFinalAnswer(reply);
      const { verdict } = await critique(run, critic, input, reply, 1);
      if (verdict === 'revise')
        return { escalated: true, reason: `${critic.name} asked for a revision`, smallAnswer };
      // An unreadable verdict (twice) counts as accept: the reason says so.
      const read = run.turns.filter((t) => t.roleId === critic.id).at(-1)?.verdict !== undefined;
      const reason = read
        ? `${critic.name} accepted the answer`
        : `${critic.name}'s verdict could not be read (taken as accept)`;
      return { escalated: false, reason, smallAnswer };
    }
    case 'agreement': {
      // Samples are independent: they run at once where the model allows (one model: in turn).
      const turns = await run.all(
        Array.from(
          { length: check.samples },
          (_, i) => () => ask(run, small, input, 'small-sample', { round: i + 1, seedOffset: i }),
        ),
      );
      const { winner, counts } = majorityVote(turns.map((t) => extractFinalAnswer(t.output)));
      run.established.votes = counts;
      const agreement = agreementOf(counts, check.samples, check.threshold);
      return {
        escalated: agreement.votes < agreement.threshold,
        reason: agreementReason(agreement),
        smallAnswer: winner,
        agreement,
      };
    }
    case 'format': {
      const format = resolveAnswerFormat(check.format, input.answerKind);
      const turn = await ask(run, small, input, 'small-answer');
      const problem = answerFormatProblem(turn.output, format);
      const smallAnswer = extractFinalAnswer(turn.output);
      return problem
        ? { escalated: true, reason: problem, smallAnswer, format }
        : {
            escalated: false,
            reason: 'the answer reads as the required form',
            smallAnswer,
            format,
          };
    }
  }
}

/**
 * Model calls when complete: the small model's (agreement: samples; otherwise 1), the critic's
 * review and its retry (critic check), and 1 for the large model when escalated. See
 * expectedCalls in budget.ts.
 */
export function runEscalation(
  side: SideConfig,
  input: ProtocolInput,
  deps: ProtocolDeps,
): Promise<SideResult> {
  return runProtocol('escalation', side, deps, async (run, protocol) => {
    const small = requireRole(side, 'small');
    const large = requireRole(side, 'large');
    const decision = await decide(run, side, protocol.check, small, input);
    const escalation: EscalationOutcome = { check: protocol.check.kind, ...decision };
    run.established.escalation = escalation;
    const votes = run.established.votes ? { votes: run.established.votes } : {};
    if (!escalation.escalated) {
      if (!escalation.smallAnswer) run.warn(`${small.name} gave no answer.`);
      return { finalAnswer: escalation.smallAnswer, escalation, ...votes };
    }
    const turn = await ask(run, large, input, 'large-answer', {
      escalatedBecause: escalation.reason,
    });
    const finalAnswer = extractFinalAnswer(turn.output);
    if (!finalAnswer) run.warn(`${large.name} gave no answer.`);
    return { finalAnswer, escalation, ...votes };
  });
}
