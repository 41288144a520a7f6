/**
 * Helpers for protocol tests: roles with tiny tagged prompts that scripts can match
 * ('ROLE:critic'), an event recorder, and a runner over scripted models.
 */
import type { ScriptedScript } from '../engine/types';
import type { ProtocolConfig, RoleConfig, RoleKind, SideConfig } from '../team/config';
import { DEFAULT_CONTEXT, DEFAULT_QUESTION } from '../team/presets';
import type { ProtocolInput } from '../team/prompts';
import { runSide } from '../team/protocols/run-side';
import type { ProtocolDeps, ProtocolEvent, SideResult, TeamChat } from '../team/protocols/types';
import { createScriptedTeamChat, scriptedModel, type RecordedCall } from './scripted-chat';
import type { ToolSandbox } from '../tools/tool-runner';

/** A role whose system prompt is `ROLE:<kind>` (or `ROLE:<id>` when the id differs). */
export function testRole(
  kind: RoleKind,
  modelId = 'scripted-main',
  overrides: Partial<RoleConfig> = {},
): RoleConfig {
  const id = overrides.id ?? kind;
  return {
    id,
    name: overrides.name ?? kind.charAt(0).toUpperCase() + kind.slice(1),
    kind,
    model: scriptedModel(modelId),
    systemPrompt: `ROLE:${id}`,
    temperature: 0.5,
    topP: 1,
    maxTokens: 200,
    seed: 10,
    ...overrides,
  };
}

export function testSide(protocol: ProtocolConfig, roles: RoleConfig[]): SideConfig {
  return { label: 'Test', protocol, roles };
}

export const TEST_INPUT: ProtocolInput = { question: DEFAULT_QUESTION, context: DEFAULT_CONTEXT };

export interface RunOptions {
  /** Called on each event (after it is recorded); may abort through `controller`. */
  onEvent?: (event: ProtocolEvent, controller: AbortController) => void;
  controller?: AbortController;
  input?: ProtocolInput;
  /** Replaces the scripted team chat (scripts are then ignored). */
  chat?: TeamChat;
  /** Context windows by model id (default 4096); calls are fitted into them. */
  contextWindows?: Record<string, number>;
  /** false: calls are sent whole, not fitted into the models' windows (default true). */
  budget?: boolean;
  /** Where tool-using roles' tools run (absent: roles get no tools). */
  toolSandbox?: ToolSandbox;
  /** Runs a software team's program on its task's checks. */
  runProgram?: ProtocolDeps['runProgram'];
  /** A fork: the parent's turns to reuse. */
  replay?: ProtocolDeps['replay'];
}

export interface TestRun {
  result: SideResult;
  events: ProtocolEvent[];
  calls: RecordedCall[];
}

/** Runs a side over scripted models (model id → script), recording events and calls. */
export async function runScripted(
  side: SideConfig,
  scripts: Record<string, ScriptedScript>,
  options: RunOptions = {},
): Promise<TestRun> {
  const team = await createScriptedTeamChat(scripts, options.contextWindows);
  const controller = options.controller ?? new AbortController();
  const events: ProtocolEvent[] = [];
  const result = await runSide(side, options.input ?? TEST_INPUT, {
    chat: options.chat ?? team.chat,
    signal: controller.signal,
    ...(options.budget === false ? {} : { contextWindowOf: team.contextWindowOf }),
    ...(options.toolSandbox ? { toolSandbox: options.toolSandbox } : {}),
    ...(options.runProgram ? { runProgram: options.runProgram } : {}),
    ...(options.replay ? { replay: options.replay } : {}),
    emit: (event) => {
      events.push(event);
      options.onEvent?.(event, controller);
    },
  });
  return { result, events, calls: team.calls };
}

/** The text streamed for a turn, from its token events. */
export function streamedText(events: readonly ProtocolEvent[], turnIndex: number): string {
  return events
    .map((e) => (e.type === 'token' && e.turnIndex === turnIndex ? e.delta : ''))
    .join('');
}
