import { describe, expect, it } from 'vitest';
import { normaliseBaseUrl, parseModelList } from './endpoint';
import { isLocalNetworkUrl, recogniseServer } from './known-servers';
import { retryAfterMs, serverErrorText } from './remote-errors';

describe('normaliseBaseUrl', () => {
  it.each([
    ['http://localhost:11434', 'http://localhost:11434/v1'],
    ['http://localhost:11434/', 'http://localhost:11434/v1'],
    ['http://localhost:8000/v1/', 'http://localhost:8000/v1'],
    ['https://api.example.com/v1/chat/completions', 'https://api.example.com/v1'],
    ['https://host/openai/v1/models', 'https://host/openai/v1'],
    ['  http://127.0.0.1:1234/v1  ', 'http://127.0.0.1:1234/v1'],
    ['localhost:11434', 'http://localhost:11434/v1'],
    ['gpu-box:8000/v1', 'http://gpu-box:8000/v1'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseBaseUrl(input)).toBe(expected);
  });

  it.each([
    ['not an address', /not a web address/],
    ['ftp://host/v1', /not an http/],
    ['javascript:alert(1)', /not an http/],
    ['http://user:sk-key@host/v1', /API key in its own field/],
  ])('refuses %s', (input, message) => {
    expect(() => normaliseBaseUrl(input)).toThrow(message);
  });
});

describe('parseModelList', () => {
  it("reads OpenAI lists and Ollama's older form, skipping rows without a name", () => {
    expect(
      parseModelList('{"data":[{"id":"a","owned_by":"vllm"},{"id":"b","owned_by":"vllm"},{}]}'),
    ).toEqual({
      ids: ['a', 'b'],
      ownedBy: ['vllm'],
    });
    expect(parseModelList('{"models":[{"name":"qwen3:4b"}]}').ids).toEqual(['qwen3:4b']);
  });

  it('says what is wrong with an answer that is not a model list', () => {
    expect(() => parseModelList('<html>login</html>')).toThrow(/not JSON/);
    expect(() => parseModelList('{"object":"list"}')).toThrow(/no "data" array/);
  });
});

describe('recogniseServer', () => {
  it('trusts owned_by first, then the usual port', () => {
    expect(recogniseServer('http://gpu-box:9999/v1', ['vllm'])).toBe('vllm');
    expect(recogniseServer('http://localhost:8080/v1', ['llamacpp'])).toBe('llama.cpp');
    expect(recogniseServer('http://localhost:11434/v1')).toBe('ollama');
    expect(recogniseServer('http://localhost:1234/v1')).toBe('lmstudio');
    expect(recogniseServer('https://api.example.com/v1')).toBe('unknown');
  });
});

describe('isLocalNetworkUrl', () => {
  it.each([
    ['http://localhost:11434', true],
    ['http://127.0.0.1:8000', true],
    ['http://192.168.1.20:8000', true],
    ['http://172.20.0.2', true],
    ['http://[::1]:8080', true],
    ['http://gpu.local:8000', true],
    ['https://api.example.com', false],
    ['http://172.32.0.1', false],
  ])('%s → %s', (url, local) => {
    expect(isLocalNetworkUrl(url)).toBe(local);
  });
});

describe('retryAfterMs and serverErrorText', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(retryAfterMs('5', now)).toBe(5000);
    expect(retryAfterMs('Tue, 01 Dec 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });

  it('finds the message in the error shapes servers send', () => {
    expect(serverErrorText('{"error":{"message":"bad key"}}')).toBe('bad key');
    expect(serverErrorText('{"error":"model not found"}')).toBe('model not found');
    expect(serverErrorText('{"detail":"Not Found"}')).toBe('Not Found');
    expect(serverErrorText('plain text\n')).toBe('plain text');
  });
});
