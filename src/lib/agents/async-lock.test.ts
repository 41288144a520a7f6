import { describe, expect, test } from 'vitest';
import { AsyncLock } from './async-lock';

describe('AsyncLock', () => {
  test('serves holders one at a time, first come first served', async () => {
    const lock = new AsyncLock();
    const order: string[] = [];
    const work = async (name: string) => {
      const release = await lock.acquire();
      order.push(`${name} in`);
      await new Promise((r) => setTimeout(r, 5));
      order.push(`${name} out`);
      release();
    };
    await Promise.all([work('a'), work('b'), work('c')]);
    expect(order).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
  });

  test('an abandoned wait rejects with AbortError and does not block the queue', async () => {
    const lock = new AsyncLock();
    const first = await lock.acquire();
    const abort = new AbortController();
    const waiting = lock.acquire(abort.signal);
    const third = lock.acquire();
    abort.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    first();
    const release = await third;
    // The third holder's release hands the lock on: the next acquire resolves only after it.
    let fourthIn = false;
    const fourth = lock.acquire().then((next) => ((fourthIn = true), next));
    await new Promise((r) => setTimeout(r, 5));
    expect(fourthIn).toBe(false);
    release();
    const last = await fourth;
    expect(fourthIn).toBe(true);
    last();
  });

  test('busy while anyone holds or waits, free once all have released or given up', async () => {
    const lock = new AsyncLock();
    expect(lock.busy).toBe(false);
    const first = await lock.acquire();
    expect(lock.busy).toBe(true);
    const abort = new AbortController();
    const waiting = lock.acquire(abort.signal);
    abort.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(lock.busy).toBe(true);
    first();
    first();
    await new Promise((r) => setTimeout(r, 0));
    expect(lock.busy).toBe(false);
  });
});
