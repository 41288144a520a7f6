/**
 * GGUF test models: part of the test build only (see README, "Test build"), like the scripted
 * models. The files are written at build time by `scripts/make-tiny-gguf.mjs` into
 * `static/test-models/` (git-ignored) and served by the site itself, so the real WebAssembly
 * engine runs end to end without any model hub. Their weights are random: the text is gibberish,
 * and the labels say so.
 */
import { ggufModel, type GgufRecord } from './gguf-models';
import type { CatalogModel } from './types';

/** Shape of the tiny model (see make-tiny-gguf.mjs). */
const TINY_ARCH = { layers: 2, heads: 4, kvHeads: 2, headDim: 16 };

const TINY: GgufRecord = {
  id: 'tiny-random-GGUF',
  label: 'Tiny random-weights test model (gibberish)',
  repo: '',
  file: 'tiny-chat.gguf',
  quantization: 'F32',
  paramsB: 0.0001,
  bytes: 449_312,
  sizeFrom: 'scripts/make-tiny-gguf.mjs output',
  arch: TINY_ARCH,
  trainedContext: 2048,
};

const TINY_CORRUPT: GgufRecord = {
  ...TINY,
  id: 'tiny-corrupt-GGUF',
  label: 'Tiny corrupt test model (cut short, fails to load)',
  file: 'tiny-chat-corrupt.gguf',
  bytes: 269_587,
};

/** URL of a test model, relative to the site's base (works under a BASE_PATH sub-path too). */
export function testModelUrl(file: string): string {
  return `${import.meta.env.BASE_URL}test-models/${file}`;
}

export function testGgufCatalog(): CatalogModel[] {
  return [TINY, TINY_CORRUPT].map((record) => ({
    ...ggufModel(record, testModelUrl(record.file)),
    testOnly: true,
  }));
}
