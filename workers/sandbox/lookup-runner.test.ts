import { describe, expect, it } from 'vitest';
import type { ContextParagraph } from '../../src/lib/eval/types';
import { formatHits, lookUp, runLookup } from './lookup-runner';

const paragraphs: ContextParagraph[] = [
  {
    title: 'Marlow Library',
    sentences: [
      'The Marlow Library is a public library in Dunmore.',
      'It opened in 1911.',
      'The building was designed by the architect Helena Varga.',
    ],
  },
  {
    title: 'Helena Varga',
    sentences: ['Helena Varga was an architect.', 'She was born in Szeged in 1870.'],
  },
  { title: 'Szeged', sentences: ['Szeged is a city in southern Hungary.'] },
];

describe('lookUp', () => {
  it('ranks the sentence that answers first, with its 1-based reference', () => {
    const hits = lookUp('who designed the library building', paragraphs, 2);
    expect(hits[0]).toMatchObject({ title: 'Marlow Library', sentence: 3 });
    expect(hits).toHaveLength(2);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('finds words by prefix and with a typo', () => {
    expect(lookUp('birthplace born Varga', paragraphs, 1)[0]).toMatchObject({
      title: 'Helena Varga',
      sentence: 2,
    });
    expect(lookUp('Hungery', paragraphs, 1)[0]).toMatchObject({ title: 'Szeged', sentence: 1 });
  });

  it('formats hits as the citations the prompts ask for', () => {
    expect(formatHits(lookUp('Szeged city', paragraphs, 1))).toBe(
      '[Szeged, sentence 1] Szeged is a city in southern Hungary.',
    );
  });
});

describe('runLookup', () => {
  it('answers with the hits, or says none matched', () => {
    expect(runLookup('opened', { paragraphs, limit: 1 })).toMatchObject({
      ok: true,
      value: '[Marlow Library, sentence 2] It opened in 1911.',
    });
    expect(runLookup('zeppelin', { paragraphs }).value).toBe('No sentence matches the query.');
  });

  it('says why it cannot look up', () => {
    expect(runLookup(' ', { paragraphs }).error?.message).toBe('The query is empty.');
    expect(runLookup('x', { paragraphs: [] }).error?.message).toBe(
      'This question has no context paragraphs to look in.',
    );
  });
});
