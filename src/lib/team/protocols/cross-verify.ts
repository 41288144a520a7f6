/**
 * Cross-verification (SLM-MATRIX's third path). Answerer A and answerer B answer the question
 * independently (each may run on its own model); then A checks B's answer and B checks A's
 * against the question and the paragraphs, each with the critic's JSON verdict ('accept' or
 * 'revise' with feedback); a reconciler gives the final answer from both answers and both
 * checks.
 *
 * A check that cannot be read gets one retry; a second unreadable check counts as 'accept',
 * with a warning (as the critic's). When both answers agree after normalisation and no check
 * rejects the other's answer, the reconciler is not called: the shared answer is final, and a
 * warning says so. The two answers, and then the two checks, run at once where the models allow.
 */
import { extractFinalAnswer, normaliseAnswer } from '../answers';
import type { RoleConfig, SideConfig } from '../config';
import { fixedMessage } from '../context-budget';
import { reconcileParts, taskMessage } from '../prompts';
import { answerPart } from '../thinking';
import { parseVerdict, VERDICT_SCHEMA_STRING, type CriticVerdict } from '../verdict';
import { verifyPrompt } from './cross-verify-prompts';
import { requireRole, runProtocol, type ProtocolRun } from './runtime';
import type { ProtocolDeps, ProtocolInput, SideResult } from './types';

export { verifyPrompt };

const readVerdict = (output: string) => {
  const parsed = parseVerdict(output);
  return parsed.ok ? parsed.verdict : undefined;
};

/** A check's outcome: the verdict, or null when it could not be read twice. */
type Check = CriticVerdict | null;

/** One check: the call, plus one retry when its verdict cannot be read. */
async function verify(
  run: ProtocolRun,
  checker: RoleConfig,
  checked: RoleConfig,
  input: ProtocolInput,
  otherReply: string,
): Promise<Check> {
  const options = {
    responseFormat: { type: 'json_object', schema: VERDICT_SCHEMA_STRING } as const,
    verdictOf: readVerdict,
  };
  const first = await run.call(checker, verifyPrompt(checker, input, otherReply), {
    ...options,
    step: 'verify',
  });
  const parsed = parseVerdict(first.output);
  if (parsed.ok) return parsed.verdict;
  const retry = await run.call(
    checker,
    verifyPrompt(checker, input, otherReply, answerPart(first.output)),
    { ...options, step: 'verify-retry', seedOffset: 1 },
  );
  const reparsed = parseVerdict(retry.output);
  if (reparsed.ok) return reparsed.verdict;
  run.warn(
    `${checker.name}'s check of ${checked.name}'s answer could not be read twice ` +
      `(${reparsed.problem}); treated as accept.`,
  );
  return null;
}

/** A check in words, for the reconciler. */
function checkInWords(check: Check): string {
  if (!check) return 'could not be read';
  return check.verdict === 'accept' ? 'correct' : `wrong: ${check.feedback}`;
}

/**
 * Model calls when complete, with m = check retries (0..2): 2 answers + 2 checks + m, + 1
 * reconciler call unless both answers agree and no check says 'revise'. See expectedCalls.
 */
export function runCrossVerify(
  side: SideConfig,
  input: ProtocolInput,
  deps: ProtocolDeps,
): Promise<SideResult> {
  return runProtocol('cross-verify', side, deps, async (run) => {
    const peers = [requireRole(side, 'peer-a'), requireRole(side, 'peer-b')] as const;
    const reconciler = requireRole(side, 'reconciler');

    // Independent: neither answerer sees the other's answer.
    const turns = await run.all(
      peers.map(
        (peer) => () =>
          run.call(
            peer,
            [
              fixedMessage({ role: 'system', content: peer.systemPrompt }),
              fixedMessage({ role: 'user', content: taskMessage(input) }),
            ],
            { step: 'peer-answer' },
          ),
      ),
    );
    // Only the answer part goes on: thinking stays with its turn.
    const replies = turns.map((turn) => answerPart(turn.output).trim() || '(no answer)');
    const answers = turns.map((turn) => extractFinalAnswer(turn.output));
    answers.forEach((a, i) => {
      if (!a) run.warn(`${peers[i]!.name} gave no answer.`);
    });

    // A checks B's answer, B checks A's.
    const [checkOfB, checkOfA] = await run.all([
      () => verify(run, peers[0], peers[1], input, replies[1]!),
      () => verify(run, peers[1], peers[0], input, replies[0]!),
    ]);

    const [a = '', b = ''] = answers;
    const agree = !!normaliseAnswer(a) && normaliseAnswer(a) === normaliseAnswer(b);
    const rejected = [checkOfA, checkOfB].some((c) => c?.verdict === 'revise');
    if (agree && !rejected) {
      run.warn(
        `Both answerers gave the same answer (${a}) and neither check rejected it: the ` +
          'reconciler was not called.',
      );
      return { finalAnswer: a };
    }

    const verdict = await run.call(
      reconciler,
      [
        fixedMessage({ role: 'system', content: reconciler.systemPrompt }),
        {
          role: 'user',
          parts: reconcileParts(input, [
            { name: peers[0].name, reply: replies[0]!, check: checkInWords(checkOfA!) },
            { name: peers[1].name, reply: replies[1]!, check: checkInWords(checkOfB!) },
          ]),
          keep: 'latest',
        },
      ],
      { step: 'reconcile' },
    );
    const finalAnswer = extractFinalAnswer(verdict.output);
    if (!finalAnswer) run.warn(`${reconciler.name} gave no answer.`);
    return { finalAnswer };
  });
}
