/**
 * What the headless runner reads before it runs: the experiment (config file or share link, with
 * the site's decoders), its models (every role on a server), and the question set (found as the
 * site finds it).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ConfigError, isShareLink, loadExperiment } from '../../scripts/experiment/load-config';
import { loadNamedSet } from '../../scripts/experiment/load-set';
import { InTabModelError, remotePlan } from '../../scripts/experiment/remote-models';
import { SetSourceError } from '../../src/lib/batch/sources';
import { mathSet, multihopSet } from '../../src/lib/eval/sets';
import { readFixture } from '../../src/lib/eval/test-data';
import { configFileOf, remoteEnvelope, shareLinkOf } from './experiment-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'experiment-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SERVER = 'http://127.0.0.1:8080/v1';

describe('loadExperiment', () => {
  test('a config file and a share link of the same experiment read the same', async () => {
    const envelope = remoteEnvelope(SERVER);
    const file = join(dir, 'experiment.json');
    writeFileSync(file, configFileOf(envelope));
    expect(await loadExperiment(file)).toEqual(envelope);
    const link = shareLinkOf(envelope);
    expect(isShareLink(link)).toBe(true);
    expect(isShareLink(file)).toBe(false);
    expect(await loadExperiment(link)).toEqual(envelope);
    expect(await loadExperiment(link.slice(link.indexOf('#')))).toEqual(envelope);
  });

  test('a missing file, a broken file and a cut link each say what is wrong', async () => {
    await expect(loadExperiment(join(dir, 'none.json'))).rejects.toThrow(
      /^There is no file ".*none\.json"\. Give a config file/,
    );
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"v": 2,');
    await expect(loadExperiment(broken)).rejects.toThrow(
      new RegExp(`^"${broken}": The file is not valid JSON`),
    );
    const invalid = join(dir, 'invalid.json');
    const envelope = remoteEnvelope(SERVER);
    envelope.experiment.team.roles[0]!.temperature = 9;
    writeFileSync(invalid, configFileOf(envelope));
    await expect(loadExperiment(invalid)).rejects.toThrow(
      'Team › roles › 1 › temperature: must be at most 2 (got 9)',
    );
    const link = shareLinkOf(remoteEnvelope(SERVER));
    await expect(loadExperiment(link.slice(0, -20))).rejects.toBeInstanceOf(ConfigError);
  });
});

describe('remotePlan', () => {
  test('Solo and Team on one server model: one model to load, its context window known', () => {
    const { configs, plan } = remotePlan(remoteEnvelope(SERVER));
    expect(configs.map((c) => c.label)).toEqual(['Solo', 'Team']);
    expect(plan.models).toHaveLength(1);
    expect(plan.models[0]!.variant).toMatchObject({
      modelUrl: SERVER,
      serverModel: 'tiny-chat',
      contextWindow: 2048,
    });
    expect(plan.models[0]!.usedBy).toEqual(['Solo › Solo', 'Team › Reasoner', 'Team › Answerer']);
  });

  test('a role on an in-tab model is refused, naming the role and its model', () => {
    const envelope = remoteEnvelope(SERVER);
    envelope.experiment.team.roles[1]!.model = {
      engine: 'wllama',
      modelId: 'SmolLM2-360M-Instruct-Q8_0-GGUF',
    };
    expect(() => remotePlan(envelope)).toThrow(InTabModelError);
    expect(() => remotePlan(envelope)).toThrow(
      /\n {2}Team › Answerer uses SmolLM2-360M-Instruct-Q8_0-GGUF \(wllama, on WebAssembly\), a model that runs in the browser tab\./,
    );
  });

  test('a role with tools is refused by name: tools run only in the browser', () => {
    const envelope = remoteEnvelope(SERVER);
    envelope.experiment.team.roles[0]!.tools = { builtIn: ['calculator'], custom: [], maxSteps: 2 };
    expect(() => remotePlan(envelope)).toThrow(
      "The headless runner runs no tools (they run in the browser's sandboxes), and these roles have tools: Team › Reasoner.",
    );
  });
});

describe('loadNamedSet', () => {
  test('the playground sets by short name and by id', async () => {
    expect(await loadNamedSet('math')).toBe(mathSet);
    expect(await loadNamedSet('playground-multihop')).toBe(multihopSet);
  });

  test('a benchmark name reads its slice from the shared folder', async () => {
    const shared = join(dir, 'shared') + '/';
    mkdirSync(shared, { recursive: true });
    writeFileSync(join(shared, 'gsm8k-test.jsonl'), readFixture('gsm8k.jsonl'));
    const set = await loadNamedSet('gsm8k', { sharedDir: shared });
    expect(set.format).toBe('gsm8k');
    expect(set.items.length).toBe(readFixture('gsm8k.jsonl').trim().split('\n').length);
  });

  test('without a local copy, GSM8K comes from its official URL, as in the tab', async () => {
    const asked: string[] = [];
    const set = await loadNamedSet('gsm8k', {
      sharedDir: join(dir, 'nowhere') + '/',
      fetch: async (url) => {
        asked.push(String(url));
        return new Response(readFixture('gsm8k.jsonl'));
      },
    });
    expect(asked).toEqual([
      'https://raw.githubusercontent.com/openai/grade-school-math/master/grade_school_math/data/test.jsonl',
    ]);
    expect(set.format).toBe('gsm8k');
  });

  test('a file in a benchmark format, with the loaders own messages for a bad one', async () => {
    const good = join(dir, 'svamp.json');
    writeFileSync(good, readFixture('svamp.json'));
    expect((await loadNamedSet(good)).format).toBe('svamp');
    const bad = join(dir, 'notes.json');
    writeFileSync(bad, '{"hello": 1}');
    await expect(loadNamedSet(bad)).rejects.toThrow(
      new SetSourceError(
        '"notes.json" is not in a known format (expected one of HotpotQA, 2WikiMultiHopQA, GSM8K, SVAMP, StrategyQA, HumanEval)',
      ),
    );
  });

  test('an unknown name lists the names it knows', async () => {
    await expect(loadNamedSet('mmlu')).rejects.toThrow(
      '"mmlu" is neither a question set (multihop, math, yesno, function-calls, gsm8k, svamp, hotpotqa, 2wiki, strategyqa) nor a file.',
    );
    await expect(loadNamedSet('svamp', { sharedDir: join(dir, 'nowhere') + '/' })).rejects.toThrow(
      /^There is no local copy of svamp/,
    );
  });
});
