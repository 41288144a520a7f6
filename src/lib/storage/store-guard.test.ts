import { expect, test } from 'vitest';
import { StorageError } from './errors';
import { StoreGuard } from './store-guard';

/** A stand-in IndexedDB store whose calls fail with the queued errors, then succeed. */
function flakyDb() {
  const failures: unknown[] = [];
  let calls = 0;
  return {
    failures,
    get calls() {
      return calls;
    },
    async save(): Promise<void> {
      calls++;
      if (failures.length) throw failures.shift();
    },
    async load(): Promise<string> {
      calls++;
      if (failures.length) throw failures.shift();
      return 'stored';
    },
    async close(): Promise<void> {},
  };
}

const quota = () => new DOMException('full', 'QuotaExceededError');

test('a fault is reported once per kind, and again after a write succeeds', async () => {
  const db = flakyDb();
  const reported: StorageError[] = [];
  const guard = new StoreGuard(db, (e) => reported.push(e));
  db.failures.push(quota(), quota());
  expect(await guard.write((d) => d.save(), 'save the batch')).toBe(false);
  expect(await guard.read((d) => d.load(), 'read the batch')).toBeUndefined();
  expect(reported.map((e) => e.name)).toEqual(['StorageQuotaError']);
  expect(reported[0]?.message).toContain('could not save the batch');
  expect(await guard.write((d) => d.save(), 'save the batch')).toBe(true);
  db.failures.push(quota());
  await guard.write((d) => d.save(), 'save the item');
  expect(reported.map((e) => e.name)).toEqual(['StorageQuotaError', 'StorageQuotaError']);
  expect(guard.mode).toBe('indexeddb');
});

test('after the database is lost, or without one, every call is left to memory', async () => {
  const db = flakyDb();
  const reported: StorageError[] = [];
  const guard = new StoreGuard(db, (e) => reported.push(e));
  guard.useMemory(new StorageError('StorageBlockedError', 'Another tab holds the database.'), 'x');
  expect(guard.mode).toBe('memory');
  expect(await guard.write((d) => d.save(), 'save the batch')).toBe(false);
  expect(await guard.read((d) => d.load(), 'read the batch')).toBeUndefined();
  expect(db.calls).toBe(0);
  expect(reported.map((e) => e.message)).toEqual(['Another tab holds the database.']);

  const none = new StoreGuard<typeof db>(null, () => {});
  expect(none.mode).toBe('memory');
  expect(await none.read((d) => d.load(), 'read')).toBeUndefined();
  await none.close();
});

test('a handler that throws does not stop the store', async () => {
  const db = flakyDb();
  const guard = new StoreGuard(db, () => {
    throw new Error('handler broke');
  });
  db.failures.push(quota());
  expect(await guard.write((d) => d.save(), 'save the marks')).toBe(false);
  expect(await guard.read((d) => d.load(), 'read the marks')).toBe('stored');
});
