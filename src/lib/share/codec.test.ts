import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, test } from 'vitest';
import type { ExperimentConfig } from '../team/config';
import { PROMPTS, defaultExperiment, makeRole } from '../team/presets';
import { toBase64Url } from './base64url';
import {
  MAX_FRAGMENT_CHARS,
  buildShareUrl,
  decodeShareFragment,
  decodeShareUrl,
  encodeShareFragment,
  isShareFragment,
  prepareShareFragment,
} from './codec';
import type { ShareErrorCode, ShareResult } from './errors';
import { makeEnvelope, type ShareEnvelope } from './schema';
import { PROTOCOL_TYPES, Rng, randomEnvelope, randomText } from './testing/random-experiment';

const QWEN = { engine: 'webllm', modelId: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC' } as const;
const CUT_OFF = "The link's data is cut off: it may have been truncated when copied.";

/** A fragment holding any JSON text, the way the encoder packs it. */
const packText = (json: string, format = 2) =>
  `#x=${format}.${toBase64Url(deflateSync(strToU8(json), { level: 9 }))}`;
const pack = (data: unknown, format = 2) => packText(JSON.stringify(data), format);

function expectError(result: ShareResult, code: ShareErrorCode, message?: RegExp | string) {
  if (result.ok) throw new Error(`expected ${code}, but the link decoded`);
  expect(result.error.code).toBe(code);
  expect(result.error.details[0]).toBeTruthy();
  if (typeof message === 'string') expect(result.error.message).toBe(message);
  else if (message) expect(result.error.message).toMatch(message);
  return result.error;
}

function expectOk(result: ShareResult): ShareEnvelope {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.envelope;
}

/** The default experiment as raw JSON data, for corrupting. */
const rawDefault = () =>
  JSON.parse(JSON.stringify(makeEnvelope(defaultExperiment(QWEN)))) as {
    v: number;
    experiment: Record<string, unknown> & {
      team: { roles: Record<string, unknown>[]; protocol: Record<string, unknown> };
      solo: Record<string, unknown>;
    };
    customModels?: unknown[];
  };

describe('round trip', () => {
  test('decode(encode(x)) equals x over many generated experiments', () => {
    const seen = new Set<string>();
    let withCustom = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const type = PROTOCOL_TYPES[seed % PROTOCOL_TYPES.length];
      const envelope = randomEnvelope(seed, type);
      const fragment = encodeShareFragment(envelope);
      expect(fragment.length).toBeLessThanOrEqual(MAX_FRAGMENT_CHARS);
      expect(fragment).toMatch(/^#x=2\.[A-Za-z0-9_-]+$/);
      const decoded = expectOk(decodeShareFragment(fragment));
      expect(decoded, `seed ${seed}`).toStrictEqual(envelope);
      seen.add(envelope.experiment.team.protocol.type);
      if (envelope.customModels) withCustom++;
    }
    expect(seen.size).toBe(PROTOCOL_TYPES.length);
    expect(withCustom).toBeGreaterThan(50);
  });

  test('the default experiment survives, with the same fragment every time', () => {
    const envelope = makeEnvelope(defaultExperiment(QWEN));
    const fragment = encodeShareFragment(envelope);
    expect(encodeShareFragment(envelope)).toBe(fragment);
    const result = decodeShareFragment(fragment);
    expect(expectOk(result)).toStrictEqual(envelope);
    expect(result.ok && result.warnings).toEqual([]);
  });

  test('strings with markup are data: accepted and returned unchanged', () => {
    const experiment = defaultExperiment(QWEN);
    experiment.question = '<script>alert(document.cookie)</script> In which city? "</textarea>';
    experiment.expectedAnswer = '<img src=x onerror=alert(1)>';
    experiment.team.roles[0]!.systemPrompt = 'javascript:alert(1) ${x} {{x}} <!-- -->';
    experiment.team.label = '<b>Team</b>';
    const envelope = makeEnvelope(experiment);
    expect(expectOk(decodeShareFragment(encodeShareFragment(envelope)))).toStrictEqual(envelope);
  });

  test('accepts the hash with or without #, and whole pasted URLs', () => {
    const envelope = makeEnvelope(defaultExperiment(QWEN));
    const fragment = encodeShareFragment(envelope);
    expectOk(decodeShareFragment(fragment.slice(1)));
    expect(isShareFragment(fragment)).toBe(true);
    expect(isShareFragment('#about')).toBe(false);
    const url = buildShareUrl('https://example.org/playground/?lang=en#old-section', envelope);
    expect(url).toBe(`https://example.org/playground/?lang=en${fragment}`);
    expect(expectOk(decodeShareUrl(url))).toStrictEqual(envelope);
    expectError(decodeShareUrl('https://example.org/playground/'), 'not-a-share-link');
  });
});

describe('link length', () => {
  test('the default experiment fits in under 2,000 characters', () => {
    const url = buildShareUrl('https://example.org/', makeEnvelope(defaultExperiment(QWEN)));
    const fragment = encodeShareFragment(makeEnvelope(defaultExperiment(QWEN)));
    console.log(`default experiment: fragment ${fragment.length} chars, URL ${url.length} chars`);
    expect(fragment.length).toBeLessThan(2_000);
  });

  test('a large team (8 generators with long prompts) still makes a link', () => {
    const rng = new Rng(42);
    const experiment: ExperimentConfig = defaultExperiment(QWEN);
    const generators = Array.from({ length: 8 }, (_, i) =>
      makeRole('generator', QWEN, {
        id: `generator-${i + 1}`,
        name: `Generator ${i + 1}`,
        systemPrompt: `${PROMPTS.generator}\nPersona: ${randomText(rng, 1_500)}`,
        seed: i + 1,
      }),
    );
    experiment.team = {
      label: 'Generators + Judge',
      protocol: { type: 'generators-judge', generators: 8, layers: 2 },
      roles: [...generators, makeRole('judge', QWEN)],
    };
    const envelope = makeEnvelope(experiment);
    const prepared = prepareShareFragment(envelope);
    if (!prepared.ok) throw new Error(prepared.error.message);
    console.log(
      `large team (8 generators, ~1,700-char prompts): fragment ${prepared.fragment.length} chars,` +
        ` JSON ${JSON.stringify(envelope).length} chars`,
    );
    expect(prepared.fragment.length).toBeLessThan(MAX_FRAGMENT_CHARS);
    expect(expectOk(decodeShareFragment(prepared.fragment))).toStrictEqual(envelope);
  });
});

describe('bad links', () => {
  const good = encodeShareFragment(makeEnvelope(defaultExperiment(QWEN)));

  test('an empty fragment is not a share link', () => {
    for (const hash of ['', '#'])
      expectError(decodeShareFragment(hash), 'not-a-share-link', /nothing after the #/);
  });

  test('another fragment is not a share link, and says which', () => {
    expectError(decodeShareFragment('#section'), 'not-a-share-link', /"#section".*#x=/);
    expectError(decodeShareFragment('#y=2.abc'), 'not-a-share-link');
  });

  test('malformed base64 names the bad character', () => {
    expectError(decodeShareFragment('#x=2.@@@'), 'bad-encoding', /"@" \(character 1\)/);
    expectError(decodeShareFragment(`${good.slice(0, 20)} ${good.slice(20)}`), 'bad-encoding');
    expectError(decodeShareFragment(`${good}%20`), 'bad-encoding', /"%"/);
  });

  test('a missing or malformed format number', () => {
    expectError(decodeShareFragment('#x=abc.AAAA'), 'bad-encoding', /format number/);
    expectError(decodeShareFragment('#x=.AAAA'), 'bad-encoding', /format number/);
    expectError(decodeShareFragment('#x=2'), 'truncated', CUT_OFF);
    expectError(decodeShareFragment('#x=2.'), 'truncated', CUT_OFF);
  });

  test('a format this version does not read', () => {
    const newer = `#x=9.${good.slice('#x=2.'.length)}`;
    expectError(decodeShareFragment(newer), 'unsupported-version', /format 9.*newer/);
    expectError(decodeShareFragment('#x=0.AAAA'), 'unsupported-version', /formats 1 and 2/);
    expectError(decodeShareFragment(pack({ ...rawDefault(), v: 3 })), 'unsupported-version');
    expectError(decodeShareFragment(pack({ v: '2' })), 'unsupported-version');
  });

  test('a link cut in half, or anywhere, is truncated', () => {
    expectError(
      decodeShareFragment(good.slice(0, Math.floor(good.length / 2))),
      'truncated',
      CUT_OFF,
    );
    const start = '#x=2.'.length + 1;
    for (let end = start; end < good.length - 1; end += 3)
      expectError(decodeShareFragment(good.slice(0, end)), 'truncated', CUT_OFF);
  });

  test('a huge fragment is refused before it is read', () => {
    const huge = `#x=2.${'A'.repeat(MAX_FRAGMENT_CHARS)}`;
    expectError(decodeShareFragment(huge), 'too-large', /65,540 characters.*at most 65,536/);
  });

  test('a deflate bomb is stopped at 256 KB', () => {
    const json = `{"v":2,"experiment":{"question":"${'a'.repeat(4 * 1024 * 1024)}"}}`;
    const bomb = packText(json);
    expect(bomb.length).toBeLessThan(MAX_FRAGMENT_CHARS);
    const started = performance.now();
    expectError(decodeShareFragment(bomb), 'too-large', /more than 256 KB/);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  test('damaged compressed data', () => {
    const invalidBlock = `#x=2.${toBase64Url(new Uint8Array([0xff, 0xff, 0xff, 0xff]))}`;
    expectError(decodeShareFragment(invalidBlock), 'bad-encoding', /damaged/);
  });

  test('data that unpacks but is not JSON', () => {
    expectError(decodeShareFragment(packText('hello, world')), 'bad-json', /not valid JSON/);
    expectError(decodeShareFragment(packText('{"v":2,')), 'bad-json', /not valid JSON/);
    const notUtf8 = `#x=2.${toBase64Url(deflateSync(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))}`;
    expectError(decodeShareFragment(notUtf8), 'bad-json', /UTF-8/);
  });

  test('JSON that is not an experiment', () => {
    expectError(decodeShareFragment(pack([1, 2])), 'invalid-config', /got a list/);
    expectError(decodeShareFragment(pack('text')), 'invalid-config', /expected an object/);
    expectError(decodeShareFragment(pack({ hello: 1 })), 'invalid-config', /no "v" or "version"/);
  });

  test('a temperature given as text', () => {
    const raw = rawDefault();
    raw.experiment.team.roles[0]!.temperature = '0.7';
    expectError(
      decodeShareFragment(pack(raw)),
      'invalid-config',
      'Team › roles › 1 › temperature: must be a number (got text "0.7")',
    );
  });

  test('a temperature out of range', () => {
    const raw = rawDefault();
    raw.experiment.team.roles[1]!.temperature = 9;
    expectError(
      decodeShareFragment(pack(raw)),
      'invalid-config',
      'Team › roles › 2 › temperature: must be at most 2 (got 9)',
    );
  });

  test("a link made before the thinking switch (roles without 'thinking') still opens", () => {
    const raw = rawDefault();
    for (const role of raw.experiment.team.roles) expect(role).not.toHaveProperty('thinking');
    const decoded = expectOk(decodeShareFragment(pack(raw)));
    expect(decoded.experiment.team.roles.length).toBeGreaterThan(0);
    for (const role of decoded.experiment.team.roles) expect(role).not.toHaveProperty('thinking');
  });

  test("a role's thinking switch survives the round trip", () => {
    const envelope = makeEnvelope(defaultExperiment(QWEN));
    const [first, second] = envelope.experiment.team.roles;
    if (!first || !second) throw new Error('the default team has two roles or more');
    first.thinking = 'off';
    second.thinking = 'on';
    const decoded = expectOk(decodeShareFragment(encodeShareFragment(envelope)));
    expect(decoded).toStrictEqual(envelope);
    expect(decoded.experiment.team.roles.slice(0, 2).map((r) => r.thinking)).toEqual(['off', 'on']);
  });

  test('a thinking switch other than on or off is refused', () => {
    const raw = rawDefault();
    raw.experiment.team.roles[0]!.thinking = 'maybe';
    const error = expectError(decodeShareFragment(pack(raw)), 'invalid-config');
    expect(error.message).toMatch(/^Team › roles › 1 › thinking: /);
    expect(error.message).toContain('"maybe"');
  });

  test('missing roles', () => {
    const raw = rawDefault();
    delete raw.experiment.solo.roles;
    expectError(decodeShareFragment(pack(raw)), 'invalid-config', 'Solo › roles: is missing');
  });

  test('an unknown protocol type', () => {
    const raw = rawDefault();
    raw.experiment.team.protocol = { type: 'debate', rounds: 3 };
    const error = expectError(decodeShareFragment(pack(raw)), 'invalid-config');
    expect(error.message).toBe(
      'Team › protocol › type: must be one of "solo", "tool-agent", "reasoner-answerer", "critic-loop", ' +
        '"generators-judge", "self-consistency", "escalation", "cross-verify", "software-team" (got text "debate")',
    );
  });

  test('several problems are all listed', () => {
    const raw = rawDefault();
    raw.experiment.team.roles[0]!.topP = 0;
    raw.experiment.team.roles[2]!.maxTokens = 1.5;
    raw.experiment.question = 7;
    const error = expectError(decodeShareFragment(pack(raw)), 'invalid-config', /and 2 more/);
    expect(error.details).toEqual([
      'Question: must be text (got 7)',
      'Team › roles › 1 › top-p: must be above 0 (got 0)',
      'Team › roles › 3 › max tokens: must be a whole number (got 1.5)',
    ]);
  });

  test('a role on an unknown custom model', () => {
    const raw = rawDefault();
    raw.experiment.team.roles[0]!.model = { engine: 'webllm', modelId: 'custom:ghost' };
    expectError(
      decodeShareFragment(pack(raw)),
      'invalid-config',
      /^Team › roles › 1 › model › model id: refers to the custom model "custom:ghost", which is not among/,
    );
  });

  test('custom models with javascript: or ftp: URLs', () => {
    for (const [bad, shown] of [
      ['javascript:alert(1)', '"javascript:"'],
      ['ftp://files.example.org/model.gguf', '"ftp:"'],
      ['http://evil.example.org/model.gguf', '"http:"'],
    ] as const) {
      const raw = rawDefault();
      raw.customModels = [{ id: 'custom:m', engine: 'wllama', modelUrl: bad }];
      const error = expectError(decodeShareFragment(pack(raw)), 'invalid-config');
      expect(error.message).toBe(
        `Custom models › 1 › model URL: must be an https: address, or http: on localhost (got ${shown})`,
      );
    }
  });

  test('a semantic problem from validateExperiment', () => {
    const raw = rawDefault();
    raw.experiment.team.roles = raw.experiment.team.roles.filter((r) => r.kind !== 'critic');
    expectError(
      decodeShareFragment(pack(raw)),
      'invalid-config',
      'Team: The critic-loop protocol needs a critic role.',
    );
  });

  test('unknown fields are refused, __proto__ included', () => {
    const raw = rawDefault();
    raw.experiment.team.roles[0]!.colour = 'red';
    expectError(
      decodeShareFragment(pack(raw)),
      'invalid-config',
      'Team › roles › 1 › colour: is not a known field',
    );
    const proto = JSON.stringify(rawDefault()).replace('{"v":2,', '{"v":2,"__proto__":{"x":1},');
    expectError(
      decodeShareFragment(packText(proto)),
      'invalid-config',
      '"__proto__": is not a known field',
    );
  });

  test('a number too large for JSON doubles is not finite', () => {
    const json = JSON.stringify(rawDefault()).replace('"temperature":0.3', '"temperature":1e400');
    expectError(decodeShareFragment(packText(json)), 'invalid-config', /finite.*Infinity/);
  });
});

describe('format 1 links', () => {
  test('a v1 link (the bare experiment) migrates to format 2', () => {
    const experiment = defaultExperiment(QWEN);
    const result = decodeShareFragment(pack(experiment, 1));
    expect(expectOk(result)).toStrictEqual({ v: 2, experiment });
    expect(result.ok && result.warnings).toEqual([
      'This link was made by an older version (format 1) and was upgraded.',
    ]);
  });

  test('v1 links are validated like any other', () => {
    const experiment = { ...defaultExperiment(QWEN), question: 42 };
    expectError(
      decodeShareFragment(pack(experiment, 1)),
      'invalid-config',
      'Question: must be text (got 42)',
    );
  });

  test('the prefix and the data must agree on the format', () => {
    const experiment = defaultExperiment(QWEN);
    expectError(
      decodeShareFragment(pack(experiment, 2)),
      'invalid-config',
      /marked as format 2.*format 1/,
    );
    expectError(decodeShareFragment(pack(makeEnvelope(experiment), 1)), 'invalid-config');
  });
});

describe('prepareShareFragment', () => {
  test('refuses an invalid experiment with the reason', () => {
    const experiment = defaultExperiment(QWEN);
    experiment.question = '  ';
    const result = prepareShareFragment(makeEnvelope(experiment));
    expect(result.ok || result.error).toEqual({
      code: 'invalid-config',
      message: 'The question is empty.',
      details: ['The question is empty.'],
    });
  });

  test('refuses an experiment too large for a link', () => {
    const experiment = defaultExperiment(QWEN);
    const rng = new Rng(7);
    experiment.context = Array.from({ length: 20 }, (_, i) => ({
      title: `Paragraph ${i + 1}`,
      sentences: Array.from({ length: 10 }, () => randomText(rng, 3_000)),
    }));
    const result = prepareShareFragment(makeEnvelope(experiment));
    expect(result.ok || result.error.code).toBe('too-large');
    expect(result.ok || result.error.message).toMatch(/Export it as a file instead/);
  });
});

describe('tools in a link', () => {
  const tools = {
    builtIn: ['calculator', 'lookup'] as ('calculator' | 'lookup')[],
    custom: [
      {
        name: 'get_weather',
        description: 'Weather in a city. <b>bold</b>',
        parameters: {
          type: 'object' as const,
          properties: { city: { type: 'string' as const } },
          required: ['city'],
        },
        reply: { kind: 'javascript' as const, body: 'return fetch("https://evil.example")' },
      },
    ],
    maxSteps: 4,
  };

  test("a role's tools survive the round trip as data", () => {
    const experiment = defaultExperiment(QWEN);
    experiment.team.roles[0]!.tools = tools;
    const envelope = makeEnvelope(experiment);
    expect(expectOk(decodeShareFragment(encodeShareFragment(envelope)))).toStrictEqual(envelope);
  });

  test('malformed tools are refused with the field named', () => {
    const raw = rawDefault();
    raw.experiment.team.roles[0]!['tools'] = { ...tools, builtIn: ['shell'] };
    expectError(decodeShareFragment(pack(raw)), 'invalid-config', /builtIn/);
    raw.experiment.team.roles[0]!['tools'] = {
      ...tools,
      custom: [{ ...tools.custom[0], parameters: { type: 'string' } }],
    };
    expectError(decodeShareFragment(pack(raw)), 'invalid-config', /parameters/);
    raw.experiment.team.roles[0]!['tools'] = { ...tools, maxSteps: 99 };
    expectError(decodeShareFragment(pack(raw)), 'invalid-config', /maxSteps/);
  });
});
