/// <reference lib="webworker" />
/**
 * Removes the network, storage and code-loading APIs from a worker's global scope, on the object
 * and up its prototype chain. Pyodide needs `fetch` to load, so the sandbox worker calls this
 * once its runtimes are loaded and before any user code runs: Python that reaches JavaScript
 * (`pyodide.code.run_js`) then finds none of them. QuickJS code never sees the worker's globals.
 */
export const LOCKED_GLOBALS = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'WebTransport',
  'EventSource',
  'importScripts',
  'indexedDB',
  'caches',
  'BroadcastChannel',
  'Worker',
  'SharedWorker',
  'navigator',
  'Request',
  'Response',
  'open',
  'document',
  'localStorage',
  'sessionStorage',
  'cookieStore',
] as const;

/** Deletes each name from `scope` and its prototypes, then pins it to undefined. */
export function lockDownGlobals(scope: object = globalThis): string[] {
  const removed: string[] = [];
  for (const name of LOCKED_GLOBALS) {
    let had = false;
    for (let o: object | null = scope; o; o = Object.getPrototypeOf(o) as object | null) {
      const descriptor = Object.getOwnPropertyDescriptor(o, name);
      if (!descriptor) continue;
      had = true;
      if (descriptor.configurable) Reflect.deleteProperty(o, name);
    }
    if (Reflect.has(scope, name) || had) {
      try {
        Object.defineProperty(scope, name, {
          value: undefined,
          configurable: false,
          writable: false,
        });
      } catch {
        // A non-configurable own property we could not delete: it stays as it was.
      }
    }
    if (had) removed.push(name);
  }
  return removed;
}
