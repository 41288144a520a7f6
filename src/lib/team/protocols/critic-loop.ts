/**
 * Reasoner → Critic → Answerer. The reasoner drafts; the critic reviews with a JSON verdict;
 * on 'revise' the reasoner rewrites with the feedback; up to maxRounds reviews, stopping early
 * on 'accept'. The answerer then answers from the final (possibly revised) reasoning.
 *
 * A verdict that cannot be read gets one retry; a second unreadable verdict counts as 'accept'
 * with a warning, so the loop always ends. A 'revise' in the last round is still followed by a
 * revision (the feedback is not wasted); that revision goes to the answerer unreviewed.
 *
 * A revision call carries the rounds so far: each draft and the feedback on it, then the latest
 * draft and feedback. To fit the reasoner's context window, older rounds are shortened, then
 * dropped; the latest draft and feedback are kept (see context-budget.ts).
 */
import type { RoleConfig, SideConfig } from '../config';
import { answerPart } from '../thinking';
import { parseVerdict, VERDICT_SCHEMA_STRING, type CriticVerdict } from '../verdict';
import { answer, reason, referencesOf } from './reasoner-answerer';
import { requireRole, runProtocol, type ProtocolRun } from './runtime';
import type { ProtocolDeps, ProtocolInput, SideResult } from './types';
import { critiquePrompt, revisionPrompt, type Round } from './critic-prompts';

export { critiquePrompt, revisionPrompt, type Round };

const readVerdict = (output: string) => {
  const parsed = parseVerdict(output);
  return parsed.ok ? parsed.verdict : undefined;
};

/**
 * One review: the critic's call, plus one retry when the verdict cannot be read (a second
 * unreadable verdict counts as 'accept', with a warning).
 */
export async function critique(
  run: ProtocolRun,
  critic: RoleConfig,
  input: ProtocolInput,
  reasoning: string,
  round: number,
): Promise<CriticVerdict> {
  const options = {
    round,
    responseFormat: { type: 'json_object', schema: VERDICT_SCHEMA_STRING } as const,
    verdictOf: readVerdict,
  };
  const messages = critiquePrompt(critic, input, reasoning);
  const first = await run.call(critic, messages, { ...options, step: 'critique' });
  const parsed = parseVerdict(first.output);
  if (parsed.ok) return parsed.verdict;

  const retryMessages = critiquePrompt(critic, input, reasoning, answerPart(first.output));
  const retry = await run.call(critic, retryMessages, {
    ...options,
    step: 'critique-retry',
    seedOffset: 1,
  });
  const reparsed = parseVerdict(retry.output);
  if (reparsed.ok) return reparsed.verdict;
  run.warn(
    `Round ${round}: ${critic.name}'s verdict could not be read twice (${reparsed.problem}); ` +
      'treated as accept.',
  );
  return { verdict: 'accept', feedback: '' };
}

/**
 * Model calls when complete, with r = reviews made (1..maxRounds) and m = retries:
 * 1 draft + r critiques + m retries + (r if the last verdict was 'revise', else r − 1)
 * revisions + 1 answer. See expectedCalls in budget.ts.
 */
export function runCriticLoop(
  side: SideConfig,
  input: ProtocolInput,
  deps: ProtocolDeps,
): Promise<SideResult> {
  return runProtocol('critic-loop', side, deps, async (run, protocol) => {
    const reasoner = requireRole(side, 'reasoner');
    const critic = requireRole(side, 'critic');
    const answerer = requireRole(side, 'answerer');

    // Only the answer part of a reply goes on to another call: thinking is never passed on.
    let reasoning = answerPart((await reason(run, reasoner, input)).output);
    const rounds: Round[] = [];
    for (let round = 1; round <= protocol.maxRounds; round++) {
      const verdict = await critique(run, critic, input, reasoning, round);
      if (verdict.verdict === 'accept') break;
      rounds.push({ draft: reasoning, feedback: verdict.feedback });
      const revision = await run.call(reasoner, revisionPrompt(reasoner, input, rounds), {
        step: 'revise',
        round,
      });
      const revised = answerPart(revision.output);
      if (revised.trim()) reasoning = revised;
      else run.warn(`Round ${round}: the revision was empty; the previous reasoning is kept.`);
    }

    const finalAnswer = await answer(run, answerer, input, reasoning);
    return { finalAnswer, references: referencesOf(run, input, reasoning) };
  });
}
