#!/usr/bin/env node
/**
 * Writes a tiny GGUF model with random (seeded, so deterministic) weights, for tests and
 * benchmarks of the WebAssembly engine (wllama / llama.cpp). The text it writes is gibberish,
 * but every real step runs: download, cache, tokenising, chat template, sampling, streaming.
 *
 * Model: llama architecture, 2 layers, 64 wide, 4 attention heads (2 KV heads), F32 weights.
 * Tokenizer: SentencePiece-style ('llama') with byte fallback <0x00>..<0xFF>, so any text
 * tokenises; a handful of word pieces; <unk>, <s>, </s>, <|im_start|>, <|im_end|>; a ChatML
 * template in `tokenizer.chat_template`.
 *
 * Usage:
 *   node scripts/make-tiny-gguf.mjs [out.gguf] [--corrupt] [--embed]
 * Default output: <repo>/static/test-models/tiny-chat.gguf; a given path is relative to the
 * working directory. `--corrupt` writes the same file cut short (valid header, truncated
 * tensor data), which llama.cpp must refuse to load. `--embed` writes an embedding model: the
 * same network (another seed) named tiny-embed, with `llama.pooling_type` = mean, as sentence-
 * embedding GGUF files name their pooling (bge's says CLS).
 *
 * Format reference: ggml's docs/gguf.md (GGUF v3, little-endian, 32-byte alignment).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Default output, relative to the repository root (not the working directory). */
export const DEFAULT_OUT = fileURLToPath(
  new URL('../static/test-models/tiny-chat.gguf', import.meta.url),
);

/** ChatML, as Qwen and SmolLM ship it (no BOS token; generation prompt opens the reply). */
export const CHATML_TEMPLATE =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + " +
  "message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

const HPARAMS = {
  contextLength: 2048,
  embd: 64,
  ff: 128,
  layers: 2,
  heads: 4,
  headsKv: 2,
};

/** GGUF metadata value types. */
const T = { U32: 4, I32: 5, F32: 6, BOOL: 7, STRING: 8, ARRAY: 9 };
/** llama.cpp token types. */
const TOKEN = { NORMAL: 1, UNKNOWN: 2, CONTROL: 3, BYTE: 6 };
/** ggml tensor type F32. */
const GGML_F32 = 0;
/** Output-row scale of <|im_end|>: replies end by themselves now and then (after ~10-350 tokens). */
const EOT_SCALE = 0.5;
const ALIGNMENT = 32;

/** Mulberry32: a small seeded PRNG, uniform in [0, 1). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The vocabulary: specials, 256 byte tokens, then word pieces ('▁' marks a leading space). */
function buildVocab() {
  const tokens = ['<unk>', '<s>', '</s>', '<|im_start|>', '<|im_end|>'];
  const types = [TOKEN.UNKNOWN, TOKEN.CONTROL, TOKEN.CONTROL, TOKEN.CONTROL, TOKEN.CONTROL];
  const scores = [0, 0, 0, 0, 0];
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(TOKEN.BYTE);
    scores.push(0);
  }
  const pieces = [
    '▁',
    '▁the',
    '▁a',
    '▁to',
    '▁and',
    '▁of',
    '▁is',
    '▁in',
    '▁agent',
    '▁team',
    '▁model',
    '▁answer',
    '▁plan',
    '▁yes',
    '▁no',
    'e',
    't',
    'a',
    'o',
    'n',
    's',
  ];
  pieces.forEach((piece, i) => {
    tokens.push(piece);
    types.push(TOKEN.NORMAL);
    // SentencePiece merges by score: longer pieces first.
    scores.push(-i - (piece.length > 2 ? 0 : 100));
  });
  return { tokens, types, scores };
}

/** llama.cpp's pooling types, as GGUF metadata numbers them. */
export const POOLING = { NONE: 0, MEAN: 1, CLS: 2, LAST: 3 };

/** Little-endian byte builder. */
class Writer {
  chunks = [];
  size = 0;
  #push(buf) {
    this.chunks.push(buf);
    this.size += buf.length;
  }
  u32(v) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    this.#push(b);
  }
  i32(v) {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
    this.#push(b);
  }
  u64(v) {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.#push(b);
  }
  f32(v) {
    const b = Buffer.alloc(4);
    b.writeFloatLE(v);
    this.#push(b);
  }
  bool(v) {
    this.#push(Buffer.from([v ? 1 : 0]));
  }
  str(s) {
    const b = Buffer.from(s, 'utf8');
    this.u64(b.length);
    this.#push(b);
  }
  bytes(b) {
    this.#push(b);
  }
  pad(alignment) {
    const rest = this.size % alignment;
    if (rest) this.#push(Buffer.alloc(alignment - rest));
  }
  toBuffer() {
    return Buffer.concat(this.chunks, this.size);
  }
}

/** Writes one metadata value of GGUF type `type` (arrays: `[elementType, values]`). */
function writeValue(w, type, value) {
  w.u32(type);
  if (type === T.ARRAY) {
    const [elementType, values] = value;
    w.u32(elementType);
    w.u64(values.length);
    for (const v of values) writeScalar(w, elementType, v);
  } else writeScalar(w, type, value);
}

function writeScalar(w, type, v) {
  if (type === T.U32) w.u32(v);
  else if (type === T.I32) w.i32(v);
  else if (type === T.F32) w.f32(v);
  else if (type === T.BOOL) w.bool(v);
  else if (type === T.STRING) w.str(v);
  else throw new Error(`unsupported GGUF type ${type}`);
}

/**
 * Builds the whole GGUF file in memory.
 * @param {{ seed?: number, pooling?: number }} [options] `pooling`: write `llama.pooling_type`
 *   (an embedding model); absent: a chat model, which names no pooling.
 * @returns {Buffer}
 */
export function makeTinyGguf({ seed = 1234, pooling } = {}) {
  const { contextLength, embd, ff, layers, heads, headsKv } = HPARAMS;
  const headDim = embd / heads;
  const vocab = buildVocab();
  const nVocab = vocab.tokens.length;
  const random = prng(seed);
  const uniform = (scale) => (random() * 2 - 1) * scale;

  /** @type {Array<[string, number, unknown]>} */
  const metadata = [
    ['general.architecture', T.STRING, 'llama'],
    [
      'general.name',
      T.STRING,
      pooling === undefined
        ? 'tiny-chat (random weights, test only)'
        : 'tiny-embed (random weights, test only)',
    ],
    ['general.alignment', T.U32, ALIGNMENT],
    ['general.file_type', T.U32, 0], // ALL_F32
    ['llama.context_length', T.U32, contextLength],
    ['llama.embedding_length', T.U32, embd],
    ['llama.block_count', T.U32, layers],
    ['llama.feed_forward_length', T.U32, ff],
    ['llama.attention.head_count', T.U32, heads],
    ['llama.attention.head_count_kv', T.U32, headsKv],
    ['llama.rope.dimension_count', T.U32, headDim],
    ['llama.rope.freq_base', T.F32, 10000],
    ['llama.attention.layer_norm_rms_epsilon', T.F32, 1e-5],
    ['llama.vocab_size', T.U32, nVocab],
    ['tokenizer.ggml.model', T.STRING, 'llama'],
    ['tokenizer.ggml.tokens', T.ARRAY, [T.STRING, vocab.tokens]],
    ['tokenizer.ggml.scores', T.ARRAY, [T.F32, vocab.scores]],
    ['tokenizer.ggml.token_type', T.ARRAY, [T.I32, vocab.types]],
    ['tokenizer.ggml.unknown_token_id', T.U32, 0],
    ['tokenizer.ggml.bos_token_id', T.U32, 1],
    ['tokenizer.ggml.eos_token_id', T.U32, 2],
    ['tokenizer.ggml.eot_token_id', T.U32, 4],
    ['tokenizer.ggml.padding_token_id', T.U32, 2],
    ['tokenizer.ggml.add_bos_token', T.BOOL, false],
    ['tokenizer.ggml.add_eos_token', T.BOOL, false],
    ['tokenizer.chat_template', T.STRING, CHATML_TEMPLATE],
  ];
  if (pooling !== undefined) metadata.push(['llama.pooling_type', T.U32, pooling]);

  /** Scale of a token's output row: wide for printable text, narrow for <|im_end|>, else 0. */
  const outputScale = (id) => {
    if (id === 4) return EOT_SCALE;
    if (vocab.types[id] === TOKEN.NORMAL) return 0.8;
    const byte = /^<0x([0-9A-F]{2})>$/.exec(vocab.tokens[id]);
    if (!byte) return 0;
    const b = parseInt(byte[1], 16);
    return (b >= 0x20 && b < 0x7f) || b === 0x0a ? 0.8 : 0;
  };

  /** @type {Array<{ name: string, dims: number[], data: Float32Array }>} */
  const tensors = [];
  const tensor = (name, dims, fill) => {
    const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) data[i] = fill(i);
    tensors.push({ name, dims, data });
  };
  const ones = () => 1;
  const dense = (fanIn) => () => uniform(1 / Math.sqrt(fanIn));

  // GGUF dims list ne[0] (the contiguous one) first: a [rows x cols] matrix is [cols, rows].
  tensor('token_embd.weight', [embd, nVocab], () => uniform(1));
  for (let l = 0; l < layers; l++) {
    tensor(`blk.${l}.attn_norm.weight`, [embd], ones);
    tensor(`blk.${l}.attn_q.weight`, [embd, embd], dense(embd));
    tensor(`blk.${l}.attn_k.weight`, [embd, headDim * headsKv], dense(embd));
    tensor(`blk.${l}.attn_v.weight`, [embd, headDim * headsKv], dense(embd));
    tensor(`blk.${l}.attn_output.weight`, [embd, embd], dense(embd));
    tensor(`blk.${l}.ffn_norm.weight`, [embd], ones);
    tensor(`blk.${l}.ffn_gate.weight`, [embd, ff], dense(embd));
    tensor(`blk.${l}.ffn_up.weight`, [embd, ff], dense(embd));
    tensor(`blk.${l}.ffn_down.weight`, [ff, embd], dense(ff));
  }
  tensor('output_norm.weight', [embd], ones);
  // Output rows of unprintable tokens (control bytes, high bytes, <s>...) stay zero while the
  // others get wide logits, so sampled text is mostly printable ASCII and word pieces, and
  // <|im_end|> (end of turn) comes now and then rather than every few tokens.
  tensor('output.weight', [embd, nVocab], (i) => {
    const scale = outputScale(Math.floor(i / embd));
    return scale ? uniform(scale) : 0;
  });

  const w = new Writer();
  w.bytes(Buffer.from('GGUF', 'ascii'));
  w.u32(3);
  w.u64(tensors.length);
  w.u64(metadata.length);
  for (const [key, type, value] of metadata) {
    w.str(key);
    writeValue(w, type, value);
  }
  let offset = 0;
  for (const t of tensors) {
    w.str(t.name);
    w.u32(t.dims.length);
    for (const d of t.dims) w.u64(d);
    w.u32(GGML_F32);
    w.u64(offset);
    offset += Math.ceil(t.data.byteLength / ALIGNMENT) * ALIGNMENT;
  }
  w.pad(ALIGNMENT);
  for (const t of tensors) {
    w.bytes(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    w.pad(ALIGNMENT);
  }
  return w.toBuffer();
}

/** The same file cut to 60 % of its size: header intact, tensor data missing. */
export function corruptGguf(buffer) {
  return buffer.subarray(0, Math.floor(buffer.length * 0.6));
}

function main(argv) {
  const corrupt = argv.includes('--corrupt');
  const out = resolve(argv.find((a) => !a.startsWith('--')) ?? DEFAULT_OUT);
  const full = argv.includes('--embed')
    ? makeTinyGguf({ seed: 4321, pooling: POOLING.MEAN })
    : makeTinyGguf();
  const bytes = corrupt ? corruptGguf(full) : full;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  console.log(`${corrupt ? 'corrupt ' : ''}GGUF written: ${out} (${bytes.length} bytes)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
