/** Server-sent-event bodies for tests of the remote engine and its stream reader. */

/** A body that delivers `text` in the given pieces (network reads), as bytes. */
export function bodyOf(pieces: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
}

/** Chunks as `data:` events, ending in `[DONE]` unless `done` is false. */
export function sse(chunks: unknown[], done = true): string {
  return (
    chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('') + (done ? 'data: [DONE]\n\n' : '')
  );
}
