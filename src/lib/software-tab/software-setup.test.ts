import { expect, test } from 'vitest';
import { readSetup, SoftwareSetup, defaultSetup } from './software-setup.svelte';
import { TASK_CHOICES, taskMessage } from './task-choice';

const ref = (modelId: string) => ({ engine: 'wllama' as const, modelId });

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  } as unknown as Storage;
}

test('the default: the to-do app, one model everywhere, the preset rounds and program length', () => {
  const setup = new SoftwareSetup(() => ref('a'), memoryStorage());
  expect(setup.choice.label).toBe('To-do app: My Tasks');
  const { solo, team } = setup.sides();
  expect(solo.protocol).toEqual({ type: 'solo' });
  expect(team.protocol).toEqual({ type: 'software-team', reviewRounds: 1, testRounds: 2 });
  expect(team.roles.map((r) => r.model.modelId)).toEqual(['a', 'a', 'a', 'a']);
  expect(solo.roles[0]!.maxTokens).toBe(team.roles.find((r) => r.kind === 'programmer')!.maxTokens);
});

test('ten web apps and six functions, in two groups', () => {
  expect(TASK_CHOICES.filter((c) => c.group === 'Web apps')).toHaveLength(10);
  expect(TASK_CHOICES.filter((c) => c.group === 'Functions')).toHaveLength(6);
  expect(new Set(TASK_CHOICES.map((c) => c.key)).size).toBe(16);
});

test('changes survive a new page (the same storage), per-role models included', () => {
  const storage = memoryStorage();
  const setup = new SoftwareSetup(() => ref('a'), storage);
  setup.setTask('function:Playground/5');
  setup.setSolo(ref('b'));
  setup.setPerRole(true);
  setup.setRole('tester', ref('c'));
  setup.setRounds({ reviewRounds: 0, testRounds: 3 });
  setup.setProgramTokens(300);
  const again = new SoftwareSetup(() => ref('z'), storage);
  expect(again.value).toMatchObject({
    taskKey: 'function:Playground/5',
    solo: ref('b'),
    perRole: true,
    reviewRounds: 0,
    testRounds: 3,
    programTokens: 300,
  });
  const { team } = again.sides();
  expect(team.roles.map((r) => `${r.kind}:${r.model.modelId}`)).toEqual([
    'designer:a',
    'programmer:a',
    'reviewer:a',
    'tester:c',
  ]);
  expect(team.roles.find((r) => r.kind === 'programmer')!.maxTokens).toBe(300);
  expect(team.roles.find((r) => r.kind === 'tester')!.maxTokens).not.toBe(300);
  // One model for all roles again: the programmer's.
  again.setPerRole(false);
  expect(new Set(Object.values(again.value.team).map((m) => m.modelId))).toEqual(new Set(['a']));
});

test('a stored setup that does not read back gives way to the defaults', () => {
  const good = defaultSetup(ref('a'));
  expect(readSetup(good)).toEqual(good);
  expect(readSetup({ ...good, testRounds: 9 })).toBeNull();
  expect(readSetup({ ...good, solo: 'a' })).toBeNull();
  expect(readSetup({ ...good, programTokens: 0 })).toBeNull();
  expect(readSetup(null)).toBeNull();
  // A task this build lacks: the default task.
  expect(readSetup({ ...good, taskKey: 'web-app:gone' })?.taskKey).toBe('web-app:todo');
  const storage = memoryStorage();
  storage.setItem('playground:software-setup', '{"version":2}');
  expect(new SoftwareSetup(() => ref('x'), storage).value.solo).toEqual(ref('x'));
});

test("a run this tab recorded loads back (History's Load and Re-run); any other run does not", () => {
  const first = new SoftwareSetup(() => ref('a'), memoryStorage());
  first.setTask('web-app:counter');
  first.setPerRole(true);
  first.setRole('reviewer', ref('r'));
  first.setRounds({ testRounds: 3 });
  first.setProgramTokens(512);
  const config = {
    version: 1 as const,
    question: taskMessage(first.choice),
    ...first.sides(),
  };
  const other = new SoftwareSetup(() => ref('z'), memoryStorage());
  expect(other.load(config)).toBe(true);
  expect(other.value).toEqual(first.value);
  const before = other.value;
  expect(other.load({ ...config, question: 'In which city was she born?' })).toBe(false);
  expect(other.load({ ...config, team: { ...config.team, protocol: { type: 'solo' } } })).toBe(
    false,
  );
  expect(other.value).toEqual(before);
});
