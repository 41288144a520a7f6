/**
 * Function calls in one line, as people write them: `get_weather(city="Lisbon", unit="celsius")`,
 * for gold answers, the scorer's reading of a reply and results tables.
 */
import type { ToolCall } from './types';

export function formatCallText(call: Pick<ToolCall, 'name' | 'arguments'>): string {
  const args =
    call.arguments && typeof call.arguments === 'object' && !Array.isArray(call.arguments)
      ? Object.entries(call.arguments as Record<string, unknown>)
          .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
          .join(', ')
      : JSON.stringify(call.arguments ?? null);
  return `${call.name}(${args})`;
}

/** Several calls, `; `-separated; '(no call)' for none. */
export function formatCallsText(calls: readonly Pick<ToolCall, 'name' | 'arguments'>[]): string {
  return calls.length ? calls.map(formatCallText).join('; ') : '(no call)';
}
