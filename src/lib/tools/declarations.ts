/**
 * Tools declared to a model in its prompt as Hermes / Qwen chat templates do: one OpenAI-style
 * function object per line, inside `<tools></tools>`.
 */
import type { ToolSpec } from './types';

export function toolsTagBlock(tools: readonly ToolSpec[]): string {
  const declarations = tools
    .map((t) =>
      JSON.stringify({
        type: 'function',
        function: { name: t.name, description: t.description, parameters: t.parameters },
      }),
    )
    .join('\n');
  return `<tools>\n${declarations}\n</tools>`;
}
