/**
 * What a side's tool use came to, from its turns: model calls in tool loops (steps), tool calls,
 * how many were valid (named a tool and fit its schema, and could be read at all) and how many
 * ran without an error, and the time the tools took (their runtimes' loading included: the
 * side waited for it).
 */
import type { Turn } from '../team/protocols/types';
import { parseToolCalls } from './parse-tool-calls';
import type { ToolErrorKind } from './types';

export interface ToolUse {
  /** Model calls made inside tool loops. */
  steps: number;
  /** Tool calls written, readable or not. */
  calls: number;
  /** Calls that could be read, named a tool and fit its schema. */
  valid: number;
  /** Calls whose tool ran and gave a result. */
  ran: number;
  /** Milliseconds the tools took, loading included. */
  toolMs: number;
}

/** Errors that make a call invalid (the model's fault, not the tool's). */
const INVALID: readonly ToolErrorKind[] = ['unknown-tool', 'bad-arguments', 'unparsable'];

/** The side's tool use; undefined when no turn was a tool step. */
export function toolUseOf(turns: readonly Turn[]): ToolUse | undefined {
  const steps = turns.filter((t) => t.toolStep !== undefined);
  if (steps.length === 0) return undefined;
  const use: ToolUse = { steps: steps.length, calls: 0, valid: 0, ran: 0, toolMs: 0 };
  for (const turn of steps) {
    const toolCalls = turn.toolCalls ?? [];
    // Unreadable calls get no observation of their own: count them from the reply.
    const unreadable = parseToolCalls(turn.output).unreadable.length;
    use.calls += toolCalls.length + unreadable;
    for (const { observation } of toolCalls) {
      const kind = observation.error?.kind;
      if (!kind || !INVALID.includes(kind)) use.valid++;
      if (observation.ok) use.ran++;
      use.toolMs += observation.ms + observation.loadMs;
    }
  }
  return use;
}
