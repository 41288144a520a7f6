import { expect, test } from 'vitest';
import { fromBase64Url, toBase64Url } from './base64url';
import { mulberry32 } from './testing/random-experiment';

test('round-trips bytes of every length, and matches the platform encoder', () => {
  const random = mulberry32(3);
  for (let length = 0; length < 300; length++) {
    const bytes = Uint8Array.from({ length }, () => Math.floor(random() * 256));
    const text = toBase64Url(bytes);
    expect(text).toBe(Buffer.from(bytes).toString('base64url'));
    expect(fromBase64Url(text)).toEqual({ ok: true, bytes });
  }
});

test('reports the first character outside the alphabet, and a lone trailing character', () => {
  expect(fromBase64Url('AB+C')).toEqual({ ok: false, reason: 'bad-char', index: 2, char: '+' });
  expect(fromBase64Url('AB=')).toEqual({ ok: false, reason: 'bad-char', index: 2, char: '=' });
  expect(fromBase64Url('A😀')).toEqual({ ok: false, reason: 'bad-char', index: 1, char: '😀' });
  expect(fromBase64Url('ABCDE')).toEqual({ ok: false, reason: 'dangling' });
});
