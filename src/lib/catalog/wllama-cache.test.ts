import { createHash } from 'node:crypto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ModelManager } from '@wllama/wllama/esm/index.js';
import {
  WLLAMA_CACHE_DIR,
  WLLAMA_METADATA_PREFIX,
  wllamaModelCached,
  wllamaShardUrls,
  type OpfsDirectory,
  type OpfsFile,
} from './wllama-cache';

/** A fake OPFS directory holding `files` (name → content); `dirs` are its subdirectories. */
function fakeDirectory(
  files: Record<string, string> = {},
  dirs: Record<string, OpfsDirectory> = {},
): OpfsDirectory & {
  getFileHandle(name: string): Promise<OpfsFile>;
} {
  const notFound = () => Object.assign(new Error('not found'), { name: 'NotFoundError' });
  const file = (content: string): OpfsFile => ({
    kind: 'file',
    getFile: async () => new Blob([content]),
  });
  return {
    kind: 'directory',
    async getDirectoryHandle(name: string, options?: { create?: boolean }) {
      const dir = dirs[name];
      if (dir) return dir;
      if (!options?.create) throw notFound();
      return (dirs[name] = fakeDirectory());
    },
    async getFileHandle(name: string) {
      const content = files[name];
      if (content === undefined) throw notFound();
      return file(content);
    },
    async *entries() {
      for (const [name, dir] of Object.entries(dirs)) yield [name, dir];
      for (const [name, content] of Object.entries(files)) yield [name, file(content)];
    },
  };
}

/** wllama's name for the cached copy of `url`: `<sha1(url)>_<file name>`. */
const keyOf = (url: string) =>
  `${createHash('sha1').update(url).digest('hex')}_${url.split('/').pop()}`;

interface Stored {
  url: string;
  /** Bytes on disk (default: 100). */
  bytes?: number;
  /** `originalSize` in the metadata (default: `bytes`); null: no metadata file. */
  recorded?: number | null;
  mmprojURL?: string;
  /** Metadata text as stored (overrides the JSON made from the fields above). */
  rawMetadata?: string;
}

/** The OPFS root with wllama's cache directory holding `stored`. */
function opfsWith(stored: Stored[]): OpfsDirectory {
  const files: Record<string, string> = {};
  for (const s of stored) {
    const bytes = s.bytes ?? 100;
    files[keyOf(s.url)] = 'x'.repeat(bytes);
    if (s.recorded === null) continue;
    files[`${WLLAMA_METADATA_PREFIX}${keyOf(s.url)}`] =
      s.rawMetadata ??
      JSON.stringify({
        originalURL: s.url,
        originalSize: s.recorded ?? bytes,
        etag: 'abc',
        ...(s.mmprojURL ? { mmprojURL: s.mmprojURL } : {}),
      });
  }
  return fakeDirectory({}, { [WLLAMA_CACHE_DIR]: fakeDirectory(files) });
}

/** What the engine answers (`WllamaEngine.isCached`), through wllama's own code on `root`. */
async function wllamaAnswer(root: OpfsDirectory, url: string): Promise<boolean | 'throws'> {
  vi.stubGlobal('navigator', { storage: { getDirectory: async () => root } });
  try {
    const models = await new ModelManager({ logger: console }).getModels();
    return models.some((m) => m.url === url);
  } catch {
    return 'throws';
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const URL1 = 'https://huggingface.co/u/m/resolve/main/model-Q8_0.gguf';
const split = (i: number, query = '') => `https://example.org/big-0000${i}-of-00003.gguf${query}`;
const MMPROJ = 'https://example.org/mmproj.gguf';

/** Cache contents, the URL asked about, and whether it counts as cached. */
const cases: [string, Stored[], string, boolean][] = [
  ['a complete file', [{ url: URL1 }], URL1, true],
  ['another URL only', [{ url: URL1 }], 'https://example.org/other.gguf', false],
  ['an interrupted download (shorter than recorded)', [{ url: URL1, recorded: 200 }], URL1, false],
  ['a file without metadata', [{ url: URL1, recorded: null }], URL1, false],
  ['unreadable metadata', [{ url: URL1, rawMetadata: '{"originalURL":' }], URL1, false],
  ['metadata that is not an object', [{ url: URL1, rawMetadata: '42' }], URL1, false],
  ['a file under 16 bytes', [{ url: URL1, bytes: 10 }], URL1, false],
  ['every shard of a split model', [1, 2, 3].map((i) => ({ url: split(i) })), split(1), true],
  [
    'a split model with its query string',
    [1, 2, 3].map((i) => ({ url: split(i, '?download=true') })),
    split(1, '?download=true'),
    true,
  ],
  [
    'a split model, asked by a later shard',
    [1, 2, 3].map((i) => ({ url: split(i) })),
    split(2),
    false,
  ],
  [
    'a split model with a short shard',
    [{ url: split(1) }, { url: split(2), recorded: 500 }, { url: split(3) }],
    split(1),
    false,
  ],
  ['a model with its mmproj file', [{ url: URL1, mmprojURL: MMPROJ }, { url: MMPROJ }], URL1, true],
];

describe('wllamaModelCached', () => {
  test.each(cases)('%s: answers as wllama does', async (_, stored, url, expected) => {
    const root = opfsWith(stored);
    expect(await wllamaModelCached(url, async () => root)).toBe(expected);
    expect(await wllamaAnswer(root, url)).toBe(expected);
  });

  test('a split model missing a shard is not cached', async () => {
    const root = opfsWith([{ url: split(1) }, { url: split(3) }]);
    expect(await wllamaModelCached(split(1), async () => root)).toBe(false);
    expect(await wllamaAnswer(root, split(1))).toBe(false);
    // A missing mmproj file is the same case.
    const noMmproj = opfsWith([{ url: URL1, mmprojURL: MMPROJ }]);
    expect(await wllamaModelCached(URL1, async () => noMmproj)).toBe(false);
  });

  test('false, without creating it, when wllama has no cache directory or there is no OPFS', async () => {
    const empty = fakeDirectory();
    expect(await wllamaModelCached(URL1, async () => empty)).toBe(false);
    const seen: string[] = [];
    for await (const [name] of empty.entries()) seen.push(name);
    expect(seen).toEqual([]);
    expect(await wllamaModelCached(URL1, async () => null)).toBe(false);
  });

  test('a file that cannot be read (a download is writing it) is not cached', async () => {
    const root = opfsWith([{ url: URL1 }, { url: 'https://example.org/b.gguf' }]);
    const cacheDir = await root.getDirectoryHandle(WLLAMA_CACHE_DIR);
    const entries = cacheDir.entries.bind(cacheDir);
    cacheDir.entries = async function* () {
      for await (const [name, handle] of entries()) {
        if (handle.kind === 'file' && name === keyOf(URL1)) {
          yield [
            name,
            {
              kind: 'file',
              getFile: async () => {
                throw Object.assign(new Error('locked'), { name: 'NoModificationAllowedError' });
              },
            },
          ];
        } else yield [name, handle];
      }
    };
    expect(await wllamaModelCached(URL1, async () => root)).toBe(false);
    expect(await wllamaModelCached('https://example.org/b.gguf', async () => root)).toBe(true);
  });

  test('a storage failure other than a missing directory is reported', async () => {
    const denied = fakeDirectory();
    denied.getDirectoryHandle = async () => {
      throw Object.assign(new Error('storage is blocked'), { name: 'SecurityError' });
    };
    await expect(wllamaModelCached(URL1, async () => denied)).rejects.toThrow('storage is blocked');
  });
});

describe('wllamaShardUrls', () => {
  test('lists the shards of a gguf-split model like wllama', () => {
    for (const url of [split(1), split(2, '?x=1'), URL1, 'https://e.org/a-00001-of-00002.gguf']) {
      expect(wllamaShardUrls(url)).toEqual(ModelManager.parseModelUrl(url));
    }
    expect(wllamaShardUrls(split(2))).toEqual([split(1), split(2), split(3)]);
  });
});
