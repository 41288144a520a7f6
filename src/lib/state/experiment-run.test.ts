import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TEAM_RULES } from '../catalog/scripted-models';
import type { CatalogModel } from '../catalog/types';
import type { ScriptedScript } from '../engine/types';
import { defaultExperiment, presetSide } from '../team/presets';
import { hostWithAgents, scriptedCatalogModel } from '../testing/host-fixtures';
import { ExperimentRun } from './experiment-run.svelte';
import type { SideState } from './side-state.svelte';

// The token sink flushes on animation frames; Node has none.
const originalRaf = globalThis.requestAnimationFrame;
beforeAll(() => {
  globalThis.requestAnimationFrame = ((fn: () => void) =>
    setTimeout(fn, 0)) as unknown as typeof requestAnimationFrame;
});
afterAll(() => {
  globalThis.requestAnimationFrame = originalRaf;
});

const script = (over: Partial<ScriptedScript> = {}): ScriptedScript => ({
  rules: TEAM_RULES,
  tokensPerSecond: 0,
  loadMs: 0,
  ...over,
});

function model(id: string, s: ScriptedScript): CatalogModel {
  return scriptedCatalogModel(id, s);
}

function setup() {
  const { host, agents } = hostWithAgents();
  return { host, agents, run: new ExperimentRun(host) };
}

const ref = (modelId: string) => ({ engine: 'scripted' as const, modelId });
const config = (solo: string, team = solo) => defaultExperiment(ref(solo), ref(team));

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const streamed = (side: SideState) => side.turns.some((t) => t.status === 'streaming' && t.output);

describe('ExperimentRun', () => {
  test('a run streams both sides and ends finished with their results', async () => {
    const { run } = setup();
    // Slow enough (Solo's reply streams for about 0.25 s) that a stall of the shared event loop
    // on a loaded machine cannot deliver a whole reply in one flush, unseen while streaming.
    const catalog = [model('scripted-a', script({ tokensPerSecond: 60 }))];
    const done = run.run(config('scripted-a'), catalog);
    await until(() => run.phase === 'running');
    await until(() => streamed(run.solo));
    await until(() => streamed(run.team));
    await done;
    expect(run.phase).toBe('finished');
    expect(run.loadError).toBeNull();
    expect(run.solo.result).toMatchObject({ status: 'done', finalAnswer: 'Eastbrook' });
    expect(run.team.result).toMatchObject({ status: 'done', finalAnswer: 'Szeged' });
    expect(run.team.turns.map((t) => t.kind)).toEqual(['reasoner', 'critic', 'answerer']);
    // The live turns end with the final text, not a repeat of what streamed.
    expect(run.solo.turns[0]!.output).toBe(run.solo.result!.turns[0]!.output);
    expect(run.solo.turns[0]!.output).toContain('Answer: Eastbrook');
  });

  test('Stop ends both sides stopped, keeps the streamed text and the worker figures; a new run works', async () => {
    const { run } = setup();
    const catalog = [model('scripted-a', script({ tokensPerSecond: 30 }))];
    const first = run.run(config('scripted-a'), catalog);
    await until(() => streamed(run.solo) || streamed(run.team));
    run.stop();
    await first;
    expect(run.solo.phase).toBe('stopped');
    expect(run.team.phase).toBe('stopped');
    const stopped = [...run.solo.turns, ...run.team.turns].find(
      (t) => t.turn?.status === 'stopped' && t.turn.usage.completionTokens > 0,
    );
    expect(stopped).toBeDefined();
    expect(stopped!.turn!.usage.promptTokens).toBeGreaterThan(0);
    expect(stopped!.output.length).toBeGreaterThan(0);
    expect(stopped!.turn!.output).toBe(stopped!.output);

    await run.run(config('scripted-a'), catalog);
    expect(run.phase).toBe('finished');
    expect(run.solo.phase).toBe('done');
    expect(run.team.phase).toBe('done');
  });

  test('Solo and Team on different models run at once; on one model the team waits', async () => {
    const slow = script({ tokensPerSecond: 100 });
    const catalog = [model('scripted-a', slow), model('scripted-b', slow)];

    const apart = setup().run;
    await apart.run(config('scripted-a', 'scripted-b'), catalog);
    const solo = apart.solo.result!.turns[0]!;
    const reasoner = apart.team.result!.turns[0]!;
    // The team's first call ran while Solo's was still going.
    expect(reasoner.startedAtMs + reasoner.queuedMs).toBeLessThan(solo.endedAtMs);
    expect(solo.startedAtMs + solo.queuedMs).toBeLessThan(reasoner.endedAtMs);
    expect(reasoner.queuedMs).toBeLessThan(20);

    const shared = setup().run;
    await shared.run(config('scripted-a'), catalog);
    const soloShared = shared.solo.result!.turns[0]!;
    const reasonerShared = shared.team.result!.turns[0]!;
    expect(reasonerShared.queuedMs).toBeGreaterThan(0);
    expect(reasonerShared.startedAtMs + reasonerShared.queuedMs).toBeGreaterThanOrEqual(
      soloShared.endedAtMs - 1,
    );
  });

  test('with a second copy, Solo and Team on one model run at once on two loaded copies', async () => {
    const slow = script({ tokensPerSecond: 100 });
    const catalog = [model('scripted-a', slow)];
    const { run, host } = setup();
    await run.run(config('scripted-a'), catalog, { secondCopy: true });
    const solo = run.solo.result!.turns[0]!;
    const reasoner = run.team.result!.turns[0]!;
    expect(reasoner.queuedMs).toBeLessThan(20);
    expect(reasoner.startedAtMs + reasoner.queuedMs).toBeLessThan(solo.endedAtMs);
    expect(host.models.map((m) => [m.modelId, m.copy])).toEqual([
      ['scripted-a', 1],
      ['scripted-a', 2],
    ]);
    expect(host.workerCount).toBe(2);
    expect(run.team.result?.status).toBe('done');
  });

  test('Unload while idle frees every model and says how many', async () => {
    const { run, host } = setup();
    const catalog = [model('scripted-a', script()), model('scripted-b', script())];
    await run.run(config('scripted-a', 'scripted-b'), catalog);
    expect(run.modelsLoaded).toBe(true);
    await run.unload();
    expect(run.notice).toBe('Unloaded 2 models.');
    expect(run.modelsLoaded).toBe(false);
    expect(host.workerCount).toBe(0);
  });

  test('models unloaded from another view stop a streaming run with a notice', async () => {
    const { run, host } = setup();
    const catalog = [model('scripted-a', script({ tokensPerSecond: 30 }))];
    const running = run.run(config('scripted-a'), catalog);
    await until(() => streamed(run.solo) || streamed(run.team));
    const outcome = await host.unloadAll('Benchmark');
    expect(outcome.stopped).toEqual(['Solo vs Team']);
    await running;
    expect(run.notice).toBe('Stopped: Benchmark unloaded the models.');
    expect(run.solo.phase).toBe('stopped');
    expect(run.team.phase).toBe('stopped');
    expect(run.phase).toBe('finished');
  });

  test('a failed load sets loadError and leaves the run idle', async () => {
    const { run } = setup();
    const catalog = [model('scripted-a', script({ failLoadWith: 'ModelDownloadError' }))];
    await run.run(config('scripted-a'), catalog);
    expect(run.phase).toBe('idle');
    expect(run.loadError?.name).toBe('ModelDownloadError');
    expect(run.solo.phase).toBe('idle');
    expect(run.modelsLoaded).toBe(false);
  });

  test("a new run shows each side's last result, stale, until that side's first token", async () => {
    const { run } = setup();
    // One model for both sides: the side that calls second waits, so it stays stale longer.
    const catalog = [
      model('scripted-a', script({ tokensPerSecond: 40 })),
      model('scripted-b', script({ tokensPerSecond: 40, loadMs: 100 })),
    ];
    await run.run(config('scripted-a'), catalog);
    const first = { solo: run.solo, team: run.team, config: run.config };
    expect(run.shown('solo')).toMatchObject({ side: first.solo, stale: false });

    const second = run.run(config('scripted-b'), catalog);
    await until(() => run.phase === 'loading');
    for (const which of ['solo', 'team'] as const) {
      const shown = run.shown(which);
      expect(shown.stale).toBe(true);
      expect(shown.side).toBe(first[which]);
      expect(shown.config).toBe(first.config);
      expect(run[which]).not.toBe(first[which]);
    }
    expect(run.shown('solo').side.result?.finalAnswer).toBe('Eastbrook');

    await until(() => streamed(run.solo) || streamed(run.team));
    const [live, waiting] = streamed(run.solo)
      ? (['solo', 'team'] as const)
      : (['team', 'solo'] as const);
    expect(run.shown(live)).toMatchObject({ side: run[live], stale: false });
    expect(run.shown(waiting)).toMatchObject({ side: first[waiting], stale: true });

    await second;
    expect(run.previous).toBeNull();
    expect(run.shown('solo')).toMatchObject({ side: run.solo, stale: false });
    expect(run.shown('team')).toMatchObject({ side: run.team, stale: false });
    expect(run.team.result?.finalAnswer).toBe('Szeged');
  });

  test('Stop while the new run loads makes the last run current again', async () => {
    const { run } = setup();
    const catalog = [model('scripted-a', script()), model('scripted-b', script({ loadMs: 5_000 }))];
    await run.run(config('scripted-a'), catalog);
    const first = { solo: run.solo, team: run.team, config: run.config };
    const second = run.run(config('scripted-b'), catalog);
    await until(() => run.loading !== null);
    run.stop();
    await second;
    expect(run.phase).toBe('idle');
    expect(run.previous).toBeNull();
    expect(run.solo).toBe(first.solo);
    expect(run.team).toBe(first.team);
    expect(run.config).toBe(first.config);
    expect(run.shown('team')).toMatchObject({ stale: false, side: first.team });
    expect(run.team.result?.finalAnswer).toBe('Szeged');
  });

  test("a failed load after a run clears the last run's panels: only the error shows", async () => {
    const { run } = setup();
    const catalog = [
      model('scripted-a', script()),
      model('scripted-down', script({ failLoadWith: 'ModelDownloadError' })),
    ];
    await run.run(config('scripted-a'), catalog);
    expect(run.solo.phase).toBe('done');
    await run.run(config('scripted-down'), catalog);
    expect(run.loadError?.name).toBe('ModelDownloadError');
    expect(run.previous).toBeNull();
    for (const which of ['solo', 'team'] as const) {
      expect(run.shown(which).stale).toBe(false);
      expect(run.shown(which).side.phase).toBe('idle');
      expect(run.shown(which).side.turns).toEqual([]);
    }
  });

  test('an unknown model is named in loadError without loading anything', async () => {
    const { run, agents } = setup();
    await run.run(config('scripted-missing'), [model('scripted-a', script())]);
    expect(run.phase).toBe('idle');
    expect(run.loadError?.message).toContain('scripted-missing');
    expect(agents).toHaveLength(0);
  });
  test("a model's context window bounds every call: the Team's later revisions are trimmed", async () => {
    const { run } = setup();
    const draft = `Steps: ${Array.from({ length: 200 }, (_, i) => `s${i % 10}`).join(' ')}\nConclusion: Szeged`;
    const rules = [
      {
        match: 'You are the Critic',
        reply: '{"verdict":"revise","feedback":"Check the birthplace."}',
      },
      { match: 'You are the Reasoner', reply: draft },
      ...TEAM_RULES,
    ];
    const catalog = [scriptedCatalogModel('scripted-small', script({ rules }), 1024)];
    const experiment = config('scripted-small');
    experiment.team.protocol = { type: 'critic-loop', maxRounds: 3 };
    experiment.team.roles = experiment.team.roles.map((r) =>
      r.kind === 'reasoner' ? { ...r, maxTokens: 256 } : r,
    );
    await run.run(experiment, catalog);
    expect(run.team.result?.error).toBeUndefined();
    expect(run.team.result?.status).toBe('done');
    const revisions = run.team.turns.filter((t) => t.step === 'revise');
    expect(revisions).toHaveLength(3);
    // Known from the turn's start (the live card can say so while it streams) and kept.
    const trimmed = revisions.filter((t) => t.trimmed);
    expect(trimmed.length).toBeGreaterThan(0);
    for (const t of trimmed) {
      expect(t.trimmed?.window).toBe(1024);
      expect(t.turn?.trimmed).toEqual(t.trimmed);
    }
  });
});

describe('ExperimentRun fairness column and the thinking switch', () => {
  test("Solo's model is sampled with Solo's thinking switch", async () => {
    const thinker = script({
      rules: [{ reply: '<think>\nhmm, Eastbrook\n</think>\n\nAnswer: Eastbrook' }],
    });
    for (const thinking of ['off', undefined] as const) {
      const { run } = setup();
      const catalog = [model('scripted-thinker', thinker), model('scripted-a', script())];
      const experiment = config('scripted-thinker', 'scripted-a');
      experiment.solo.roles = experiment.solo.roles.map((r) => ({
        ...r,
        ...(thinking ? { thinking } : {}),
      }));
      await run.run(experiment, catalog, { fairness: true });
      const fair = run.fair.result?.turns ?? [];
      expect(fair.length, String(thinking)).toBeGreaterThan(0);
      for (const turn of fair)
        expect(turn.output.includes('<think>'), String(thinking)).toBe(thinking !== 'off');
    }
  });

  test("the format check reads answers in the expected answer's form", async () => {
    const { run } = setup();
    // The small model answers in words; the large one with a number.
    const catalog = [
      model('scripted-small', script({ rules: [{ reply: 'Answer: twelve' }] })),
      model('scripted-large', script({ rules: [{ reply: 'Answer: 12' }] })),
    ];
    const experiment = config('scripted-small');
    experiment.team = presetSide('escalation', {
      default: ref('scripted-small'),
      large: ref('scripted-large'),
    });
    experiment.team.protocol = { type: 'escalation', check: { kind: 'format', format: 'auto' } };
    const ask = async (expectedAnswer: string) => {
      await run.run({ ...experiment, context: [], question: 'How many?', expectedAnswer }, catalog);
      return run.team.result?.escalation;
    };
    // A number is expected: "twelve" is not one, so the large model answers.
    expect(await ask('12')).toMatchObject({ escalated: true, format: 'number' });
    expect(run.team.result?.finalAnswer).toBe('12');
    // A short answer is expected: "twelve" is one.
    expect(await ask('a dozen')).toMatchObject({ escalated: false, format: 'short' });
  });
});
