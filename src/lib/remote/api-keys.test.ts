import { describe, expect, it } from 'vitest';
import { ApiKeys } from './api-keys';

class MemoryStorage implements Storage {
  readonly data = new Map<string, string>();
  get length() {
    return this.data.size;
  }
  clear() {
    this.data.clear();
  }
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  key(index: number) {
    return [...this.data.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
}

const OLLAMA = 'http://localhost:11434/v1';
const HOSTED = 'https://api.example.com/v1';

describe('ApiKeys', () => {
  it('keeps a key in memory only, unless asked to remember it', () => {
    const storage = new MemoryStorage();
    const keys = new ApiKeys(storage);
    keys.set(OLLAMA, ' sk-one ', false);
    expect(keys.get(OLLAMA)).toBe('sk-one');
    expect(storage.data.size).toBe(0);
    expect(new ApiKeys(storage).get(OLLAMA)).toBeUndefined(); // a reload forgets it

    keys.set(HOSTED, 'sk-two', true);
    expect(new ApiKeys(storage).get(HOSTED)).toBe('sk-two');
    expect(new ApiKeys(storage).isRemembered(HOSTED)).toBe(true);
  });

  it('unticking forgets the remembered copy; an empty key forgets it everywhere', () => {
    const storage = new MemoryStorage();
    const keys = new ApiKeys(storage);
    keys.set(HOSTED, 'sk-two', true);
    keys.set(HOSTED, 'sk-two', false);
    expect(new ApiKeys(storage).get(HOSTED)).toBeUndefined();
    expect(keys.get(HOSTED)).toBe('sk-two');
    keys.set(HOSTED, '', true);
    expect(keys.get(HOSTED)).toBeUndefined();
    expect(storage.data.size).toBe(0);
  });

  it('a storage that refuses writes leaves the key in memory and says so', () => {
    const storage = new MemoryStorage();
    storage.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    const keys = new ApiKeys(storage);
    expect(keys.set(HOSTED, 'sk', true)).toBe(false);
    expect(keys.get(HOSTED)).toBe('sk');
  });

  it('ignores a tampered store', () => {
    const storage = new MemoryStorage();
    storage.setItem('playground:remote-keys', '["not","a","map"]');
    expect(new ApiKeys(storage).get(HOSTED)).toBeUndefined();
    storage.setItem('playground:remote-keys', `{"${HOSTED}": 42}`);
    expect(new ApiKeys(storage).get(HOSTED)).toBeUndefined();
  });
});
