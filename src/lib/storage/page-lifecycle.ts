/**
 * Saving what streamed when the page goes away. Streaming writes are coalesced (at most one per
 * throttle interval), so the last tokens on screen may not be written yet when the user reloads
 * or closes the tab. The store starts its writes at once (and commits them) on:
 * - `beforeunload`: a reload or navigation, before the next page is even requested. Measured in
 *   headless Chromium: a write started here was kept on every reload, while one started in
 *   `pagehide` was mostly lost (the document is torn down before the transaction commits);
 * - `pagehide`: the page goes away without beforeunload (bfcache, some tab closes);
 * - `visibilitychange` to hidden: a hidden tab may be discarded with no further event (mobile).
 * Listening to beforeunload without calling preventDefault shows no prompt.
 */

/** What the page-side code needs of a store: RunStoreApi has it. */
export interface FlushesNow {
  flushNow(): void;
}

export interface PageHideOptions {
  /** Where `beforeunload`, `pagehide` and `visibilitychange` are heard (default: window). */
  target?: EventTarget;
  /** Whether the page is hidden now (default: `document.visibilityState === 'hidden'`). */
  hidden?: () => boolean;
}

/**
 * Flushes `store` whenever the page is left, hides or goes away. Returns a function that removes
 * the listeners. Without a window (tests in Node, workers) and no target given, it does nothing.
 */
export function flushOnPageHide(store: FlushesNow, options: PageHideOptions = {}): () => void {
  const target = options.target ?? (typeof window === 'undefined' ? undefined : window);
  if (!target) return () => undefined;
  const hidden =
    options.hidden ??
    (() => typeof document !== 'undefined' && document.visibilityState === 'hidden');
  const onLeave = () => store.flushNow();
  const onVisibilityChange = () => {
    if (hidden()) store.flushNow();
  };
  target.addEventListener('beforeunload', onLeave);
  target.addEventListener('pagehide', onLeave);
  target.addEventListener('visibilitychange', onVisibilityChange);
  return () => {
    target.removeEventListener('beforeunload', onLeave);
    target.removeEventListener('pagehide', onLeave);
    target.removeEventListener('visibilitychange', onVisibilityChange);
  };
}
