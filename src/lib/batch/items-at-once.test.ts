import { describe, expect, test } from 'vitest';
import type { CatalogModel } from '../catalog/types';
import type { BatchConfig } from '../storage/batch-records';
import { presetSide } from '../team/presets';
import { scriptedCatalogModel } from '../testing/host-fixtures';
import { fastScript, scriptedModel } from '../testing/scripted-chat';
import { clampItemsAtOnce, effectiveItemsAtOnce, parallelItems } from './items-at-once';

const remote: CatalogModel = {
  id: 'custom:tiny-chat-127.0.0.1-8080',
  label: 'tiny-chat · 127.0.0.1:8080',
  engine: 'remote',
  paramsB: null,
  variants: [
    {
      modelId: 'custom:tiny-chat-127.0.0.1-8080',
      quantization: 'other',
      needsF16: false,
      vramMB: 0,
      downloadMB: 0,
      contextWindow: 4096,
      modelUrl: 'http://127.0.0.1:8080/v1',
      serverModel: 'tiny-chat',
    },
  ],
};
const remoteRef = { engine: 'remote', modelId: remote.id } as const;
const inTab = scriptedCatalogModel('scripted-in-tab', fastScript([{ reply: 'Answer: 1' }]));
const catalog = [remote, inTab];

const configs = (team: BatchConfig['side']): BatchConfig[] => [
  { id: 'solo', label: 'Solo', side: presetSide('solo', remoteRef) },
  { id: 'team', label: 'Team', side: team },
];

describe('items at once', () => {
  test('whole numbers within 1–64; anything else is the default, 8', () => {
    expect([1, 8, 64, 0, -3, 65, 2.4, NaN, '4', null].map(clampItemsAtOnce)).toEqual([
      1, 8, 64, 1, 1, 64, 2, 8, 8, 8,
    ]);
  });

  test('every model on a server: items run at once, as many as asked', () => {
    const all = configs(presetSide('critic-loop', remoteRef));
    expect(parallelItems(all, catalog)).toEqual({ parallel: true });
    expect(effectiveItemsAtOnce(16, all, catalog)).toBe(16);
    expect(effectiveItemsAtOnce(undefined, all, catalog)).toBe(1);
  });

  test('one model in the tab: one item at a time, and the reason names it and who uses it', () => {
    const mixed = configs(presetSide('critic-loop', scriptedModel('scripted-in-tab')));
    const verdict = parallelItems(mixed, catalog);
    expect(verdict.parallel).toBe(false);
    expect(verdict.parallel ? '' : verdict.reason).toBe(
      'scripted-in-tab (Team › Reasoner and 2 more) runs in this tab, one call at a time',
    );
    expect(effectiveItemsAtOnce(16, mixed, catalog)).toBe(1);
  });

  test('a model the catalog does not know: one at a time', () => {
    const all = configs(presetSide('solo', remoteRef));
    expect(parallelItems(all, [inTab])).toEqual({
      parallel: false,
      reason: `the catalog does not know ${remote.id}`,
    });
  });
});
