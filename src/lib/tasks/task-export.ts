/**
 * Per-task datasets: one dataset per task × role, each the explorer's export (train and
 * validation files in the chosen format, and a dataset card) of that task's calls of that role,
 * zipped together (fflate) with an index of what is in the zip. A task × role with no call to
 * export (all dropped, say) is left out and listed as such.
 */
import { strToU8, zipSync } from 'fflate';
import type { CallRow } from '../explorer/call-rows';
import type { ExportFiles } from '../explorer/explorer-export';
import type { TaskMapRecord } from '../storage/curation-records';
import { taskName } from './task-map';

/** A file or folder name from any text: lower case, letters and digits, dashes between. */
export function slug(text: string, fallback = 'task'): string {
  const s = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || fallback;
}

export interface TaskExportPart {
  task: string;
  role: string;
  folder: string;
  train: number;
  validation: number;
}

export interface TaskExport {
  /** Path in the zip → text. */
  files: Record<string, string>;
  parts: TaskExportPart[];
  /** "task × role" pairs with no call to export. */
  empty: string[];
}

export function taskExport(
  map: TaskMapRecord,
  names: ReadonlyMap<string, string>,
  rows: readonly CallRow[],
  exportRows: (rows: readonly CallRow[]) => ExportFiles,
  format: string,
): TaskExport {
  const files: Record<string, string> = {};
  const parts: TaskExportPart[] = [];
  const empty: string[] = [];
  const used = new Set<string>();
  map.clusters.forEach((task, index) => {
    const name = taskName(names, task, index);
    let folder = slug(name, `task-${index + 1}`);
    while (used.has(folder)) folder = `${folder}-${index + 1}`;
    used.add(folder);
    const ids = new Set(task.traceIds);
    const mine = rows.filter((r) => ids.has(r.id));
    const roles = [...new Set(mine.map((r) => r.roleName))].sort((a, b) => a.localeCompare(b));
    for (const role of roles) {
      const exported = exportRows(mine.filter((r) => r.roleName === role));
      if (exported.counts.total === 0) {
        empty.push(`${name} × ${role}`);
        continue;
      }
      const path = `${folder}/${slug(role, 'role')}`;
      files[`${path}/train.jsonl`] = exported.train;
      files[`${path}/validation.jsonl`] = exported.validation;
      files[`${path}/README.md`] = exported.card;
      parts.push({
        task: name,
        role,
        folder: path,
        train: exported.counts.train,
        validation: exported.counts.validation,
      });
    }
  });
  files['README.md'] = indexOf(parts, empty, format);
  return { files, parts, empty };
}

function indexOf(
  parts: readonly TaskExportPart[],
  empty: readonly string[],
  format: string,
): string {
  const cell = (t: string) => t.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
  const lines = [
    '# Datasets per task and role',
    '',
    `One dataset per task found in the logged calls and role that made them, in the ${format} format. Each folder holds train.jsonl, validation.jsonl and its dataset card (README.md).`,
    '',
    '| Task | Role | Folder | Train | Validation |',
    '| --- | --- | --- | ---: | ---: |',
    ...parts.map(
      (p) => `| ${cell(p.task)} | ${cell(p.role)} | ${p.folder} | ${p.train} | ${p.validation} |`,
    ),
  ];
  if (empty.length) lines.push('', `Left out, no call to export: ${empty.map(cell).join('; ')}.`);
  return `${lines.join('\n')}\n`;
}

/** The export as one zip file. */
export function zipTaskExport(exported: TaskExport): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [path, text] of Object.entries(exported.files)) entries[path] = strToU8(text);
  return zipSync(entries, { level: 6 });
}
