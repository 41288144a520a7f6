import { describe, expect, it } from 'vitest';
import { ASCII_PUNCTUATION, normalizeAnswer, pythonSplit, removeArticles } from './normalize';

// Expected values computed with `normalize_answer` of hotpot_evaluate_v1.py.
describe('normalizeAnswer', () => {
  it.each([
    ['The Eiffel Tower', 'eiffel tower'],
    ['Eiffel Tower!', 'eiffel tower'],
    ['  An  apple\tpie ', 'apple pie'],
    ['theatre', 'theatre'],
    ['the atre', 'atre'],
    ['A.B.C.', 'abc'],
    ['Rock-n-roll', 'rocknroll'],
    ['1,000', '1000'],
    ['\u201cHalvik\u201d', '\u201chalvik\u201d'],
    ['sheep\u2019s milk', 'sheep\u2019s milk'],
    ["sheep's milk", 'sheeps milk'],
    ['the', ''],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeAnswer(input)).toBe(expected);
  });

  it('removes exactly the 32 characters of Python string.punctuation', () => {
    expect(ASCII_PUNCTUATION).toHaveLength(32);
    expect(normalizeAnswer(`x${ASCII_PUNCTUATION}y`)).toBe('xy');
  });

  it('treats letters of any script as word characters, like Python re', () => {
    expect(removeArticles('théa')).toBe('théa');
    expect(removeArticles('aé a éa')).toBe('aé   éa');
    expect(normalizeAnswer('a_b')).toBe('ab');
  });

  it('splits on Python white space, not on U+FEFF', () => {
    expect(pythonSplit('a\u00a0b\u2003c\x1cd\x85e')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(pythonSplit('a\ufeffb')).toEqual(['a\ufeffb']);
    expect(pythonSplit('  ')).toEqual([]);
  });
});
