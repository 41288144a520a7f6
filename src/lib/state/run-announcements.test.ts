import { describe, expect, test } from 'vitest';
import {
  batchRunAnnouncement,
  singleRunAnnouncement,
  type BatchRunState,
  type SingleRunState,
} from './run-announcements';

describe('singleRunAnnouncement', () => {
  const idle: SingleRunState = { status: 'idle', finishReason: null, tokens: 0, error: null };

  test('says nothing before a run', () => {
    expect(singleRunAnnouncement(idle)).toBe('');
    expect(singleRunAnnouncement({ ...idle, status: 'ready' })).toBe('');
  });

  test('says when the model loads and when the run starts', () => {
    expect(singleRunAnnouncement({ ...idle, status: 'loading' })).toBe('Loading the model…');
    expect(singleRunAnnouncement({ ...idle, status: 'generating', tokens: 3 })).toBe(
      'Run started: the model is answering.',
    );
  });

  test('says how the run ended, with its token count', () => {
    const over = { ...idle, status: 'ready' as const, tokens: 1234 };
    expect(singleRunAnnouncement({ ...over, finishReason: 'stop' })).toBe(
      'Run over: the answer is complete, 1,234 tokens.',
    );
    expect(singleRunAnnouncement({ ...over, finishReason: 'length' })).toBe(
      'Run over: stopped at the max-tokens limit, 1,234 tokens.',
    );
    expect(singleRunAnnouncement({ ...over, finishReason: 'abort', tokens: 1 })).toBe(
      'Run stopped after 1 token.',
    );
  });

  test('says why a load or a run failed', () => {
    const error = { error: { message: 'Out of memory' } };
    expect(singleRunAnnouncement({ ...idle, error: { ...error, stage: 'load' } })).toBe(
      'The model could not be loaded: Out of memory',
    );
    expect(
      singleRunAnnouncement({ ...idle, status: 'ready', error: { ...error, stage: 'chat' } }),
    ).toBe('The run failed: Out of memory');
  });
});

describe('batchRunAnnouncement', () => {
  const idle: BatchRunState = { phase: 'idle', status: null, done: 0, total: 0, loadError: null };

  test('says nothing without a batch, nor for one left running by a page that went away', () => {
    expect(batchRunAnnouncement(idle)).toBe('');
    expect(batchRunAnnouncement({ ...idle, status: 'running', done: 2, total: 5 })).toBe('');
  });

  test('says when the models load and when the batch starts', () => {
    expect(batchRunAnnouncement({ ...idle, phase: 'loading', total: 5 })).toBe(
      'Loading the models for the batch…',
    );
    expect(batchRunAnnouncement({ ...idle, phase: 'running', status: 'running', total: 1 })).toBe(
      'Batch started: 1 item.',
    );
  });

  test('says how the batch ended', () => {
    const ended = { ...idle, done: 3, total: 5 };
    expect(batchRunAnnouncement({ ...ended, status: 'done', done: 5 })).toBe(
      'Batch over: 5 of 5 items done.',
    );
    expect(batchRunAnnouncement({ ...ended, status: 'paused' })).toBe(
      'Batch paused after 3 of 5 items.',
    );
    expect(batchRunAnnouncement({ ...ended, status: 'stopped' })).toBe(
      'Batch stopped early after 3 of 5 items.',
    );
  });

  test('says why a failure paused the batch', () => {
    expect(
      batchRunAnnouncement({
        ...idle,
        status: 'paused',
        done: 2,
        total: 5,
        loadError: { message: 'The model could not be downloaded' },
      }),
    ).toBe('The batch paused after 2 of 5 items: The model could not be downloaded');
  });
});
