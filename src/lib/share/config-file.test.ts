import { describe, expect, test } from 'vitest';
import { defaultExperiment } from '../team/presets';
import { decodeShareFragment, encodeShareFragment } from './codec';
import { MAX_CONFIG_FILE_BYTES, configFileName, fromConfigFile, toConfigFile } from './config-file';
import { makeEnvelope } from './schema';
import { randomEnvelope } from './testing/random-experiment';

const QWEN = { engine: 'webllm', modelId: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC' } as const;

describe('config files', () => {
  test('round-trip, and agree with links', () => {
    for (let seed = 1000; seed < 1100; seed++) {
      const envelope = randomEnvelope(seed);
      const result = fromConfigFile(toConfigFile(envelope));
      expect(result.ok && result.envelope, `seed ${seed}`).toStrictEqual(envelope);
      const viaLink = decodeShareFragment(encodeShareFragment(envelope));
      expect(viaLink.ok && viaLink.envelope).toStrictEqual(envelope);
    }
  });

  test('are pretty JSON with the format first', () => {
    const text = toConfigFile(makeEnvelope(defaultExperiment(QWEN)));
    expect(text.startsWith('{\n  "v": 2,\n  "experiment": {\n    "version": 1,')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  test('a byte-order mark is fine; a format 1 file migrates', () => {
    const experiment = defaultExperiment(QWEN);
    const result = fromConfigFile(`\uFEFF${JSON.stringify(experiment)}`);
    expect(result.ok && result.envelope).toStrictEqual({ v: 2, experiment });
    expect(result.ok && result.warnings).toEqual([
      'This file was made by an older version (format 1) and was upgraded.',
    ]);
  });

  test('errors use the link codes', () => {
    const cases: [string, string, RegExp][] = [
      ['', 'bad-json', /The file is empty/],
      ['{"v": 2,', 'bad-json', /^The file is not valid JSON: /],
      ['{"v": 5}', 'unsupported-version', /format 5, made by a newer version/],
      [
        '{"v": 2, "experiment": {}}',
        'invalid-config',
        /^Version: is missing \(and 3 more problems\)$/,
      ],
      [' '.repeat(MAX_CONFIG_FILE_BYTES + 1), 'too-large', /over 1 MB/],
      ['"é"'.repeat(MAX_CONFIG_FILE_BYTES / 4 + 1), 'too-large', /1,025 KB.*at most 1,024 KB/],
    ];
    for (const [text, code, message] of cases) {
      const result = fromConfigFile(text);
      expect(result.ok || result.error.code, text.slice(0, 30)).toBe(code);
      expect(result.ok || result.error.message).toMatch(message);
    }
  });

  test('file names come from the question', () => {
    expect(configFileName(makeEnvelope(defaultExperiment(QWEN)))).toBe(
      'experiment-in-which-city-was-the-architect.json',
    );
    const odd = defaultExperiment(QWEN);
    odd.question = '🧪 ../../Ünïcode?';
    expect(configFileName(makeEnvelope(odd))).toBe('experiment-unicode.json');
    odd.question = '日本語';
    expect(configFileName(makeEnvelope(odd))).toBe('experiment.json');
  });
});
