/**
 * The page's handles on task discovery's two workers: the embedding worker (a GGUF embedding
 * model in wllama) and the clustering worker (k-means, labels, map). Each starts on first use;
 * a worker that dies rejects the call in flight with a WorkerCrashedError; `terminate()` ends
 * it (Stop during a download: a half-loaded model is worth nothing) and rejects what is in
 * flight with an AbortError. Components never touch the comlink remotes.
 */
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type {
  EmbedProgress,
  EmbedWorkerApi,
  EmbedderInfo,
} from '../../../workers/embed-worker-api';
import type {
  ClusterWorkerApi,
  DiscoverInput,
  Discovery,
} from '../../../workers/cluster-worker-api';
import { AgentError, abortError, withDetail } from '../engine/errors';
import type { LoadProgress } from '../engine/types';

export type { EmbedProgress, EmbedderInfo, Discovery };

export type WorkerFactory = () => Worker;

export const createEmbedWorker: WorkerFactory = () =>
  new Worker(new URL('../../../workers/embed.worker.ts', import.meta.url), {
    type: 'module',
    name: 'embed',
  });

export const createClusterWorker: WorkerFactory = () =>
  new Worker(new URL('../../../workers/cluster.worker.ts', import.meta.url), {
    type: 'module',
    name: 'cluster',
  });

/** One worker and its remote; every call races the worker's death. */
class WorkerHandle<T> {
  readonly #factory: WorkerFactory;
  readonly #label: string;
  #worker: Worker | null = null;
  #remote: Remote<T> | null = null;
  #reject = new Set<(error: Error) => void>();

  constructor(factory: WorkerFactory, label: string) {
    this.#factory = factory;
    this.#label = label;
  }

  get remote(): Remote<T> {
    if (this.#remote) return this.#remote;
    const worker = this.#factory();
    const onCrash = (event: Event) => {
      if (this.#worker !== worker) return;
      const message = (event as Partial<ErrorEvent>).message;
      this.#end(
        new AgentError(
          'WorkerCrashedError',
          withDetail(`The ${this.#label} worker stopped unexpectedly`, message ?? ''),
        ),
      );
    };
    worker.addEventListener('error', onCrash);
    worker.addEventListener('messageerror', onCrash);
    this.#worker = worker;
    this.#remote = wrap<T>(worker);
    return this.#remote;
  }

  /** `call` against the remote, rejected at once if the worker dies or is terminated. */
  run<R>(call: (remote: Remote<T>) => Promise<R>): Promise<R> {
    const remote = this.remote;
    return new Promise<R>((resolve, reject) => {
      this.#reject.add(reject);
      call(remote)
        .then(resolve, reject)
        .finally(() => this.#reject.delete(reject));
    });
  }

  #end(error: Error): void {
    const worker = this.#worker;
    const remote = this.#remote;
    this.#worker = null;
    this.#remote = null;
    remote?.[releaseProxy]();
    worker?.terminate();
    for (const reject of this.#reject) reject(error);
    this.#reject.clear();
  }

  terminate(error: Error = abortError()): void {
    this.#end(error);
  }
}

export class EmbedBridge {
  readonly #handle: WorkerHandle<EmbedWorkerApi>;

  constructor(factory: WorkerFactory = createEmbedWorker) {
    this.#handle = new WorkerHandle(factory, 'embedding');
  }

  load(url: string, onProgress: (p: LoadProgress) => void): Promise<EmbedderInfo> {
    return this.#handle.run((r) => r.load(url, proxy(onProgress)));
  }

  /** Whether the model at `url` is kept in this browser. */
  isCached(url: string): Promise<boolean> {
    return this.#handle.run((r) => r.isCached(url));
  }

  embed(
    texts: string[],
    batchSize: number,
    onProgress: (p: EmbedProgress) => void,
  ): Promise<Float32Array[]> {
    return this.#handle.run((r) => r.embed(texts, batchSize, proxy(onProgress)));
  }

  /** Stops an embedding between two batches; the model stays loaded. */
  async stop(): Promise<void> {
    await this.#handle.remote.stop();
  }

  /** Ends the worker (and the model in it): what Stop does during a download. */
  terminate(error?: Error): void {
    this.#handle.terminate(error);
  }
}

export class ClusterBridge {
  readonly #handle: WorkerHandle<ClusterWorkerApi>;

  constructor(factory: WorkerFactory = createClusterWorker) {
    this.#handle = new WorkerHandle(factory, 'clustering');
  }

  discover(input: DiscoverInput): Promise<Discovery> {
    return this.#handle.run((r) => r.discover(input));
  }

  split(
    vectors: Float32Array[],
    texts: string[],
    seed: number,
  ): Promise<{ assignments: number[]; words: string[][] }> {
    return this.#handle.run((r) => r.split(vectors, texts, seed));
  }

  labelGroups(groups: string[][]): Promise<string[][]> {
    return this.#handle.run((r) => r.labelGroups(groups));
  }

  terminate(error?: Error): void {
    this.#handle.terminate(error);
  }
}
