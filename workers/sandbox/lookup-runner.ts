/**
 * The look-up tool: ranked full-text search (MiniSearch: BM25 with prefix and fuzzy matching)
 * over the question's context paragraphs, one document per sentence. Each hit comes back with
 * the `[Title, sentence N]` reference the prompts ask models to cite (N from 1, as the models
 * see the paragraphs: src/lib/team/prompts.ts).
 */
import MiniSearch from 'minisearch';
import type { ContextParagraph } from '../../src/lib/eval/types';
import type { SandboxRunResult } from '../../src/lib/sandbox/types';

export interface LookupHit {
  title: string;
  /** 1-based, as cited. */
  sentence: number;
  text: string;
  score: number;
}

interface SentenceDoc {
  id: number;
  title: string;
  sentence: number;
  text: string;
}

/** Most hits returned, whatever is asked. */
export const MAX_HITS = 10;

/** Ranks the paragraphs' sentences against `query`, best first. */
export function lookUp(
  query: string,
  paragraphs: readonly ContextParagraph[],
  limit = 3,
): LookupHit[] {
  const docs: SentenceDoc[] = paragraphs.flatMap((p, i) =>
    p.sentences.map((text, s) => ({ id: i * 10_000 + s, title: p.title, sentence: s + 1, text })),
  );
  const index = new MiniSearch<SentenceDoc>({
    fields: ['title', 'text'],
    storeFields: ['title', 'sentence', 'text'],
    searchOptions: { boost: { text: 2 }, prefix: true, fuzzy: 0.2, combineWith: 'OR' },
  });
  index.addAll(docs);
  return index
    .search(query)
    .slice(0, Math.max(1, Math.min(MAX_HITS, Math.floor(limit))))
    .map((hit) => ({
      title: hit['title'] as string,
      sentence: hit['sentence'] as number,
      text: (hit['text'] as string).trim(),
      score: Math.round(hit.score * 100) / 100,
    }));
}

/** The hits as the model reads them: one `[Title, sentence N] text` line each. */
export function formatHits(hits: readonly LookupHit[]): string {
  return hits.map((h) => `[${h.title}, sentence ${h.sentence}] ${h.text}`).join('\n');
}

export interface LookupRunOptions {
  paragraphs: readonly ContextParagraph[];
  limit?: number;
  now?: () => number;
}

export function runLookup(query: string, options: LookupRunOptions): SandboxRunResult {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const base = { stdout: '', stderr: '', truncated: false };
  if (!query.trim())
    return {
      ...base,
      ok: false,
      value: null,
      error: { name: 'CodeError', message: 'The query is empty.' },
      ms: 0,
    };
  if (options.paragraphs.length === 0)
    return {
      ...base,
      ok: false,
      value: null,
      error: { name: 'CodeError', message: 'This question has no context paragraphs to look in.' },
      ms: 0,
    };
  const hits = lookUp(query, options.paragraphs, options.limit);
  return {
    ...base,
    ok: true,
    value: hits.length ? formatHits(hits) : 'No sentence matches the query.',
    ms: now() - started,
  };
}
