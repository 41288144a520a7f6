import { describe, expect, it } from 'vitest';
import { LOCKED_GLOBALS, lockDownGlobals } from './lockdown';

/** A stand-in for a worker's global scope: some APIs on the object, some on its prototype. */
function fakeScope() {
  const proto = { fetch: () => 'network', indexedDB: {}, importScripts: () => undefined };
  const scope = Object.create(proto) as Record<string, unknown>;
  scope['XMLHttpRequest'] = class {};
  scope['caches'] = {};
  scope['postMessage'] = () => undefined;
  scope['JSON'] = JSON;
  return { scope, proto };
}

describe('lockDownGlobals', () => {
  it('removes the network, storage and loading APIs, own and inherited, and pins them', () => {
    const { scope, proto } = fakeScope();
    const removed = lockDownGlobals(scope);
    expect(removed.sort()).toEqual(
      ['XMLHttpRequest', 'caches', 'fetch', 'importScripts', 'indexedDB'].sort(),
    );
    for (const name of LOCKED_GLOBALS) expect(scope[name]).toBeUndefined();
    expect('fetch' in proto).toBe(false);
    // Code that runs later cannot put them back.
    expect(() => {
      'use strict';
      scope['fetch'] = () => 'again';
    }).toThrow(TypeError);
    expect(scope['fetch']).toBeUndefined();
  });

  it('leaves what the sandbox needs', () => {
    const { scope } = fakeScope();
    lockDownGlobals(scope);
    expect(typeof scope['postMessage']).toBe('function');
    expect(scope['JSON']).toBe(JSON);
  });
});
