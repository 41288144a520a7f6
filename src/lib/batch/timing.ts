/**
 * A batch's times when items may overlap. Elapsed time is the time during which at least one
 * item was running (the union of the items' spans), so items run four at once count once, and
 * time between a pause and a resume counts not at all. One item at a time, it is the sum of the
 * items' times, as before.
 */

/** An item's span, in milliseconds on the batch's clock. */
export interface Span {
  from: number;
  to: number;
}

/** The span of a finished item: it ended at `finishedAt` after `wallMs`. */
export const spanOf = (item: { finishedAt: number; wallMs: number }): Span => ({
  from: item.finishedAt - item.wallMs,
  to: item.finishedAt,
});

/** Milliseconds covered by at least one span. */
export function busyMs(spans: readonly Span[]): number {
  const sorted = spans.filter((s) => s.to > s.from).sort((a, b) => a.from - b.from);
  let total = 0;
  let from = -Infinity;
  let to = -Infinity;
  for (const span of sorted) {
    if (span.from > to) {
      if (to > from) total += to - from;
      from = span.from;
      to = span.to;
    } else to = Math.max(to, span.to);
  }
  if (to > from) total += to - from;
  return total;
}

export interface BatchTimes {
  /** Time with at least one item running: the finished ones and those in progress. */
  elapsedMs: number;
  /** Elapsed time per finished item × items left, less the progress since; null before one. */
  remainingMs: number | null;
  /** Finished items per minute of elapsed time; null before one. */
  itemsPerMinute: number | null;
}

/** The batch's times from its finished items' spans and the spans of the items in progress. */
export function batchTimes(
  finished: readonly Span[],
  running: readonly Span[],
  total: number,
): BatchTimes {
  const done = finished.length;
  const finishedMs = busyMs(finished);
  const elapsedMs = busyMs([...finished, ...running]);
  if (done === 0) return { elapsedMs, remainingMs: null, itemsPerMinute: null };
  const perItem = finishedMs / done;
  return {
    elapsedMs,
    remainingMs: Math.max(0, perItem * (total - done) - (elapsedMs - finishedMs)),
    itemsPerMinute: finishedMs > 0 ? (60_000 * done) / finishedMs : null,
  };
}
