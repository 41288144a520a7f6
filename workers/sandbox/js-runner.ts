/**
 * Runs JavaScript in QuickJS compiled to WebAssembly (quickjs-emscripten): the code gets its own
 * interpreter with no DOM, no network, no storage and no host object at all, only `console`
 * (captured, capped) and what the caller passes in `globals`. An endless loop is stopped from
 * inside by QuickJS's interrupt handler at the deadline, so the worker survives it; a memory
 * limit and a stack limit stop the other runaways.
 */
import {
  newQuickJSWASMModuleFromVariant,
  shouldInterruptAfterDeadline,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core';
import variant from '@jitl/quickjs-wasmfile-release-sync';
import type { SandboxRunResult } from '../../src/lib/sandbox/types';
import { OutputCollector } from './output-collector';

/** Memory a script may allocate in its interpreter. */
const MEMORY_LIMIT = 64 * 1024 * 1024;
const STACK_LIMIT = 1024 * 1024;

let module: Promise<QuickJSWASMModule> | null = null;

/** Loads QuickJS once per worker. */
export function loadQuickJS(): Promise<QuickJSWASMModule> {
  module ??= newQuickJSWASMModuleFromVariant(variant).catch((error: unknown) => {
    module = null;
    throw error;
  });
  return module;
}

export interface JsRunOptions {
  outputCap: number;
  timeoutMs: number;
  /** Plain JSON values set as globals before the code runs (a tool's arguments). */
  globals?: Record<string, unknown>;
  now?: () => number;
}

/** Text of a console.log argument: strings as they are, anything else as JSON. */
function logText(vm: QuickJSContext, handle: QuickJSHandle): string {
  const value: unknown = vm.dump(handle);
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function valueText(value: unknown): string | null {
  if (value === undefined) return null;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** What QuickJS threw, as one line ("ReferenceError: fetch is not defined"). */
function errorText(error: unknown): string {
  if (error && typeof error === 'object') {
    const { name, message } = error as { name?: unknown; message?: unknown };
    if (typeof message === 'string')
      return typeof name === 'string' && name ? `${name}: ${message}` : message;
  }
  return String(error);
}

export async function runJavaScript(
  code: string,
  options: JsRunOptions,
): Promise<SandboxRunResult> {
  const now = options.now ?? (() => performance.now());
  const QuickJS = await loadQuickJS();
  const output = new OutputCollector(options.outputCap);
  const runtime = QuickJS.newRuntime();
  runtime.setMemoryLimit(MEMORY_LIMIT);
  runtime.setMaxStackSize(STACK_LIMIT);
  const vm = runtime.newContext();
  const started = now();
  let timedOut = false;
  const deadline = Date.now() + options.timeoutMs;
  const interrupt = shouldInterruptAfterDeadline(deadline);
  runtime.setInterruptHandler((rt) => {
    if (!interrupt(rt)) return false;
    timedOut = true;
    return true;
  });
  try {
    const consoleObject = vm.newObject();
    for (const [name, stream] of [
      ['log', 'stdout'],
      ['info', 'stdout'],
      ['warn', 'stderr'],
      ['error', 'stderr'],
    ] as const) {
      const fn = vm.newFunction(name, (...args) => {
        output.write(stream, `${args.map((a) => logText(vm, a)).join(' ')}\n`);
      });
      vm.setProp(consoleObject, name, fn);
      fn.dispose();
    }
    vm.setProp(vm.global, 'console', consoleObject);
    consoleObject.dispose();
    for (const [name, value] of Object.entries(options.globals ?? {})) {
      const parsed = vm.evalCode(`(${JSON.stringify(JSON.stringify(value))})`);
      const json = vm.unwrapResult(parsed);
      const jsonObject = vm.getProp(vm.global, 'JSON');
      const parse = vm.getProp(jsonObject, 'parse');
      const handle = vm.unwrapResult(vm.callFunction(parse, jsonObject, json));
      vm.setProp(vm.global, name, handle);
      for (const h of [handle, parse, jsonObject, json]) h.dispose();
    }

    let result = vm.evalCode(code, 'main.js');
    // A script whose value is a promise (async code): run its jobs until it settles.
    if (!result.error && vm.typeof(result.value) === 'object') {
      const state = vm.getPromiseState(result.value);
      if (state.type !== 'fulfilled' || state.notAPromise !== true) {
        const settled = vm.resolvePromise(result.value);
        result.value.dispose();
        runtime.executePendingJobs();
        result = await settled;
      }
    }
    const ms = now() - started;
    if (result.error) {
      const thrown: unknown = vm.dump(result.error);
      result.error.dispose();
      const error = timedOut
        ? {
            name: 'TimeoutError' as const,
            message: `Stopped after ${options.timeoutMs} ms (time limit).`,
          }
        : { name: 'CodeError' as const, message: errorText(thrown) };
      return {
        ok: false,
        value: null,
        stdout: output.stdout,
        stderr: output.stderr,
        truncated: output.truncated,
        error,
        ms,
      };
    }
    const value = valueText(vm.dump(result.value));
    result.value.dispose();
    return {
      ok: true,
      value,
      stdout: output.stdout,
      stderr: output.stderr,
      truncated: output.truncated,
      ms,
    };
  } finally {
    vm.dispose();
    runtime.dispose();
  }
}
