/**
 * The embedding worker's API (comlink): load a GGUF embedding model, embed texts in batches with
 * progress, stop between batches. Vectors leave the worker as transferred Float32Arrays.
 */
import { transfer } from 'comlink';
import type { LoadProgress } from '../src/lib/engine/types';
import { WllamaEmbedder, type EmbedProgress, type EmbedderInfo } from './engines/wllama-embedder';

export type { EmbedProgress, EmbedderInfo } from './engines/wllama-embedder';

export function createEmbedWorkerApi(embedder = new WllamaEmbedder()) {
  return {
    /** `url` is resolved against the worker's location (a site-relative path works). */
    async load(url: string, onProgress: (p: LoadProgress) => void): Promise<EmbedderInfo> {
      return embedder.load(new URL(url, self.location.href).href, onProgress);
    },
    /** Whether the model at `url` is kept in this browser (no download to load it). */
    async isCached(url: string): Promise<boolean> {
      return embedder.isCached(new URL(url, self.location.href).href);
    },
    async embed(
      texts: string[],
      batchSize: number,
      onProgress: (p: EmbedProgress) => void,
    ): Promise<Float32Array[]> {
      const vectors = await embedder.embed(texts, batchSize, onProgress);
      return transfer(
        vectors,
        vectors.map((v) => v.buffer as ArrayBuffer),
      );
    },
    stop(): void {
      embedder.stop();
    },
    async unload(): Promise<void> {
      await embedder.unload();
    },
  };
}

export type EmbedWorkerApi = ReturnType<typeof createEmbedWorkerApi>;
