import { describe, expect, test } from 'vitest';
import { sentence, withDetail } from './errors';

describe('sentence', () => {
  test('adds one full stop, never a second', () => {
    expect(sentence('Out of memory')).toBe('Out of memory.');
    expect(sentence('Out of memory.')).toBe('Out of memory.');
    expect(sentence('Out of memory.  ')).toBe('Out of memory.');
  });

  test('keeps other sentence ends, also inside closing quotes or brackets', () => {
    expect(sentence('Is the URL right?')).toBe('Is the URL right?');
    expect(sentence('Stop!')).toBe('Stop!');
    expect(sentence('It said "no."')).toBe('It said "no."');
    expect(sentence('(see the log.)')).toBe('(see the log.)');
    expect(sentence('model is corrupted...')).toBe('model is corrupted...');
  });

  test('a dangling colon or comma becomes the full stop', () => {
    expect(sentence('Failed:')).toBe('Failed.');
    expect(sentence('Failed, ')).toBe('Failed.');
  });
});

describe('withDetail', () => {
  const prefix = "The agent's worker stopped unexpectedly";

  test('a detail that ends in a full stop does not double it', () => {
    expect(withDetail(prefix, 'Out of memory.')).toBe(
      "The agent's worker stopped unexpectedly: Out of memory.",
    );
    expect(withDetail(prefix, 'Out of memory')).toBe(
      "The agent's worker stopped unexpectedly: Out of memory.",
    );
  });

  test('no detail gives the prefix as a sentence', () => {
    expect(withDetail(prefix, '')).toBe("The agent's worker stopped unexpectedly.");
    expect(withDetail(prefix, '   ')).toBe("The agent's worker stopped unexpectedly.");
    expect(withDetail(prefix, undefined)).toBe("The agent's worker stopped unexpectedly.");
    expect(withDetail(prefix, null)).toBe("The agent's worker stopped unexpectedly.");
  });
});
