import { describe, expect, test } from 'vitest';
import {
  extractFinalAnswer,
  findReferences,
  majorityVote,
  normaliseAnswer,
  parseReference,
} from './answers';
import { formatContext, taskMessage } from './prompts';
import { answerFormatProblem, resolveAnswerFormat } from './escalation';
import { DEFAULT_CONTEXT } from './presets';

describe('extractFinalAnswer', () => {
  test('never reads the thinking as the answer', () => {
    expect(extractFinalAnswer('<think>\nAnswer: Eastbrook\n</think>\nAnswer: Szeged')).toBe(
      'Szeged',
    );
    expect(extractFinalAnswer('Answer: Eastbrook?\n</think>\n\nSzeged')).toBe('Szeged');
    expect(extractFinalAnswer('<think>\nAnswer: Eastbrook')).toBe('');
  });
  test('takes the last Answer: line', () => {
    expect(extractFinalAnswer('Answer: Leeds\nWait.\nAnswer: Szeged\nDone.')).toBe('Szeged');
    expect(extractFinalAnswer('Steps...\n**Answer:** Szeged')).toBe('Szeged');
    expect(extractFinalAnswer('Final answer: "Szeged"')).toBe('Szeged');
  });

  test('falls back to the last non-empty line', () => {
    expect(extractFinalAnswer('Szeged')).toBe('Szeged');
    expect(extractFinalAnswer('She was born there.\nSzeged\n\n')).toBe('Szeged');
    expect(extractFinalAnswer('   ')).toBe('');
  });

  test('a reply that makes function calls answers with its call blocks (not "</tool_call>")', () => {
    const a = '<tool_call>\n{"name": "f", "arguments": {}}\n</tool_call>';
    const b = '<tool_call>\n{"name": "g", "arguments": {"x": 1}}\n</tool_call>';
    expect(extractFinalAnswer(`Two calls.\n${a}\n${b}\n`)).toBe(`${a}\n${b}`);
    expect(extractFinalAnswer(`<think>${a}</think>\nAnswer: none`)).toBe('none');
    // One cut off at the end is kept, so the scorer can say it could not be read.
    expect(extractFinalAnswer('<tool_call>\n{"name": "f"')).toBe('<tool_call>\n{"name": "f"');
  });
});

describe('answerFormatProblem: function calls', () => {
  test("a reply whose calls all read passes the 'calls' form, one that cannot be read does not", () => {
    expect(resolveAnswerFormat('auto', 'function-call')).toBe('calls');
    expect(
      answerFormatProblem('<tool_call>\n{"name": "f", "arguments": {}}\n</tool_call>', 'calls'),
    ).toBeNull();
    expect(answerFormatProblem('No function fits.', 'calls')).toBeNull();
    expect(answerFormatProblem('<tool_call>\n{"name": ', 'calls')).toMatch(
      /^a function call could not be read/,
    );
  });
});

test('normaliseAnswer lower-cases and strips punctuation and articles', () => {
  expect(normaliseAnswer('The City of Szeged.')).toBe('city of szeged');
  expect(normaliseAnswer('  An  apple, a day! ')).toBe('apple day');
  expect(normaliseAnswer('U.S.')).toBe('us');
});

describe('majorityVote', () => {
  test('counts normalised answers and keeps the first spelling', () => {
    const vote = majorityVote(['Leeds', 'Szeged.', 'szeged', 'The Szeged', '']);
    expect(vote.winner).toBe('Szeged.');
    expect(vote.counts).toEqual([
      { normalised: 'szeged', answer: 'Szeged.', count: 3, samples: [1, 2, 3] },
      { normalised: 'leeds', answer: 'Leeds', count: 1, samples: [0] },
    ]);
  });

  test('ties go to the earliest answer', () => {
    expect(majorityVote(['b', 'a', 'a', 'b']).winner).toBe('b');
    expect(majorityVote(['x', 'y', 'z']).winner).toBe('x');
    expect(majorityVote(['', ' ']).winner).toBe('');
  });
});

test('references are found, deduplicated and parsed', () => {
  const text =
    'Steps.\nReferences:\n[Marlow Library, sentence 2]\n[Helena Varga,sentence 2]\n' +
    '[Marlow Library, Sentence 2]\n[not a ref]';
  expect(findReferences(text)).toEqual([
    '[Marlow Library, sentence 2]',
    '[Helena Varga, sentence 2]',
  ]);
  expect(parseReference('[Helena Varga, sentence 2]')).toEqual({
    title: 'Helena Varga',
    sentence: 2,
  });
  expect(parseReference('Helena Varga, sentence 2')).toBeNull();
});

test('context is numbered from 1 under its title', () => {
  const text = formatContext(DEFAULT_CONTEXT.slice(0, 1));
  expect(text).toBe(
    '[Marlow Library]\n1. The Marlow Library is a public library in the market town of Eastbrook.\n' +
      '2. It was designed by the architect Helena Varga and opened in 1931.\n' +
      '3. The building is known for its green copper dome.',
  );
  expect(taskMessage({ question: 'Why?' })).toBe('Question: Why?');
  expect(taskMessage({ question: 'Why?', context: DEFAULT_CONTEXT })).toContain(
    'Question: Why?\n\nParagraphs:\n[Marlow Library]\n1. ',
  );
});
