import { describe, expect, it } from 'vitest';
import { answerPart, countThinkingTokens, splitThinking } from './thinking';

describe('splitThinking', () => {
  it('leaves a reply without thinking as the answer', () => {
    expect(splitThinking('  Answer: Paris \n')).toEqual({
      thinking: '',
      answer: 'Answer: Paris',
      open: false,
    });
  });

  it('splits a think block from the answer', () => {
    expect(splitThinking('<think>\nParis is the capital.\n</think>\n\nAnswer: Paris')).toEqual({
      thinking: 'Paris is the capital.',
      answer: 'Answer: Paris',
      open: false,
    });
  });

  it('reads a reply that starts thinking without the opening tag', () => {
    expect(splitThinking('Let me see. Lyon? No.\n</think>\nAnswer: Paris')).toEqual({
      thinking: 'Let me see. Lyon? No.',
      answer: 'Answer: Paris',
      open: false,
    });
  });

  it('joins several blocks and keeps the text between them in the answer', () => {
    const split = splitThinking('<think>one</think>First. <THINK>two</THINK>Second.');
    expect(split).toEqual({ thinking: 'one\n\ntwo', answer: 'First. Second.', open: false });
  });

  it('reads a reply cut off mid-think as all thinking, with an empty answer', () => {
    expect(splitThinking('<think>Paris or Lyon, the')).toEqual({
      thinking: 'Paris or Lyon, the',
      answer: '',
      open: true,
    });
    expect(splitThinking('Answer first. <think>then more')).toEqual({
      thinking: 'then more',
      answer: 'Answer first.',
      open: true,
    });
  });

  it('treats an empty think block as no thinking', () => {
    expect(splitThinking('<think>\n\n</think>\n\nAnswer: Paris')).toEqual({
      thinking: '',
      answer: 'Answer: Paris',
      open: false,
    });
  });
});

describe('answerPart', () => {
  it('returns a reply without thinking unchanged', () => {
    expect(answerPart('  text\n')).toBe('  text\n');
  });
  it('drops the thinking', () => {
    expect(answerPart('<think>secret</think> Answer: 4')).toBe('Answer: 4');
  });
});

describe('countThinkingTokens', () => {
  it('counts the tokens inside a think block, tags included', () => {
    const deltas = ['<think>', ' Paris', ' is', ' big', '</think>', '\n', 'Answer:', ' Paris'];
    expect(countThinkingTokens(deltas)).toBe(5);
  });

  it('counts a tag split over several tokens', () => {
    expect(countThinkingTokens(['<', 'think', '>', 'hm', '</', 'think', '>', 'Yes'])).toBe(7);
  });

  it('counts the thinking of a reply that began without the opening tag', () => {
    expect(countThinkingTokens(['hm', ' ok', '</think>', ' Yes'])).toBe(3);
  });

  it('counts everything after an unclosed opening tag', () => {
    expect(countThinkingTokens(['A', ' <think>', ' b', ' c'])).toBe(3);
  });

  it('counts nothing without thinking', () => {
    expect(countThinkingTokens(['Answer:', ' Paris'])).toBe(0);
  });
});
