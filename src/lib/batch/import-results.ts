/**
 * A results file (from `npm run experiment`, or another page's Export JSON) kept as a past batch:
 * the batch and its finished items written to the batch store, as if this tab had run it.
 */
import type { BatchRecord, BatchStatus } from '../storage/batch-records';
import type { BatchStoreApi } from '../storage/batch-store';
import type { ResultsFile } from './results-schema';

/**
 * The status a batch is kept with: its models ran elsewhere, so an unfinished one cannot be
 * resumed here; it is kept as ended early (its finished items are its results).
 */
function importedStatus(status: BatchStatus): BatchStatus {
  return status === 'done' ? 'done' : 'stopped';
}

/**
 * Stores the file's batch and items; a batch of the same id (the same file opened again) is
 * replaced, items and all. Returns the batch as stored.
 */
export async function importResults(store: BatchStoreApi, file: ResultsFile): Promise<BatchRecord> {
  const batch: BatchRecord = { ...file.batch, status: importedStatus(file.batch.status) };
  if (await store.getBatch(batch.id)) await store.deleteBatch(batch.id);
  await store.putBatch(batch);
  for (const item of file.results) await store.putItem(item);
  return batch;
}
