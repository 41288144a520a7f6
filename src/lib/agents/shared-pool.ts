/**
 * The page's one model pool. Solo vs Team and the benchmark share it, so a model loaded for one
 * is not loaded again for the other (two copies of a model would double its GPU memory).
 */
import { ModelPool } from './model-pool';

export const sharedPool = new ModelPool();

/** The shared pool for a borrower that must not unload what others use (dispose is a no-op). */
export function borrowSharedPool(): Pick<ModelPool, 'loadAll' | 'chat'> & { dispose(): void } {
  return {
    loadAll: (models, onProgress, signal) => sharedPool.loadAll(models, onProgress, signal),
    chat: sharedPool.chat,
    dispose: () => {},
  };
}
