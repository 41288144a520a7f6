/**
 * Tools an agent may call: their declarations (OpenAI's function-tool shape, which remote
 * servers take as `tools` and in-tab models read in their prompt), the calls a model makes, and
 * what a call gives back (the observation the model reads next).
 */

/** The JSON-schema subset tool parameters use (what the grammar and the validator both read). */
export type ParameterSchema =
  | { type: 'string'; description?: string; enum?: string[]; maxLength?: number }
  | { type: 'number' | 'integer'; description?: string; minimum?: number; maximum?: number }
  | { type: 'boolean'; description?: string }
  | { type: 'array'; description?: string; items: ParameterSchema; maxItems?: number }
  | ObjectSchema;

export interface ObjectSchema {
  type: 'object';
  description?: string;
  properties: Record<string, ParameterSchema>;
  required?: string[];
  additionalProperties?: false;
}

/** A tool as the model is told of it. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: ObjectSchema;
}

/** The built-in tools, by name. */
export type BuiltInToolName = 'calculator' | 'lookup' | 'run_python' | 'run_javascript';

/** A tool the user declares: a fixed reply, or a small JavaScript body run in the JS sandbox. */
export interface CustomTool extends ToolSpec {
  reply: { kind: 'fixed'; text: string } | { kind: 'javascript'; body: string };
}

/** One call as the model wrote it (arguments not yet checked against the schema). */
export interface ToolCall {
  /** The call's id: the server's for OpenAI `tool_calls`, `call_<n>` for a parsed `<tool_call>`. */
  id: string;
  name: string;
  arguments: unknown;
}

/** Why a call gave no result. */
export type ToolErrorKind =
  'unknown-tool' | 'bad-arguments' | 'unparsable' | 'tool-error' | 'timeout' | 'stopped';

/** What a call gave back: the text the model reads next, and figures for the transcript. */
export interface ToolObservation {
  callId: string;
  name: string;
  ok: boolean;
  /** What the model reads (the result, or the error in words); capped, plain text. */
  content: string;
  error?: { kind: ToolErrorKind; message: string };
  /** Milliseconds the tool ran (sandbox load excluded), and its runtime's load if it loaded. */
  ms: number;
  loadMs: number;
  truncated: boolean;
}

/** The tools a role may call, and how many of its model calls may call them. */
export interface RoleTools {
  builtIn: BuiltInToolName[];
  custom: CustomTool[];
  /** Most model calls that may call tools before the role must answer (1..10). */
  maxSteps: number;
}

export const TOOL_STEP_LIMITS = { min: 1, max: 10, default: 4 } as const;

/** One tool call of a turn and what it gave back (kept on the Turn that made it). */
export interface TurnToolCall {
  call: ToolCall;
  observation: ToolObservation;
}
