import { describe, expect, it } from 'vitest';
import { OutputCollector } from './output-collector';

describe('OutputCollector', () => {
  it('keeps both streams apart while under the cap', () => {
    const out = new OutputCollector(100);
    out.write('stdout', 'a\n');
    out.write('stderr', 'oops\n');
    out.write('stdout', 'b\n');
    expect(out.stdout).toBe('a\nb\n');
    expect(out.stderr).toBe('oops\n');
    expect(out.truncated).toBe(false);
    expect(out.full).toBe(false);
  });

  it('counts the cap across both streams and drops what comes after it', () => {
    const out = new OutputCollector(10);
    expect(out.write('stdout', '123456')).toBe(true);
    expect(out.write('stderr', 'abcdefgh')).toBe(false);
    expect(out.stdout).toBe('123456');
    expect(out.stderr).toBe('abcd');
    expect(out.truncated).toBe(true);
    expect(out.full).toBe(true);
    out.write('stdout', 'more');
    expect(out.stdout).toBe('123456');
  });

  it('holds 10 MB of output to the cap', () => {
    const out = new OutputCollector(64 * 1024);
    const chunk = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 10; i++) out.write('stdout', chunk);
    expect(out.stdout.length).toBe(64 * 1024);
    expect(out.truncated).toBe(true);
  });
});
