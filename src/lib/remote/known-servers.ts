/**
 * The OpenAI-compatible servers people run next to the playground, and what each needs before a
 * web page may call it. A server is recognised from its `/v1/models` answer (`owned_by`) and,
 * failing that, from its usual port; 'unknown' when neither tells.
 */

export type ServerKind = 'ollama' | 'vllm' | 'llama.cpp' | 'lmstudio' | 'sglang' | 'unknown';

export interface KnownServer {
  kind: ServerKind;
  /** The server's name as people write it. */
  name: string;
  /** The port it listens on by default. */
  port: number | null;
  /** How to let a page from `origin` call it (CORS), as a sentence with the exact setting. */
  corsAdvice(origin: string): string;
  /** How to get a model onto it when it lists none; absent where it always serves one. */
  getModel?: string;
}

export const KNOWN_SERVERS: Record<ServerKind, KnownServer> = {
  ollama: {
    kind: 'ollama',
    name: 'Ollama',
    port: 11434,
    getModel: 'pull one first (`ollama pull qwen3:4b`)',
    corsAdvice: (origin) =>
      `Start Ollama with OLLAMA_ORIGINS=${origin} (for example \`OLLAMA_ORIGINS=${origin} ollama serve\`, ` +
      'or set it with `launchctl setenv` / `systemctl edit ollama` where Ollama runs as a service).',
  },
  vllm: {
    kind: 'vllm',
    name: 'vLLM',
    port: 8000,
    corsAdvice: (origin) =>
      `vLLM allows every origin unless it was started with \`--allowed-origins\` (its default is ["*"]): ` +
      `add this page's, as in \`vllm serve MODEL --allowed-origins '["${origin}"]'\`, and check that no proxy ` +
      'in front of it strips the Access-Control-Allow-Origin header.',
  },
  'llama.cpp': {
    kind: 'llama.cpp',
    name: 'llama.cpp server',
    port: 8080,
    corsAdvice: () =>
      "llama-server answers every origin (it echoes the page's Origin) and needs no flag for it: " +
      'check that no proxy in front of it strips the Access-Control-Allow-Origin header, and that ' +
      'the address is llama-server (`llama-server -m model.gguf --port 8080`, with `--host 0.0.0.0` ' +
      'to reach it from another machine).',
  },
  lmstudio: {
    kind: 'lmstudio',
    name: 'LM Studio',
    port: 1234,
    getModel: 'download one in LM Studio, or with `lms get qwen/qwen3-4b`, first',
    corsAdvice: () =>
      'In LM Studio, open Developer → Server Settings and switch on "Enable CORS" ' +
      '(or start it with `lms server start --cors`).',
  },
  sglang: {
    kind: 'sglang',
    name: 'SGLang',
    port: 30000,
    corsAdvice: (origin) =>
      'SGLang allows every origin (its server adds CORS with allow_origins=["*"]; no flag changes ' +
      `it): a proxy in front of it must send Access-Control-Allow-Origin: ${origin} and allow the ` +
      'Authorization and Content-Type headers.',
  },
  unknown: {
    kind: 'unknown',
    name: 'the server',
    port: null,
    corsAdvice: (origin) =>
      `The server must answer this page's origin (${origin}) with an ` +
      'Access-Control-Allow-Origin header and allow the Authorization and Content-Type headers.',
  },
};

/** `owned_by` values the servers put in their `/v1/models` list. */
const OWNED_BY: Record<string, ServerKind> = {
  library: 'ollama',
  ollama: 'ollama',
  vllm: 'vllm',
  llamacpp: 'llama.cpp',
  'llama.cpp': 'llama.cpp',
  sglang: 'sglang',
  organization_owner: 'lmstudio',
};

/** Which server `baseUrl` is, from its models list's `owned_by` first, then from its port. */
export function recogniseServer(baseUrl: string, ownedBy: readonly string[] = []): ServerKind {
  for (const owner of ownedBy) {
    const kind = OWNED_BY[owner.toLowerCase()];
    if (kind) return kind;
  }
  if (!URL.canParse(baseUrl)) return 'unknown';
  const port = Number(new URL(baseUrl).port);
  const byPort = Object.values(KNOWN_SERVERS).find((server) => server.port === port);
  return byPort?.kind ?? 'unknown';
}

/** Whether `url` is on this machine or a private network (Chrome asks before a page reaches it). */
export function isLocalNetworkUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.local') ||
    host === '::1' ||
    /^127\./.test(host) ||
    /^10\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    /^169\.254\./.test(host) ||
    /^f[cd][0-9a-f]{2}:/i.test(host)
  );
}
