/**
 * The built-in tools' declarations: what each does and the arguments it takes. Each runs in a
 * sandbox worker of its own (src/lib/sandbox).
 */
import type { BuiltInToolName, ToolSpec } from './types';

export const BUILT_IN_TOOLS: Record<BuiltInToolName, ToolSpec> = {
  calculator: {
    name: 'calculator',
    description:
      'Evaluates one arithmetic expression exactly (e.g. "(48 / 2) + 48", "15% * 200", "sqrt(2)") and returns its value.',
    parameters: {
      type: 'object',
      properties: {
        expression: {
          type: 'string',
          description: 'The expression to compute.',
          maxLength: 2000,
        },
      },
      required: ['expression'],
      additionalProperties: false,
    },
  },
  lookup: {
    name: 'lookup',
    description:
      "Searches the question's context paragraphs and returns the best-matching sentences, each with its [Title, sentence N] reference.",
    parameters: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'Words to look for.', maxLength: 500 },
        limit: {
          type: 'integer',
          description: 'How many sentences to return (1 to 10, default 3).',
          minimum: 1,
          maximum: 10,
        },
      },
      required: ['query'],
      additionalProperties: false,
    },
  },
  run_python: {
    name: 'run_python',
    description:
      'Runs a Python program (no network, no files) and returns what it printed and the value of its last expression.',
    parameters: {
      type: 'object',
      properties: { code: { type: 'string', description: 'The program.', maxLength: 20000 } },
      required: ['code'],
      additionalProperties: false,
    },
  },
  run_javascript: {
    name: 'run_javascript',
    description:
      'Runs a JavaScript program (no network, no DOM) and returns what it logged and the value of its last expression.',
    parameters: {
      type: 'object',
      properties: { code: { type: 'string', description: 'The program.', maxLength: 20000 } },
      required: ['code'],
      additionalProperties: false,
    },
  },
};

export const BUILT_IN_TOOL_NAMES = Object.keys(BUILT_IN_TOOLS) as BuiltInToolName[];

/** The declarations of a role's tools: its built-ins, then its custom tools. */
export function roleToolSpecs(tools: {
  builtIn: readonly BuiltInToolName[];
  custom: readonly ToolSpec[];
}): ToolSpec[] {
  return [
    ...tools.builtIn.map((name) => BUILT_IN_TOOLS[name]),
    ...tools.custom.map(({ name, description, parameters }) => ({ name, description, parameters })),
  ];
}
