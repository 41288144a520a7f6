/**
 * The app's database ('slm-playground') from a test: records put in, one read out. The page must
 * have opened it once (its stores exist); a reload then shows what was put.
 */
import type { Page } from '@playwright/test';

/** Puts `records` (store name → records) into the database, in one transaction. */
export async function putRecords(page: Page, records: Record<string, unknown[]>): Promise<void> {
  await page.evaluate(async (records) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('slm-playground');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction(Object.keys(records), 'readwrite');
    for (const [store, list] of Object.entries(records))
      for (const record of list) tx.objectStore(store).put(record);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, records);
}

/** The record under `key` in `store` (undefined when there is none). */
export async function getRecord<T>(page: Page, store: string, key: string): Promise<T | undefined> {
  return page.evaluate(
    async ({ store, key }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('slm-playground');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const record = await new Promise<unknown>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).get(key);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      return record as T | undefined;
    },
    { store, key },
  ) as Promise<T | undefined>;
}
