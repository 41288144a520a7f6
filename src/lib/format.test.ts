import { describe, expect, test } from 'vitest';
import { formatDownload, formatMB, formatRate, formatRatio } from './format';

describe('formatRate', () => {
  test('ordinary rates keep one decimal', () => {
    expect(formatRate(12.34)).toBe('12.3 tok/s');
    expect(formatRate(1234.5)).toBe('1,234.5 tok/s');
    expect(formatRate(1)).toBe('1.0 tok/s');
  });

  test('slow rates keep two significant digits instead of rounding to 0.0', () => {
    expect(formatRate(0.06)).toBe('0.06 tok/s');
    expect(formatRate(0.049)).toBe('0.049 tok/s');
    expect(formatRate(0.001)).toBe('0.001 tok/s');
    expect(formatRate(0.0625)).toBe('0.063 tok/s');
  });

  test('zero and unknown', () => {
    expect(formatRate(0)).toBe('0 tok/s');
    expect(formatRate(null)).toBe('—');
    expect(formatRate(Number.NaN)).toBe('—');
    expect(formatRate(Infinity)).toBe('—');
  });
});

describe('formatRatio', () => {
  test('three significant digits, grouped thousands', () => {
    expect(formatRatio(3)).toBe('3.00×');
    expect(formatRatio(1.5)).toBe('1.50×');
    expect(formatRatio(14992.95)).toBe('15,000×');
    expect(formatRatio(1234.5)).toBe('1,230×');
    expect(formatRatio(123.456)).toBe('123×');
  });

  test('small, zero and unknown ratios', () => {
    expect(formatRatio(0.001234)).toBe('0.00123×');
    expect(formatRatio(0)).toBe('0×');
    expect(formatRatio(null)).toBe('—');
    expect(formatRatio(Number.NaN)).toBe('—');
  });
});

describe('sizes', () => {
  test('an unknown size says so instead of 0', () => {
    expect(formatMB(null)).toBe('size unknown');
    expect(formatDownload(null)).toBe('size unknown');
  });

  test('known sizes', () => {
    expect(formatMB(324)).toBe('324 MB');
    expect(formatMB(1280)).toBe('1.3 GB');
    expect(formatDownload(324)).toBe('≈ 324 MB');
    expect(formatDownload(0.45)).toBe('≈ 450 KB');
  });
});
