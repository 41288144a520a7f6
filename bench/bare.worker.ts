/// <reference lib="webworker" />
/**
 * The baseline: an engine consumed inside a worker alone. No comlink, no page work per token:
 * each token's text is appended to a string and its time noted, which is all a consumer must
 * do. One message in and one out per call, never per token.
 */
import type { Engine } from '../workers/engines/engine';
import { ScriptedEngine } from '../workers/engines/scripted-engine';
import type { ChatRequest, ModelSpec } from '../src/lib/engine/types';
import { sharedNow, type BareCall, type BareRequest, type BareResponse } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

let engine: Engine | null = null;

async function load(spec: ModelSpec): Promise<number> {
  await engine?.unload();
  engine = null;
  const started = sharedNow();
  let next: Engine;
  if (spec.engine === 'scripted') {
    next = new ScriptedEngine();
  } else if (spec.engine === 'wllama') {
    // The same engine class the agent worker uses, imported the same way (on demand).
    const { WllamaEngine } = await import('../workers/engines/wllama-engine');
    next = new WllamaEngine();
  } else {
    throw new Error(`The bare worker has no ${spec.engine} engine.`);
  }
  await next.load(spec, () => {});
  engine = next;
  return sharedNow() - started;
}

async function chat(request: ChatRequest): Promise<BareCall> {
  if (!engine) throw new Error('No model is loaded in the bare worker.');
  let text = '';
  let tokens = 0;
  let firstAbs = Number.NaN;
  let lastAbs = Number.NaN;
  const startAbs = sharedNow();
  await engine.chat(
    request,
    (delta) => {
      const at = sharedNow();
      if (tokens === 0) firstAbs = at;
      lastAbs = at;
      tokens++;
      text += delta;
    },
    new AbortController().signal,
  );
  return { tokens, text, startAbs, firstAbs, lastAbs, endAbs: sharedNow() };
}

self.onmessage = async (event: MessageEvent<BareRequest>) => {
  const message = event.data;
  let response: BareResponse;
  try {
    switch (message.kind) {
      case 'load':
        response = { id: message.id, ok: true, call: null, loadMs: await load(message.spec) };
        break;
      case 'chat':
        response = { id: message.id, ok: true, call: await chat(message.request), loadMs: 0 };
        break;
      case 'unload':
        await engine?.unload();
        engine = null;
        response = { id: message.id, ok: true, call: null, loadMs: 0 };
        break;
    }
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    response = { id: message.id, ok: false, error: text };
  }
  self.postMessage(response);
};
