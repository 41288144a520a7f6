import { describe, expect, test } from 'vitest';
import { makeRole, presetSide, DEFAULT_ESCALATION_CHECKS } from '../team/presets';
import type { EscalationCheck, ExperimentConfig } from '../team/config';
import { defaultExperiment } from '../team/presets';
import { decodeShareFragment, encodeShareFragment, prepareShareFragment } from './codec';
import { makeEnvelope, type CustomModel } from './schema';
import { protocolDetail } from './summary';

const QWEN = { engine: 'webllm', modelId: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC' } as const;
const REMOTE: CustomModel = {
  id: 'custom:big',
  engine: 'remote',
  modelUrl: 'http://localhost:11434/v1',
  serverModel: 'qwen3:8b',
  label: 'Qwen3 8B (Ollama)',
};

/**
 * Links made by the version before the escalation protocol (default question, Solo against
 * Self-consistency ×5), encoded by that version's code: format 2, and format 1 (the bare
 * experiment). They must keep opening, unchanged.
 */
const OLD_V2 =
  '#x=2.7VTbitxGEP2Vop8S0Ayj2R1ndwgJSUjwwhqc7GIIyRJaUs2oM61qubtl7WQZyD_kIR-UP8mXuKo1d9vgZ-NH1eX0qTqn9KTeqPk0U_jYojcNUlRzjqEPxpGa55l63WGI6UPdEPS1KWsoTVxDrwPEGkH7sjYRywhukQIvtLeuh1tTeO3XUDhP36pMlY4iPjL-b08qmmiREU9LuSgwA6QSA5ep-3fBTAANbVdYU4LdxSg922i_wgjR9SRMftQhFt651Zhhb2KiW2EwS8IKivUZ9edokTS80n6pQVMFrkUpZOz8-iIXDGFTdMZWhpbCY0Xy0sJ5MDHA0iMSlK7lPULlGhyrh012mPQXZLTn2trzIfeJYTbeUok-Qp0idBgjS4_HgVE-_aip7mvXcIE8kbF0LpWLHoJyy9EgMAcGIfLogWdvXWCE96h5NtXx2s4HO1npF_nV1fX_f_-TXz-bfploaDoietjlVtvdohPBO6ZxzFxoJQuyzHd_4ZLpi2QhdpUZNHtlkEinHcm6pjMI3BMwMu1UcLTWvkbPOc5b84azHUVjgYO8WB3rs4n3jefj7hODjiduHCh7hvdw2xF7Q8QL0Lq2s1qua1hJ4boI-VU2mUyE5HSSs_MeNg_DfZYRq-8o9OiZxzC3kHDWyc1aXaCVhHxnqvUuutJxhLmvW6GeKjeZ8s4myk_KVLtwplaGjr4aVwnak0JaGpLuHgtrm13qRmp_7pGm49loMp59P7qhEH1XxtHry0X-7I989OL2B3ktrEPE5qV3Tcu3r351HYslQ8DuzxKgC3JTsiPqmoLlqKDVXi-9busAa2lhiZa8Pxr_Tj8x01S80CUvMdY67iAluoMdwx2f4dErJD6Pvdv2_el4MA64JXKbZ-D72hDLx8aM0LgQ4ZJt4fgY90KnIr7z3u_Ow7LsbBxCwEeGtWvQYQ6DTHP4eugf2H2TmreQW8LJK6QbzLajZ1BphuZL0LDAHnrnq8BJFO9wqJMz3dIRG0XXvlTzyfh6Jn5kR8g_WwAPVuD1809Jx85zcDK-YAn1471bIbELLq4uN2xwLtLNiY3QLkb8MwqG5aNyDf_9O_uArc4qxZO6aZPHZu-xW8r5I8ftA59N9ymYbi_nme--OvXddMK-22zeAg';
const OLD_V1 =
  '#x=1.7VTbjuNEEP2VUj-B5ERxZrLMRAgECLQjzUoLM1oJwQi17UrcpN3l7W6vJ0SR-Ace-CD-hC-hqp07i8Tzah9dl9On6pzyRr1DHww5Nc8z9bbDENOHunPQ16asoTRxDb0OEGsE7cvaRCwj0CIFXmlvqYd7U3jt11CQd1-qTJXkIj5HNf9po6KJFhnxvJSLAnKRKzFwmXr8N5gJoKHtCmtKsPuYS8822q8wQqTeCZNvdYiFJ1qNGfYuJroVBrN0WEGxvqD-Ei06DW-0X2rQrgJqUQoZO7-9ygVD2BSdsZVxS-GxcvLSgjyYGGDpER2U1LbooaIGx-ppmx0n_QEZ7aW29nLIQ2KYjbdUoo9Qp4g7jpGlx-PAKJ_-r6kea2q4QJ7IWDpK5aKHoNxzNAjMkUGIPHrg2VsKjPAeNS-mOl3b5WBnK_0kv7m5_fv3P_LbF9NPEw3tToged7nTdr_oRPCBaZwyF1rJgizzw2-4ZPoiWYhdZQbN3hh0TqcdybqmMwjcEzAy7VRwsta-Rs85zlvzjrOdi8YCB3mxOtYXEx8aL8c9JAYdz9w4UPYM7-G-c-wNES9AS21ntVzXsJKCugj5TTaZTITkdJKz8562T5nC55b3hNVXLvTomccwt5AgS2q-UVYXaCUh35lqPUUqiSPMfd0K9VS5zZQnmyhvlKn24UytjDv5aqgStI1CtzROunssrG32qTup_b5HNx3PRpPx7OvRnQvRd2Ucvb1e5C9-yUev7r-R18I6RGxee2pavn31I3UslgwB-z9LgC7ITcmOXNcULEcFrfZ66XVbB1hLC0u05P258c_uO2aaihe65CXGWsc9pET3sGN44DM8ecWJz2NPu75fiQfjAC2R2zwDP9bGsXxszAgNhQjXbAviYzwInYr4znu_Pw_LsrNxHAI-M6xdgw5zGGSaw-dD_8Dui9S8g9wRTl5xusFsN3oGlWZovgQNC-yhJ18FTqJ4h0OdnOmOjtgoUvtazSfj25n4kR0h_2wBPFqB188_JR07z8HJ-Iol1M-PtELHLri6ud6ywblIN2c2QrsY8c8oGJbPlWv468_Zf9jqolI8qZs2eWz2HrulnD9x3CHw0XQfgukOcl747rNz300n7LvtPw';

/** What the old links hold. */
function oldExperiment(): ExperimentConfig {
  return { ...defaultExperiment(QWEN), team: presetSide('self-consistency', QWEN) };
}

function escalationExperiment(
  check: EscalationCheck = DEFAULT_ESCALATION_CHECKS.critic,
): ExperimentConfig {
  const team = presetSide('escalation', {
    default: QWEN,
    large: { engine: 'remote', modelId: REMOTE.id },
  });
  team.protocol = { type: 'escalation', check };
  if (check.kind === 'critic') team.roles.push(makeRole('critic', QWEN));
  return { ...defaultExperiment(QWEN), team };
}

describe('escalation in share links', () => {
  test.each(Object.values(DEFAULT_ESCALATION_CHECKS))(
    'a side with the %o check and a remote large model round-trips',
    (check) => {
      const envelope = makeEnvelope(escalationExperiment(check), [REMOTE]);
      const prepared = prepareShareFragment(envelope);
      if (!prepared.ok) throw new Error(prepared.error.message);
      const decoded = decodeShareFragment(prepared.fragment);
      expect(decoded.ok && decoded.envelope).toStrictEqual(envelope);
      expect(decoded.ok && decoded.envelope.experiment.team.protocol).toEqual({
        type: 'escalation',
        check,
      });
    },
  );

  test('a threshold above the samples is refused with the reason', () => {
    const envelope = makeEnvelope(
      escalationExperiment({ kind: 'agreement', samples: 3, threshold: 5 }),
      [REMOTE],
    );
    const decoded = decodeShareFragment(encodeShareFragment(envelope));
    expect(decoded.ok || decoded.error.details).toEqual([
      'Team: The agreement threshold must be a whole number from 1 to 3.',
    ]);
  });

  test('an unknown check kind is refused', () => {
    const experiment = escalationExperiment();
    (experiment.team.protocol as { check: unknown }).check = { kind: 'vibes' };
    const decoded = decodeShareFragment(encodeShareFragment(makeEnvelope(experiment, [REMOTE])));
    expect(decoded.ok).toBe(false);
    expect(decoded.ok || decoded.error.message).toMatch(/check › kind/);
  });

  test('the link summary says when it escalates', () => {
    expect(
      protocolDetail({
        type: 'escalation',
        check: { kind: 'agreement', samples: 5, threshold: 3 },
      }),
    ).toBe('escalates below 3 of 5 samples agreeing');
    expect(
      protocolDetail({ type: 'escalation', check: { kind: 'format', format: 'number' } }),
    ).toBe('escalates when the answer is not a number');
  });
});

describe('links made before the escalation protocol', () => {
  test('a format-2 link still opens, unchanged', () => {
    const decoded = decodeShareFragment(OLD_V2);
    if (!decoded.ok) throw new Error(decoded.error.message);
    expect(decoded.warnings).toEqual([]);
    expect(decoded.envelope.experiment.team.protocol).toEqual({
      type: 'self-consistency',
      samples: 5,
    });
    expect(decoded.envelope).toStrictEqual(makeEnvelope(oldExperiment()));
  });

  test('a format-1 link still opens, upgraded', () => {
    const decoded = decodeShareFragment(OLD_V1);
    if (!decoded.ok) throw new Error(decoded.error.message);
    expect(decoded.warnings).toEqual([
      'This link was made by an older version (format 1) and was upgraded.',
    ]);
    expect(decoded.envelope).toStrictEqual(makeEnvelope(oldExperiment()));
  });
});
