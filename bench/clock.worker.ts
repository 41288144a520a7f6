/// <reference lib="webworker" />
/**
 * The product's agent worker (workers/agent.worker.ts: createAgentWorkerApi over createEngine,
 * exposed with comlink) with one addition for the benchmark: its clock is the shared clock, and
 * each chat result also says when the call started on it (`workerStartAbs`). TokenEvent.atMs
 * counts from that start, so the page can put every token's emit time on its own clock and
 * measure what the worker → comlink → page hop adds. Per token it does exactly what the
 * product's worker does.
 */
import { expose } from 'comlink';
import { createAgentWorkerApi } from '../workers/agent-worker-api';
import { createEngine } from '../workers/engines/create-engine';
import type { ChatRequest, TokenEvent } from '../src/lib/engine/types';
import { sharedNow, type ClockedChatResult } from './protocol';

const crash = (message: string) => {
  setTimeout(() => {
    throw new Error(message);
  });
};

/** The last reading of the clock; `measureCall` reads it first thing, synchronously. */
let lastReading = 0;
const now = () => (lastReading = sharedNow());

const api = createAgentWorkerApi({ createEngine: (kind) => createEngine(kind, crash), now });

expose({
  ...api,
  async chat(request: ChatRequest, onTokens: (events: TokenEvent[]) => unknown) {
    lastReading = Number.NaN;
    const pending = api.chat(request, onTokens);
    // api.chat → measureCall ran `started = now()` before its first await.
    const workerStartAbs = lastReading;
    const result: ClockedChatResult = { ...(await pending), workerStartAbs };
    return result;
  },
});
