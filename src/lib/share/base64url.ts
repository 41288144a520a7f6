/**
 * Base64url (RFC 4648 §5) without padding, strict on read: any character outside the
 * alphabet is reported with its position rather than skipped.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Character code → 6-bit value, or -1. */
const VALUES = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** Bytes → base64url text, no padding. */
export function toBase64Url(bytes: Uint8Array): string {
  const out: string[] = [];
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out.push(
      ALPHABET[(n >> 18) & 63] ?? '',
      ALPHABET[(n >> 12) & 63] ?? '',
      ALPHABET[(n >> 6) & 63] ?? '',
      ALPHABET[n & 63] ?? '',
    );
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = ((bytes[i] ?? 0) << 16) | (rest === 2 ? (bytes[i + 1] ?? 0) << 8 : 0);
    out.push(ALPHABET[(n >> 18) & 63] ?? '', ALPHABET[(n >> 12) & 63] ?? '');
    if (rest === 2) out.push(ALPHABET[(n >> 6) & 63] ?? '');
  }
  return out.join('');
}

export type Base64UrlDecoded =
  | { ok: true; bytes: Uint8Array }
  /** A character outside the alphabet, at a 0-based index. */
  | { ok: false; reason: 'bad-char'; index: number; char: string }
  /** One character too many or too few: no encoder writes a lone trailing character. */
  | { ok: false; reason: 'dangling' };

/** Base64url text (without padding) → bytes, or where it is broken. */
export function fromBase64Url(text: string): Base64UrlDecoded {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || VALUES[code] === -1) {
      const char = String.fromCodePoint(text.codePointAt(i) ?? code);
      return { ok: false, reason: 'bad-char', index: i, char };
    }
  }
  if (text.length % 4 === 1) return { ok: false, reason: 'dangling' };
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  const value = (i: number) => VALUES[text.charCodeAt(i)] ?? 0;
  let at = 0;
  for (let i = 0; i < text.length; i += 4) {
    const n =
      (value(i) << 18) |
      (value(i + 1) << 12) |
      (i + 2 < text.length ? value(i + 2) << 6 : 0) |
      (i + 3 < text.length ? value(i + 3) : 0);
    bytes[at++] = (n >> 16) & 255;
    if (i + 2 < text.length) bytes[at++] = (n >> 8) & 255;
    if (i + 3 < text.length) bytes[at++] = n & 255;
  }
  return { ok: true, bytes };
}
