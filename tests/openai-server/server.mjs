/**
 * A real OpenAI-compatible chat server for tests: llama.cpp (node-llama-cpp, CPU build) runs a
 * GGUF model behind the chat-completions protocol as the servers people use speak it: SSE
 * framing, a usage chunk last when `stream_options.include_usage` is set, `[DONE]`, OpenAI error
 * bodies. Switches let a test turn CORS off, ask for a key, send reasoning apart
 * (`reasoning_content`, as llama.cpp's and vLLM's reasoning parsers do), or drop the connection
 * mid-stream. `GET /test/stats` tells a test what the server saw (requests, streams the client
 * closed early, completions in flight now and the most at once).
 *
 * Installed apart from the app (tests/openai-server/package.json): `node
 * scripts/ensure-openai-server.mjs` installs it with the CPU binary only.
 */
import { createServer } from 'node:http';
import { getLlama } from 'node-llama-cpp';

/**
 * @typedef {object} ServerOptions
 * @property {string} modelPath GGUF file to serve.
 * @property {string} [modelName] The name `/v1/models` lists and requests must use.
 * @property {string} [ownedBy] `owned_by` in `/v1/models` (names the server kind).
 * @property {boolean} [cors] Send CORS headers (default true).
 * @property {string} [apiKey] Refuse requests without `Authorization: Bearer <apiKey>`.
 * @property {boolean} [reasoning] Send the first half of each reply as `reasoning_content`.
 * @property {number} [dropAfterTokens] Destroy the connection after this many streamed tokens.
 * @property {number} [slots] Requests served at once (one llama.cpp sequence each).
 * @property {number} [nPredict] Most tokens a reply gets, whatever it asks (llama-server's `-n`).
 * @property {number} [tokenDelayMs] Wait this long after each streamed token (a slow server).
 * @property {number} [contextSize] Tokens per sequence (default 2048, the tiny model's own).
 * @property {number} [port] 0 (default) picks a free port.
 */

/**
 * Starts the server on 127.0.0.1.
 * @param {ServerOptions} options
 */
export async function startOpenAIServer(options) {
  const name = options.modelName ?? 'tiny-chat';
  const slots = options.slots ?? 1;
  const llama = await getLlama({ gpu: false, build: 'never', progressLogs: false });
  const model = await llama.loadModel({ modelPath: options.modelPath });
  const context = await model.createContext({
    contextSize: (options.contextSize ?? 2048) * slots,
    sequences: slots,
    threads: 1,
  });
  const free = Array.from({ length: slots }, () => context.getSequence());
  /** @type {(() => void)[]} */
  const waiting = [];
  const stats = { requests: 0, completions: 0, closedEarly: 0, inFlight: 0, maxInFlight: 0 };

  async function takeSequence() {
    while (!free.length) await new Promise((resolve) => waiting.push(() => resolve(undefined)));
    return /** @type {import('node-llama-cpp').LlamaContextSequence} */ (free.pop());
  }
  function giveBack(sequence) {
    free.push(sequence);
    waiting.shift()?.();
  }

  /** @param {import('node:http').ServerResponse} res */
  function cors(res) {
    if (options.cors === false) return;
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  }

  function json(res, status, body) {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  function error(res, status, message, type = 'invalid_request_error') {
    json(res, status, { error: { message, type, code: status } });
  }

  /** ChatML, the tiny model's template. */
  function prompt(messages) {
    const turns = messages.map((m) => `<|im_start|>${m.role}\n${m.content}<|im_end|>\n`).join('');
    return `${turns}<|im_start|>assistant\n`;
  }

  async function complete(req, res, body) {
    if (body.model !== name)
      return error(res, 404, `model '${body.model}' not found`, 'not_found_error');
    if (!Array.isArray(body.messages) || !body.messages.length)
      return error(res, 400, "'messages' must be a non-empty array");
    const asked = Number.isInteger(body.max_tokens) ? body.max_tokens : 64;
    const maxTokens = Math.min(asked, options.nPredict ?? Infinity);
    const stream = body.stream === true;
    const includeUsage = stream && body.stream_options?.include_usage === true;
    const id = `chatcmpl-${++stats.completions}`;
    const created = Math.floor(Date.now() / 1000);
    const chunk = (delta, finish = null, usage) => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model: name,
      choices: usage ? [] : [{ index: 0, delta, finish_reason: finish }],
      ...(usage ? { usage } : {}),
    });
    const send = (data) => res.write(`data: ${JSON.stringify(data)}\n\n`);

    const controller = new AbortController();
    // In flight from here (waiting for a slot or generating) until the response ends or closes.
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    res.on('close', () => {
      stats.inFlight--;
      if (!res.writableFinished) {
        stats.closedEarly++;
        controller.abort();
      }
    });
    const sequence = await takeSequence();
    if (controller.signal.aborted) return giveBack(sequence);
    try {
      await sequence.clearHistory();
      const input = model.tokenize(prompt(body.messages), true);
      if (stream)
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      if (stream) send(chunk({ role: 'assistant', content: '' }));
      /** @type {import('node-llama-cpp').Token[]} */
      const generated = [];
      let text = '';
      let finish = 'length';
      const thinkingTokens = options.reasoning ? Math.floor(maxTokens / 2) : 0;
      for await (const token of sequence.evaluate(input, {
        temperature: body.temperature ?? 0.8,
        seed: body.seed,
      })) {
        if (controller.signal.aborted) return;
        if (token === model.tokens.eos) {
          finish = 'stop';
          break;
        }
        generated.push(token);
        const full = model.detokenize(generated);
        const delta = full.slice(text.length);
        text = full;
        if (stream && delta) {
          const field = generated.length <= thinkingTokens ? 'reasoning_content' : 'content';
          send(chunk({ [field]: delta }));
        }
        if (options.tokenDelayMs)
          await new Promise((resolve) => setTimeout(resolve, options.tokenDelayMs));
        if (options.dropAfterTokens !== undefined && generated.length >= options.dropAfterTokens) {
          res.socket?.destroy();
          return;
        }
        if (generated.length >= maxTokens) break;
      }
      const usage = {
        prompt_tokens: input.length,
        completion_tokens: generated.length,
        total_tokens: input.length + generated.length,
      };
      if (!stream) {
        return json(res, 200, {
          id,
          object: 'chat.completion',
          created,
          model: name,
          choices: [
            { index: 0, message: { role: 'assistant', content: text }, finish_reason: finish },
          ],
          usage,
        });
      }
      send(chunk({}, finish));
      if (includeUsage) send(chunk(null, null, usage));
      res.end('data: [DONE]\n\n');
    } finally {
      giveBack(sequence);
    }
  }

  const server = createServer((req, res) => {
    stats.requests++;
    cors(res);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'OPTIONS') {
      res.writeHead(204);
      return res.end();
    }
    if (url.pathname === '/test/stats') return json(res, 200, stats);
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`)
      return error(res, 401, 'Invalid API key', 'authentication_error');
    if (req.method === 'GET' && url.pathname === '/v1/models') {
      return json(res, 200, {
        object: 'list',
        data: [{ id: name, object: 'model', created: 0, owned_by: options.ownedBy ?? 'llamacpp' }],
      });
    }
    if (req.method === 'POST' && url.pathname === '/v1/chat/completions') {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (piece) => (raw += piece));
      req.on('end', () => {
        let body;
        try {
          body = JSON.parse(raw);
        } catch {
          return error(res, 400, 'The body is not JSON');
        }
        complete(req, res, body).catch((e) => {
          if (!res.headersSent) error(res, 500, String(e?.message ?? e), 'server_error');
          else res.destroy();
        });
      });
      return;
    }
    error(res, 404, `No route ${req.method} ${url.pathname}`, 'not_found_error');
  });
  await new Promise((resolve) =>
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined)),
  );
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    stats,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
      await context.dispose();
      await model.dispose();
    },
  };
}

// `node tests/openai-server/server.mjs <model.gguf> [port] [--no-cors] [--key KEY] [--reasoning]`
if (import.meta.url === `file://${process.argv[1]}`) {
  const [modelPath, port] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const flag = (f) => process.argv.includes(f);
  const keyAt = process.argv.indexOf('--key');
  const server = await startOpenAIServer({
    modelPath,
    port: Number(port ?? 0),
    cors: !flag('--no-cors'),
    reasoning: flag('--reasoning'),
    apiKey: keyAt > 0 ? process.argv[keyAt + 1] : undefined,
  });
  console.log(`OpenAI-compatible test server on ${server.url}/v1`);
}
