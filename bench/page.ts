/**
 * The benchmark page (bench.html, test build only). It runs the app's own streaming path and
 * exposes `window.bench` for scripts/bench.mjs:
 *
 *   engine (scripted or wllama) in an agent worker → token batches over comlink →
 *   AgentWorkerBridge → AgentHost (lease.chatWith) → onToken → TokenSink (one flush per
 *   animation frame) → SideState.appendText → SidePanel/TurnCard
 *   (markdown rendered and sanitised on every update) → DOM
 *
 * which is what ExperimentRun does for a Solo vs Team run, and the same engine inside a worker
 * alone (bench/bare.worker.ts) as the baseline.
 */
import { flushSync, mount, unmount } from 'svelte';
import SidePanel from '../src/components/experiment/SidePanel.svelte';
import { AgentHost } from '../src/lib/agents/agent-host.svelte';
import { AgentWorkerBridge } from '../src/lib/agents/agent-worker-bridge';
import { testGgufCatalog } from '../src/lib/catalog/test-gguf-models';
import type { ChatRequest, ModelSpec, TokenEvent } from '../src/lib/engine/types';
import { renderMarkdown } from '../src/lib/render/markdown';
import { TokenSink } from '../src/lib/render/token-sink';
import { specFor } from '../src/lib/agents/model-spec';
import { SideState } from '../src/lib/state/side-state.svelte';
import { scriptedTokens } from '../workers/engines/scripted-engine';
import { StreamingMarkdown } from '../src/lib/render/streaming-markdown';
import './sandbox';
import './web-app';
import {
  sharedNow,
  type BareCall,
  type BareMessage,
  type BareRequest,
  type BareResponse,
  type BenchApi,
  type ClockedChatResult,
  type Spread,
  type StreamRun,
  type WllamaRun,
} from './protocol';
import '../src/app.css';
import { EmbedBridge } from '../src/lib/tasks/task-workers';
import { TINY_EMBED } from '../src/lib/tasks/embed-models';

declare global {
  interface Window {
    bench?: BenchApi;
  }
}

/* ------------------------------------------------------------------ scripted replies */

/**
 * A reply of exactly `count` scripted tokens that reads like a model's markdown answer:
 * paragraphs, bold words, list items, inline code.
 */
export function replyOf(count: number): string {
  const tokens: string[] = [];
  for (let i = 0; tokens.length < count; i++) {
    if (i === 0) tokens.push('Answer:');
    else if (i % 48 === 0) tokens.push('\n\nNext');
    else if (i % 48 === 30) tokens.push('\n-');
    else if (i % 48 === 36) tokens.push('\n-');
    else if (i % 11 === 5) tokens.push(` **bold${i}**`);
    else if (i % 17 === 9) tokens.push(` \`code${i}\``);
    else tokens.push(` word${i}`);
  }
  const text = tokens.join('');
  if (scriptedTokens(text).length !== count) throw new Error('replyOf miscounted its tokens');
  return text;
}

const scriptedSpec = (rate: number, reply: string, agent = 0): ModelSpec => ({
  engine: 'scripted',
  // One model per agent: the host gives each its own worker, as for distinct models in a team.
  modelId: `scripted-bench-${agent}`,
  contextWindow: 1 << 20,
  script: { rules: [{ reply }], tokensPerSecond: rate, loadMs: 0 },
});

const QUESTION: ChatRequest = {
  messages: [{ role: 'user', content: 'Benchmark question' }],
  sampling: {},
};

/* ------------------------------------------------------------------ workers */

/** The product's agent worker with the shared clock (see clock.worker.ts). */
const clockWorker = () =>
  new Worker(new URL('./clock.worker.ts', import.meta.url), { type: 'module', name: 'agent' });

/** The page's agent host, with the clock worker in place of the product's agent worker. */
let benchHost = new AgentHost({ makeBackend: () => new AgentWorkerBridge(clockWorker) });
const benchLease = () => benchHost.lease('Bench');
let lease = benchLease();
let loadedKey = '';

/** `count` agents, each on its own scripted model (its own worker), loaded through the host. */
async function agentsFor(count: number, rate: number, reply: string): Promise<ModelSpec[]> {
  const specs = Array.from({ length: count }, (_, i) => scriptedSpec(rate, reply, i));
  const key = JSON.stringify(specs);
  if (key !== loadedKey) {
    await benchHost.unloadAll('Bench');
    await lease.load(specs, () => {}, new AbortController().signal);
    loadedKey = key;
  }
  return specs;
}

let bareWorker: Worker | null = null;
let bareId = 0;
const barePending = new Map<number, (response: BareResponse) => void>();

function bare(message: BareMessage): Promise<BareResponse & { ok: true }> {
  if (!bareWorker) {
    bareWorker = new Worker(new URL('./bare.worker.ts', import.meta.url), {
      type: 'module',
      name: 'bare',
    });
    bareWorker.onmessage = (event: MessageEvent<BareResponse>) => {
      barePending.get(event.data.id)?.(event.data);
      barePending.delete(event.data.id);
    };
  }
  const id = ++bareId;
  const worker = bareWorker;
  return new Promise((resolve, reject) => {
    barePending.set(id, (response) =>
      response.ok ? resolve(response) : reject(new Error(response.error)),
    );
    const request: BareRequest = { ...message, id };
    worker.postMessage(request);
  });
}

/* ------------------------------------------------------------------ page measurements */

const longTasks: PerformanceEntry[] = [];
try {
  new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({
    type: 'longtask',
    buffered: true,
  });
} catch {
  // No long task timing in this browser: the figure stays empty.
}

function spread(values: Float64Array | number[]): Spread {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { n: sorted.length, median: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? NaN };
}

/** Counts animation frames until stopped, and the longest gap between two. */
function watchFrames(): () => { frames: number; maxGapMs: number } {
  let frames = 0;
  let maxGapMs = 0;
  let last = performance.now();
  let running = true;
  const tick = (t: number) => {
    if (!running) return;
    frames++;
    maxGapMs = Math.max(maxGapMs, t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return () => {
    running = false;
    return { frames, maxGapMs };
  };
}

const host = document.getElementById('bench') ?? document.body;

/** Text a browser shows for `markdown` as the app renders it. */
function shownText(markdown: string): string {
  const scratch = document.createElement('div');
  scratch.innerHTML = renderMarkdown(markdown);
  return scratch.textContent ?? '';
}

/* ------------------------------------------------------------------ streaming */

/** How long the page waits for tokens that have not arrived when their call's result has. */
const LATE_MS = 3000;

interface TokenLog {
  /** Whether the call's result has reached the page, and tokens that arrived after it. */
  resolved: boolean;
  late: number;
  /** 1 for each index seen. */
  seen: Uint8Array;
  next: number;
  received: number;
  outOfOrder: number;
  rendered: number;
  streamed: string;
  atMs: Float64Array;
  arrivalAbs: Float64Array;
  renderAbs: Float64Array;
}

async function stream(options: {
  agents: number;
  rate: number;
  tokens: number;
  render?: boolean;
}): Promise<StreamRun> {
  const render = options.render ?? true;
  const reply = replyOf(options.tokens);
  const team = await agentsFor(options.agents, options.rate, reply);

  // The page as the Solo vs Team view has it: one side, one streaming turn per agent.
  const side = new SideState();
  side.reset(performance.now());
  team.forEach((_, i) =>
    side.apply({
      type: 'turn-start',
      turnIndex: i,
      roleId: `agent-${i}`,
      roleName: `Agent ${i + 1}`,
      kind: 'generator',
      step: 'generate',
    }),
  );
  host.replaceChildren();
  const panel = render
    ? mount(SidePanel, {
        target: host,
        props: {
          title: 'Bench',
          protocolName: `${options.agents} agents`,
          side,
          contextWindowOf: () => 4096,
        },
      })
    : null;
  flushSync();

  const logs: TokenLog[] = team.map(() => ({
    resolved: false,
    late: 0,
    seen: new Uint8Array(options.tokens),
    next: 0,
    received: 0,
    outOfOrder: 0,
    rendered: 0,
    streamed: '',
    atMs: new Float64Array(options.tokens),
    arrivalAbs: new Float64Array(options.tokens),
    renderAbs: new Float64Array(options.tokens),
  }));
  let lastRenderAbs = 0;
  const flushMs: number[] = [];
  /** The tokens handed to the DOM are in it once Svelte has flushed: stamp them then. */
  const stampRendered = (flushStarted: number) => {
    flushSync();
    const at = sharedNow();
    flushMs.push(at - flushStarted);
    for (const log of logs) {
      for (; log.rendered < log.received; log.rendered++) {
        if (log.rendered < options.tokens) log.renderAbs[log.rendered] = at;
      }
    }
    lastRenderAbs = at;
  };
  // ExperimentRun's wiring: each token pushed to the app's TokenSink, whose flush appends text
  // and count to the side's turn. The scheduler is the default (one animation frame), followed
  // by the Svelte flush the app gets from the microtask after it.
  const sink = new TokenSink<number>(
    (index, text, count) => side.appendText(index, text, count),
    (fn) =>
      requestAnimationFrame(() => {
        const flushStarted = sharedNow();
        fn();
        stampRendered(flushStarted);
      }),
  );

  const startMark = performance.mark('bench-stream-start').startTime;
  const stopFrames = watchFrames();
  const startAbs = sharedNow();
  const results = await Promise.all(
    team.map((agent, i) => {
      const log = logs[i]!;
      const onToken = (event: TokenEvent) => {
        const at = sharedNow();
        // A token whose index is not the next one, or was seen before, is out of order.
        if (event.index !== log.next || log.seen[event.index] === 1) log.outOfOrder++;
        log.next = event.index + 1;
        if (event.index < options.tokens) log.seen[event.index] = 1;
        if (log.received < options.tokens) {
          log.atMs[log.received] = event.atMs;
          log.arrivalAbs[log.received] = at;
        }
        log.received++;
        if (log.resolved) log.late++;
        log.streamed += event.delta;
        sink.push(i, event.delta);
      };
      const call = lease.chatWith(agent, QUESTION, { onToken }) as Promise<ClockedChatResult>;
      return call.finally(() => (log.resolved = true));
    }),
  );
  // Tokens still on their way when the result came (the result travels on another channel
  // than the tokens, and may overtake them) get up to LATE_MS to arrive; then they count as
  // lost. The app flushes at a turn's end; here the frame does, so the last tokens are timed
  // as the user sees them (the app's flush would only make them appear sooner).
  const waitUntil = Date.now() + LATE_MS;
  await new Promise<void>((resolve) => {
    const check = () =>
      (logs.every((l) => l.received >= options.tokens) || Date.now() > waitUntil) &&
      logs.every((l) => l.rendered >= l.received)
        ? resolve()
        : setTimeout(check, 1);
    check();
  });
  const frames = stopFrames();
  const endMark = performance.mark('bench-stream-end').startTime;

  // Correctness: every index in order, the streamed text, the turn's text and the DOM.
  const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
  const expectedShown = shownText(reply);
  const cards = host.querySelectorAll('[data-testid="turn"] .turn-output');
  let lost = 0;
  let textMismatches = 0;
  let lastArrivalAbs = 0;
  let lastEmitAbs = 0;
  let workerStartAbs = 0;
  const latency: number[] = [];
  const renderLatency: number[] = [];
  logs.forEach((log, i) => {
    const result = results[i]!;
    lost += options.tokens - log.seen.reduce((n, v) => n + v, 0);
    const turnText = side.turns.find((t) => t.index === i)?.output ?? '';
    const domText = render ? (cards[i]?.textContent ?? '') : expectedShown;
    if (
      log.streamed !== reply ||
      turnText !== reply ||
      result.text !== reply ||
      // A turn still marked streaming shows its blocks rendered one by one: the same text, but
      // the white space between blocks can differ from a render of the whole.
      squash(domText) !== squash(expectedShown)
    )
      textMismatches++;
    const n = Math.min(log.received, options.tokens);
    for (let k = 0; k < n; k++) {
      const emitAbs = result.workerStartAbs + log.atMs[k]!;
      latency.push(log.arrivalAbs[k]! - emitAbs);
      renderLatency.push(log.renderAbs[k]! - emitAbs);
      lastArrivalAbs = Math.max(lastArrivalAbs, log.arrivalAbs[k]!);
      lastEmitAbs = Math.max(lastEmitAbs, emitAbs);
    }
    workerStartAbs = Math.max(workerStartAbs, result.workerStartAbs);
  });

  const tasks = longTasks.filter((t) => t.startTime >= startMark && t.startTime <= endMark);
  if (panel) unmount(panel);
  host.replaceChildren();

  return {
    agents: options.agents,
    tokensPerAgent: options.tokens,
    startAbs,
    workerStartAbs,
    lastEmitAbs,
    lastArrivalAbs,
    lastRenderAbs,
    received: logs.reduce((n, l) => n + l.received, 0),
    lost,
    outOfOrder: logs.reduce((n, l) => n + l.outOfOrder, 0),
    late: logs.reduce((n, l) => n + l.late, 0),
    textMismatches,
    latency: spread(latency),
    renderLatency: spread(renderLatency),
    longTasks: {
      count: tasks.length,
      maxMs: Math.max(0, ...tasks.map((t) => t.duration)),
      totalMs: tasks.reduce((n, t) => n + t.duration, 0),
    },
    frames: frames.frames,
    maxFrameGapMs: frames.maxGapMs,
    flush: spread(flushMs),
    flushTotalMs: flushMs.reduce((n, v) => n + v, 0),
  };
}

/**
 * Markdown work for one turn streaming `tokens` tokens, `perFrame` tokens per frame: the whole
 * text each frame (what the app did first) against the app's StreamingMarkdown (settled blocks
 * once, the open tail per frame).
 */
function markdownStream(options: { tokens: number; perFrame: number }) {
  const parts = scriptedTokens(replyOf(options.tokens));
  const live = new StreamingMarkdown();
  const full: number[] = [];
  const partial: number[] = [];
  let lastFull: string | undefined;
  let lastPartial: string | undefined;
  for (let n = options.perFrame; ; n += options.perFrame) {
    const text = parts.slice(0, n).join('');
    let started = performance.now();
    lastFull = renderMarkdown(text);
    full.push(performance.now() - started);
    started = performance.now();
    const view = live.update(text);
    lastPartial = view.blocks.join('') + view.tail;
    partial.push(performance.now() - started);
    if (n >= parts.length) break;
  }
  const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
  return {
    frames: full.length,
    fullMs: sum(full),
    incrementalMs: sum(partial),
    fullMaxFrameMs: Math.max(...full),
    incrementalMaxFrameMs: Math.max(...partial),
    sameHtml: lastFull === lastPartial,
  };
}

/** What the app pays per update of a streaming turn: markdown → sanitised HTML of its text. */
function markdownCost(options: { tokens: number[]; repeat: number }): number[] {
  return options.tokens.map((count) => {
    const text = replyOf(count);
    renderMarkdown(text);
    const started = performance.now();
    for (let i = 0; i < options.repeat; i++) renderMarkdown(text);
    return (performance.now() - started) / options.repeat;
  });
}

async function bareScripted(options: { rate: number; tokens: number }): Promise<BareCall> {
  const reply = replyOf(options.tokens);
  await bare({ kind: 'load', spec: scriptedSpec(options.rate, reply) });
  const { call } = await bare({ kind: 'chat', request: QUESTION });
  if (!call || call.text !== reply || call.tokens !== options.tokens)
    throw new Error('The bare scripted engine streamed something else than its script.');
  return { ...call, text: '' };
}

/* ------------------------------------------------------------------ wllama */

/** The product's own host, worker and factory for the wllama comparison, as the app has them. */
let wllamaHost: AgentHost | null = null;

function tinySpec(): ModelSpec {
  const tiny = testGgufCatalog().find((m) => m.id === 'tiny-random-GGUF');
  const variant = tiny?.variants[0];
  if (!tiny || !variant) throw new Error('The test build has no tiny-random-GGUF model.');
  return specFor(tiny, variant);
}

async function wllamaLoad(): Promise<{ appLoadMs: number; bareLoadMs: number }> {
  const spec = tinySpec();
  wllamaHost ??= new AgentHost();
  const [app] = await wllamaHost
    .lease('Bench')
    .load([spec], () => {}, new AbortController().signal);
  if (!app) throw new Error('The tiny model did not load.');
  const { loadMs } = await bare({ kind: 'load', spec });
  return { appLoadMs: app.loadMs, bareLoadMs: loadMs };
}

async function wllamaChat(
  request: ChatRequest,
): Promise<{ text: string; finishReason: string; completionTokens: number }> {
  const spec = tinySpec();
  wllamaHost ??= new AgentHost();
  const lease = wllamaHost.lease('Bench');
  await lease.load([spec], () => {}, new AbortController().signal);
  const result = await lease.chatWith(spec, request);
  return {
    text: result.text,
    finishReason: result.finishReason,
    completionTokens: result.usage.completionTokens,
  };
}

async function wllamaRun(options: {
  maxTokens: number;
  seed: number;
  bareFirst: boolean;
}): Promise<WllamaRun> {
  if (!wllamaHost) throw new Error('Call wllamaLoad first.');
  const wllama = wllamaHost.lease('Bench');
  const spec = tinySpec();
  const request: ChatRequest = {
    messages: [
      { role: 'system', content: 'You are a helpful assistant.' },
      { role: 'user', content: 'Tell me a long story about a lighthouse keeper.' },
    ],
    sampling: { temperature: 0.8, top_p: 0.95, seed: options.seed, max_tokens: options.maxTokens },
  };
  const viaApp = async (): Promise<WllamaRun['app']> => {
    let tokens = 0;
    let firstAbs = NaN;
    let lastAbs = NaN;
    let text = '';
    const result = await wllama.chatWith(spec, request, {
      onToken: (event) => {
        const at = sharedNow();
        if (tokens === 0) firstAbs = at;
        lastAbs = at;
        tokens++;
        text += event.delta;
      },
    });
    return {
      tokens,
      firstAbs,
      lastAbs,
      text,
      workerDecode: result.usage.decodeTokensPerSec ?? NaN,
    };
  };
  const viaBare = async (): Promise<BareCall> => {
    const { call } = await bare({ kind: 'chat', request });
    if (!call) throw new Error('The bare wllama call returned nothing.');
    return call;
  };
  // One after the other, never at once: the two must not share the CPU.
  if (options.bareFirst) {
    const bareCall = await viaBare();
    return { app: await viaApp(), bare: bareCall };
  }
  const app = await viaApp();
  return { app, bare: await viaBare() };
}

/* ------------------------------------------------------------------ embeddings */

let embedder: EmbedBridge | null = null;

async function embedLoad(options: {
  reload: boolean;
}): Promise<{ loadMs: number; dimensions: number }> {
  if (options.reload) {
    embedder?.terminate();
    embedder = null;
  }
  embedder ??= new EmbedBridge();
  const start = performance.now();
  const info = await embedder.load(TINY_EMBED.url, () => {});
  return { loadMs: performance.now() - start, dimensions: info.dimensions };
}

/** Prompts like the calls of a run: words and numbers, each text different. */
function prompts(calls: number, chars: number): string[] {
  const words = 'the agent plans a short answer to the question about numbers and cities'.split(
    ' ',
  );
  return Array.from({ length: calls }, (_v, i) => {
    let text = `Call ${i}:`;
    for (let w = i; text.length < chars; w += 7) text += ` ${words[w % words.length]} ${w % 97}`;
    return text.slice(0, chars);
  });
}

async function embedRun(options: {
  calls: number;
  chars: number;
  batch: number;
}): Promise<{ ms: number }> {
  if (!embedder) throw new Error('Call embedLoad first.');
  const texts = prompts(options.calls, options.chars);
  const start = performance.now();
  const vectors = await embedder.embed(texts, options.batch, () => {});
  const ms = performance.now() - start;
  if (vectors.length !== texts.length)
    throw new Error(`${vectors.length} vectors for ${texts.length} texts`);
  return { ms };
}

function dispose(): void {
  embedder?.terminate();
  embedder = null;
  benchHost.dispose();
  benchHost = new AgentHost({ makeBackend: () => new AgentWorkerBridge(clockWorker) });
  lease = benchLease();
  loadedKey = '';
  wllamaHost?.dispose();
  wllamaHost = null;
  bareWorker?.terminate();
  bareWorker = null;
}

window.bench = {
  stream,
  bareScripted,
  markdownCost,
  markdownStream,
  wllamaLoad,
  wllamaRun,
  wllamaChat,
  embedLoad,
  embedRun,
  dispose,
};
document.documentElement.dataset.benchReady = 'true';
