import { expect, test } from 'vitest';
import type { ScriptedScript } from '../engine/types';
import type { ProgramRunner, SoftwareScore } from '../software/program-types';
import { openPlaygroundDb } from '../storage/database';
import { RunStore } from '../storage/run-store';
import { hostWithAgents, scriptedCatalogModel } from '../testing/host-fixtures';
import { freshFactory, ManualClock } from '../testing/storage-fixtures';
import { SoftwareSetup } from './software-setup.svelte';
import { SoftwareRun } from './software-run.svelte';
import { choiceOf } from './task-choice';

const BROKEN = '<!DOCTYPE html><html><body><h1>My Tasks</h1><p>broken</p></body></html>';
const FIXED = '<!DOCTYPE html><html><body><h1>My Tasks</h1><p>fixed</p></body></html>';
const fence = (html: string) => '```html\n' + html + '\n```';

const script = (extra: Partial<ScriptedScript> = {}): ScriptedScript => ({
  tokensPerSecond: 0,
  loadMs: 0,
  rules: [
    { match: 'The tester said', reply: fence(FIXED) },
    { match: 'You are the Designer', reply: '1. A title.\n2. A list.' },
    { match: 'You are the Code Reviewer', reply: '{"verdict":"accept","feedback":""}' },
    { match: 'You are the Tester', reply: 'Delete does nothing: make it remove the task.' },
    { match: 'You are a programmer', reply: fence(BROKEN) },
  ],
  ...extra,
});

/** A runner standing in for the frame checker: the fixed app meets all 5, the broken one 4. */
function fakeRunner(calls: string[] = []): ProgramRunner {
  const check = (program: string) => {
    const met = program.includes('fixed') ? 5 : 4;
    return {
      met,
      total: 5,
      ms: 1,
      results: Array.from({ length: 5 }, (_, i) => ({
        id: `r${i}`,
        text: `Requirement ${i + 1}`,
        met: i < met,
        reason: i < met ? '' : 'still listed',
      })),
    };
  };
  return {
    async runVisible(program) {
      calls.push('visible');
      const report = check(program);
      return { passed: report.met === 5, report: `${report.met} of 5 requirements met.` };
    },
    async score(program): Promise<SoftwareScore> {
      calls.push('score');
      const report = check(program);
      return { kind: 'web-app', passed: report.met === 5, check: report };
    },
  };
}

const model = { engine: 'scripted' as const, modelId: 'scripted-coder' };

function setup() {
  const storage = new Map<string, string>();
  const fake = {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => void storage.set(k, v),
  } as unknown as Storage;
  return new SoftwareSetup(() => model, fake);
}

function softwareRun(options: { calls?: string[]; store?: RunStore } = {}) {
  const { host } = hostWithAgents();
  let t = 1_000;
  return new SoftwareRun({
    host,
    runnerFor: () => fakeRunner(options.calls),
    store: () => options.store ?? null,
    now: () => (t += 10),
    schedule: (fn) => queueMicrotask(fn),
  });
}

test('Solo keeps its broken app; the team fixes it after its failed test run; both are scored', async () => {
  const calls: string[] = [];
  const run = softwareRun({ calls });
  const s = setup();
  await run.run(s.sides(), s.choice, [scriptedCatalogModel('scripted-coder', script())]);
  expect(run.phase).toBe('finished');
  expect(run.team.turns.map((t) => `${t.roleName}:${t.step}`)).toEqual([
    'Designer:design',
    'Programmer:program',
    'Reviewer:review',
    'Tester:test',
    'Programmer:fix',
  ]);
  // The tester read the failed visible check; the second test run passed, so no second report.
  expect(calls.filter((c) => c === 'visible')).toHaveLength(2);
  const solo = run.checks.solo;
  const team = run.checks.team;
  expect(solo?.status === 'done' && solo.score.kind === 'web-app' && solo.score.check.met).toBe(4);
  expect(team?.status === 'done' && team.score.kind === 'web-app' && team.score.check.met).toBe(5);
  expect(team?.status === 'done' && team.program).toBe(FIXED);
});

test('a side that writes no program says so, and nothing is scored for it', async () => {
  const run = softwareRun();
  const s = setup();
  const silent = script({ rules: [{ reply: 'I would rather not.' }] });
  await run.run(s.sides(), s.choice, [scriptedCatalogModel('scripted-coder', silent)]);
  expect(run.checks.solo).toEqual({
    status: 'none',
    why: 'This side wrote no program: its last reply held no code.',
  });
  expect(run.solo.warnings).toContain('Solo wrote no program.');
});

test('Stop keeps what streamed, says why no program ran, and Run straight after completes', async () => {
  const run = softwareRun();
  const s = setup();
  // The model streams 3 tokens, then waits mid-reply until stopped.
  const stuck = [scriptedCatalogModel('scripted-coder', script({ pauseAfterTokens: 3 }))];
  const first = run.run(s.sides(), s.choice, stuck);
  await expect.poll(() => run.solo.turns[0]?.tokens ?? 0).toBeGreaterThan(2);
  run.stop();
  await first;
  expect(run.solo.result?.status).toBe('stopped');
  expect(run.checks.solo).toEqual({
    status: 'none',
    why: 'Stopped before it finished: no final program was run.',
  });
  expect(run.solo.result?.turns[0]?.usage.completionTokens).toBeGreaterThan(0);

  // Again at once (on a model that does not pause: the paused one stays loaded as it was).
  const next = { engine: 'scripted' as const, modelId: 'scripted-next' };
  s.setSolo(next);
  s.setTeam(next);
  await run.run(s.sides(), s.choice, [scriptedCatalogModel('scripted-next', script())]);
  expect(run.solo.result?.status).toBe('done');
  expect(run.team.result?.status).toBe('done');
  expect(run.checks.team?.status).toBe('done');
});

test('an unknown model is named before anything loads; the setup is untouched', async () => {
  const run = softwareRun();
  const s = setup();
  await run.run(s.sides(), s.choice, []);
  expect(run.loadError?.message).toMatch(/Unknown model: scripted-coder/);
  expect(run.phase).toBe('idle');
  expect(run.choice).toBeNull();
});

test('a run is recorded in History with the task as its question and both sides', async () => {
  const store = new RunStore(openPlaygroundDb({ factory: freshFactory() }), {
    clock: new ManualClock(),
    locks: null,
  });
  const run = softwareRun({ store });
  const s = setup();
  await run.run(s.sides(), choiceOf('web-app:todo'), [
    scriptedCatalogModel('scripted-coder', script()),
  ]);
  expect(run.runId).not.toBeNull();
  const saved = await store.get(run.runId!);
  expect(saved?.status).toBe('done');
  expect(saved?.config.question).toContain('titled "My Tasks"');
  expect(saved?.config.team.protocol).toEqual({
    type: 'software-team',
    reviewRounds: 1,
    testRounds: 2,
  });
  expect(saved?.sides.team?.turns).toHaveLength(5);
});

test('with a second copy, Solo and the team on one model each get their own loaded copy', async () => {
  const { host } = hostWithAgents();
  const run = new SoftwareRun({
    host,
    runnerFor: () => fakeRunner(),
    store: () => null,
    schedule: (fn) => queueMicrotask(fn),
  });
  const s = setup();
  const catalog = [scriptedCatalogModel('scripted-coder', script({ tokensPerSecond: 50 }))];
  await run.run(s.sides(), s.choice, catalog, { secondCopy: true });
  expect(host.models.map((m) => [m.modelId, m.copy])).toEqual([
    ['scripted-coder', 1],
    ['scripted-coder', 2],
  ]);
  // The first calls of both sides started at once, and neither waited for the other.
  const waited = (r: SoftwareRun) =>
    Math.max(r.solo.result!.turns[0]!.queuedMs, r.team.result!.turns[0]!.queuedMs);
  expect(waited(run)).toBeLessThan(20);
  expect(run.team.turns.at(-1)?.status).toBe('done');

  // On one shared copy, one of them waits for the other.
  const { host: other } = hostWithAgents();
  const shared = new SoftwareRun({
    host: other,
    runnerFor: () => fakeRunner(),
    store: () => null,
    schedule: (fn) => queueMicrotask(fn),
  });
  await shared.run(s.sides(), s.choice, catalog);
  expect(waited(shared)).toBeGreaterThan(40);
});
