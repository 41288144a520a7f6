/**
 * Runs the calls a model makes against the tools its role was given. Every call ends in an
 * observation the model can read, never in a thrown error: an unknown tool, arguments that do
 * not fit the tool's schema, a tool that fails or overstays its limit each come back in words.
 * Tools run in the page's sandboxes (SandboxHost), never in the page.
 */
import type { ContextParagraph } from '../eval/types';
import type { SandboxRun, SandboxRunOptions } from '../sandbox/sandbox-host';
import type { SandboxRunRequest, SandboxRuntime } from '../sandbox/types';
import { BUILT_IN_TOOLS } from './built-in-tools';
import type {
  BuiltInToolName,
  CustomTool,
  ToolCall,
  ToolErrorKind,
  ToolObservation,
  ToolSpec,
} from './types';
import { argumentProblems } from './validate-arguments';

/** What the runner needs of the sandboxes. */
export interface ToolSandbox {
  run(request: SandboxRunRequest, options?: SandboxRunOptions): Promise<SandboxRun>;
}

export interface ToolLimits {
  /** Wall-clock limit of a program (run_python, run_javascript, a custom tool's body). */
  codeMs: number;
  /** Wall-clock limit of the calculator and the look-up. */
  builtInMs: number;
  /** Characters of output the sandbox keeps. */
  outputCap: number;
  /** Characters of an observation the model reads. */
  observationChars: number;
}

export const DEFAULT_TOOL_LIMITS: ToolLimits = {
  codeMs: 10_000,
  builtInMs: 3_000,
  outputCap: 64 * 1024,
  observationChars: 4_000,
};

export interface ToolCallContext {
  /** The question's context paragraphs (what `lookup` searches). */
  paragraphs?: readonly ContextParagraph[];
  signal?: AbortSignal;
  onLoading?: (runtime: SandboxRuntime) => void;
}

type Enabled = { kind: 'built-in'; name: BuiltInToolName } | { kind: 'custom'; tool: CustomTool };

const RUNTIME_OF: Record<BuiltInToolName, SandboxRuntime> = {
  calculator: 'math',
  lookup: 'lookup',
  run_python: 'python',
  run_javascript: 'javascript',
};

/** Cuts text for the model, saying so. */
function cap(text: string, chars: number): { text: string; cut: boolean } {
  if (text.length <= chars) return { text, cut: false };
  return {
    text: `${text.slice(0, chars)}\n… (${text.length - chars} more characters cut)`,
    cut: true,
  };
}

/** A program's result as the model reads it: its value, then what it printed. */
function programContent(run: SandboxRun): string {
  const parts: string[] = [];
  if (run.stdout) parts.push(`Printed:\n${run.stdout.trimEnd()}`);
  if (run.stderr) parts.push(`Errors printed:\n${run.stderr.trimEnd()}`);
  if (run.value !== null) parts.push(`Value: ${run.value}`);
  if (run.truncated) parts.push('(Output went past its limit; the rest was dropped.)');
  return parts.join('\n\n') || '(No output and no value.)';
}

const ERROR_KIND: Partial<Record<NonNullable<SandboxRun['error']>['name'], ToolErrorKind>> = {
  TimeoutError: 'timeout',
  AbortError: 'stopped',
};

export class ToolRunner {
  readonly #sandbox: ToolSandbox;
  readonly #tools = new Map<string, Enabled>();
  readonly #limits: ToolLimits;

  constructor(
    sandbox: ToolSandbox,
    tools: readonly (BuiltInToolName | CustomTool)[],
    limits: Partial<ToolLimits> = {},
  ) {
    this.#sandbox = sandbox;
    this.#limits = { ...DEFAULT_TOOL_LIMITS, ...limits };
    for (const tool of tools) {
      if (typeof tool === 'string') this.#tools.set(tool, { kind: 'built-in', name: tool });
      else this.#tools.set(tool.name, { kind: 'custom', tool });
    }
  }

  /** The declarations the model is given. */
  get specs(): ToolSpec[] {
    return [...this.#tools.values()].map((t) =>
      t.kind === 'built-in' ? BUILT_IN_TOOLS[t.name] : t.tool,
    );
  }

  /** Runs one call; always resolves with an observation. */
  async run(call: ToolCall, context: ToolCallContext = {}): Promise<ToolObservation> {
    const failed = (kind: ToolErrorKind, message: string, ms = 0, loadMs = 0): ToolObservation => ({
      callId: call.id,
      name: call.name,
      ok: false,
      content: `Error: ${message}`,
      error: { kind, message },
      ms,
      loadMs,
      truncated: false,
    });
    const enabled = this.#tools.get(call.name);
    if (!enabled) {
      const names = [...this.#tools.keys()];
      return failed(
        'unknown-tool',
        `There is no tool named "${call.name}". ${names.length ? `Tools: ${names.join(', ')}.` : 'No tools are available.'}`,
      );
    }
    const spec = enabled.kind === 'built-in' ? BUILT_IN_TOOLS[enabled.name] : enabled.tool;
    const problems = argumentProblems(spec, call.arguments);
    if (problems)
      return failed('bad-arguments', `The arguments do not fit ${spec.name}: ${problems}.`);
    const args = call.arguments as Record<string, unknown>;

    if (enabled.kind === 'custom' && enabled.tool.reply.kind === 'fixed')
      return this.#observation(call, { ok: true, text: enabled.tool.reply.text, ms: 0, loadMs: 0 });

    const { request, globals, program } = this.#request(enabled, args, context);
    const run = await this.#sandbox.run(request, {
      ...(context.signal ? { signal: context.signal } : {}),
      ...(context.onLoading ? { onLoading: () => context.onLoading?.(request.language) } : {}),
      ...(globals ? { globals } : {}),
    });
    if (!run.ok) {
      const error = run.error ?? { name: 'CodeError' as const, message: 'The tool failed.' };
      const kind = ERROR_KIND[error.name] ?? 'tool-error';
      // A program's output before its error helps the model fix it.
      const printed =
        program && (run.stdout || run.stderr)
          ? `\n\n${programContent({ ...run, value: null })}`
          : '';
      const observation = failed(kind, error.message, run.ms, run.loadMs);
      const content = cap(`${observation.content}${printed}`, this.#limits.observationChars);
      return { ...observation, content: content.text, truncated: run.truncated || content.cut };
    }
    return this.#observation(call, {
      ok: true,
      text: program ? programContent(run) : (run.value ?? ''),
      ms: run.ms,
      loadMs: run.loadMs,
      truncated: run.truncated,
    });
  }

  #request(
    enabled: Enabled,
    args: Record<string, unknown>,
    context: ToolCallContext,
  ): { request: SandboxRunRequest; globals?: Record<string, unknown>; program: boolean } {
    const { codeMs, builtInMs, outputCap } = this.#limits;
    if (enabled.kind === 'custom') {
      const body = enabled.tool.reply.kind === 'javascript' ? enabled.tool.reply.body : '';
      return {
        request: {
          language: 'javascript',
          code: `(function (args) {\n${body}\n})(args)`,
          outputCap,
          timeoutMs: codeMs,
        },
        globals: { args },
        program: true,
      };
    }
    const runtime = RUNTIME_OF[enabled.name];
    switch (enabled.name) {
      case 'calculator':
        return {
          request: {
            language: runtime,
            code: String(args['expression']),
            outputCap,
            timeoutMs: builtInMs,
          },
          program: false,
        };
      case 'lookup':
        return {
          request: {
            language: runtime,
            code: String(args['query']),
            outputCap,
            timeoutMs: builtInMs,
          },
          globals: { paragraphs: context.paragraphs ?? [], limit: args['limit'] ?? 3 },
          program: false,
        };
      case 'run_python':
      case 'run_javascript':
        return {
          request: { language: runtime, code: String(args['code']), outputCap, timeoutMs: codeMs },
          program: true,
        };
    }
  }

  #observation(
    call: ToolCall,
    result: { ok: true; text: string; ms: number; loadMs: number; truncated?: boolean },
  ): ToolObservation {
    const content = cap(result.text, this.#limits.observationChars);
    return {
      callId: call.id,
      name: call.name,
      ok: true,
      content: content.text,
      ms: result.ms,
      loadMs: result.loadMs,
      truncated: Boolean(result.truncated) || content.cut,
    };
  }
}
