#!/usr/bin/env node
/**
 * Benchmarks the playground's own cost (not the models'): streaming overhead, fan-out, the real
 * WebAssembly engine through the app vs alone, start-up and memory. See README, "Benchmarks".
 *
 * Usage: npm run bench [-- options]
 *   --check          exit 1 when a figure is over its budget (bench/budgets.json)
 *   --runs N         runs per figure (default 5); each figure is the median, with min and max
 *   --only a,b       sections to run: streaming, fanout, wllama, startup, memory, remote-batch,
 *                    runner, tools, specialist, embed, find-tasks (default all; runner and
 *                    specialist need
 *                    no site build and no browser)
 *   --no-build       reuse the builds in dist-bench/ from an earlier run
 *
 * It builds the test site (vite --mode test, which carries bench.html) and the production site
 * into dist-bench/ (git-ignored; not dist-test/, so a bench never swaps files under an e2e run),
 * serves each with `vite preview` on a free 127.0.0.1 port, and drives headless Chromium
 * (CHROMIUM_PATH, else /usr/bin/chromium, else Playwright's). Figures go to the console and to
 * bench-results/bench-<timestamp>.json and bench-results/latest.json.
 */
import { chromium } from '@playwright/test';
import { execFile, execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TEST_DIR = 'dist-bench/test';
const PROD_DIR = 'dist-bench/prod';
const RESULTS = join(ROOT, 'bench-results');

/* ------------------------------------------------------------------ options */

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  const header = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0];
  console.log(header.replace(/^#!.*\n\/\*\*\n/, '').replace(/^ \* ?/gm, ''));
  process.exit(0);
}
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const SECTIONS = [
  'streaming',
  'fanout',
  'wllama',
  'startup',
  'memory',
  'remote-batch',
  'runner',
  'tools',
  'specialist',
  'embed',
  'find-tasks',
];
const opts = {
  check: argv.includes('--check'),
  build: !argv.includes('--no-build'),
  runs: Math.max(1, Number(option('--runs') ?? 5)),
  only: (option('--only') ?? SECTIONS.join(',')).split(',').filter(Boolean),
};
for (const s of opts.only) if (!SECTIONS.includes(s)) fail(`Unknown section "${s}".`);
const wants = (section) => opts.only.includes(section);

/** Streaming: tokens per call at each rate (about 2 s at 200 tokens/s). */
const STREAM_TOKENS = { 200: 400, 0: 4000 };
const FANOUT = { agents: 5, tokens: 300, rates: [200, 100] };
const WLLAMA = { maxTokens: 400, seed: 42 };
const MEMORY_RUNS = 20;
/** Task discovery's embeddings: the tiny embedding model, prompts of about 200 characters. */
const EMBED = { calls: 64, chars: 200, batch: 8 };
/** Find tasks in the app: logged calls seeded, embedded by the tiny model, clustered, drawn. */
const FIND_TASKS = { calls: 3_000, runs: 2 };
/** Task discovery and the trace explorer, in Node: vectors of an embedding model's size. */
const SPECIALIST = { dims: 384, clusters: 6, sizes: [1_000, 10_000], calls: 20_000 };
/** The headless runner against the local test server (tests/openai-server). */
const RUNNER = { items: 50, slots: 16, nPredict: 8, concurrency: 16 };

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

const log = (message) => console.log(`· ${message}`);

/* ------------------------------------------------------------------ statistics */

const figures = {};

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Records a figure from its per-run values. */
function record(id, values, unit, label) {
  const list = (Array.isArray(values) ? values : [values]).map(Number);
  if (list.some((v) => !Number.isFinite(v))) {
    figures[id] = { label, unit, median: null, min: null, max: null, runs: list };
    return;
  }
  figures[id] = {
    label,
    unit,
    median: median(list),
    min: Math.min(...list),
    max: Math.max(...list),
    runs: list,
  };
}

/* ------------------------------------------------------------------ build and serve */

function run(command, args) {
  execFileSync(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Production build, noting which modules went into which chunk (page side and workers). */
async function buildProduction() {
  const { build } = await import('vite');
  const page = [];
  const workers = [];
  const observe = (into) => ({
    name: 'bench-chunk-modules',
    generateBundle(_, bundle) {
      for (const item of Object.values(bundle)) {
        if (item.type !== 'chunk') continue;
        into.push({
          fileName: item.fileName,
          isEntry: item.isEntry,
          imports: item.imports,
          dynamicImports: item.dynamicImports,
          moduleIds: item.moduleIds,
        });
      }
    },
  });
  await build({
    root: ROOT,
    mode: 'production',
    logLevel: 'warn',
    build: { outDir: PROD_DIR, emptyOutDir: true },
    plugins: [observe(page)],
    worker: { plugins: () => [observe(workers)] },
  });
  return { page, workers };
}

async function buildAll() {
  log('building the test site (with bench.html) and the production site into dist-bench/');
  // The tiny GGUF model the test build serves (as `npm run build:test` writes it).
  run('node', ['scripts/make-tiny-gguf.mjs']);
  run('npx', [
    'vite',
    'build',
    '--mode',
    'test',
    '--outDir',
    TEST_DIR,
    '--emptyOutDir',
    '--logLevel',
    'warn',
  ]);
  const chunks = await buildProduction();
  writeFileSync(join(ROOT, PROD_DIR, 'bench-chunks.json'), JSON.stringify(chunks));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** `vite preview` of `outDir`; GGUF files uncompressed, as scripts/serve-test-build.mjs does. */
async function serve(outDir) {
  const { preview } = await import('vite');
  const port = await freePort();
  const server = await preview({
    root: ROOT,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port, strictPort: true },
    plugins: [
      {
        name: 'gguf-uncompressed',
        configurePreviewServer(previewServer) {
          previewServer.middlewares.use((req, _res, next) => {
            if (/\.gguf(\?|$)/i.test(req.url ?? '')) delete req.headers['accept-encoding'];
            next();
          });
        },
      },
    ],
  });
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

/* ------------------------------------------------------------------ browser */

const CHROMIUM =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-unsafe-webgpu',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

async function newPage(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  if (url) await page.goto(url);
  return { context, page, errors };
}

/**
 * Runs `work` under a Chrome trace of top-level tasks and returns, for the page's main thread
 * between the bench page's marks `bench-stream-start` and `bench-stream-end`: its CPU time (the
 * trace's thread time, which a busy machine does not inflate), and the tasks over 50 ms by CPU
 * time and by wall time. A task long by wall time but short by CPU time waited for a core.
 */
async function traced(page, work) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['toplevel', 'blink.user_timing'] },
    transferMode: 'ReportEvents',
  });
  let result;
  try {
    result = await work();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
  }
  const start = events.find((e) => e.name === 'bench-stream-start');
  const end = events.find((e) => e.name === 'bench-stream-end');
  const main = events.find(
    (e) => e.name === 'thread_name' && e.pid === start?.pid && e.args?.name === 'CrRendererMain',
  );
  if (!start || !end || !main) return { result, main: null };
  const tasks = events.filter(
    (e) =>
      e.pid === main.pid &&
      e.tid === main.tid &&
      e.ph === 'X' &&
      e.name === 'ThreadControllerImpl::RunTask' &&
      e.ts >= start.ts &&
      e.ts <= end.ts,
  );
  const cpuMs = tasks.reduce((n, t) => n + (t.tdur ?? 0), 0) / 1000;
  return {
    result,
    main: {
      cpuPct: (100 * cpuMs) / ((end.ts - start.ts) / 1000),
      longTasksCpu: tasks.filter((t) => (t.tdur ?? 0) > 50_000).length,
      longTasksWall: tasks.filter((t) => t.dur > 50_000).length,
      maxTaskCpuMs: Math.max(0, ...tasks.map((t) => (t.tdur ?? 0) / 1000)),
    },
  };
}

const load = () => +os.loadavg()[0].toFixed(2);
const loads = {};

/* ------------------------------------------------------------------ 1. streaming */

async function benchStreaming(page) {
  await page.waitForFunction(() => window.bench !== undefined);
  const bench = (name, arg) => page.evaluate(([n, a]) => window.bench[n](a), [name, arg]);
  // Warm-up (JIT, worker start, first load), not counted.
  await bench('stream', { agents: 1, rate: 0, tokens: 500 });
  await bench('bareScripted', { rate: 0, tokens: 500 });

  const accounting = { lost: [], outOfOrder: [], mismatches: [], late: [] };
  const account = (r) => {
    accounting.lost.push(r.lost);
    accounting.late.push(r.late);
    accounting.outOfOrder.push(r.outOfOrder);
    accounting.mismatches.push(r.textMismatches);
  };

  if (wants('streaming')) {
    for (const rate of [200, 0]) {
      const tokens = STREAM_TOKENS[rate];
      const name = rate ? `${rate}` : 'flat';
      log(
        `streaming: 1 agent, ${rate ? `${rate} tokens/s` : 'flat out'}, ${tokens} tokens × ${opts.runs}`,
      );
      const rows = [];
      for (let i = 0; i < opts.runs; i++) {
        const app = await bench('stream', { agents: 1, rate, tokens });
        const bare = await bench('bareScripted', { rate, tokens });
        account(app);
        const appMs = app.lastRenderAbs - app.startAbs;
        const bareMs = bare.lastAbs - bare.startAbs;
        rows.push({
          appTps: (1000 * tokens) / (app.lastArrivalAbs - app.startAbs),
          renderedTps: (1000 * tokens) / appMs,
          bareTps: (1000 * tokens) / bareMs,
          ratio: bareMs / appMs,
          overheadPct: 100 * (appMs / bareMs - 1),
          latMedian: app.latency.median,
          latP95: app.latency.p95,
          renderMedian: app.renderLatency.median,
          renderP95: app.renderLatency.p95,
          longTasks: app.longTasks.count,
          flushP95: app.flush.p95,
          noDomTps: NaN,
        });
        if (rate === 0) {
          // The same stream with no panel mounted: transport alone (worker → comlink → page).
          const plain = await bench('stream', { agents: 1, rate, tokens, render: false });
          account(plain);
          rows.at(-1).noDomTps = (1000 * tokens) / (plain.lastArrivalAbs - plain.startAbs);
        }
      }
      const col = (k) => rows.map((r) => r[k]);
      const what = rate ? `${rate} tokens/s` : 'flat out';
      record(
        `streaming.${name}.appTokensPerSec`,
        col('appTps'),
        'tok/s',
        `1 agent ${what}: tokens/s reaching the page`,
      );
      record(
        `streaming.${name}.renderedTokensPerSec`,
        col('renderedTps'),
        'tok/s',
        `1 agent ${what}: tokens/s in the DOM`,
      );
      record(
        `streaming.${name}.bareTokensPerSec`,
        col('bareTps'),
        'tok/s',
        `1 agent ${what}: tokens/s, engine alone in a worker`,
      );
      record(
        `streaming.${name}.ratio`,
        col('ratio'),
        '×',
        `1 agent ${what}: app (DOM) / engine alone`,
      );
      record(
        `streaming.${name}.overheadPct`,
        col('overheadPct'),
        '%',
        `1 agent ${what}: added time, app vs engine alone`,
      );
      record(
        `streaming.${name}.latencyMedianMs`,
        col('latMedian'),
        'ms',
        `1 agent ${what}: worker emit → page, median`,
      );
      record(
        `streaming.${name}.latencyP95Ms`,
        col('latP95'),
        'ms',
        `1 agent ${what}: worker emit → page, p95`,
      );
      record(
        `streaming.${name}.renderLatencyMedianMs`,
        col('renderMedian'),
        'ms',
        `1 agent ${what}: worker emit → DOM, median`,
      );
      record(
        `streaming.${name}.renderLatencyP95Ms`,
        col('renderP95'),
        'ms',
        `1 agent ${what}: worker emit → DOM, p95`,
      );
      record(
        `streaming.${name}.longTasks`,
        col('longTasks'),
        'count',
        `1 agent ${what}: main-thread tasks > 50 ms`,
      );
      record(
        `streaming.${name}.flushP95Ms`,
        col('flushP95'),
        'ms',
        `1 agent ${what}: one frame's flush (state → markdown → DOM), p95`,
      );
      if (rate === 0)
        record(
          `streaming.${name}.noDomTokensPerSec`,
          col('noDomTps'),
          'tok/s',
          `1 agent ${what}: tokens/s reaching the page, no panel mounted`,
        );
    }
    const what = [];
    for (let i = 0; i < opts.runs; i++) {
      what.push(await bench('markdownStream', { tokens: 1000, perFrame: 4 }));
    }
    record(
      'render.wholeTextMarkdownMs',
      what.map((w) => w.fullMs),
      'ms',
      'what-if, 1000-token turn at 4 tokens/frame: markdown CPU, whole text per frame (the app today)',
    );
    record(
      'render.incrementalMarkdownMs',
      what.map((w) => w.incrementalMs),
      'ms',
      'what-if, same turn: markdown CPU, settled blocks once + tail per frame (src/lib/render/streaming-markdown.ts, as the app renders)',
    );
    record(
      'render.wholeTextMaxFrameMs',
      what.map((w) => w.fullMaxFrameMs),
      'ms',
      'what-if: slowest frame, whole text',
    );
    record(
      'render.incrementalMaxFrameMs',
      what.map((w) => w.incrementalMaxFrameMs),
      'ms',
      'what-if: slowest frame, incremental',
    );
    record(
      'render.sameHtml',
      what.map((w) => (w.sameHtml ? 1 : 0)),
      'bool',
      'what-if: both give the same final HTML',
    );
    const sizes = [500, 2000, 8000];
    const costs = [];
    for (let i = 0; i < opts.runs; i++)
      costs.push(await bench('markdownCost', { tokens: sizes, repeat: 10 }));
    sizes.forEach((size, k) =>
      record(
        `render.markdown${size}Ms`,
        costs.map((c) => c[k]),
        'ms',
        `renderMarkdown of a ${size}-token reply (once per frame per streaming turn)`,
      ),
    );
  }

  if (wants('fanout')) {
    for (const rate of FANOUT.rates) {
      log(
        `fan-out: ${FANOUT.agents} agents in ${FANOUT.agents} workers at ${rate} tokens/s each × ${opts.runs}`,
      );
      const rows = [];
      await bench('stream', { agents: FANOUT.agents, rate, tokens: 50 }); // warm-up
      for (let i = 0; i < opts.runs; i++) {
        const { result: r, main } = await traced(page, () =>
          bench('stream', { agents: FANOUT.agents, rate, tokens: FANOUT.tokens }),
        );
        account(r);
        rows.push({
          tps: (1000 * r.received) / (r.lastArrivalAbs - r.startAbs),
          renderedTps: (1000 * r.received) / (r.lastRenderAbs - r.startAbs),
          lost: r.lost,
          outOfOrder: r.outOfOrder,
          longTasks: r.longTasks.count,
          longTaskMax: r.longTasks.maxMs,
          latP95: r.latency.p95,
          renderP95: r.renderLatency.p95,
          frameGap: r.maxFrameGapMs,
          flushP95: r.flush.p95,
          cpuPct: main?.cpuPct ?? NaN,
          longTasksCpu: main?.longTasksCpu ?? NaN,
          maxTaskCpu: main?.maxTaskCpuMs ?? NaN,
        });
      }
      const col = (k) => rows.map((r) => r[k]);
      const what = `${FANOUT.agents}×${rate} tokens/s`;
      record(
        `fanout.${rate}.tokensPerSec`,
        col('tps'),
        'tok/s',
        `${what}: aggregate tokens/s reaching the page`,
      );
      record(
        `fanout.${rate}.renderedTokensPerSec`,
        col('renderedTps'),
        'tok/s',
        `${what}: aggregate tokens/s in the DOM`,
      );
      record(`fanout.${rate}.lost`, col('lost'), 'tokens', `${what}: tokens lost`);
      record(
        `fanout.${rate}.outOfOrder`,
        col('outOfOrder'),
        'tokens',
        `${what}: tokens out of order`,
      );
      record(
        `fanout.${rate}.longTasks`,
        col('longTasks'),
        'count',
        `${what}: main-thread tasks > 50 ms`,
      );
      record(
        `fanout.${rate}.longTaskMaxMs`,
        col('longTaskMax'),
        'ms',
        `${what}: longest main-thread task (0: none > 50 ms)`,
      );
      record(
        `fanout.${rate}.latencyP95Ms`,
        col('latP95'),
        'ms',
        `${what}: worker emit → page, p95`,
      );
      record(
        `fanout.${rate}.renderLatencyP95Ms`,
        col('renderP95'),
        'ms',
        `${what}: worker emit → DOM, p95`,
      );
      record(
        `fanout.${rate}.maxFrameGapMs`,
        col('frameGap'),
        'ms',
        `${what}: longest gap between two frames`,
      );
      record(
        `fanout.${rate}.flushP95Ms`,
        col('flushP95'),
        'ms',
        `${what}: one frame's flush (5 turns), p95`,
      );
      record(
        `fanout.${rate}.mainThreadCpuPct`,
        col('cpuPct'),
        '%',
        `${what}: main-thread CPU time while streaming (trace)`,
      );
      record(
        `fanout.${rate}.longTasksCpu`,
        col('longTasksCpu'),
        'count',
        `${what}: main-thread tasks using > 50 ms of CPU (trace)`,
      );
      record(
        `fanout.${rate}.maxTaskCpuMs`,
        col('maxTaskCpu'),
        'ms',
        `${what}: most CPU one main-thread task used (trace)`,
      );
      if (rate === 100) {
        // The same streams with no panel mounted: what transport and state cost without the DOM.
        const cpu = [];
        for (let i = 0; i < opts.runs; i++) {
          const { result: r, main } = await traced(page, () =>
            bench('stream', { agents: FANOUT.agents, rate, tokens: FANOUT.tokens, render: false }),
          );
          account(r);
          cpu.push(main?.cpuPct ?? NaN);
        }
        record(
          `fanout.${rate}.noDomMainThreadCpuPct`,
          cpu,
          '%',
          `${what}: main-thread CPU with no panel mounted (transport + state only)`,
        );
      }
    }
  }
  record('delivery.tokensLost', accounting.lost, 'tokens', 'every streaming run: tokens lost');
  record(
    'delivery.tokensOutOfOrder',
    accounting.outOfOrder,
    'tokens',
    'every streaming run: tokens out of order or twice',
  );
  record(
    'delivery.tokensAfterResult',
    accounting.late,
    'tokens',
    "every streaming run: tokens that reached the page after their call's result",
  );
  record(
    'delivery.textMismatches',
    accounting.mismatches,
    'agents',
    'every streaming run: text ≠ script (stream, state or DOM)',
  );
}

/* ------------------------------------------------------------------ find tasks */

/**
 * Find tasks in the app (test build), as a user does it: FIND_TASKS.calls logged calls of three
 * kinds seeded into IndexedDB, the Traces tab, the tiny embedding model, then embedding,
 * clustering (k by silhouette) and the map with one dot per call, under a Chrome trace of the
 * page's main thread from the click to the tasks listed: the work is in workers, so no task of
 * the page may use over 50 ms of CPU.
 */
async function benchFindTasks(browser, url) {
  const runs = Math.min(FIND_TASKS.runs, opts.runs);
  log(`find tasks: ${FIND_TASKS.calls} seeded calls, the tiny embedding model × ${runs}`);
  const rows = [];
  for (let r = 0; r < runs; r++) {
    const { context, page, errors } = await newPage(browser, url);
    await page.getByRole('button', { name: 'Run', exact: true }).waitFor();
    await page.evaluate(async (count) => {
      const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open('slm-playground');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const kinds = [
        (i) => `${i} + ${i * 7} + 12 + 30 + 99 + ${i * 3} = ? 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8`,
        (i) => `traduisez en français : le chat dort sur le tapis numéro ${i}, et la souris mange`,
        (i) => `DEF F_${i}(XS): RETURN [X*X FOR X IN XS IF X%2==0]; PRINT(F_${i}([1,2,3]))`,
      ];
      const tx = db.transaction(['runs', 'traces'], 'readwrite');
      const question = 'Seeded question';
      const side = (label, type) => ({
        config: { label, protocol: { type }, roles: [] },
        record: { status: 'done', finalAnswer: 'x', turns: [], warnings: [] },
      });
      const [solo, team] = [side('Solo', 'solo'), side('Team', 'critic-loop')];
      tx.objectStore('runs').put({
        id: 'bench-run',
        createdAt: 1,
        updatedAt: 1,
        config: { version: 1, question, solo: solo.config, team: team.config },
        question,
        questionLower: question.toLowerCase(),
        status: 'done',
        sides: { solo: solo.record, team: team.record },
      });
      for (let i = 0; i < count; i++)
        tx.objectStore('traces').put({
          id: `bench-${i}`,
          runId: 'bench-run',
          side: 'team',
          turnIndex: i,
          role: 'critic',
          roleName: 'Critic',
          kind: 'critic',
          step: 'answer',
          modelId: 'model-small',
          messages: [{ role: 'user', content: kinds[i % 3](i) }],
          output: `Reply ${i}`,
          usage: {
            promptTokens: 20,
            completionTokens: 5,
            ttftMs: 5,
            decodeTokensPerSec: 20,
            wallMs: 9,
          },
          startedAt: 10_000 + i,
          endedAt: 10_010 + i,
          status: 'done',
        });
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    }, FIND_TASKS.calls);
    await page.reload();
    await page.getByRole('button', { name: 'Traces', exact: true }).click();
    const panel = page.getByTestId('task-discovery');
    await panel.getByLabel('Embedding model').selectOption('tiny-embed-GGUF');
    await panel.getByRole('button', { name: /^Find tasks in the/ }).click({ timeout: 60_000 });
    const go = panel.getByRole('button', { name: /find tasks$/i }).last();
    await go.waitFor();
    const { result: ms, main } = await traced(page, async () => {
      await page.evaluate(() => performance.mark('bench-stream-start'));
      const started = Date.now();
      await go.click();
      await page.getByTestId('task-summary').waitFor({ timeout: 600_000 });
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done())));
      await page.evaluate(() => performance.mark('bench-stream-end'));
      return Date.now() - started;
    });
    const dots = await page
      .getByTestId('task-map')
      .locator('path')
      .evaluateAll((paths) =>
        paths.reduce((n, p) => n + (p.getAttribute('d')?.match(/M/g) ?? []).length, 0),
      );
    if (dots !== FIND_TASKS.calls)
      fail(`find tasks: ${dots} dots on the map, not ${FIND_TASKS.calls}`);
    if (errors.length) fail(`the app threw: ${errors.join('; ')}`);
    rows.push({ ms, ...main });
    await context.close();
  }
  const col = (k) => rows.map((row) => row[k] ?? NaN);
  const what = `find tasks, ${FIND_TASKS.calls} calls`;
  record(
    'findTasks.totalMs',
    col('ms'),
    'ms',
    `${what}: click to tasks listed (download, embed, cluster, map)`,
  );
  record(
    'findTasks.longTasksCpu',
    col('longTasksCpu'),
    'count',
    `${what}: main-thread tasks using > 50 ms of CPU (trace)`,
  );
  record(
    'findTasks.maxTaskCpuMs',
    col('maxTaskCpuMs'),
    'ms',
    `${what}: most CPU one main-thread task used (trace)`,
  );
  record(
    'findTasks.mainThreadCpuPct',
    col('cpuPct'),
    '%',
    `${what}: main-thread CPU while it worked (trace)`,
  );
  log(
    `find tasks: ${Math.round(median(col('ms')))} ms for ${FIND_TASKS.calls} calls; longest main-thread task ${median(col('maxTaskCpuMs')).toFixed(1)} ms CPU`,
  );
}

/* ------------------------------------------------------------------ embeddings */

/**
 * Task discovery's embedding throughput: EMBED.calls prompts through the page's EmbedBridge →
 * embedding worker → wllama (embeddings mode) on the tiny random-weights embedding model, after
 * one warm-up; and its load time, first (download) and again in a fresh worker (cache).
 */
async function benchEmbed(page) {
  await page.waitForFunction(() => window.bench !== undefined);
  log(
    `embed: tiny embedding model, ${EMBED.calls} prompts of ${EMBED.chars} characters, ${EMBED.batch} per batch × ${opts.runs}`,
  );
  const first = await page.evaluate(() => window.bench.embedLoad({ reload: false }));
  const reloads = [];
  for (let i = 0; i < Math.min(3, opts.runs); i++)
    reloads.push((await page.evaluate(() => window.bench.embedLoad({ reload: true }))).loadMs);
  await page.evaluate((o) => window.bench.embedRun(o), EMBED); // warm-up
  const rates = [];
  for (let i = 0; i < opts.runs; i++) {
    const { ms } = await page.evaluate((o) => window.bench.embedRun(o), EMBED);
    rates.push((1000 * EMBED.calls) / ms);
  }
  record('embed.callsPerSec', rates, 'calls/s', 'embed: calls embedded per second (tiny model)');
  record('embed.firstLoadMs', first.loadMs, 'ms', 'embed: first load (download + init)');
  record('embed.loadMs', reloads, 'ms', 'embed: load in a fresh worker (from cache)');
  log(
    `embed: ${first.dimensions}-dim vectors, ${median(rates).toFixed(0)} calls/s (min ${Math.min(...rates).toFixed(0)}, max ${Math.max(...rates).toFixed(0)}); load ${Math.round(first.loadMs)} ms first, ${Math.round(median(reloads))} ms from cache`,
  );
}

/* ------------------------------------------------------------------ 3. wllama */

async function benchWllama(page) {
  await page.waitForFunction(() => window.bench !== undefined);
  log(
    `wllama: tiny GGUF model, app path vs bare engine, ${WLLAMA.maxTokens} tokens × ${opts.runs}`,
  );
  const loads = await page.evaluate(() => window.bench.wllamaLoad());
  const once = (bareFirst) =>
    page.evaluate((o) => window.bench.wllamaRun(o), { ...WLLAMA, bareFirst });
  await once(false); // warm-up
  const rows = [];
  for (let i = 0; i < opts.runs; i++) {
    const { app, bare } = await once(i % 2 === 1);
    const appTps = (1000 * (app.tokens - 1)) / (app.lastAbs - app.firstAbs);
    const bareTps = (1000 * (bare.tokens - 1)) / (bare.lastAbs - bare.firstAbs);
    rows.push({
      appTps,
      bareTps,
      ratio: appTps / bareTps,
      addedMs: 1000 / appTps - 1000 / bareTps,
      workerTps: app.workerDecode,
      tokens: app.tokens,
      same: app.text === bare.text ? 1 : 0,
    });
  }
  const col = (k) => rows.map((r) => r[k]);
  record(
    'wllama.appDecodeTokensPerSec',
    col('appTps'),
    'tok/s',
    'wllama: decode tokens/s at the page (bridge → worker → engine)',
  );
  record(
    'wllama.workerDecodeTokensPerSec',
    col('workerTps'),
    'tok/s',
    'wllama: decode tokens/s as the worker reports it',
  );
  record(
    'wllama.bareDecodeTokensPerSec',
    col('bareTps'),
    'tok/s',
    'wllama: decode tokens/s, engine alone in a worker',
  );
  record('wllama.ratio', col('ratio'), '×', 'wllama: app / engine alone, decode tokens/s');
  record(
    'wllama.addedMsPerToken',
    col('addedMs'),
    'ms',
    'wllama: decode time the app path adds per token (1/app − 1/bare)',
  );
  record('wllama.tokens', col('tokens'), 'tokens', 'wllama: streamed pieces per call, app path');
  record(
    'wllama.sameText',
    col('same'),
    'bool',
    'wllama: app and bare streamed the same text (seeded)',
  );
  record(
    'wllama.appLoadMs',
    loads.appLoadMs,
    'ms',
    'wllama: first load via the app (download + init)',
  );
  record(
    'wllama.bareLoadMs',
    loads.bareLoadMs,
    'ms',
    'wllama: load in the bare worker (from cache)',
  );
}

/* ------------------------------------------------------------------ tools */

/** Calls per tool for the round-trip figures (after warm-up). */
const TOOL_CALLS = { math: 40, python: 20 };

/**
 * Tool round trips: page → SandboxHost → sandbox worker → page, for the calculator (mathjs) and
 * for Python (Pyodide), after warm-up; and Pyodide's first load in a fresh browser context (its
 * ~13 MB fetched from the local server and compiled). Each call's in-sandbox time is the
 * worker's own; the overhead is the round trip less that.
 */
async function benchTools(page) {
  await page.waitForFunction(() => window.sandbox !== undefined);
  log(
    `tools: Pyodide's first load, then ${TOOL_CALLS.math} calculator and ${TOOL_CALLS.python} Python calls`,
  );
  const first = await page.evaluate(async () => {
    const started = performance.now();
    const run = await window.sandbox.run({
      language: 'python',
      code: '1',
      timeoutMs: 10_000,
      outputCap: 1000,
    });
    if (!run.ok) throw new Error(`Pyodide did not run: ${run.error?.message}`);
    return { wallMs: performance.now() - started, loadMs: run.loadMs };
  });
  record(
    'tools.pyodideFirstLoadMs',
    first.loadMs,
    'ms',
    "tools: Pyodide's first load in its worker (fetch + compile + start)",
  );
  record(
    'tools.pyodideFirstRunMs',
    first.wallMs,
    'ms',
    'tools: first Python call from the page, load included',
  );
  for (const [language, code, calls] of [
    ['math', '(48 / 2) + 48 * 3.5', TOOL_CALLS.math],
    ['python', 'sum(i * i for i in range(100))', TOOL_CALLS.python],
  ]) {
    const rows = await page.evaluate(
      async ({ language, code, calls }) => {
        const once = async () => {
          const started = performance.now();
          const run = await window.sandbox.run({
            language,
            code,
            timeoutMs: 10_000,
            outputCap: 1000,
          });
          if (!run.ok) throw new Error(`${language} failed: ${run.error?.message}`);
          return { roundTripMs: performance.now() - started, insideMs: run.ms };
        };
        for (let i = 0; i < 5; i++) await once(); // warm-up
        const out = [];
        for (let i = 0; i < calls; i++) out.push(await once());
        return out;
      },
      { language, code, calls },
    );
    const name = language === 'math' ? 'calculator' : 'python';
    record(
      `tools.${name}.roundTripMs`,
      rows.map((r) => r.roundTripMs),
      'ms',
      `tools: ${name} call, page → sandbox → page`,
    );
    record(
      `tools.${name}.insideMs`,
      rows.map((r) => r.insideMs),
      'ms',
      `tools: ${name} call, time inside the sandbox`,
    );
    record(
      `tools.${name}.overheadMs`,
      rows.map((r) => r.roundTripMs - r.insideMs),
      'ms',
      `tools: ${name} call, round trip less the time inside`,
    );
  }
}

/* ------------------------------------------------------------------ 4. start-up */

const INFERENCE_MODULE = /node_modules\/(@mlc-ai\/web-llm|@wllama\/wllama)\//;

function bundleFigures(chunks) {
  const assets = join(ROOT, PROD_DIR);
  const html = readFileSync(join(assets, 'index.html'), 'utf8');
  const entry = /<script[^>]*type="module"[^>]*src="\/?([^"]+)"/.exec(html)?.[1];
  if (!entry) fail('dist-bench/prod/index.html names no module script.');
  const gz = (file) => gzipSync(readFileSync(join(assets, file))).length;
  const raw = (file) => statSync(join(assets, file)).size;

  // The entry chunk and everything it imports statically: what loads before the app runs.
  const byName = new Map(chunks.page.map((c) => [c.fileName, c]));
  const initial = new Set();
  const visit = (name) => {
    if (initial.has(name)) return;
    initial.add(name);
    for (const dep of byName.get(name)?.imports ?? []) visit(dep);
  };
  visit(entry);
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="\/?([^"]+)"/g)].map(
    (m) => m[1],
  );
  const initialJsGz = [...initial].reduce((n, f) => n + gz(f), 0);

  const pageWithInference = chunks.page
    .filter((c) => c.moduleIds.some((id) => INFERENCE_MODULE.test(id)))
    .map((c) => c.fileName);
  const workerChunks = chunks.workers.map((c) => ({
    file: c.fileName,
    rawKB: raw(c.fileName) / 1024,
    gzipKB: gz(c.fileName) / 1024,
    libraries: [
      ...new Set(
        c.moduleIds.map((id) => INFERENCE_MODULE.exec(id)?.[1]).filter((lib) => lib !== undefined),
      ),
    ],
  }));
  if (!workerChunks.some((c) => c.libraries.length)) {
    fail('no worker chunk holds an inference library: the chunk analysis is broken.');
  }
  const wasm = readdirSync(join(assets, 'assets'))
    .filter((f) => f.endsWith('.wasm'))
    .map((f) => ({
      file: `assets/${f}`,
      rawKB: raw(`assets/${f}`) / 1024,
      gzipKB: gz(`assets/${f}`) / 1024,
    }));

  record('startup.entryChunkGzipKB', gz(entry) / 1024, 'KB', `entry chunk ${entry}, gzip`);
  record(
    'startup.mainBundleGzipKB',
    initialJsGz / 1024,
    'KB',
    `entry + static imports (${initial.size} JS files), gzip`,
  );
  record(
    'startup.mainBundleRawKB',
    [...initial].reduce((n, f) => n + raw(f), 0) / 1024,
    'KB',
    'entry + static imports, raw',
  );
  record(
    'startup.cssGzipKB',
    css.reduce((n, f) => n + gz(f), 0) / 1024,
    'KB',
    'stylesheets in index.html, gzip',
  );
  record(
    'startup.inferenceChunksInPage',
    pageWithInference.length,
    'chunks',
    'page-side chunks holding WebLLM or wllama code',
  );
  for (const c of workerChunks) {
    const what = c.libraries.length ? ` (${c.libraries.join(', ')})` : '';
    record(
      `startup.worker.${c.file.replace(/^assets\//, '').replace(/-[\w-]{8}\.js$/, '')}GzipKB`,
      c.gzipKB,
      'KB',
      `worker chunk ${c.file}${what}, gzip`,
    );
  }
  for (const w of wasm) {
    record(
      `startup.wasm.${w.file.replace(/^assets\//, '').replace(/-[\w-]{8}\.wasm$/, '')}GzipKB`,
      w.gzipKB,
      'KB',
      `${w.file} (fetched by a worker), gzip`,
    );
  }
  return { entry, initial: [...initial], css, pageWithInference, workerChunks, wasm };
}

const startupFiles = [];
/** The agent worker's entry, an engine's chunk (webllm-engine, wllama-engine), or any wasm. */
const ENGINE_FILE = /\/(agent\.worker|[\w-]*engine)[-.][\w-]*\.js$|\.wasm$/;

async function benchStartup(browser, url) {
  log(`start-up: production build, fresh browser context × ${opts.runs}`);
  const rows = [];
  for (let i = 0; i < opts.runs; i++) {
    const { context, page, errors } = await newPage(browser);
    await page.addInitScript(() => {
      const marks = {};
      window.__benchMarks = marks;
      const check = () => {
        if (marks.catalogVisible === undefined) {
          const label = [...document.querySelectorAll('label')].find(
            (l) => l.textContent?.trim() === 'Solo model (all roles)',
          );
          // The model picker (a combobox) shows a model once the catalog is listed.
          const picker = label && document.getElementById(label.htmlFor);
          if (picker?.getAttribute('data-model-id')) marks.catalogVisible = performance.now();
        }
        if (marks.runEnabled === undefined) {
          const run = [...document.querySelectorAll('button')].find(
            (b) => b.textContent?.trim() === 'Run',
          );
          if (run && !run.disabled) marks.runEnabled = performance.now();
        }
      };
      new MutationObserver(check).observe(document, {
        subtree: true,
        childList: true,
        attributes: true,
      });
    });
    const fetched = [];
    context.on('requestfinished', (request) => fetched.push(request));
    // Counted when requested: a 9 MB wasm may still be on its way at 5 s.
    const engineFiles = [];
    context.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (ENGINE_FILE.test(path)) engineFiles.push(path);
    });
    let workersStarted = 0;
    page.on('worker', () => workersStarted++);
    await page.goto(url);
    await page.waitForFunction(
      () =>
        window.__benchMarks?.runEnabled !== undefined &&
        window.__benchMarks?.catalogVisible !== undefined,
      null,
      { timeout: 30_000 },
    );
    if (i === 0) {
      // What the page fetches and starts on its own, with no one touching it, in its first 5 s.
      await page.waitForTimeout(Math.max(0, 5000 - (await page.evaluate(() => performance.now()))));
      const files = [];
      for (const request of fetched) {
        const sizes = await request.sizes().catch(() => null);
        files.push({ url: new URL(request.url()).pathname, bytes: sizes?.responseBodySize ?? 0 });
      }
      record(
        'startup.fetchedKB',
        files.reduce((n, f) => n + f.bytes, 0) / 1024,
        'KB',
        'bytes fetched in the first 5 s, untouched (page and workers, as sent)',
      );
      record(
        'startup.workersStarted',
        workersStarted,
        'workers',
        'workers the page starts in its first 5 s, untouched',
      );
      record(
        'startup.engineFilesFetched',
        engineFiles.length,
        'files',
        'engine files (worker, WebLLM or wllama chunk, wasm) requested in the first 5 s, untouched',
      );
      startupFiles.push(...files);
      if (engineFiles.length) log(`the untouched page requested ${engineFiles.join(', ')}`);
    }
    const marks = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return {
        ...window.__benchMarks,
        domContentLoaded: nav?.domContentLoadedEventEnd ?? NaN,
        fcp: fcp?.startTime ?? NaN,
      };
    });
    if (errors.length) fail(`the production page threw: ${errors.join('; ')}`);
    rows.push(marks);
    await context.close();
  }
  const col = (k) => rows.map((r) => r[k]);
  record(
    'startup.firstContentfulPaintMs',
    col('fcp'),
    'ms',
    'first contentful paint, from navigation start',
  );
  record(
    'startup.domContentLoadedMs',
    col('domContentLoaded'),
    'ms',
    'DOMContentLoaded end, from navigation start',
  );
  record(
    'startup.catalogVisibleMs',
    col('catalogVisible'),
    'ms',
    'model select listed, from navigation start',
  );
  record(
    'startup.interactiveMs',
    col('runEnabled'),
    'ms',
    'Run button enabled, from navigation start',
  );
}

/* ------------------------------------------------------------------ 5. memory */

async function benchMemory(browser, url) {
  const series = Math.min(3, opts.runs);
  log(`memory: ${MEMORY_RUNS} Solo vs Team runs (scripted-team on both sides) × ${series}`);
  const rows = [];
  for (let s = 0; s < series; s++) {
    const { context, page, errors } = await newPage(browser);
    await page.addInitScript(() => {
      localStorage.setItem(
        'playground:scripted-overrides',
        JSON.stringify({ 'scripted-team': { tokensPerSecond: 300, loadMs: 0 } }),
      );
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics: list } = await cdp.send('Performance.getMetrics');
      const get = (name) => list.find((m) => m.name === name)?.value ?? NaN;
      return {
        heap: get('JSHeapUsedSize'),
        nodes: get('Nodes'),
        listeners: get('JSEventListeners'),
      };
    };
    const workers = () => page.workers().length;

    await page.goto(url);
    await page.getByRole('button', { name: 'Solo vs Team' }).click();
    const runButton = page.getByRole('button', { name: 'Run', exact: true });
    await runButton.waitFor();
    await page.getByLabel('Solo model (all roles)').selectOption('scripted-team');
    await page.getByLabel('Team model (all roles)').selectOption('scripted-team');
    const finals = page.getByTestId('final-answer');
    const baseline = workers();
    let during = baseline;
    const heaps = [];
    let first = null;
    for (let r = 1; r <= MEMORY_RUNS; r++) {
      await runButton.click();
      await page.waitForFunction(() => {
        const run = [...document.querySelectorAll('button')].find(
          (b) => b.textContent?.trim() === 'Run',
        );
        return run?.disabled === true;
      });
      during = Math.max(during, workers());
      await runButton.waitFor({ state: 'visible' });
      await page.waitForFunction(
        () => {
          const run = [...document.querySelectorAll('button')].find(
            (b) => b.textContent?.trim() === 'Run',
          );
          return run?.disabled === false;
        },
        null,
        { timeout: 60_000 },
      );
      const texts = await finals.allTextContents();
      if (texts.length < 2 || !texts.every((t) => t.includes('Final answer'))) {
        fail(`memory run ${r} did not finish both sides: ${JSON.stringify(texts)}`);
      }
      const m = await metrics();
      heaps.push(m.heap);
      if (r === 1) first = { ...m, workers: workers() };
      if (r === MEMORY_RUNS) {
        rows.push({
          growthMB: (m.heap - first.heap) / 2 ** 20,
          firstMB: first.heap / 2 ** 20,
          lastMB: m.heap / 2 ** 20,
          nodes: m.nodes - first.nodes,
          listeners: m.listeners - first.listeners,
          baseline,
          during,
          afterFirst: first.workers,
          afterAll: workers(),
        });
      }
    }
    // Leave the view (the nearest thing to "unload" the Solo vs Team view offers), then reload.
    await page.getByRole('button', { name: 'Single agent' }).click();
    await page.waitForTimeout(200);
    rows.at(-1).afterLeaving = workers();
    await page.reload();
    await page.getByRole('button', { name: 'Solo vs Team' }).waitFor();
    await page.waitForTimeout(200);
    rows.at(-1).afterReload = workers();
    rows.at(-1).heapSeriesMB = heaps.map((h) => +(h / 2 ** 20).toFixed(2));
    if (errors.length) fail(`the test page threw: ${errors.join('; ')}`);
    await context.close();
  }
  const col = (k) => rows.map((r) => r[k]);
  record('memory.heapAfterFirstMB', col('firstMB'), 'MB', 'page JS heap after run 1 (after GC)');
  record(
    `memory.heapAfter${MEMORY_RUNS}MB`,
    col('lastMB'),
    'MB',
    `page JS heap after run ${MEMORY_RUNS} (after GC)`,
  );
  record('memory.heapGrowthMB', col('growthMB'), 'MB', `heap growth, run ${MEMORY_RUNS} − run 1`);
  record('memory.domNodesGrowth', col('nodes'), 'nodes', `DOM nodes, run ${MEMORY_RUNS} − run 1`);
  record(
    'memory.listenersGrowth',
    col('listeners'),
    'listeners',
    `JS event listeners, run ${MEMORY_RUNS} − run 1`,
  );
  record('memory.workersBaseline', col('baseline'), 'workers', 'workers before the first run');
  record('memory.workersDuring', col('during'), 'workers', 'workers while running');
  record(
    'memory.workersLeaked',
    rows.map((r) => r.afterAll - r.afterFirst),
    'workers',
    `workers after run ${MEMORY_RUNS} − after run 1`,
  );
  record(
    'memory.workersAfterLeavingView',
    col('afterLeaving'),
    'workers',
    'workers after switching to the Single agent view',
  );
  record(
    'memory.workersAfterReload',
    rows.map((r) => r.afterReload - r.baseline),
    'workers',
    'workers above the baseline after a reload',
  );
  return rows.map((r) => r.heapSeriesMB);
}

/* ------------------------------------------------------------------ runner */

/**
 * `npm run experiment` (the headless runner) as a user runs it: a child process, on a config
 * whose every role is the tiny GGUF model on the local OpenAI-compatible test server (llama.cpp
 * through node-llama-cpp, RUNNER.slots requests at once, replies cut at RUNNER.nPredict tokens),
 * RUNNER.items items RUNNER.concurrency at once. The figure is the runner's own items per minute
 * (first item's start to last item's end, as its results file says), so start-up is not in it.
 * The items are the playground's math set over and over, in GSM8K's format, so the section needs
 * neither the site build nor ../shared/.
 */
async function benchRunner() {
  run('node', ['scripts/ensure-openai-server.mjs']);
  run('node', ['scripts/make-tiny-gguf.mjs']);
  const { tsImport } = await import('tsx/esm/api');
  const { remoteEnvelope, configFileOf } = await tsImport(
    '../tests/unit/experiment-fixtures.ts',
    import.meta.url,
  );
  const { mathSet } = await tsImport('../src/lib/eval/sets/index.ts', import.meta.url);
  const { startOpenAIServer } = await import('../tests/openai-server/server.mjs');
  const dir = join(ROOT, 'bench-results', 'runner');
  mkdirSync(dir, { recursive: true });
  const setFile = join(dir, 'gsm8k-bench.jsonl');
  const lines = Array.from({ length: RUNNER.items }, (_, i) => {
    const item = mathSet.items[i % mathSet.items.length];
    return JSON.stringify({ question: item.question, answer: `#### ${item.answer}` });
  });
  writeFileSync(setFile, `${lines.join('\n')}\n`);
  const server = await startOpenAIServer({
    modelPath: join(ROOT, 'static/test-models/tiny-chat.gguf'),
    slots: RUNNER.slots,
    nPredict: RUNNER.nPredict,
  });
  try {
    const config = join(dir, 'experiment.json');
    writeFileSync(config, configFileOf(remoteEnvelope(`${server.url}/v1`)));
    log(
      `runner: ${RUNNER.items} items × Solo and Team, ${RUNNER.concurrency} at once, server slots ${RUNNER.slots}, nPredict ${RUNNER.nPredict} × ${opts.runs}`,
    );
    const perMinute = [];
    for (let i = 0; i < opts.runs; i++) {
      const out = join(dir, `results-${i + 1}.json`);
      // Not execFileSync: the server runs in this process and must answer meanwhile.
      await new Promise((resolve, reject) =>
        execFile(
          join(ROOT, 'node_modules/.bin/tsx'),
          [
            'scripts/experiment.ts',
            config,
            '--set',
            setFile,
            '--concurrency',
            String(RUNNER.concurrency),
            '--out',
            out,
          ],
          { cwd: ROOT, timeout: 600_000 },
          (error, _stdout, stderr) =>
            error ? reject(new Error(`the runner failed: ${stderr}`)) : resolve(undefined),
        ),
      );
      const { runner, results } = JSON.parse(readFileSync(out, 'utf8'));
      if (results.length !== RUNNER.items)
        fail(`the runner finished ${results.length} of ${RUNNER.items} items`);
      perMinute.push(runner.itemsPerMinute);
    }
    record(
      'runner.itemsPerMin',
      perMinute,
      'items/min',
      `headless runner: ${RUNNER.items} items, concurrency ${RUNNER.concurrency}, local test server (slots ${RUNNER.slots}, nPredict ${RUNNER.nPredict})`,
    );
  } finally {
    await server.close();
  }
}

/* ------------------------------------------------------------------ 6. remote batch */

/**
 * Benchmarks at server scale: a 50-item batch in the Benchmark tab of the test site, Solo and
 * the default team (Reasoner → Critic → Answerer) both on a model served by the local
 * OpenAI-compatible test server (tests/openai-server: llama.cpp on the tiny GGUF, 16 slots,
 * replies cut at 8 tokens), run 1, 4 and 16 items at once. One batch per level (a batch is
 * itself 50 items), each against a fresh server, so its most-in-flight figure is its own.
 */
const REMOTE_BATCH = { items: 50, slots: 16, nPredict: 8, levels: [1, 4, 16] };

/** A GSM8K-format file of `count` small word problems (the shipped sets have 20 items). */
function remoteBatchSet(count) {
  const lines = [];
  for (let i = 1; i <= count; i++) {
    const [a, b] = [3 + (i % 17), 2 + ((i * 7) % 13)];
    const question = `Item ${i}: a shop has ${a} boxes with ${b} pens in each. How many pens are there?`;
    lines.push(JSON.stringify({ question, answer: `${a} × ${b} = ${a * b}\n#### ${a * b}` }));
  }
  return `${lines.join('\n')}\n`;
}

async function benchRemoteBatch(browser, url) {
  const { items, slots, nPredict, levels } = REMOTE_BATCH;
  log(
    `remote-batch: ${items} items × 2 configs on a ${slots}-slot local server (replies ≤ ${nPredict} tokens), ${levels.join(', ')} at once`,
  );
  run('node', ['scripts/ensure-openai-server.mjs']);
  const { startOpenAIServer } = await import('../tests/openai-server/server.mjs');
  const modelPath = join(ROOT, 'static/test-models/tiny-chat.gguf');
  const file = { name: 'remote-batch.jsonl', mimeType: 'application/json' };
  const perMinute = {};
  for (const level of levels) {
    const server = await startOpenAIServer({ modelPath, slots, nPredict });
    const { context, page, errors } = await newPage(browser);
    try {
      await page.goto(url);
      await page.getByRole('button', { name: 'Solo vs Team' }).click();
      await page.getByText('Add a custom model').click();
      await page.getByLabel(/A model on an OpenAI-compatible server/).check();
      await page.getByTestId('remote-url').fill(server.url);
      await page.getByRole('button', { name: 'List its models' }).click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="remote-model"]')?.value === 'tiny-chat',
      );
      await page.getByRole('button', { name: 'Add model' }).click();
      await page.getByText(/Added "tiny-chat · /).waitFor();
      const id = `custom:tiny-chat-127.0.0.1-${new URL(server.url).port}`;
      for (const label of ['Solo model (all roles)', 'Team model (all roles)']) {
        const input = page.getByRole('combobox', { name: label });
        await input.click();
        await input.fill(id);
        const list = page.locator(`[id="${await input.getAttribute('aria-controls')}"]`);
        await list.locator(`[role="option"][data-model-id="${id}"]`).first().click();
      }
      await page.getByRole('button', { name: 'Benchmark', exact: true }).click();
      await page
        .locator('.drop-zone input[type="file"]')
        .setInputFiles({ ...file, buffer: Buffer.from(remoteBatchSet(items)) });
      await page
        .getByTestId('set-size')
        .filter({ hasText: String(items) })
        .waitFor();
      await page.getByLabel('Items to run').fill(String(items));
      await page.getByLabel('Items at once').fill(String(level));
      const before = server.stats.completions;
      const cpu = process.cpuUsage();
      const started = performance.now();
      await page.getByRole('button', { name: /^Run batch \(/ }).click();
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid="batch-progress"]')?.dataset.done === String(n),
        items,
        { timeout: 600_000, polling: 50 },
      );
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      // This process: the test server's llama.cpp and HTTP layer (and the bench's driver, little).
      const serverCpuPct = (100 * (used.user + used.system)) / 1e6 / seconds;
      const status = await page.getByTestId('batch-status').textContent();
      if (status?.trim() !== 'done') fail(`remote-batch at ${level}: the batch ended "${status}"`);
      if (errors.length) fail(`the app threw: ${errors.join('; ')}`);
      perMinute[level] = (60 * items) / seconds;
      const calls = (server.stats.completions - before) / items;
      log(
        `  ${level} at once: ${items} items in ${seconds.toFixed(1)} s, ${perMinute[level].toFixed(1)} items/min, ${calls.toFixed(1)} calls per item, at most ${server.stats.maxInFlight} calls in flight, server process ${serverCpuPct.toFixed(0)}% of a core`,
      );
      record(
        `remote-batch.itemsPerMin${level}`,
        perMinute[level],
        'items/min',
        `remote batch: items per minute, ${level} at once`,
      );
      record(
        `remote-batch.maxInFlight${level}`,
        server.stats.maxInFlight,
        'calls',
        `remote batch: most calls in flight at the server, ${level} at once`,
      );
      record(
        `remote-batch.serverCpuPct${level}`,
        serverCpuPct,
        '%',
        `remote batch: CPU of the bench process (the test server, mostly), ${level} at once`,
      );
      record(
        `remote-batch.callsPerItem${level}`,
        calls,
        'calls',
        `remote batch: calls per item (Solo + team), ${level} at once`,
      );
    } finally {
      await context.close();
      await server.close();
    }
  }
  const [first, last] = [levels[0], levels.at(-1)];
  record(
    'remote-batch.ratio',
    perMinute[last] / perMinute[first],
    '×',
    `remote batch: items per minute, ${last} at once / ${first} at once`,
  );
}

/* ------------------------------------------------------------------ report */

function formatValue(v, unit) {
  if (v === null || v === undefined) return 'n/a';
  if (unit === 'bool') return v ? 'yes' : 'no';
  const abs = Math.abs(v);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return Number.isInteger(v) ? String(v) : v.toFixed(digits);
}

function checkBudgets() {
  const { budgets } = JSON.parse(readFileSync(join(ROOT, 'bench/budgets.json'), 'utf8'));
  return Object.entries(budgets).map(([id, b]) => {
    const fig = figures[id];
    const value = fig ? fig[b.stat ?? 'median'] : undefined;
    let pass = null;
    if (value !== undefined) {
      pass = value !== null;
      if (pass && b.max !== undefined) pass = value <= b.max;
      if (pass && b.min !== undefined) pass = value >= b.min;
    }
    return { id, stat: b.stat ?? 'median', max: b.max, min: b.min, value, pass, why: b.why };
  });
}

function printTable(results) {
  const budgetFor = new Map(results.map((r) => [r.id, r]));
  const rows = [['figure', 'median', 'min', 'max', 'unit', 'budget', '']];
  for (const [id, f] of Object.entries(figures)) {
    const b = budgetFor.get(id);
    const limit = b
      ? `${b.stat} ${b.max !== undefined ? `≤ ${b.max}` : ''}${b.min !== undefined ? `≥ ${b.min}` : ''}`
      : '';
    const verdict = !b || b.pass === null ? '' : b.pass ? 'ok' : 'OVER';
    rows.push([
      id,
      formatValue(f.median, f.unit),
      formatValue(f.min, f.unit),
      formatValue(f.max, f.unit),
      f.unit,
      limit,
      verdict,
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) =>
    r
      .map((c, i) =>
        i >= 1 && i <= 3 ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]),
      )
      .join('  ')
      .trimEnd();
  console.log('');
  console.log(line(rows[0]));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  let section = '';
  for (const r of rows.slice(1)) {
    const s = r[0].split('.')[0];
    if (section && s !== section) console.log('');
    section = s;
    console.log(line(r));
  }
  console.log('');
}

/* ------------------------------------------------------------------ main */

/** The sections in the browser, on the built sites (all but runner). */
async function benchSite(details) {
  if (opts.build) await buildAll();
  const saved = join(ROOT, PROD_DIR, 'bench-chunks.json');
  if (!existsSync(saved) || !existsSync(join(ROOT, TEST_DIR, 'bench.html')))
    fail('--no-build needs the builds of an earlier `npm run bench` in dist-bench/.');
  const chunks = JSON.parse(readFileSync(saved, 'utf8'));

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
  const testSite = await serve(TEST_DIR);
  const prodSite = await serve(PROD_DIR);
  try {
    loads.start = load();
    if (wants('streaming') || wants('fanout')) {
      const { context, page, errors } = await newPage(browser, `${testSite.url}/bench.html`);
      await benchStreaming(page);
      await page.evaluate(() => window.bench.dispose());
      if (errors.length) fail(`the bench page threw: ${errors.join('; ')}`);
      await context.close();
    }
    if (wants('wllama')) {
      const { context, page, errors } = await newPage(browser, `${testSite.url}/bench.html`);
      await benchWllama(page);
      await page.evaluate(() => window.bench.dispose());
      if (errors.length) fail(`the bench page threw: ${errors.join('; ')}`);
      await context.close();
    }
    if (wants('embed')) {
      const { context, page, errors } = await newPage(browser, `${testSite.url}/bench.html`);
      await benchEmbed(page);
      await page.evaluate(() => window.bench.dispose());
      if (errors.length) fail(`the bench page threw: ${errors.join('; ')}`);
      await context.close();
    }
    if (wants('tools')) {
      const { context, page, errors } = await newPage(browser, `${testSite.url}/bench.html`);
      await benchTools(page);
      await page.evaluate(() => window.sandbox.dispose());
      if (errors.length) fail(`the bench page threw: ${errors.join('; ')}`);
      await context.close();
    }
    if (wants('find-tasks')) await benchFindTasks(browser, testSite.url);
    if (wants('startup')) {
      details.bundle = bundleFigures(chunks);
      await benchStartup(browser, prodSite.url);
      details.startupFiles = startupFiles;
    }
    if (wants('memory')) details.heapSeriesMB = await benchMemory(browser, testSite.url);
    if (wants('remote-batch')) await benchRemoteBatch(browser, testSite.url);
  } finally {
    await browser.close().catch(() => {});
    await testSite.close();
    await prodSite.close();
  }
}

/**
 * Task discovery's clustering and the trace explorer's filter, run in Node on the app's own
 * modules: seeded vectors of SPECIALIST.dims dimensions (the size of small sentence-embedding
 * models such as all-MiniLM) around SPECIALIST.clusters centres, clustered by k-means at a fixed
 * k and by chooseK (k from 2 to 8, silhouette on a 1,000-vector sample); and SPECIALIST.calls
 * synthetic calls filtered by text and role as a user types (a fresh filter per keystroke).
 */
async function benchSpecialist() {
  const { tsImport } = await import('tsx/esm/api');
  const { kmeansClusters, chooseK } = await tsImport(
    '../src/lib/specialist/cluster.ts',
    import.meta.url,
  );
  const { blobs } = await tsImport('../src/lib/specialist/testing/blobs.ts', import.meta.url);
  const { callRows } = await tsImport('../src/lib/explorer/call-rows.ts', import.meta.url);
  const { filterCalls, NO_FILTER } = await tsImport(
    '../src/lib/explorer/call-filter.ts',
    import.meta.url,
  );
  const { syntheticRuns, syntheticTraces } = await tsImport(
    '../src/lib/testing/explorer-fixtures.ts',
    import.meta.url,
  );
  const centers = Array.from({ length: SPECIALIST.clusters }, (_, c) =>
    Array.from({ length: SPECIALIST.dims }, (_, d) => (d % SPECIALIST.clusters === c ? 4 : 0)),
  );
  const time = (fn) => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  };
  for (const n of SPECIALIST.sizes) {
    const { vectors } = blobs(centers, Math.ceil(n / SPECIALIST.clusters), 1, 7);
    const kmeans = [];
    const chosen = [];
    for (let r = 0; r < opts.runs; r++) {
      kmeans.push(time(() => kmeansClusters(vectors, SPECIALIST.clusters, r + 1)));
      if (r < 3) chosen.push(time(() => chooseK(vectors, { seed: r + 1 })));
    }
    record(`specialist.kmeans.${n}`, kmeans, 'ms', `k-means, k = 6, ${n} calls × 384 dims`);
    record(`specialist.chooseK.${n}`, chosen, 'ms', `choose k (2–8, silhouette), ${n} calls`);
    log(
      `clustering ${n} vectors: k-means ${Math.round(median(kmeans))} ms, choose k ${Math.round(median(chosen))} ms`,
    );
  }
  const runs = new Map(syntheticRuns(50).map((run) => [run.id, run]));
  const rows = callRows(syntheticTraces(SPECIALIST.calls, 50), runs);
  const typed = 'topic-3';
  const perKey = [];
  for (let r = 0; r < opts.runs; r++) {
    const times = [];
    for (let i = 1; i <= typed.length; i++)
      times.push(time(() => filterCalls(rows, { ...NO_FILTER, text: typed.slice(0, i) })));
    times.push(time(() => filterCalls(rows, { ...NO_FILTER, text: typed, role: 'Critic' })));
    perKey.push(Math.max(...times));
  }
  record(
    'explorer.filter20k.maxMs',
    perKey,
    'ms',
    `explorer filter, ${SPECIALIST.calls} calls: slowest keystroke`,
  );
}

async function main() {
  const started = Date.now();
  const details = {};
  if (opts.only.some((s) => s !== 'runner' && s !== 'specialist')) await benchSite(details);
  loads.start ??= load();
  if (wants('runner')) await benchRunner();
  if (wants('specialist')) await benchSpecialist();
  loads.end = load();

  const budgets = checkBudgets();
  printTable(budgets);
  const cores = os.cpus().length;
  console.log(
    `Load average (1 min): ${loads.start} at the start, ${loads.end} at the end, on ${cores} cores.`,
  );
  if (Math.max(loads.start, loads.end) > cores) {
    console.log('The machine was busy with other work: wall-clock figures are noisier than usual.');
  }
  const over = budgets.filter((b) => b.pass === false);
  const unchecked = budgets.filter((b) => b.pass === null);

  const commit = (() => {
    try {
      return execSync('git rev-parse --short HEAD', {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    } catch {
      return null;
    }
  })();
  const report = {
    date: new Date().toISOString(),
    commit,
    machine: {
      loadAverage1m: loads,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      memoryGB: +(os.totalmem() / 2 ** 30).toFixed(1),
      node: process.version,
      browser: CHROMIUM ?? 'playwright chromium',
    },
    options: { runs: opts.runs, sections: opts.only },
    seconds: Math.round((Date.now() - started) / 1000),
    figures,
    budgets,
    details,
  };
  mkdirSync(RESULTS, { recursive: true });
  const stamp = report.date.replace(/[:.]/g, '-');
  const file = join(RESULTS, `bench-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(RESULTS, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `Figures written to ${file.slice(ROOT.length)} and bench-results/latest.json (${report.seconds} s).`,
  );

  if (over.length) {
    console.log(
      `Over budget: ${over.map((b) => `${b.id} (${b.stat} ${formatValue(b.value)})`).join(', ')}`,
    );
  } else if (opts.check) {
    console.log(
      `All ${budgets.length - unchecked.length} budgets met${unchecked.length ? ` (${unchecked.length} not measured in this run)` : ''}.`,
    );
  }
  if (opts.check && over.length) process.exit(1);
}

mkdirSync(dirname(RESULTS), { recursive: true });
await main();
