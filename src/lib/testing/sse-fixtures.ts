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

/** How a recorded body is cut into network reads. */
export type ReadSplit =
  'one read' | 'byte by byte' | 'inside UTF-8 characters' | 'between CR and LF';

export const READ_SPLITS: readonly ReadSplit[] = [
  'one read',
  'byte by byte',
  'inside UTF-8 characters',
  'between CR and LF',
];

/**
 * `bytes` cut as `split` says: whole; one byte a read; after the first byte of every multi-byte
 * UTF-8 character; or, with its line ends made CRLF, after every CR (so each CR and its LF arrive
 * in different reads).
 */
export function splitReads(bytes: Uint8Array, split: ReadSplit): Uint8Array[] {
  if (split === 'one read') return [bytes];
  if (split === 'byte by byte') return Array.from(bytes, (byte) => Uint8Array.of(byte));
  const source = split === 'between CR and LF' ? crlf(bytes) : bytes;
  const cutAfter =
    split === 'between CR and LF'
      ? (byte: number) => byte === 0x0d
      : (byte: number) => byte >= 0xc0; // A UTF-8 lead byte: the rest of its character follows.
  const pieces: Uint8Array[] = [];
  let start = 0;
  source.forEach((byte, i) => {
    if (!cutAfter(byte)) return;
    pieces.push(source.slice(start, i + 1));
    start = i + 1;
  });
  pieces.push(source.slice(start));
  return pieces;
}

function crlf(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (const byte of bytes) {
    if (byte === 0x0a) out.push(0x0d);
    out.push(byte);
  }
  return Uint8Array.from(out);
}

/** A body that delivers the given byte pieces, one network read each. */
export function bytesBody(pieces: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
}
