/**
 * A batch's results as files: CSV (one row per item and config, for spreadsheets) and JSON
 * (the batch, every finished item with its turns summary, and the summary).
 */
import type { BatchItemRecord, BatchRecord } from '../storage/batch-records';
import { RESULTS_FORMAT, RESULTS_VERSION, type RunnerInfo } from './results-schema';
import { outcomeOf, summarize, type BatchSummary } from './summary';

export const CSV_COLUMNS = [
  'item',
  'item_id',
  'kind',
  'question',
  'gold',
  'config',
  'protocol',
  'status',
  'answer',
  'extracted',
  'correct',
  'answer_em',
  'answer_f1',
  'sp_em',
  'sp_precision',
  'sp_recall',
  'sp_f1',
  'joint_em',
  'joint_f1',
  'draft_answer',
  'revisions',
  /** Function-calling items: 1 when every call was valid, and why the calls were wrong. */
  'valid_calls',
  'call_mismatch',
  'calls',
  /** Software items: requirements met (web apps) or hidden tests passed (1 of 1), and how. */
  'checks_met',
  'checks_total',
  'checks_summary',
  'prompt_tokens',
  'completion_tokens',
  'total_tokens',
  'wall_ms',
  /** Escalation configs: 1 when the check escalated, 0 when not, and why. */
  'escalated',
  'escalation_reason',
] as const;

/** A text that is one plain number ("-3", "2.5"): a spreadsheet reads it as that number. */
const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?$/;

/**
 * A text a spreadsheet would take for a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return; OWASP "CSV injection") gets a single quote in front, so a model's answer
 * such as `=HYPERLINK(...)` is shown as text and never evaluated. Numbers are not touched, nor
 * texts that are just one number (a math answer "-3"): those cannot be a formula, and stay
 * numbers for sorting and sums.
 */
export function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * One CSV field: numbers as they are; texts defused (defuseFormula), then quoted when they hold
 * a comma, quote or line break (RFC 4180).
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'number'
      ? Number.isFinite(value)
        ? String(value)
        : ''
      : defuseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function batchToCsv(batch: BatchRecord, results: readonly BatchItemRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of [...results].sort((a, b) => a.index - b.index)) {
    const item = batch.items[row.index];
    if (!item) continue;
    for (const config of batch.configs) {
      const side = outcomeOf(row, config.id);
      if (!side) continue;
      const s = side.scores;
      const fields: (string | number | null | undefined)[] = [
        row.index + 1,
        item.id,
        item.kind,
        item.question,
        item.answer,
        config.label,
        config.side.protocol.type,
        side.status,
        side.finalAnswer,
        s.extracted,
        s.correct,
        s.em,
        s.f1,
        s.facts?.em,
        s.facts?.precision,
        s.facts?.recall,
        s.facts?.f1,
        s.joint?.em,
        s.joint?.f1,
        side.draft?.answer,
        side.draft?.revisions,
        s.calls?.valid,
        s.calls?.reason,
        side.calls,
        s.software?.met,
        s.software?.total,
        s.software?.summary,
        side.promptTokens,
        side.completionTokens,
        side.totalTokens,
        Math.round(side.wallMs),
        side.escalation ? (side.escalation.escalated ? 1 : 0) : null,
        side.escalation?.reason,
      ];
      lines.push(fields.map(csvField).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The results file (see results-schema.ts, which reads it back). */
export interface BatchExport {
  format: typeof RESULTS_FORMAT;
  version: typeof RESULTS_VERSION;
  exportedAt: string;
  batch: BatchRecord;
  summary: BatchSummary;
  results: BatchItemRecord[];
  /** How the headless runner ran it; absent for the tab's own exports. */
  runner?: RunnerInfo;
}

export function batchToJson(
  batch: BatchRecord,
  results: readonly BatchItemRecord[],
  exportedAt = new Date(),
  runner?: RunnerInfo,
): string {
  const sorted = [...results].sort((a, b) => a.index - b.index);
  const data: BatchExport = {
    format: RESULTS_FORMAT,
    version: RESULTS_VERSION,
    exportedAt: exportedAt.toISOString(),
    batch,
    summary: summarize(batch, sorted),
    results: sorted,
    ...(runner ? { runner } : {}),
  };
  return JSON.stringify(data, null, 2);
}

/** A file name for a batch's export: `batch-<set>-<date>.<ext>`. */
export function exportFileName(batch: BatchRecord, ext: 'csv' | 'json'): string {
  const set = batch.set.id.replace(/[^a-z0-9-]+/gi, '-').toLowerCase();
  const date = new Date(batch.createdAt).toISOString().slice(0, 10);
  return `batch-${set}-${date}.${ext}`;
}
