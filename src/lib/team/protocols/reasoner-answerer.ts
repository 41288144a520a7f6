/**
 * Reasoner → Answerer: the reasoner works through the question and its paragraphs, citing
 * `[Title, sentence N]`; the answerer turns that reasoning into a short final answer.
 */
import { extractFinalAnswer, findReferences } from '../answers';
import type { RoleConfig, SideConfig } from '../config';
import { fixedMessage } from '../context-budget';
import { answererParts, taskMessage } from '../prompts';
import { answerPart } from '../thinking';
import { requireRole, runProtocol, type ProtocolRun } from './runtime';
import type { ProtocolDeps, ProtocolInput, SideResult, Turn } from './types';

/** The reasoner's first draft. */
export function reason(
  run: ProtocolRun,
  reasoner: RoleConfig,
  input: ProtocolInput,
): Promise<Turn> {
  return run.call(
    reasoner,
    [
      { role: 'system', content: reasoner.systemPrompt },
      { role: 'user', content: taskMessage(input) },
    ],
    { step: 'reason', round: 0 },
  );
}

/** The answerer's call on the final reasoning; returns the final answer. */
export async function answer(
  run: ProtocolRun,
  answerer: RoleConfig,
  input: ProtocolInput,
  reasoning: string,
): Promise<string> {
  const turn = await run.call(
    answerer,
    [
      fixedMessage({ role: 'system', content: answerer.systemPrompt }),
      { role: 'user', parts: answererParts(input, reasoning), keep: 'latest' },
    ],
    { step: 'answer' },
  );
  const finalAnswer = extractFinalAnswer(turn.output);
  if (!finalAnswer) run.warn(`${answerer.name} gave no answer.`);
  return finalAnswer;
}

/** References in the final reasoning, with a warning when there are none but paragraphs exist. */
export function referencesOf(run: ProtocolRun, input: ProtocolInput, reasoning: string): string[] {
  const references = findReferences(reasoning);
  if (!references.length && input.context?.length)
    run.warn('The reasoning cites no [Title, sentence N] references.');
  return references;
}

/** Model calls: exactly 2 (reasoner, answerer). */
export function runReasonerAnswerer(
  side: SideConfig,
  input: ProtocolInput,
  deps: ProtocolDeps,
): Promise<SideResult> {
  return runProtocol('reasoner-answerer', side, deps, async (run) => {
    const draft = await reason(run, requireRole(side, 'reasoner'), input);
    // The answerer sees the reasoning, never the reasoner's thinking.
    const reasoning = answerPart(draft.output);
    const finalAnswer = await answer(run, requireRole(side, 'answerer'), input, reasoning);
    return { finalAnswer, references: referencesOf(run, input, reasoning) };
  });
}
