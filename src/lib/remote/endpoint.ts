/**
 * An OpenAI-compatible endpoint's address and model list, read the same way for every server.
 */

/**
 * The base URL calls are made under, ending in `/v1` (no trailing slash). People paste the
 * server's root (`http://localhost:11434`), the API root (`…/v1`, `…/v1/`) or a full call URL
 * (`…/v1/chat/completions`), or no scheme (`localhost:11434`, meaning http); all mean the same endpoint. Throws on anything that is not http(s).
 */
export function normaliseBaseUrl(input: string): string {
  const trimmed = input.trim();
  // "localhost:11434" or "gpu-box:8000/v1": a host without a scheme means http.
  const text =
    /^[\w.-]+(:\d+)?(\/|$)/.test(trimmed) && !/^[a-z][\w+.-]*:\/\//i.test(trimmed)
      ? `http://${trimmed}`
      : trimmed;
  if (!URL.canParse(text))
    throw new TypeError(`"${text}" is not a web address (it needs http:// or https://).`);
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError(`"${text}" is not an http:// or https:// address.`);
  if (url.username || url.password)
    throw new TypeError('Put the API key in its own field, not in the address.');
  let path = url.pathname.replace(/\/+$/, '');
  path = path.replace(/\/(chat\/completions|completions|models)$/, '');
  if (!/\/v\d+$/.test(path)) path = `${path}/v1`;
  return `${url.origin}${path}`;
}

export interface ModelList {
  /** Model ids in the server's order. */
  ids: string[];
  /** The `owned_by` values, which name the server (see known-servers). */
  ownedBy: string[];
}

/**
 * A `/v1/models` answer (`{data:[{id, owned_by}]}`; Ollama's older `{models:[{name}]}` too, and
 * its `{data:null}` when it has none).
 */
export function parseModelList(body: string): ModelList {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new TypeError(
      "The server's list of models is not JSON: is this an OpenAI-compatible API?",
    );
  }
  const record = (parsed ?? {}) as { data?: unknown; models?: unknown };
  // Ollama with no model pulled answers `"data": null` (a nil Go slice): an empty list.
  const rows = Array.isArray(record.data)
    ? record.data
    : Array.isArray(record.models)
      ? record.models
      : record.data === null
        ? []
        : null;
  if (!rows) throw new TypeError('The server\'s answer has no list of models (no "data" array).');
  const ids: string[] = [];
  const ownedBy: string[] = [];
  for (const row of rows as { id?: unknown; name?: unknown; owned_by?: unknown }[]) {
    const id =
      typeof row?.id === 'string' ? row.id : typeof row?.name === 'string' ? row.name : null;
    if (!id) continue;
    ids.push(id);
    if (typeof row.owned_by === 'string' && !ownedBy.includes(row.owned_by))
      ownedBy.push(row.owned_by);
  }
  return { ids, ownedBy };
}
