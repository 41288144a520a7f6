/** Types of server.mjs, for the TypeScript tests that start it. */
export interface ServerOptions {
  modelPath: string;
  modelName?: string;
  ownedBy?: string;
  cors?: boolean;
  apiKey?: string;
  reasoning?: boolean;
  dropAfterTokens?: number;
  slots?: number;
  contextSize?: number;
  /** Most tokens a reply gets, whatever it asks (llama-server's `-n`). */
  nPredict?: number;
  /** Wait this long after each streamed token (a slow server). */
  tokenDelayMs?: number;
  port?: number;
}

export interface OpenAITestServer {
  /** http://127.0.0.1:<port> (the API is under /v1). */
  url: string;
  /**
   * What the server saw: requests, completions, streams the client closed early, completions in
   * flight now (waiting for a slot or generating) and the most in flight at once.
   */
  stats: {
    requests: number;
    completions: number;
    closedEarly: number;
    inFlight: number;
    maxInFlight: number;
  };
  close(): Promise<void>;
}

export function startOpenAIServer(options: ServerOptions): Promise<OpenAITestServer>;
