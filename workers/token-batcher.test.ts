import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { TokenEvent } from '../src/lib/engine/types';
import { TokenBatcher } from './token-batcher';

const token = (index: number): TokenEvent => ({ delta: `t${index}`, index, atMs: index });

describe('TokenBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test('sends the first token at once and the following ones together after the interval', () => {
    const batches: number[][] = [];
    const batcher = new TokenBatcher((events) => batches.push(events.map((e) => e.index)), 8);
    batcher.push(token(0));
    expect(batches).toEqual([[0]]);
    batcher.push(token(1));
    batcher.push(token(2));
    batcher.push(token(3));
    expect(batches).toEqual([[0]]);
    vi.advanceTimersByTime(8);
    expect(batches).toEqual([[0], [1, 2, 3]]);
    batcher.push(token(4));
    vi.advanceTimersByTime(7);
    expect(batches).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([[0], [1, 2, 3], [4]]);
  });

  test('settled() sends what is pending and waits until the page has taken it', async () => {
    let taken: (() => void) | null = null;
    const batches: number[][] = [];
    const batcher = new TokenBatcher((events) => {
      batches.push(events.map((e) => e.index));
      return new Promise<void>((resolve) => (taken = resolve));
    });
    batcher.push(token(0));
    batcher.push(token(1));
    let done = false;
    const settled = batcher.settled().then(() => (done = true));
    expect(batches).toEqual([[0], [1]]);
    await Promise.resolve();
    expect(done).toBe(false);
    taken!();
    await settled;
    expect(done).toBe(true);
  });

  test('a page that rejects a batch does not make settled() throw', async () => {
    const batcher = new TokenBatcher(() => Promise.reject(new Error('page gone')));
    batcher.push(token(0));
    await expect(batcher.settled()).resolves.toBeUndefined();
  });
});
