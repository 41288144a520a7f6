/**
 * The critic's verdict: a JSON object {"verdict": "accept" | "revise", "feedback": string}.
 * Parsed strictly (JSON.parse, then a check of the shape); only a ```json fence and white space
 * around the object are tolerated. Thinking (`<think>…</think>`) before it is set aside.
 */
import { answerPart } from './thinking';

export interface CriticVerdict {
  verdict: 'accept' | 'revise';
  feedback: string;
}

/** The JSON schema the critic is asked to follow (WebLLM takes it as a string). */
export const VERDICT_SCHEMA = {
  type: 'object',
  properties: {
    verdict: { type: 'string', enum: ['accept', 'revise'] },
    feedback: { type: 'string' },
  },
  required: ['verdict', 'feedback'],
  additionalProperties: false,
} as const;

export const VERDICT_SCHEMA_STRING = JSON.stringify(VERDICT_SCHEMA);

export type VerdictParse = { ok: true; verdict: CriticVerdict } | { ok: false; problem: string };

/** Removes one surrounding Markdown code fence (```json … ``` or ``` … ```), if present. */
function stripFence(text: string): string {
  const match = /^```[a-zA-Z]*\s*\n?([\s\S]*?)\n?\s*```$/.exec(text.trim());
  return (match ? (match[1] ?? '') : text).trim();
}

/**
 * Reads a critic's reply. Fails (with a reason) on anything but one JSON object whose `verdict`
 * is 'accept' or 'revise' and whose `feedback` is a string; a 'revise' needs non-empty feedback.
 */
export function parseVerdict(text: string): VerdictParse {
  const body = stripFence(answerPart(text));
  if (!body) return { ok: false, problem: 'the reply was empty' };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, problem: 'the reply was not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, problem: 'the reply was not a JSON object' };
  const { verdict, feedback } = value as { verdict?: unknown; feedback?: unknown };
  if (verdict !== 'accept' && verdict !== 'revise')
    return { ok: false, problem: 'the verdict was neither "accept" nor "revise"' };
  if (typeof feedback !== 'string') return { ok: false, problem: 'the feedback was not a string' };
  if (verdict === 'revise' && !feedback.trim())
    return { ok: false, problem: 'a "revise" verdict came without feedback' };
  return { ok: true, verdict: { verdict, feedback: feedback.trim() } };
}
