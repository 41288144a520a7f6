import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from 'vitest';
import type { CallRow } from '../explorer/call-rows';
import type { ExportFiles } from '../explorer/explorer-export';
import type { TaskMapRecord } from '../storage/curation-records';
import { customEmbedModel, embedModels, measureSize, sizeText } from './embed-models';
import { slug, taskExport, zipTaskExport } from './task-export';

const row = (id: string, roleName: string): CallRow =>
  ({ id, roleName, modelId: 'm', protocol: 'solo' }) as CallRow;

const map = {
  clusters: [
    { key: 'a', words: ['sum', 'add'], traceIds: ['1', '2', '3'] },
    { key: 'b', words: [], traceIds: ['4'] },
  ],
} as unknown as TaskMapRecord;

/** A stand-in for the explorer's export: one line per row; a 'Dropped' role exports nothing. */
function exportRows(rows: readonly CallRow[]): ExportFiles {
  const total = rows.filter((r) => r.roleName !== 'Dropped').length;
  return {
    train: rows.map((r) => `{"id":"${r.id}"}`).join('\n'),
    validation: '',
    card: `# ${rows.length} calls`,
    counts: { total, train: total, validation: 0, withoutRun: 0 },
  };
}

test('one dataset per task × role, in folders named after the tasks, with an index', () => {
  const rows = [row('1', 'Solo'), row('2', 'Critic'), row('3', 'Solo'), row('4', 'Dropped')];
  const names = new Map([['a', 'Sums & adds']]);
  const exported = taskExport(map, names, rows, exportRows, 'openai');
  expect(Object.keys(exported.files).sort()).toEqual([
    'README.md',
    'sums-adds/critic/README.md',
    'sums-adds/critic/train.jsonl',
    'sums-adds/critic/validation.jsonl',
    'sums-adds/solo/README.md',
    'sums-adds/solo/train.jsonl',
    'sums-adds/solo/validation.jsonl',
  ]);
  expect(exported.files['sums-adds/solo/train.jsonl']).toBe('{"id":"1"}\n{"id":"3"}');
  expect(exported.empty).toEqual(['Task 2 × Dropped']);
  expect(exported.files['README.md']).toContain('| Sums & adds | Solo | sums-adds/solo | 2 | 0 |');
  expect(exported.files['README.md']).toContain('Left out, no call to export: Task 2 × Dropped.');
  const zip = unzipSync(zipTaskExport(exported));
  expect(strFromU8(zip['sums-adds/critic/train.jsonl']!)).toBe('{"id":"2"}');
});

test('slugs keep letters of any script and fall back when nothing is left', () => {
  expect(slug('Résumé: écrire!')).toBe('resume-ecrire');
  expect(slug('数学 題')).toBe('数学-題');
  expect(slug('!!!', 'task-3')).toBe('task-3');
});

test('embedding models: bge-small by default, the tiny one in the test build only; custom URLs', () => {
  expect(embedModels('production').map((m) => m.id)).toEqual(['bge-small-en-v1.5-q8_0']);
  expect(embedModels('test').map((m) => m.id)).toEqual([
    'bge-small-en-v1.5-q8_0',
    'tiny-embed-GGUF',
  ]);
  expect(customEmbedModel('https://host/x/nomic-embed.Q8_0.gguf')?.label).toBe(
    'nomic-embed.Q8_0.gguf',
  );
  expect(customEmbedModel('ftp://host/x.gguf')).toBeNull();
  expect(customEmbedModel('not a url')).toBeNull();
  expect(sizeText(36_000_000, false)).toBe('about 36 MB');
  expect(sizeText(449_344, true)).toBe('449 KB');
  expect(sizeText(null, false)).toBe('size unknown');
});

test('the size is measured from Content-Length, and unknown when the host does not say', async () => {
  const answer = (init: ResponseInit) => async () => new Response(null, init);
  expect(
    await measureSize('https://h/m.gguf', answer({ headers: { 'content-length': '36700000' } })),
  ).toBe(36_700_000);
  expect(await measureSize('https://h/m.gguf', answer({ status: 404 }))).toBeNull();
  expect(await measureSize('https://h/m.gguf', answer({}))).toBeNull();
  const offline = async () => {
    throw new TypeError('Failed to fetch');
  };
  expect(await measureSize('https://h/m.gguf', offline)).toBeNull();
});
