import { describe, expect, test } from 'vitest';
import { parseWebLLMProgress } from './webllm-progress';

describe('parseWebLLMProgress', () => {
  test('a download step gives the download phase and byte counts', () => {
    const p = parseWebLLMProgress({
      progress: 0.25,
      text: 'Fetching param cache[3/24]: 100MB fetched. 25% completed, 4 secs elapsed. It can take a while',
    });
    expect(p).toMatchObject({ phase: 'download', fraction: 0.25, loadedBytes: 100 * 1024 * 1024 });
    expect(p.totalBytes).toBe(400 * 1024 * 1024);
  });

  test('reading from cache and compiling shaders are told apart', () => {
    expect(
      parseWebLLMProgress({
        progress: 0.5,
        text: 'Loading model from cache[1/2]: 5MB loaded. 50% completed',
      }).phase,
    ).toBe('cache');
    expect(
      parseWebLLMProgress({ progress: 0.9, text: 'Loading GPU shader modules[5/60]: 8% completed' })
        .phase,
    ).toBe('compile');
    expect(
      parseWebLLMProgress({ progress: 1, text: 'Finish loading on WebGPU - google' }),
    ).toMatchObject({
      phase: 'init',
      loadedBytes: null,
      totalBytes: null,
    });
  });

  test('a nonsense fraction is clamped, never NaN', () => {
    expect(parseWebLLMProgress({ progress: Number.NaN, text: '' }).fraction).toBe(0);
    expect(parseWebLLMProgress({ progress: 7, text: '' }).fraction).toBe(1);
  });
});
