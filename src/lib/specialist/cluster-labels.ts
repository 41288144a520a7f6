/**
 * Names clusters by their most distinctive words: TF-IDF of a cluster's texts against all the
 * texts. A word scores
 *
 *   (its count in the cluster / the cluster's word count) × ln((1 + N) / (1 + df))
 *
 * with N the number of texts and df the number of texts that use it (scikit-learn's smoothed
 * idf, less its +1). A word frequent in the cluster and rare in other texts wins; a word that
 * every text uses scores 0. Words are lower-cased letter runs (any script; digits and one-letter
 * words are dropped), English stop words removed. Ties go to the more frequent word, then the
 * alphabetically first, so labels are stable.
 */

/** Common English words that say nothing about a task. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before ' +
    'being below between both but by can could did do does doing down during each few for from ' +
    'further get gets had has have having he her here hers herself him himself his how i if in ' +
    'into is it its itself just let me more most my myself no nor not now of off on once only or ' +
    'other our ours ourselves out over own please same she should so some such than that the ' +
    'their theirs them themselves then there these they this those through to too under until up ' +
    'us very was we were what when where which while who whom why will with would you your yours ' +
    'yourself yourselves tell give make much many one two'
  ).split(' '),
);

export interface ClusterLabel {
  cluster: number;
  /** The cluster's top words, most distinctive first. */
  words: string[];
}

/** A text's words: lower case, letters only (any script), stop words and single letters out. */
export function words(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}[\p{L}\p{M}']*/gu) ?? [])
    .map((w) => w.replace(/'s$|'$/u, ''))
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w));
}

/** Each cluster's `topN` most distinctive words, by cluster number. */
export function clusterLabels(
  texts: readonly string[],
  assignments: readonly number[],
  topN = 3,
): ClusterLabel[] {
  if (texts.length !== assignments.length)
    throw new RangeError('clusterLabels needs one assignment per text.');
  const perCluster = new Map<number, Map<string, number>>();
  const textsUsing = new Map<string, number>();
  texts.forEach((text, i) => {
    const cluster = assignments[i] as number;
    const counts = perCluster.get(cluster) ?? new Map<string, number>();
    perCluster.set(cluster, counts);
    const list = words(text);
    for (const word of list) counts.set(word, (counts.get(word) ?? 0) + 1);
    for (const word of new Set(list)) textsUsing.set(word, (textsUsing.get(word) ?? 0) + 1);
  });
  const n = texts.length;
  return [...perCluster.keys()]
    .sort((a, b) => a - b)
    .map((cluster) => {
      const counts = perCluster.get(cluster) ?? new Map<string, number>();
      const total = [...counts.values()].reduce((sum, c) => sum + c, 0) || 1;
      const scored = [...counts].map(([word, count]) => ({
        word,
        count,
        score: (count / total) * Math.log((1 + n) / (1 + (textsUsing.get(word) ?? 0))),
      }));
      scored.sort((a, b) => b.score - a.score || b.count - a.count || a.word.localeCompare(b.word));
      return { cluster, words: scored.slice(0, topN).map((s) => s.word) };
    });
}
