import { describe, expect, it } from 'vitest';
import { errorLinesAsEvents } from './sse-error-lines';

async function rewritten(pieces: string[]): Promise<string> {
  const source = new ReadableStream<string>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
  let out = '';
  const reader = source.pipeThrough(errorLinesAsEvents()).getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) out += read.value;
  return out;
}

const stream = 'data: {"a":1}\n\nerror: {"message":"boom"}\r\n\r\ndata: [DONE]\n\n';
const expected = 'data: {"a":1}\n\nevent: error\ndata: {"message":"boom"}\r\n\r\ndata: [DONE]\n\n';

describe('errorLinesAsEvents', () => {
  it.each([1, 2, 3, 5, 16, 1000])(
    'turns an error: line into an error event, reads cut every %i characters',
    async (size) => {
      const pieces: string[] = [];
      for (let i = 0; i < stream.length; i += size) pieces.push(stream.slice(i, i + size));
      expect(await rewritten(pieces)).toBe(expected);
    },
  );

  it('leaves "error:" inside a line, other fields, and a last unfinished line as they are', async () => {
    const text = 'data: error: not a field\n\nerrors: x\n: error: comment\nerr';
    expect(await rewritten([text])).toBe(text);
    expect(await rewritten(text.split(''))).toBe(text);
  });
});
