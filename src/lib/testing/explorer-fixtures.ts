/**
 * Test fixtures for the explorer (not used by the app): synthetic runs and traces in numbers,
 * with known roles, models, protocols and outcomes.
 */
import { newRunRecord, type RunRecord, type TraceRecord } from '../storage/records';
import { sampleConfig } from './storage-fixtures';

export const ROLES = ['Reasoner', 'Critic', 'Answerer', 'Solo'] as const;
export const MODELS = ['model-a', 'model-b', 'model-c'] as const;

/**
 * `count` runs on the default question (expected answer Szeged): even runs answer right on both
 * sides, odd runs wrong; runs whose index is a multiple of 5 have no expected answer.
 */
export function syntheticRuns(count: number): RunRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const config = sampleConfig();
    if (i % 5 === 0) delete config.expectedAnswer;
    const run = newRunRecord(config, `run-${i}`, 1_000 + i);
    const answer = i % 2 === 0 ? 'Szeged' : 'Eastbrook';
    run.sides.solo.finalAnswer = answer;
    run.sides.team.finalAnswer = answer;
    run.status = 'done';
    return run;
  });
}

/** Trace `i` of `runs` runs: role, model and side cycle; its question mentions `topic-<i % 7>`. */
export function syntheticTrace(i: number, runs: number): TraceRecord {
  const role = ROLES[i % ROLES.length] ?? 'Solo';
  return {
    id: `trace-${i}`,
    runId: `run-${i % runs}`,
    side: role === 'Solo' ? 'solo' : 'team',
    turnIndex: i,
    role: role.toLowerCase(),
    roleName: role,
    kind: role === 'Solo' ? 'solo' : 'reasoner',
    step: 'answer',
    modelId: MODELS[i % MODELS.length] ?? 'model-a',
    messages: [
      { role: 'system', content: 'You are a careful assistant.' },
      { role: 'user', content: `Question ${i} about Topic-${i % 7}: mail me at a${i}@example.com` },
    ],
    output: `Answer number ${i}.`,
    usage: {
      promptTokens: 30,
      completionTokens: 10,
      ttftMs: 5,
      decodeTokensPerSec: 20,
      wallMs: 90,
    },
    startedAt: 10_000 + i,
    endedAt: 10_100 + i,
    status: 'done',
  };
}

export function syntheticTraces(count: number, runs: number): TraceRecord[] {
  return Array.from({ length: count }, (_, i) => syntheticTrace(i, runs));
}
