/**
 * llama.cpp's server, before it sent errors as `data:` events, wrote an error inside a stream as an
 * `error:` line (`error: {"code":500,"message":…}`), a field the SSE format does not know, so an
 * SSE parser drops it, and the `data: [DONE]` after it reads as a finished reply. This rewrites
 * each such line into an `error` event (`event: error` then `data:`) before parsing, however the
 * network cut the text: a line start that may still become `error:` waits for the next read.
 */

const FIELD = 'error:';
const AS_EVENT = 'event: error\ndata:';

export function errorLinesAsEvents(): TransformStream<string, string> {
  let atLineStart = true;
  let held = '';
  const rewrite = (text: string, last: boolean): string => {
    let out = '';
    for (let i = 0; i < text.length;) {
      if (atLineStart) {
        const start = text.slice(i, i + FIELD.length);
        if (start === FIELD) {
          out += AS_EVENT;
          i += FIELD.length;
          atLineStart = false;
          continue;
        }
        if (!last && i + start.length === text.length && FIELD.startsWith(start)) {
          held = start; // "err" at the end of a read: the next read decides.
          return out;
        }
      }
      const char = text.charAt(i);
      out += char;
      atLineStart = char === '\n' || char === '\r';
      i++;
    }
    held = '';
    return out;
  };
  return new TransformStream({
    transform(chunk, controller) {
      const text = rewrite(held + chunk, false);
      if (text) controller.enqueue(text);
    },
    flush(controller) {
      const text = rewrite(held, true);
      if (text) controller.enqueue(text);
    },
  });
}
