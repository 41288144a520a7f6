import { describe, expect, test } from 'vitest';
import type { CatalogModel } from '../catalog/types';
import type { GpuSupport } from '../gpu/gpu-support';
import { defaultExperiment } from '../team/presets';
import type { ModelRef } from '../team/config';
import {
  DEFAULT_GPU_BUDGET_MB,
  deviceWarning,
  gpuBudget,
  isPhoneLike,
  readDeviceFacts,
  smallestSuitable,
} from './device-plan';
import { memoryVerdict, planModels } from './model-plan';
import { hardwareGpu, softwareGpu } from '../testing/gpu-fixtures';

const gguf = (id: string, ramMB: number, extra: Partial<CatalogModel> = {}): CatalogModel => ({
  id,
  label: `${id} (Q8_0)`,
  engine: 'wllama',
  paramsB: 1,
  variants: [
    {
      modelId: `${id}-GGUF`,
      quantization: 'Q8_0',
      needsF16: false,
      vramMB: 0,
      downloadMB: ramMB / 2,
      contextWindow: 4096,
      modelUrl: `https://models.example.org/${id}.gguf`,
      ramMB,
    },
  ],
  ...extra,
});
const mlc = (id: string, vramMB: number): CatalogModel => ({
  ...gguf(id, 0),
  engine: 'webllm',
  variants: [{ ...gguf(id, 0).variants[0]!, modelId: `${id}-MLC`, vramMB, ramMB: undefined }],
});

const tinyTest = gguf('tiny-test', 10, { testOnly: true });
const small = gguf('small', 400);
const big = gguf('big', 2500);
const gpuModel = mlc('gpu-model', 1800);
const catalog = [tinyTest, big, small, gpuModel];
const ref = (m: CatalogModel, device?: 'gpu'): ModelRef => ({
  engine: m.engine,
  modelId: m.variants[0]!.modelId,
  ...(device ? { device } : {}),
});
const plan = (r: ModelRef) => planModels(defaultExperiment(r), catalog);

const hardware = hardwareGpu;
const smallGpu: GpuSupport = {
  ...hardware,
  vendor: 'arm',
  architecture: 'valhall',
  maxBufferSize: 256 * 2 ** 20,
  maxStorageBufferBindingSize: 128 * 2 ** 20,
};
const software = softwareGpu;

describe('what the browser says about the device', () => {
  test('deviceMemory and userAgentData.mobile where present; nothing made up where absent', () => {
    const nav = { deviceMemory: 4, userAgentData: { mobile: true } } as unknown as Navigator;
    expect(readDeviceFacts(nav)).toEqual({ deviceMemoryGB: 4, mobile: true });
    expect(readDeviceFacts({} as Navigator)).toEqual({});
    expect(readDeviceFacts(undefined)).toEqual({});
  });

  test('a phone: the browser says mobile, or 4 GB of RAM or less', () => {
    expect(isPhoneLike({ mobile: true })).toBe(true);
    expect(isPhoneLike({ deviceMemoryGB: 4 })).toBe(true);
    expect(isPhoneLike({ deviceMemoryGB: 8, mobile: false })).toBe(false);
    expect(isPhoneLike({})).toBe(false);
  });
});

describe('the GPU budget against the adapter', () => {
  test('a big adapter keeps the laptop budget; half the RAM caps it', () => {
    expect(gpuBudget(undefined, hardware).budgetMB).toBe(DEFAULT_GPU_BUDGET_MB);
    expect(gpuBudget(4, hardware)).toEqual({
      budgetMB: 2048,
      basis: 'half the 4 GB of RAM the browser reports',
    });
  });

  test('an adapter with small buffers gets a budget of four of its largest binding', () => {
    expect(gpuBudget(8, smallGpu)).toEqual({
      budgetMB: 512,
      basis: 'the GPU allows buffers of at most 128 MB, a small GPU',
    });
  });

  test('a GPU model over the small adapter budget does not fit, and the verdict says why', () => {
    const verdict = memoryVerdict(plan(ref(gpuModel)), 8, smallGpu);
    expect(verdict.fits).toBe(false);
    expect(verdict.message).toMatch(
      /^Needs about 1\.8 GB of GPU memory, more than the ~0\.5 GB .*at most 128 MB, a small GPU\)\. Pick a smaller model\.$/,
    );
    expect(memoryVerdict(plan(ref(gpuModel)), 8, hardware).fits).toBe(true);
  });

  test('a GGUF model on the GPU counts against the GPU budget, not RAM', () => {
    const onGpu = plan(ref(big, 'gpu'));
    expect(onGpu.totalVramMB).toBe(2500);
    const verdict = memoryVerdict(onGpu, 4, hardware);
    expect(verdict.fits).toBe(false);
    expect(verdict.message).toMatch(/^Needs about 2\.4 GB of GPU memory, more than the ~2\.0 GB/);
    expect(verdict.message).not.toMatch(/RAM\)/);
  });
});

describe('one GGUF file on the GPU and on the CPU', () => {
  test('two loads, two memory needs, one download', () => {
    const config = defaultExperiment(ref(small));
    config.solo.roles[0]!.model = ref(small, 'gpu');
    const both = planModels(config, catalog);
    expect(both.models.map((m) => m.ref.device ?? 'cpu')).toEqual(['gpu', 'cpu']);
    expect(both.totalVramMB).toBe(400);
    expect(both.totalDownloadMB).toBe(200);
    const verdict = memoryVerdict(both, 8, hardware);
    expect(verdict.message).toMatch(
      /^Needs about 0\.4 GB of GPU memory;.* Memory \(RAM\): about 0\.4 GB;/,
    );
  });

  test('a tiny model reads in MB, never "0.0 GB"', () => {
    const tiny = gguf('tiny', 18);
    const verdict = memoryVerdict(planModels(defaultExperiment(ref(tiny)), [tiny]), 8, null);
    expect(verdict.message).toMatch(/Memory \(RAM\): about 18 MB;/);
  });
});

describe('CPU models against the RAM the browser reports', () => {
  test('within half the reported RAM', () => {
    const verdict = memoryVerdict(plan(ref(small)), 8, null);
    expect(verdict).toMatchObject({ fits: true, ramBudgetMB: 4096 });
    expect(verdict.message).toBe(
      "Runs on the CPU: no GPU memory needed. Memory (RAM): about 0.4 GB; the device's RAM is " +
        '8 GB or more (browsers round the figure down and cap it), about 4.0 GB of it for models.',
    );
  });

  test('over half the reported RAM: does not fit', () => {
    const verdict = memoryVerdict(plan(ref(big)), 4, null);
    expect(verdict.fits).toBe(false);
    expect(verdict.message).toMatch(
      /Memory \(RAM\): about 2\.4 GB, more than the ~2\.0 GB for models here \(the device's RAM is about 4 GB\)\. Pick a smaller model\.$/,
    );
  });

  test('no deviceMemory: the RAM is "unknown", and the plan is not refused', () => {
    const verdict = memoryVerdict(plan(ref(big)), undefined, null);
    expect(verdict).toMatchObject({ fits: true, ramBudgetMB: null });
    expect(verdict.message).toMatch(
      /the device's RAM is unknown \(this browser does not report it\)\.$/,
    );
  });
});

describe('the warning for phones and software adapters', () => {
  test('the smallest suitable model is a catalog GGUF model within the RAM budget, never a test one', () => {
    expect(smallestSuitable(catalog, undefined)?.model).toBe(small);
    expect(smallestSuitable(catalog, 0.5)).toBeNull();
  });

  test('a phone gets a clear warning naming the smallest suitable model', () => {
    const warning = deviceWarning(
      plan(ref(big)),
      { deviceMemoryGB: 2, mobile: true },
      software,
      catalog,
    );
    expect(warning?.suggestion).toBe(small);
    expect(warning?.message).toBe(
      'This looks like a phone (the browser reports a mobile device and it reports 2 GB of RAM): ' +
        'larger models may crash the tab or run very slowly. Try small (Q8_0) on the CPU, the ' +
        'smallest model in the catalog (about 0.4 GB of RAM).',
    );
  });

  test('a software adapter warns about GPU models only', () => {
    const warning = deviceWarning(plan(ref(gpuModel)), {}, software, catalog);
    expect(warning?.message).toMatch(
      /^This browser's WebGPU is a software adapter \(swiftshader\): gpu-model-MLC would run on the CPU at a crawl\. Try small \(Q8_0\)/,
    );
    expect(deviceWarning(plan(ref(big)), {}, software, catalog)).toBeNull();
    expect(deviceWarning(plan(ref(big, 'gpu')), {}, software, catalog)?.suggestion).toBe(small);
  });

  test('no warning on a desktop, or when the plan is already the smallest model', () => {
    expect(deviceWarning(plan(ref(big)), { deviceMemoryGB: 8 }, hardware, catalog)).toBeNull();
    expect(deviceWarning(plan(ref(small)), { mobile: true }, hardware, catalog)).toBeNull();
  });
});
