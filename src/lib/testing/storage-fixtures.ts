/**
 * Test helpers for the storage tests (not used by the app): sample configs and turns, a fresh
 * fake IndexedDB per test, a manual clock, and a database wrapper that fails writes on demand.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { CallUsage } from '../engine/types';
import type { ExperimentConfig } from '../team/config';
import { defaultExperiment } from '../team/presets';
import type { Turn } from '../team/protocols/types';
import type { PlaygroundDb } from '../storage/database';
import type { Clock } from '../storage/throttle';

/** A fresh, empty IndexedDB (fake-indexeddb), so tests do not share databases. */
export function freshFactory(): IDBFactory {
  return new IDBFactory();
}

export function sampleConfig(question = 'In which city was Helena Varga born?'): ExperimentConfig {
  const config = defaultExperiment(
    { engine: 'scripted', modelId: 'scripted-solo' },
    { engine: 'scripted', modelId: 'scripted-team' },
  );
  return { ...config, question };
}

const USAGE: CallUsage = {
  promptTokens: 40,
  completionTokens: 12,
  ttftMs: 30,
  decodeTokensPerSec: 20,
  wallMs: 600,
};

/** A finished solo turn (or a different role's, through overrides). */
export function sampleTurn(index: number, output: string, overrides: Partial<Turn> = {}): Turn {
  return {
    index,
    roleId: 'solo',
    roleName: 'Solo',
    kind: 'solo',
    step: 'answer',
    messages: [
      { role: 'system', content: 'You are Solo.' },
      { role: 'user', content: 'In which city was Helena Varga born?' },
    ],
    output,
    usage: { ...USAGE },
    queuedMs: 0,
    startedAtMs: 1_000 + index * 1_000,
    endedAtMs: 1_600 + index * 1_000,
    finishReason: 'stop',
    status: 'done',
    ...overrides,
  };
}

/** A clock whose time moves only by `advance`, running due timers in order. */
export class ManualClock implements Clock {
  #now: number;
  #timers = new Map<number, { at: number; callback: () => void }>();
  #next = 1;

  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.#next++;
    this.#timers.set(id, { at: this.#now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Moves time forward by `ms`, running the timers that fall due. */
  advance(ms: number): void {
    const until = this.#now + ms;
    for (;;) {
      const due = [...this.#timers.entries()]
        .filter(([, t]) => t.at <= until)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.#now = Math.max(this.#now, due[1].at);
      due[1].callback();
    }
    this.#now = until;
  }
}

/** Counts and optionally fails writes (`put`) of a database, as a full disk would. */
export interface FaultyDb {
  db: PlaygroundDb;
  /** Puts per store that reached the database. */
  puts: Record<string, number>;
  /** While true, every put rejects with a DOMException named QuotaExceededError. */
  full: boolean;
}

export function faultyDb(db: PlaygroundDb): FaultyDb {
  const state: FaultyDb = { db, puts: {}, full: false };
  state.db = new Proxy(db, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop);
      if (prop === 'put') {
        return async (store: string, ...rest: unknown[]) => {
          if (state.full)
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          state.puts[store] = (state.puts[store] ?? 0) + 1;
          return (target.put as (...args: unknown[]) => Promise<unknown>)(store, ...rest);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return state;
}

/** Lets pending promise callbacks and fake-indexeddb's tasks run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
