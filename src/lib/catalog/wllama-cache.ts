/**
 * Whether a GGUF model is in wllama's cache, answered on the page without loading wllama (its
 * engine and ~9 MB of wasm) into a worker. Mirrors what the WebAssembly engine asks wllama
 * (`ModelManager.getModels()` holds a valid model whose `url` is the file's URL), as
 * @wllama/wllama 3.13 stores files:
 *
 * - in the origin-private file system (OPFS), directory `cache`, one file per downloaded URL
 *   (named `<sha1(url)>_<file name>`, but wllama finds files by their metadata, not their name);
 * - beside each, `__metadata__<name>`: JSON with `originalURL` and `originalSize` (the
 *   Content-Length it was downloaded with), and `mmprojURL` for multimodal models;
 * - a model split with gguf-split (`name-00001-of-00003.gguf`) is one file per shard, and the
 *   model is known by its first shard's URL.
 *
 * A model is cached when every shard (and its mmproj file, if any) is there with a size equal to
 * its recorded `originalSize`, and all together hold at least 16 bytes. An interrupted download
 * leaves a short file or none of the metadata, so it is not cached.
 *
 * One difference, where wllama's listing would throw for the whole cache: a file that cannot be
 * read because a download is writing it. This answers false for that model and still answers for
 * the others. (A split model that has lost a shard is not cached for both.)
 */

/** wllama's cache directory in OPFS (`storage/opfs.ts`). */
export const WLLAMA_CACHE_DIR = 'cache';
/** Prefix of a cached file's metadata file (`cache-manager.ts`). */
export const WLLAMA_METADATA_PREFIX = '__metadata__';

/** The parts of the File System Access API this reads (a fake stands in for it in tests). */
export interface OpfsFile {
  readonly kind: 'file';
  getFile(): Promise<Blob>;
}
export interface OpfsDirectory {
  readonly kind: 'directory';
  getDirectoryHandle(name: string): Promise<OpfsDirectory>;
  entries(): AsyncIterable<[string, OpfsFile | OpfsDirectory]>;
}

/** What reading a file that is being written, or was just removed, fails with. */
const UNREADABLE = new Set(['NotReadableError', 'NoModificationAllowedError', 'NotFoundError']);

/** wllama's record of one cached file. */
interface Metadata {
  originalURL?: unknown;
  originalSize?: unknown;
  mmprojURL?: unknown;
}

interface CachedFile {
  size: number;
  metadata: Metadata;
}

/**
 * The URL of every shard of a GGUF model, first to last: wllama's `ModelManager.parseModelUrl`
 * (`name-00001-of-00003.gguf` → three URLs, query kept; any other URL is a single file).
 */
export function wllamaShardUrls(url: string): string[] {
  const parts = /-(\d{5})-of-(\d{5})\.gguf(?:\?.*)?$/;
  const match = parts.exec(url);
  if (!match) return [url];
  const query = /\.gguf(\?.*)?$/.exec(url)?.[1] ?? '';
  const base = url.replace(parts, '');
  const total = match[2] ?? '';
  return Array.from(
    { length: Number(total) },
    (_, i) => `${base}-${String(i + 1).padStart(5, '0')}-of-${total}.gguf${query}`,
  );
}

/** The origin's OPFS root, or null where the browser has none (wllama cannot cache there). */
async function opfsRoot(): Promise<OpfsDirectory | null> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.getDirectory) return null;
  return (await storage.getDirectory()) as unknown as OpfsDirectory;
}

/**
 * True when wllama holds a complete copy of the GGUF model at `url` (absolute, as the engine
 * resolves it; for a split model, the first shard's URL).
 */
export async function wllamaModelCached(
  url: string,
  root: () => Promise<OpfsDirectory | null> = opfsRoot,
): Promise<boolean> {
  const files = await readCache(root);
  if (!files) return false;
  const shards = wllamaShardUrls(url);
  // wllama only lists a split model under its first shard.
  if (shards[0] !== url) return false;
  const fileFor = (u: string) => files.find((f) => f.metadata.originalURL === u);
  // Each file recorded under `url` makes a model; the engine finds the first valid one.
  return files
    .filter((f) => f.metadata.originalURL === url)
    .some((first) => {
      const mmproj = typeof first.metadata.mmprojURL === 'string' ? first.metadata.mmprojURL : '';
      const urls = new Set(mmproj ? [...shards, mmproj] : shards);
      const parts = [...urls].map(fileFor);
      if (parts.some((p) => p === undefined)) return false;
      const complete = parts as CachedFile[];
      const size = complete.reduce((n, p) => n + Number(p.metadata.originalSize), 0);
      return (
        size >= 16 &&
        complete.length === shards.length + (mmproj ? 1 : 0) &&
        complete.every((p) => p.metadata.originalSize === p.size)
      );
    });
}

/** Every file in wllama's cache with its metadata, as `CacheManager.list()` gives them. */
async function readCache(root: () => Promise<OpfsDirectory | null>): Promise<CachedFile[] | null> {
  const top = await root();
  if (!top) return null;
  let dir: OpfsDirectory;
  try {
    // Without `create`: reading must not make the directory (wllama makes it on first download).
    dir = await top.getDirectoryHandle(WLLAMA_CACHE_DIR);
  } catch (error) {
    if (error instanceof Error && error.name === 'NotFoundError') return null;
    throw error;
  }
  const blobs = new Map<string, Blob>();
  for await (const [name, handle] of dir.entries()) {
    if (handle.kind !== 'file') continue;
    try {
      blobs.set(name, await handle.getFile());
    } catch (error) {
      // A file being written (a download in progress) or removed meanwhile is not cached.
      if (!(error instanceof Error && UNREADABLE.has(error.name))) throw error;
    }
  }
  const files: CachedFile[] = [];
  for (const [name, blob] of blobs) {
    if (name.startsWith(WLLAMA_METADATA_PREFIX)) continue;
    const meta = blobs.get(`${WLLAMA_METADATA_PREFIX}${name}`);
    const metadata = meta ? await parseMetadata(meta) : null;
    // A file without (readable) metadata has no URL: wllama skips it too.
    files.push({ size: blob.size, metadata: metadata ?? {} });
  }
  return files;
}

async function parseMetadata(blob: Blob): Promise<Metadata | null> {
  try {
    const value: unknown = JSON.parse(await blob.text());
    return value !== null && typeof value === 'object' ? (value as Metadata) : null;
  } catch {
    return null;
  }
}
