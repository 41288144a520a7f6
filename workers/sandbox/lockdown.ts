/// <reference lib="webworker" />
/**
 * Removes the network, storage and code-loading APIs from a worker's global scope, on the object
 * and up its prototype chain. Pyodide needs `fetch` to load, so the sandbox worker calls this
 * once its runtimes are loaded and before any user code runs: Python that reaches JavaScript
 * (`pyodide.code.run_js`) then finds none of them. QuickJS code never sees the worker's globals.
 *
 * `import()` is syntax, not a global, so it cannot be removed; code that reaches JavaScript
 * could still use it to load a module from anywhere if it could make new JavaScript code. It
 * cannot: lockDownCodeGeneration takes away every way to turn text into code in the worker
 * (eval, the Function constructors reached through any object's `constructor`, string timers).
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

/** The function constructors of a realm: plain, async, generator and async generator. */
function functionConstructors(): { prototype: object }[] {
  const of = (f: object) => f.constructor as { prototype: object };
  return [Function, of(async () => {}), of(function* () {}), of(async function* () {})];
}

/**
 * Takes away every way to make code from text in this worker: `eval`, `Function` and its async
 * and generator kin (also as any function's `constructor`), and timers given a string.
 */
export function lockDownCodeGeneration(scope: typeof globalThis = globalThis): void {
  const pin = (object: object, name: string, value: unknown) =>
    Object.defineProperty(object, name, { value, configurable: false, writable: false });
  for (const constructor of functionConstructors()) {
    // A stand-in that makes no code but still answers `instanceof` and `.constructor === ...`
    // checks the way the real one did (Pyodide makes them).
    const refused = function () {
      throw new TypeError('Making code from text is not allowed in the sandbox.');
    };
    refused.prototype = constructor.prototype;
    pin(constructor.prototype, 'constructor', refused);
    if (constructor === Function) pin(scope, 'Function', refused);
  }
  pin(scope, 'eval', undefined);
  for (const name of ['setTimeout', 'setInterval'] as const) {
    const timer = scope[name].bind(scope) as (handler: unknown, ...rest: unknown[]) => number;
    pin(scope, name, (handler: unknown, ...rest: unknown[]) => {
      if (typeof handler !== 'function')
        throw new TypeError('Timers take a function in the sandbox, not code as text.');
      return timer(handler, ...rest);
    });
  }
}
