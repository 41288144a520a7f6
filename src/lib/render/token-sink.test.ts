import { describe, expect, test } from 'vitest';
import { TokenSink } from './token-sink';

describe('TokenSink', () => {
  test('hands text and token counts over once per frame, per key', () => {
    const frames: (() => void)[] = [];
    const applied: [string, string, number][] = [];
    const sink = new TokenSink<string>(
      (key, text, tokens) => applied.push([key, text, tokens]),
      (fn) => frames.push(fn),
    );
    sink.push('a', 'Hello');
    sink.push('a', ' world');
    sink.push('b', 'x');
    expect(frames).toHaveLength(1);
    expect(applied).toEqual([]);
    frames.shift()!();
    expect(applied).toEqual([
      ['a', 'Hello world', 2],
      ['b', 'x', 1],
    ]);
    sink.push('a', '!');
    expect(frames).toHaveLength(1);
    sink.flush();
    expect(applied.at(-1)).toEqual(['a', '!', 1]);
    // The frame scheduled before the flush finds nothing left to apply.
    frames.shift()!();
    expect(applied).toHaveLength(3);
  });

  test('drop() forgets what was pending for one key only', () => {
    const applied: string[] = [];
    const sink = new TokenSink<string>(
      (key, text) => applied.push(`${key}:${text}`),
      () => {},
    );
    sink.push('a', 'late');
    sink.push('b', 'kept');
    sink.drop('a');
    sink.flush();
    expect(applied).toEqual(['b:kept']);
  });
});
