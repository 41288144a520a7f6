/**
 * Small helpers shared by the set loaders: JSON parsing with a labelled error, type guards, and
 * the error type every loader throws.
 */

/** A file could not be read as the format its loader expects; the message says where and why. */
export class EvalLoadError extends Error {
  override readonly name = 'EvalLoadError';
}

/** A plain JSON object. */
export type JsonRecord = Record<string, unknown>;

/** True for a JSON object (not null, not an array). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Removes a leading byte-order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** `JSON.parse`, throwing `EvalLoadError('<where>: not valid JSON (<reason>)')` on failure. */
export function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new EvalLoadError(`${where}: not valid JSON (${reason})`);
  }
}

/** Parses a whole file that must hold a JSON array, with `<label>: ...` errors. */
export function parseJsonArray(text: string, label: string): unknown[] {
  const data = parseJson(stripBom(text).trim(), label);
  if (!Array.isArray(data)) throw new EvalLoadError(`${label}: expected a JSON array of items`);
  if (data.length === 0) throw new EvalLoadError(`${label}: the file holds no items`);
  return data;
}

/** The field as a string, or an error naming the item and the field. */
export function requireString(record: JsonRecord, field: string, where: string): string {
  const value = record[field];
  if (value === undefined || value === null)
    throw new EvalLoadError(`${where}: missing "${field}"`);
  if (typeof value !== 'string') throw new EvalLoadError(`${where}: "${field}" must be a string`);
  return value;
}

/** The item's label in error messages: `HotpotQA item 3`, plus its id when it has one. */
export function itemLabel(label: string, index: number, id: unknown): string {
  const base = `${label} item ${index + 1}`;
  return typeof id === 'string' || typeof id === 'number' ? `${base} (${id})` : base;
}

/** Overrides for a loaded set's metadata. */
export interface LoadOptions {
  id?: string;
  name?: string;
  source?: string;
  licence?: string;
}

/** Throws when two items share an id (answers are keyed by item id). */
export function assertUniqueIds(items: readonly { id: string }[], label: string): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) {
      throw new EvalLoadError(`${label} item ${i + 1}: duplicate id "${item.id}"`);
    }
    seen.add(item.id);
  });
}
