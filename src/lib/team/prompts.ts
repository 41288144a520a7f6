/**
 * The user-turn messages the protocols send. System prompts live in the roles (see presets.ts);
 * these templates carry the material: the question, the numbered context paragraphs, another
 * agent's work. Kept short and explicit for small models.
 */
import type { EvalKind } from '../eval/types';
import type { ContextParagraph } from './config';
import { joinParts, type PromptPart } from './context-budget';
import { toolsTagBlock } from '../tools/declarations';
import type { ToolSpec } from '../tools/types';
import { softwareTaskMessage, type SoftwareTask } from '../software/task';

/** What a side is asked: the question and, optionally, context paragraphs. */
export interface ProtocolInput {
  question: string;
  context?: ContextParagraph[];
  /**
   * The kind of answer the question expects, when the caller knows it (a benchmark item's
   * kind): the escalation protocol's format check reads answers in that form. Never sent.
   */
  answerKind?: EvalKind;
  /**
   * Functions the question offers (function-calling items): declared in the task, and the
   * answer is the calls to make (never run). In-tab models write answers under a grammar.
   */
  functions?: ToolSpec[];
  /** A software task (the software team's, or Solo's): the question is then its text. */
  software?: SoftwareTask;
}

/** How a function-calling question is to be answered, after its functions' declarations. */
export const FUNCTION_ANSWER_INSTRUCTIONS = [
  'Answer with the function calls this question needs, each in its own block:',
  '<tool_call>\n{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call>',
  'The calls are the answer: they are not run, and no result comes back.',
  'If no function fits the question, do not call one: answer in one sentence.',
].join('\n');

/** The functions a question offers and how to answer with them ('' when it offers none). */
export function functionsBlock(functions: readonly ToolSpec[] | undefined): string {
  if (!functions?.length) return '';
  return `\n\nFunctions:\n${toolsTagBlock(functions)}\n\n${FUNCTION_ANSWER_INSTRUCTIONS}`;
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
  if (input.software) return softwareTaskMessage(input.software);
  const question = `Question: ${input.question.trim()}${functionsBlock(input.functions)}`;
  if (!input.context?.length) return question;
  return `${question}\n\nParagraphs:\n${formatContext(input.context)}`;
}

/** For the critic: the task and the reasoning to check (which a context budget may shorten). */
export function critiqueParts(input: ProtocolInput, reasoning: string): PromptPart[] {
  return [
    `${taskMessage(input)}\n\nReasoning to check:\n`,
    { shorten: reasoning.trim() },
    '\n\nReply with the JSON verdict only.',
  ];
}

export function critiqueMessage(input: ProtocolInput, reasoning: string): string {
  return joinParts(critiqueParts(input, reasoning));
}

/** Sent to the critic once when its verdict could not be read. */
export const CRITIC_RETRY_MESSAGE =
  'Your reply was not valid JSON of the required form. Reply again with JSON only, exactly like ' +
  '{"verdict":"accept","feedback":""} or {"verdict":"revise","feedback":"what to fix"}.';

/** For the reasoner after a 'revise' verdict (its previous reasoning is the assistant turn before). */
export function revisionParts(feedback: string): PromptPart[] {
  return [
    'A reviewer checked your reasoning and said:\n',
    { shorten: feedback.trim() },
    '\n\nWrite your reasoning again from the start, fixing this. Use the same format.',
  ];
}

export function revisionMessage(feedback: string): string {
  return joinParts(revisionParts(feedback));
}

/** For the answerer: the question and the team's final reasoning (not the paragraphs). */
export function answererParts(input: ProtocolInput, reasoning: string): PromptPart[] {
  return [
    `Question: ${input.question.trim()}${functionsBlock(input.functions)}\n\nReasoning:\n`,
    { shorten: reasoning.trim() },
    input.functions?.length
      ? '\n\nGive the final answer: the function calls, or one sentence if none fits.'
      : '\n\nGive the short final answer.',
  ];
}

export function answererMessage(input: ProtocolInput, reasoning: string): string {
  return joinParts(answererParts(input, reasoning));
}

/** Candidate answers, numbered from 1 (each may be shortened by a context budget). */
function numberedParts(answers: readonly string[]): PromptPart[] {
  return answers.flatMap((a, i) => [`${i ? '\n\n' : ''}Answer ${i + 1}:\n`, { shorten: a.trim() }]);
}

export function numberedAnswers(answers: readonly string[]): string {
  return joinParts(numberedParts(answers));
}

/** For a mixture-of-agents generator in layer 2 and above: the previous layer's answers. */
export function refineParts(input: ProtocolInput, previous: readonly string[]): PromptPart[] {
  return [
    `${taskMessage(input)}\n\nOther assistants answered:\n\n`,
    ...numberedParts(previous),
    '\n\nSome of these may be wrong. Check them against the paragraphs and write your own best ' +
      'answer in the usual format.',
  ];
}

export function refineMessage(input: ProtocolInput, previous: readonly string[]): string {
  return joinParts(refineParts(input, previous));
}

/** For the judge: the task and the K candidate answers. */
export function judgeParts(input: ProtocolInput, candidates: readonly string[]): PromptPart[] {
  return [
    `${taskMessage(input)}\n\nCandidate answers:\n\n`,
    ...numberedParts(candidates),
    '\n\nPick the best answer, or combine them if each is partly right.',
  ];
}

export function judgeMessage(input: ProtocolInput, candidates: readonly string[]): string {
  return joinParts(judgeParts(input, candidates));
}

/**
 * Cross-verification: for an answerer checking the other answerer's reply (which a context
 * budget may shorten) against the question and the paragraphs; the verdict is the critic's JSON.
 */
export function verifyParts(input: ProtocolInput, otherReply: string): PromptPart[] {
  return [
    `${taskMessage(input)}\n\nAnother assistant answered:\n`,
    { shorten: otherReply.trim() },
    '\n\nCheck that answer against the question and the paragraphs. Do not answer the question ' +
      'yourself. Reply with JSON only, no other text.\n' +
      'If the answer is correct and the paragraphs support it: {"verdict":"accept","feedback":""}\n' +
      'If it is wrong or unsupported: {"verdict":"revise","feedback":"<one or two sentences: what ' +
      'is wrong>"}',
  ];
}

export function verifyMessage(input: ProtocolInput, otherReply: string): string {
  return joinParts(verifyParts(input, otherReply));
}

/** One answerer's reply and the other answerer's check of it, for the reconciler. */
export interface CheckedAnswer {
  /** The answerer's name ('Answerer A'). */
  name: string;
  reply: string;
  /** The other answerer's check, in words ('accepted', 'rejected: …', 'could not be read'). */
  check: string;
}

/** For the reconciler: the task, both answers and both checks. */
export function reconcileParts(
  input: ProtocolInput,
  answers: readonly CheckedAnswer[],
): PromptPart[] {
  return [
    `${taskMessage(input)}\n\nTwo assistants answered independently, then each checked the ` +
      "other's answer.",
    ...answers.flatMap((a): PromptPart[] => [
      `\n\n${a.name}:\n`,
      { shorten: a.reply.trim() },
      `\nThe other assistant's check: `,
      { shorten: a.check.trim() },
    ]),
    '\n\nDecide which answer is right, or give a better one, using the paragraphs.',
  ];
}

export function reconcileMessage(input: ProtocolInput, answers: readonly CheckedAnswer[]): string {
  return joinParts(reconcileParts(input, answers));
}
