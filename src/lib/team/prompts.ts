/**
 * The user-turn messages the protocols send. System prompts live in the roles (see presets.ts);
 * these templates carry the material: the question, the numbered context paragraphs, another
 * agent's work. Kept short and explicit for small models.
 */
import type { ContextParagraph } from './config';

/** What a side is asked: the question and, optionally, context paragraphs. */
export interface ProtocolInput {
  question: string;
  context?: ContextParagraph[];
}

/**
 * Context paragraphs as the models see them: a `[Title]` line, then sentences numbered from 1,
 * so that a model can cite `[Title, sentence N]` (N is 1-based: sentences[N - 1]).
 */
export function formatContext(context: readonly ContextParagraph[]): string {
  return context
    .map((p) => [`[${p.title}]`, ...p.sentences.map((s, i) => `${i + 1}. ${s.trim()}`)].join('\n'))
    .join('\n\n');
}

/** The question, then the paragraphs when there are any. */
export function taskMessage(input: ProtocolInput): string {
  const question = `Question: ${input.question.trim()}`;
  if (!input.context?.length) return question;
  return `${question}\n\nParagraphs:\n${formatContext(input.context)}`;
}

/** For the critic: the task and the reasoning to check. */
export function critiqueMessage(input: ProtocolInput, reasoning: string): string {
  return `${taskMessage(input)}\n\nReasoning to check:\n${reasoning.trim()}\n\nReply with the JSON verdict only.`;
}

/** Sent to the critic once when its verdict could not be read. */
export const CRITIC_RETRY_MESSAGE =
  'Your reply was not valid JSON of the required form. Reply again with JSON only, exactly like ' +
  '{"verdict":"accept","feedback":""} or {"verdict":"revise","feedback":"what to fix"}.';

/** For the reasoner after a 'revise' verdict (its previous reasoning is the assistant turn before). */
export function revisionMessage(feedback: string): string {
  return (
    `A reviewer checked your reasoning and said:\n${feedback.trim()}\n\n` +
    'Write your reasoning again from the start, fixing this. Use the same format.'
  );
}

/** For the answerer: the question and the team's final reasoning (not the paragraphs). */
export function answererMessage(input: ProtocolInput, reasoning: string): string {
  return `Question: ${input.question.trim()}\n\nReasoning:\n${reasoning.trim()}\n\nGive the short final answer.`;
}

/** Candidate answers, numbered from 1. */
export function numberedAnswers(answers: readonly string[]): string {
  return answers.map((a, i) => `Answer ${i + 1}:\n${a.trim()}`).join('\n\n');
}

/** For a mixture-of-agents generator in layer 2 and above: the previous layer's answers. */
export function refineMessage(input: ProtocolInput, previous: readonly string[]): string {
  return (
    `${taskMessage(input)}\n\nOther assistants answered:\n\n${numberedAnswers(previous)}\n\n` +
    'Some of these may be wrong. Check them against the paragraphs and write your own best ' +
    'answer in the usual format.'
  );
}

/** For the judge: the task and the K candidate answers. */
export function judgeMessage(input: ProtocolInput, candidates: readonly string[]): string {
  return (
    `${taskMessage(input)}\n\nCandidate answers:\n\n${numberedAnswers(candidates)}\n\n` +
    'Pick the best answer, or combine them if each is partly right.'
  );
}
