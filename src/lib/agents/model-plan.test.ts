import { describe, expect, test } from 'vitest';
import type { CatalogModel } from '../catalog/types';
import { defaultExperiment, presetSide } from '../team/presets';
import { estimateTokens } from '../team/context-budget';
import type { ExperimentConfig } from '../team/config';
import {
  contextWarnings,
  memoryVerdict,
  planModels,
  secondCopyVerdict,
  sharedBySides,
  withSecondCopies,
} from './model-plan';

const model = (id: string, vramMB: number, downloadMB: number): CatalogModel => ({
  id,
  label: id,
  engine: 'webllm',
  paramsB: 1,
  variants: [
    {
      modelId: `${id}-q4f16_1-MLC`,
      quantization: 'q4f16_1',
      needsF16: true,
      vramMB,
      downloadMB,
      contextWindow: 4096,
      modelUrl: '',
    },
  ],
});

const catalog = [model('small', 1000, 300), model('big', 3000, 900)];
const ref = (id: string) => ({ engine: 'webllm' as const, modelId: `${id}-q4f16_1-MLC` });

describe('planModels', () => {
  test('agents sharing a model count it once', () => {
    const plan = planModels(defaultExperiment(ref('small')), catalog);
    expect(plan.agents).toBe(4);
    expect(plan.models).toHaveLength(1);
    expect(plan.totalVramMB).toBe(1000);
    expect(plan.totalDownloadMB).toBe(300);
    expect(plan.models[0]?.usedBy).toEqual([
      'Solo › Solo',
      'Team › Reasoner',
      'Team › Critic',
      'Team › Answerer',
    ]);
  });

  test('distinct models add up, unknown ones are listed', () => {
    const config = {
      ...defaultExperiment(ref('small')),
      team: presetSide('critic-loop', ref('big')),
    };
    const plan = planModels(config, catalog);
    expect(plan.models.map((m) => m.model.id)).toEqual(['small', 'big']);
    expect(plan.totalVramMB).toBe(4000);
    const lost = planModels(defaultExperiment(ref('gone')), catalog);
    expect(lost.unknown).toEqual([ref('gone')]);
    expect(lost.models).toHaveLength(0);
  });
});

describe('memoryVerdict', () => {
  test('fits within the laptop budget', () => {
    const plan = planModels(defaultExperiment(ref('small')), catalog);
    expect(memoryVerdict(plan, undefined)).toMatchObject({ fits: true, budgetMB: 4608 });
  });

  test('a device with little memory gets a warning with a suggestion', () => {
    const config = {
      ...defaultExperiment(ref('small')),
      team: presetSide('critic-loop', ref('big')),
    };
    const verdict = memoryVerdict(planModels(config, catalog), 4);
    expect(verdict.fits).toBe(false);
    expect(verdict.budgetMB).toBe(2048);
    expect(verdict.message).toMatch(/Use one model for every role/);
  });
});

describe('unknown sizes', () => {
  const custom: CatalogModel = {
    id: 'custom:mine',
    label: 'mine',
    engine: 'webllm',
    paramsB: null,
    custom: { source: 'url', hosts: ['h.example'] },
    variants: [
      {
        modelId: 'custom:mine',
        quantization: 'other',
        needsF16: false,
        vramMB: null,
        downloadMB: null,
        contextWindow: 4096,
        modelUrl: 'https://h.example/w/',
      },
    ],
  };
  const mine = { engine: 'webllm' as const, modelId: 'custom:mine' };

  test('a model of unknown size is listed, not counted as 0', () => {
    const config = { ...defaultExperiment(ref('small')), team: presetSide('solo', mine) };
    const plan = planModels(config, [...catalog, custom]);
    expect(plan.totalDownloadMB).toBe(300);
    expect(plan.totalVramMB).toBe(1000);
    expect(plan.unknownDownload).toEqual(['custom:mine']);
    expect(plan.unknownMemory).toEqual(['custom:mine']);
  });

  test('the memory verdict says "unknown" instead of "0.0 GB"', () => {
    const verdict = memoryVerdict(planModels(defaultExperiment(mine), [custom]), undefined);
    expect(verdict.message).not.toMatch(/0\.0 GB/);
    expect(verdict.message).toMatch(/custom:mine: size unknown/);
  });

  test('a setup on the CPU only needs no GPU memory, and a GGUF model of unknown memory says so', () => {
    const gguf: CatalogModel = {
      ...custom,
      id: 'custom:g',
      engine: 'wllama',
      variants: [{ ...custom.variants[0]!, modelId: 'custom:g', vramMB: 0, downloadMB: 324 }],
    };
    const g = { engine: 'wllama' as const, modelId: 'custom:g' };
    const plan = planModels(defaultExperiment(g), [gguf]);
    expect(plan.totalDownloadMB).toBe(324);
    expect(plan.unknownDownload).toEqual([]);
    const verdict = memoryVerdict(plan, undefined);
    expect(verdict.fits).toBe(true);
    expect(verdict.message).not.toMatch(/0\.0 GB/);
    expect(verdict.message).toMatch(
      /^Runs on the CPU: no GPU memory needed\..*custom:g: size unknown/,
    );
  });
});

describe('second copy', () => {
  test('the Team gets its own copy of a model Solo uses: memory doubles, the download does not', () => {
    const plan = planModels(defaultExperiment(ref('small')), catalog);
    expect(sharedBySides(plan).map((m) => m.model.id)).toEqual(['small']);
    const copies = withSecondCopies(plan);
    expect(copies.models.map((m) => [m.model.id, m.copy ?? 1, m.usedBy.length])).toEqual([
      ['small', 1, 1],
      ['small', 2, 3],
    ]);
    expect(copies.totalVramMB).toBe(2000);
    expect(copies.totalDownloadMB).toBe(300);
    expect(sharedBySides(copies)).toEqual([]);
  });

  test('a model only one side uses is not copied', () => {
    const config = {
      ...defaultExperiment(ref('small')),
      team: presetSide('critic-loop', ref('big')),
    };
    const plan = planModels(config, catalog);
    expect(sharedBySides(plan)).toEqual([]);
    expect(withSecondCopies(plan)).toBe(plan);
    expect(secondCopyVerdict(plan, undefined).fits).toBe(false);
  });

  test('offered when the doubled memory fits the budget, refused with the figures when not', () => {
    const small = planModels(defaultExperiment(ref('small')), catalog);
    expect(secondCopyVerdict(small, undefined)).toMatchObject({ fits: true, extraMB: 1000 });
    expect(secondCopyVerdict(small, undefined).message).toBe('Takes about 1.0 GB more memory.');
    const big = planModels(defaultExperiment(ref('big')), catalog);
    const refused = secondCopyVerdict(big, undefined);
    expect(refused.fits).toBe(false);
    expect(refused.message).toMatch(/needs about 2\.9 GB more memory, beyond the ~4\.5 GB/);
    // A 2 GB device (1 GB for the GPU) holds one copy of the small model, not two.
    expect(memoryVerdict(small, 2).fits).toBe(true);
    expect(secondCopyVerdict(small, 2).fits).toBe(false);
  });

  test('CPU models are checked against the RAM the browser reports', () => {
    const cpu: CatalogModel = {
      id: 'cpu',
      label: 'cpu',
      engine: 'wllama',
      paramsB: 1,
      variants: [
        {
          modelId: 'cpu-q4',
          quantization: 'Q4_K_M',
          needsF16: false,
          vramMB: 0,
          ramMB: 1500,
          downloadMB: 900,
          contextWindow: 4096,
          modelUrl: 'x.gguf',
        },
      ],
    };
    const plan = planModels(defaultExperiment({ engine: 'wllama', modelId: 'cpu-q4' }), [cpu]);
    expect(secondCopyVerdict(plan, 8)).toMatchObject({ fits: true, extraMB: 1500 });
    expect(secondCopyVerdict(plan, 4).message).toMatch(/beyond the ~2\.0 GB of RAM/);
    expect(secondCopyVerdict(plan, undefined).fits).toBe(true);
  });
});

describe('contextWarnings', () => {
  /** A catalog model with the given context window. */
  const windowed = (id: string, contextWindow: number): CatalogModel => {
    const base = model(id, 500, 100);
    return { ...base, variants: [{ ...base.variants[0]!, contextWindow }] };
  };
  const sidesOf = (config: ExperimentConfig) => [
    { label: 'Solo', side: config.solo },
    { label: 'Team', side: config.team },
  ];
  const inputOf = (config: ExperimentConfig) => ({
    question: config.question,
    ...(config.context ? { context: config.context } : {}),
  });
  const warningsFor = (window: number, edit: (c: ExperimentConfig) => void = () => {}) => {
    const config = defaultExperiment(ref('w'));
    edit(config);
    return contextWarnings(sidesOf(config), inputOf(config), [windowed('w', window)]);
  };

  test('a large window gives no warning', () => {
    expect(warningsFor(32_768)).toEqual([]);
  });

  test("a critic loop whose rounds outgrow the reasoner's window is warned about, once", () => {
    const warnings = warningsFor(2048);
    const reasoner = warnings.filter((w) => w.message.startsWith('Team › Reasoner'));
    expect(reasoner).toHaveLength(1);
    expect(reasoner[0]?.level).toBe('trimmed');
    expect(reasoner[0]?.message).toMatch(
      /^Team › Reasoner: at worst a call needs about [\d,]+ tokens with its 512-token reply \(2 rounds of drafts and feedback\), more than w-q4f16_1-MLC's 2,048-token window: older rounds will be shortened or dropped to fit\.$/,
    );
    // Solo's one call (prompt, question, reply) fits: no warning for it.
    expect(warnings.some((w) => w.message.startsWith('Solo'))).toBe(false);
  });

  test('more rounds need more room: the worst case grows with maxRounds', () => {
    const tokens = (rounds: number) => {
      const [w] = warningsFor(2048, (c) => {
        c.team.protocol = { type: 'critic-loop', maxRounds: rounds };
      }).filter((x) => x.message.startsWith('Team › Reasoner'));
      return Number(/about ([\d,]+) tokens/.exec(w?.message ?? '')?.[1]?.replace(/,/g, ''));
    };
    expect(tokens(4)).toBeGreaterThan(tokens(2));
    // Each extra round adds a draft (512 tokens) and feedback (160) at least.
    expect(tokens(4) - tokens(2)).toBeGreaterThanOrEqual(2 * (512 + 160));
  });

  test('a question too long for a window, with its reply, cannot fit: said per role', () => {
    const warnings = warningsFor(1024, (c) => {
      c.question = 'word '.repeat(400);
    });
    const solo = warnings.find((w) => w.message.startsWith('Solo › '));
    expect(solo?.level).toBe('cannot-fit');
    expect(solo?.message).toMatch(
      /^Solo › Solo's context window \(1,024 tokens\) cannot hold its prompt and the question \(about [\d,]+ tokens\) plus a 384-token reply\./,
    );
    // The minimum counts the question: at least the question's own estimate.
    const minimum = Number(
      /about ([\d,]+) tokens/.exec(solo?.message ?? '')?.[1]?.replace(/,/g, ''),
    );
    expect(minimum).toBeGreaterThan(estimateTokens('word '.repeat(400)));
  });

  test('models the catalog does not know are left to the unknown-model check', () => {
    const config = defaultExperiment({ engine: 'webllm', modelId: 'gone' });
    expect(contextWarnings(sidesOf(config), inputOf(config), [])).toEqual([]);
  });
});
