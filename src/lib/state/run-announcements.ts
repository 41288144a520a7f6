/**
 * What a view's polite live region says about its run: the start, the end, a failure. Screen
 * readers speak each new text once; a text that stays the same is not repeated.
 */
import type { BatchPhase } from '../batch/batch-run.svelte';
import type { FinishReason } from '../engine/types';
import type { BatchStatus } from '../storage/batch-records';
import type { SessionStatus } from './agent-session.svelte';

export interface SingleRunState {
  status: SessionStatus;
  finishReason: FinishReason | null;
  tokens: number;
  error: { error: { message: string }; stage: 'load' | 'chat' } | null;
}

const tokenCount = (n: number) => `${n.toLocaleString('en-US')} token${n === 1 ? '' : 's'}`;

/** Single agent: loading, answering, over (how), or failed (why). */
export function singleRunAnnouncement(state: SingleRunState): string {
  const { status, finishReason, tokens, error } = state;
  if (error?.stage === 'load') return `The model could not be loaded: ${error.error.message}`;
  if (error?.stage === 'chat') return `The run failed: ${error.error.message}`;
  if (status === 'loading') return 'Loading the model…';
  if (status === 'generating') return 'Run started: the model is answering.';
  if (finishReason === 'abort') return `Run stopped after ${tokenCount(tokens)}.`;
  if (finishReason === 'length')
    return `Run over: stopped at the max-tokens limit, ${tokenCount(tokens)}.`;
  if (finishReason === 'stop') return `Run over: the answer is complete, ${tokenCount(tokens)}.`;
  return '';
}

export interface BatchRunState {
  phase: BatchPhase;
  /** The shown batch's status, if one is shown. */
  status: BatchStatus | null;
  done: number;
  total: number;
  loadError: { message: string } | null;
}

/** Benchmark: loading, running, paused (with the failure that paused it), stopped, or over. */
export function batchRunAnnouncement(state: BatchRunState): string {
  const { phase, status, done, total, loadError } = state;
  const progress = `${done} of ${total} item${total === 1 ? '' : 's'}`;
  if (loadError) return `The batch paused after ${progress}: ${loadError.message}`;
  if (phase === 'loading') return 'Loading the models for the batch…';
  if (phase === 'running') return `Batch started: ${total} item${total === 1 ? '' : 's'}.`;
  if (status === 'done') return `Batch over: ${progress} done.`;
  if (status === 'paused') return `Batch paused after ${progress}.`;
  if (status === 'stopped') return `Batch stopped early after ${progress}.`;
  return '';
}
