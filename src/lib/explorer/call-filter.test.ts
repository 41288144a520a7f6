import { expect, test } from 'vitest';
import {
  callFacets,
  CallFilterCache,
  filterCalls,
  NO_FILTER,
  type CallFilter,
} from './call-filter';
import { callRows, preview, sideOutcome } from './call-rows';
import { syntheticRuns, syntheticTraces } from '../testing/explorer-fixtures';

const RUNS = 50;
const runs = new Map(syntheticRuns(RUNS).map((r) => [r.id, r]));
const rows = callRows(syntheticTraces(20_000, RUNS), runs);

test('rows carry role, model, protocol, previews, tokens, time and the side outcome', () => {
  const [first, second] = rows;
  expect(first).toMatchObject({
    id: 'trace-0',
    roleName: 'Reasoner',
    modelId: 'model-a',
    protocol: 'critic-loop',
    prompt: 'Question 0 about Topic-0: mail me at a0@example.com',
    reply: 'Answer number 0.',
    tokens: 40,
    ms: 100,
    outcome: 'unknown', // run-0 has no expected answer
  });
  expect(second?.outcome).toBe('wrong'); // run-1 answered Eastbrook
  expect(rows[2]?.outcome).toBe('right'); // run-2 answered Szeged
  expect(first?.search).toContain('topic-0');
  expect(first?.search).not.toContain('careful assistant'); // system prompts are not searched
});

test('a side without a final answer, or a run that is gone, has no outcome', () => {
  const run = syntheticRuns(2)[1];
  expect(sideOutcome(run, 'solo')).toBe('wrong');
  if (run) run.sides.solo.finalAnswer = '';
  expect(sideOutcome(run, 'solo')).toBe('unknown');
  expect(sideOutcome(undefined, 'team')).toBe('unknown');
  expect(callRows(syntheticTraces(1, 1), new Map())[0]?.protocol).toBeNull();
});

test('previews are one line and cut short', () => {
  expect(preview('a\n\n b\tc')).toBe('a b c');
  expect(preview('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
});

test('filtering 20,000 calls by each facet, the text and all together gives exactly the matches', () => {
  expect(filterCalls(rows, NO_FILTER)).toHaveLength(20_000);
  const critics = filterCalls(rows, { ...NO_FILTER, role: 'Critic' });
  expect(critics).toHaveLength(5_000);
  expect(critics.every((r) => r.roleName === 'Critic')).toBe(true);
  expect(filterCalls(rows, { ...NO_FILTER, model: 'model-b' })).toHaveLength(6_667);
  expect(filterCalls(rows, { ...NO_FILTER, protocol: 'solo' })).toHaveLength(5_000);
  const right = filterCalls(rows, { ...NO_FILTER, outcome: 'right' });
  // Even runs but multiples of 5 (0, 10, ...): 20 of the 50 runs, 400 traces each.
  expect(right).toHaveLength(8_000);
  // Case-insensitive, trimmed text: trace i mentions Topic-(i % 7).
  const topic3 = filterCalls(rows, { ...NO_FILTER, text: '  TOPIC-3 ' });
  expect(topic3.length).toBe(rows.filter((_, i) => i % 7 === 3).length);
  const all = filterCalls(rows, {
    ...NO_FILTER,
    role: 'Critic',
    model: 'model-b',
    protocol: 'critic-loop',
    outcome: 'wrong',
    text: 'topic-3',
  });
  const expected = rows.filter((_, i) => {
    const run = i % RUNS;
    return i % 4 === 1 && i % 3 === 1 && run % 2 === 1 && run % 5 !== 0 && i % 7 === 3;
  });
  expect(all.map((r) => r.id)).toEqual(expected.map((r) => r.id));
  expect(all.length).toBeGreaterThan(0);
  expect(filterCalls(rows, { ...NO_FILTER, text: 'no such words' })).toEqual([]);
});

test('facets list each role, model and protocol once, sorted', () => {
  expect(callFacets(rows)).toEqual({
    sources: ['run'],
    roles: ['Answerer', 'Critic', 'Reasoner', 'Solo'],
    models: ['model-a', 'model-b', 'model-c'],
    protocols: ['critic-loop', 'solo'],
  });
});

test('the cache narrows from its last matches while typing on, and starts over otherwise', () => {
  const cache = new CallFilterCache();
  const steps: CallFilter[] = [
    { ...NO_FILTER, text: 't' },
    { ...NO_FILTER, text: 'to' },
    { ...NO_FILTER, text: 'topic-3' },
    { ...NO_FILTER, text: 'topic-3', role: 'Critic' },
    { ...NO_FILTER, text: 'topic-', role: 'Critic' },
    { ...NO_FILTER, text: 'topic-35' },
    { ...NO_FILTER, text: '' },
    { ...NO_FILTER, outcome: 'right', text: 'answer number 1' },
    { ...NO_FILTER, outcome: 'right', text: 'answer number 12' },
    { ...NO_FILTER, outcome: 'wrong', text: 'answer number 12' },
  ];
  for (const step of steps) {
    expect(cache.filter(rows, step).map((r) => r.id)).toEqual(
      filterCalls(rows, step).map((r) => r.id),
    );
  }
  // Every row matching: the rows themselves, so nothing downstream sees a change.
  expect(cache.filter(rows, { ...NO_FILTER, text: 'answer' })).toBe(rows);
  // New rows: filtered afresh.
  const fewer = rows.slice(0, 100);
  expect(cache.filter(fewer, { ...NO_FILTER, text: 'answer number 1' })).toHaveLength(
    fewer.filter((r) => r.search.includes('answer number 1')).length,
  );
});
