/**
 * A seeded train/validation split of curated calls. The same items and seed always give the same
 * split (mulberry32, as the batch sampler and the bootstrap use); both parts keep the input order.
 */
import { mulberry32 } from '../eval/stats';
import type { Outcome } from './curated-call';

export interface SplitOptions {
  seed: number;
  /** The validation share, strictly between 0 and 1 (default 0.1). */
  validationShare?: number;
  /** Only items the user keeps (`keep: true`). */
  onlyKept?: boolean;
  /** Only items whose answer was right. */
  onlyRight?: boolean;
}

export interface Split<T> {
  train: T[];
  validation: T[];
}

/** The items a split takes, after its filters. */
export function splitFilter<T extends { keep: boolean; outcome: Outcome }>(
  items: readonly T[],
  options: Pick<SplitOptions, 'onlyKept' | 'onlyRight'>,
): T[] {
  return items.filter(
    (item) => (!options.onlyKept || item.keep) && (!options.onlyRight || item.outcome === 'right'),
  );
}

/**
 * The validation part is round(n × share) items, at least 1 and at most n − 1 when there are two
 * or more, so that neither part is empty; a single item goes to train.
 */
export function validationCount(n: number, share: number): number {
  if (n < 2) return 0;
  return Math.min(n - 1, Math.max(1, Math.round(n * share)));
}

export function splitDataset<T extends { keep: boolean; outcome: Outcome }>(
  items: readonly T[],
  options: SplitOptions,
): Split<T> {
  const share = options.validationShare ?? 0.1;
  if (!(share > 0 && share < 1))
    throw new RangeError(`The validation share must be between 0 and 1 (got ${share}).`);
  const chosen = splitFilter(items, options);
  // Fisher–Yates over the indices; the first `count` of the shuffle are the validation items.
  const order = chosen.map((_item, i) => i);
  const random = mulberry32(options.seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const validation = new Set(order.slice(0, validationCount(chosen.length, share)));
  const split: Split<T> = { train: [], validation: [] };
  chosen.forEach((item, i) => (validation.has(i) ? split.validation : split.train).push(item));
  return split;
}
