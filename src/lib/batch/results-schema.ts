/**
 * The results file: a batch, its finished items and (for the headless runner) how it ran, as
 * the Benchmark tab's JSON export writes it and `npm run experiment` writes it. Versioned:
 * `format` names the kind of file and `version` its layout; reading checks both before the
 * fields, so a file from another tool or a newer version is named as such.
 *
 * Everything in the file is untrusted (model output included): the schema checks shape, types
 * and ranges, keeps only known fields, and `parseResultsFile` then checks that the items belong
 * to the batch. The summary in the file is not read: the page works it out again.
 */
import * as v from 'valibot';
import { AGENT_ERROR_NAMES } from '../engine/errors';
import { MAX_FILE_PROBLEMS, readVersionedFile } from '../share/versioned-file';
import { ExperimentSchema, ToolSpecSchema } from '../share/schema';
import { ESCALATION_CHECK_KINDS, ROLE_KINDS } from '../team/config';
import { CONCRETE_ANSWER_FORMATS } from '../team/escalation';
import { TURN_STEPS } from '../team/protocols/types';
import { batchItemKey, type BatchItemRecord, type BatchRecord } from '../storage/batch-records';
import { ITEMS_AT_ONCE_MAX, ITEMS_AT_ONCE_MIN } from './items-at-once';
import { WEB_APP_TASKS } from '../software/web-app/tasks';

/** What `format` says in every results file. */
export const RESULTS_FORMAT = 'slm-playground-batch';

/** The layout this module reads and writes. */
export const RESULTS_VERSION = 1;

/** Largest results file read, in characters (a 1,000-item batch with its turns fits easily). */
export const MAX_RESULTS_CHARS = 64 * 1024 * 1024;

/** Most items a batch in a file may hold. */
const MAX_ITEMS = 100_000;

const text = v.string();
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const amount = v.pipe(v.number(), v.finite(), v.minValue(0));
const score = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1));
const time = v.pipe(v.number(), v.finite());

const PrfEmSchema = v.object({ em: score, precision: score, recall: score, f1: score });

const WEB_APP_TASK_IDS = WEB_APP_TASKS.map((t) => t.id);

/** A software item: a web-app task this playground has, or a code problem with its tests. */
const SoftwareItemSchema = v.variant('kind', [
  v.object({
    kind: v.literal('web-app'),
    taskId: v.pipe(
      text,
      v.check(
        (id) => WEB_APP_TASK_IDS.includes(id),
        (issue) =>
          `names a web-app task this playground does not have: ${String(issue.input)} (it has ${WEB_APP_TASK_IDS.join(', ')})`,
      ),
    ),
    appTitle: text,
  }),
  v.object({
    kind: v.literal('function'),
    problem: v.object({
      id: text,
      language: v.picklist(['python', 'javascript']),
      prompt: text,
      entryPoint: text,
      test: text,
      canonicalSolution: v.optional(text),
    }),
  }),
]);

const EvalItemSchema = v.object({
  id: text,
  kind: v.picklist(['multihop', 'math', 'yesno', 'function-call', 'web-app', 'code']),
  question: text,
  context: v.optional(v.array(v.object({ title: text, sentences: v.array(text) }))),
  answer: text,
  aliases: v.optional(v.array(text)),
  supportingFacts: v.optional(v.array(v.object({ title: text, sentence: count }))),
  goldNumber: v.optional(v.pipe(v.number(), v.finite())),
  functions: v.optional(v.array(ToolSpecSchema)),
  expectedCalls: v.optional(
    v.array(
      v.object({
        name: text,
        arguments: v.record(
          v.string(),
          v.array(v.union([v.string(), v.number(), v.boolean(), v.array(v.unknown())])),
        ),
      }),
    ),
  ),
  software: v.optional(SoftwareItemSchema),
  category: v.optional(text),
});

const ErrorSchema = v.object({ name: v.picklist(AGENT_ERROR_NAMES), message: text });

const BatchRecordSchema = v.object({
  kind: v.literal('batch'),
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
  createdAt: time,
  updatedAt: time,
  status: v.picklist(['running', 'paused', 'stopped', 'done']),
  set: v.object({
    id: text,
    name: text,
    source: text,
    licence: text,
    format: v.optional(
      v.picklist(['hotpotqa', '2wiki', 'gsm8k', 'svamp', 'strategyqa', 'humaneval', 'playground']),
    ),
    size: count,
  }),
  selection: v.object({
    mode: v.picklist(['first', 'random']),
    count,
    seed: v.optional(v.pipe(v.number(), v.integer())),
  }),
  items: v.pipe(v.array(EvalItemSchema), v.minLength(1), v.maxLength(MAX_ITEMS)),
  configs: v.pipe(
    v.array(
      v.object({
        id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
        label: text,
        side: ExperimentSchema.entries.solo,
      }),
    ),
    v.minLength(1),
  ),
  itemsAtOnce: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(ITEMS_AT_ONCE_MIN), v.maxValue(ITEMS_AT_ONCE_MAX)),
  ),
  error: v.optional(v.object({ name: text, message: text })),
});

const TurnSummarySchema = v.object({
  roleName: text,
  kind: v.picklist(ROLE_KINDS),
  step: v.picklist(TURN_STEPS),
  round: v.optional(count),
  status: v.picklist(['done', 'stopped', 'failed']),
  promptTokens: count,
  completionTokens: count,
  thinkingTokens: v.optional(count),
  wallMs: amount,
  verdict: v.optional(v.picklist(['accept', 'revise'])),
  feedback: v.optional(text),
  output: text,
});

/** What an escalation config's check decided on an item (team/escalation.ts). */
const EscalationSchema = v.object({
  check: v.picklist(ESCALATION_CHECK_KINDS),
  escalated: v.boolean(),
  reason: text,
  smallAnswer: text,
  agreement: v.optional(v.object({ votes: count, samples: count, threshold: count })),
  format: v.optional(v.picklist(CONCRETE_ANSWER_FORMATS)),
});

const SideOutcomeSchema = v.object({
  configId: text,
  status: v.picklist(['done', 'stopped', 'failed']),
  finalAnswer: text,
  references: v.optional(v.array(text)),
  scores: v.object({
    correct: score,
    em: v.optional(score),
    f1: v.optional(score),
    facts: v.optional(PrfEmSchema),
    joint: v.optional(PrfEmSchema),
    extracted: v.optional(v.nullable(text)),
    calls: v.optional(v.object({ valid: score, reason: text })),
    software: v.optional(
      v.object({
        met: count,
        total: count,
        summary: text,
        requirements: v.optional(v.array(v.object({ text, met: v.boolean(), reason: text }))),
      }),
    ),
  }),
  draft: v.optional(
    v.object({
      answer: v.nullable(text),
      revisions: count,
      correct: v.nullable(score),
    }),
  ),
  promptTokens: count,
  completionTokens: count,
  totalTokens: count,
  calls: count,
  wallMs: amount,
  turns: v.array(TurnSummarySchema),
  warnings: v.array(text),
  escalation: v.optional(EscalationSchema),
  error: v.optional(ErrorSchema),
  tools: v.optional(
    v.object({ steps: count, calls: count, valid: count, ran: count, toolMs: amount }),
  ),
});

const ItemRecordSchema = v.object({
  kind: v.literal('item'),
  id: text,
  batchId: text,
  index: count,
  itemId: text,
  finishedAt: time,
  wallMs: amount,
  sides: v.array(SideOutcomeSchema),
});

/** How the headless runner ran the batch (absent in the tab's own exports). */
const RunnerInfoSchema = v.object({
  tool: v.literal('experiment'),
  /** Items run at once. */
  concurrency: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /** From the first item's start to the last one's end. */
  wallMs: amount,
  itemsPerMinute: v.nullable(amount),
  /** The servers the models were on (base URLs; never a key). */
  endpoints: v.array(text),
});

export type RunnerInfo = v.InferOutput<typeof RunnerInfoSchema>;

const ResultsFileSchema = v.object({
  format: v.literal(RESULTS_FORMAT),
  version: v.literal(RESULTS_VERSION),
  exportedAt: text,
  batch: BatchRecordSchema,
  results: v.array(ItemRecordSchema),
  runner: v.optional(RunnerInfoSchema),
});

/** Compile-time proof that the records read are the records the store keeps. */
type Assert<T extends true> = T;
export type _BatchMatches = Assert<
  v.InferOutput<typeof BatchRecordSchema> extends BatchRecord ? true : false
>;
export type _ItemMatches = Assert<
  v.InferOutput<typeof ItemRecordSchema> extends BatchItemRecord ? true : false
>;

/** A results file, read and checked. */
export interface ResultsFile {
  batch: BatchRecord;
  results: BatchItemRecord[];
  runner?: RunnerInfo;
}

export type ResultsReadResult =
  | { ok: true; file: ResultsFile }
  /** `problems`: one line per bad field, at most the first few. */
  | { ok: false; message: string; problems: string[] };

const failure = (message: string, problems: string[] = []): ResultsReadResult => ({
  ok: false,
  message,
  problems: problems.slice(0, MAX_FILE_PROBLEMS),
});

/** Problems no schema sees: items that do not belong to the batch, or name configs it lacks. */
function consistencyProblems(batch: BatchRecord, results: readonly BatchItemRecord[]): string[] {
  const problems: string[] = [];
  const configs = new Set(batch.configs.map((c) => c.id));
  const seen = new Set<number>();
  results.forEach((row, i) => {
    const at = `results › ${i + 1}`;
    const item = batch.items[row.index];
    if (row.batchId !== batch.id) problems.push(`${at}: belongs to another batch`);
    else if (!item)
      problems.push(
        `${at} › index: is ${row.index}, but the batch has ${batch.items.length} items`,
      );
    else if (row.itemId !== item.id)
      problems.push(
        `${at} › itemId: is "${row.itemId}", but item ${row.index + 1} is "${item.id}"`,
      );
    else if (row.id !== batchItemKey(batch.id, row.index))
      problems.push(`${at} › id: is not the key of item ${row.index + 1} of this batch`);
    if (seen.has(row.index)) problems.push(`${at}: item ${row.index + 1} is there twice`);
    seen.add(row.index);
    for (const side of row.sides)
      if (!configs.has(side.configId))
        problems.push(`${at}: names a config the batch does not have ("${side.configId}")`);
  });
  return problems;
}

/**
 * A results file's text → the batch and its finished items, or what is wrong with it: not JSON,
 * another kind of file, another version, bad fields (each named by its path), items that do
 * not belong to the batch.
 */
export function parseResultsFile(body: string): ResultsReadResult {
  const read = readVersionedFile(body, {
    name: 'results',
    format: RESULTS_FORMAT,
    version: RESULTS_VERSION,
    maxChars: MAX_RESULTS_CHARS,
    schema: ResultsFileSchema,
    writtenBy: '"npm run experiment" or by this tab\'s "Export JSON"',
  });
  if (!read.ok) return failure(read.message, read.problems);
  const { batch, results, runner } = read.value;
  const problems = consistencyProblems(batch, results);
  if (problems.length) return failure("The results file's items do not match its batch.", problems);
  return {
    ok: true,
    file: {
      batch,
      results: [...results].sort((a, b) => a.index - b.index),
      ...(runner ? { runner } : {}),
    },
  };
}
