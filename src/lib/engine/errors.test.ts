import { describe, expect, test } from 'vitest';
import { httpFailureMessage, sentence, withDetail } from './errors';

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

describe('httpFailureMessage', () => {
  const url = 'https://huggingface.co/org/repo/resolve/main/model.gguf?download=true';

  test('says what happened in words and where, without scheme or query', () => {
    expect(httpFailureMessage(404, url)).toMatch(
      /^The model file was not found at huggingface\.co\/org\/repo\/resolve\/main\/model\.gguf \(HTTP 404\)\. /,
    );
    expect(httpFailureMessage(401, url)).toMatch(/refused access .*\(HTTP 401\).*private/);
    expect(httpFailureMessage(403, url)).toMatch(/refused access .*\(HTTP 403\)/);
    expect(httpFailureMessage(502, url)).toMatch(
      /^The server at huggingface\.co failed while sending .*\(HTTP 502\)\. Try again later/,
    );
    expect(httpFailureMessage(429, url)).toMatch(/limiting requests \(HTTP 429\)/);
    expect(httpFailureMessage(418, url)).toBe(
      'The server answered HTTP 418 for huggingface.co/org/repo/resolve/main/model.gguf.',
    );
  });

  test('every message is one or more sentences ending in a single full stop', () => {
    for (const status of [401, 403, 404, 410, 429, 500, 503, 418]) {
      const message = httpFailureMessage(status, url);
      expect(message).toMatch(/[^.]\.$/);
    }
  });
});
