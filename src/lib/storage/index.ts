/**
 * Persistence of runs, saved configs and traces (IndexedDB through idb, memory as the fallback),
 * and the export of traces as fine-tuning JSONL. Start with `createRunStore`.
 */
export * from './api';
export * from './records';
export * from './errors';
export {
  createRunStore,
  type CreateRunStoreOptions,
  type RunStoreHandle,
} from './create-run-store';
export { RunStore, createMemoryRunStore, DEFAULT_THROTTLE_MS } from './run-store';
export { MemoryBackend, type RunQuery, type StorageBackend } from './backend';
export {
  openPlaygroundDb,
  DB_NAME,
  DB_VERSION,
  MIGRATIONS,
  type OpenPlaygroundDbOptions,
  type PlaygroundDb,
  type PlaygroundSchema,
} from './database';
export { recordSide, type RecordSideOptions } from './run-recorder';
export { systemClock, type Clock } from './throttle';
export type { LockApi } from './run-locks';
export { maskPii, PII_TAGS, type PiiKind } from './mask-pii';
export {
  tracesToJsonl,
  traceToExample,
  traceMetadata,
  type FineTuneExample,
  type JsonlOptions,
  type TraceMetadata,
} from './trace-export';
