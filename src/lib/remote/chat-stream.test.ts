import { describe, expect, it } from 'vitest';
import { StreamedServerError, readChatStream } from './chat-stream';
import { bodyOf, sse } from '../testing/sse-fixtures';

const delta = (content: string, extra: Record<string, unknown> = {}) => ({
  choices: [{ delta: { content, ...extra }, finish_reason: null }],
});
const finish = (reason: string) => ({ choices: [{ delta: {}, finish_reason: reason }] });
const usage = (prompt: number, completion: number) => ({
  choices: [],
  usage: { prompt_tokens: prompt, completion_tokens: completion },
});

/** Splits `text` into pieces of `size` characters (events cut anywhere, even mid-UTF-8). */
function cut(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}

describe('readChatStream', () => {
  const stream = sse([delta('Héllo'), delta(' wörld'), delta('!'), finish('stop'), usage(12, 3)]);

  it.each([1, 3, 7, 64, 10_000])(
    'loses no event when network reads are cut every %i characters',
    async (size) => {
      const seen: string[] = [];
      const result = await readChatStream(bodyOf(cut(stream, size)), (d) => seen.push(d));
      expect(seen).toEqual(['Héllo', ' wörld', '!']);
      expect(result).toMatchObject({
        text: 'Héllo wörld!',
        finishReason: 'stop',
        usage: { promptTokens: 12, completionTokens: 3 },
        deltas: 3,
        done: true,
      });
    },
  );

  it('reads bytes cut inside a multi-byte character', async () => {
    const bytes = new TextEncoder().encode(sse([delta('€uro'), finish('stop')]));
    const split = bytes.indexOf(0xe2) + 1; // inside "€"
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, split));
        c.enqueue(bytes.slice(split));
        c.close();
      },
    });
    const result = await readChatStream(body, () => {});
    expect(result.text).toBe('€uro');
  });

  it('reads events merged into one read, with CRLF line ends and keep-alive comments', async () => {
    const merged = `: ping\r\n\r\n${sse([delta('a'), delta('b'), finish('length')]).replaceAll('\n', '\r\n')}`;
    const result = await readChatStream(bodyOf([merged]), () => {});
    expect(result.text).toBe('ab');
    expect(result.finishReason).toBe('length');
    expect(result.usage).toBeNull();
  });

  it("streams reasoning_content (and Ollama's reasoning) inside one think block, adding no token", async () => {
    const seen: string[] = [];
    const result = await readChatStream(
      bodyOf([
        sse([
          delta('', { reasoning_content: 'Let me' }),
          delta('', { reasoning: ' think.' }),
          delta('Paris'),
          delta('.'),
          finish('stop'),
        ]),
      ]),
      (d) => seen.push(d),
    );
    expect(seen).toEqual(['<think>Let me', ' think.', '</think>Paris', '.']);
    expect(result.text).toBe('<think>Let me think.</think>Paris.');
    expect(result.deltas).toBe(4);
  });

  it('says when the stream ended without a finish reason or [DONE] (dropped)', async () => {
    const result = await readChatStream(bodyOf([sse([delta('half')], false)]), () => {});
    expect(result.finishReason).toBeNull();
    expect(result.done).toBe(false);
  });

  it("throws the server's own error sent inside the stream", async () => {
    const body = bodyOf([
      sse([delta('x')], false),
      'data: {"error":{"message":"out of memory"}}\n\n',
    ]);
    await expect(readChatStream(body, () => {})).rejects.toThrow(
      new StreamedServerError('out of memory'),
    );
  });

  it('returns what arrived when the read breaks after Stop, and throws when it breaks without', async () => {
    const broken = () =>
      new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode(sse([delta('partial')], false)));
        },
        pull(c) {
          c.error(new TypeError('network error'));
        },
      });
    const stop = new AbortController();
    stop.abort();
    const kept = await readChatStream(broken(), () => {}, { signal: stop.signal });
    expect(kept.text).toBe('partial');
    await expect(readChatStream(broken(), () => {})).rejects.toThrow('network error');
  });

  it('ignores fields the SSE format does not know, whole or cut, instead of breaking the stream', async () => {
    const text = `retry: soon\nx-proxy: 1\n${sse([delta('ok'), finish('stop')])}`;
    for (const size of [1, text.length]) {
      const result = await readChatStream(bodyOf(cut(text, size)), () => {});
      expect(result).toMatchObject({ text: 'ok', finishReason: 'stop', done: true });
    }
  });

  it('reads one copy of reasoning a server sends under both names (vLLM while renaming)', async () => {
    const both = { reasoning: 'Hmm.', reasoning_content: 'Hmm.' };
    const result = await readChatStream(
      bodyOf([sse([delta('', both), delta('Yes.'), finish('stop')])]),
      () => {},
    );
    expect(result.text).toBe('<think>Hmm.</think>Yes.');
  });

  it("throws llama.cpp's older error: line, even when [DONE] follows it", async () => {
    const body = bodyOf([
      sse([delta('x')], false),
      'error: {"code":500,"message":"slot unavailable","type":"server_error"}\n\n',
      'data: [DONE]\n\n',
    ]);
    await expect(readChatStream(body, () => {})).rejects.toThrow(
      new StreamedServerError('slot unavailable'),
    );
  });
});
