import { describe, expect, test } from 'vitest';
import { vote } from './fixtures';
import { parseVotesFile, votesToJson, VOTES_FORMAT, VOTES_VERSION } from './votes-file';
import type { Vote } from './votes';

const VOTES: Vote[] = [
  vote('A', 'B', 'left', { category: 'hotpotqa' }),
  vote('B', 'C', 'tie'),
  vote('C', 'A', 'both-bad', { question: 'Wer?\n"Quote" — ünïcode' }),
  vote('A', 'C', 'right', { judge: { model: 'Qwen3-4B' } }),
];

const FILE = votesToJson(VOTES, new Date(0));

/** The file as an object, changed by `edit`, back to text (tests break its shape on purpose). */
type Loose = { votes: Record<string, unknown>[] } & Record<string, unknown>;

function edited(edit: (data: Loose) => void): string {
  const data = JSON.parse(FILE) as Loose;
  edit(data);
  return JSON.stringify(data);
}

function refusal(text: string): { message: string; problems: string[] } {
  const read = parseVotesFile(text);
  if (read.ok) throw new Error('expected the file to be refused');
  return { message: read.message, problems: read.problems };
}

describe('votesToJson', () => {
  test('writes the format, version, export time and the votes', () => {
    expect(JSON.parse(FILE)).toEqual({
      format: VOTES_FORMAT,
      version: VOTES_VERSION,
      exportedAt: '1970-01-01T00:00:00.000Z',
      votes: VOTES,
    });
  });
});

describe('parseVotesFile', () => {
  test('reads back what votesToJson writes', () => {
    expect(parseVotesFile(FILE)).toEqual({ ok: true, votes: VOTES });
  });

  test('reads an empty list of votes, and a file with a byte-order mark', () => {
    expect(parseVotesFile(votesToJson([]))).toEqual({ ok: true, votes: [] });
    expect(parseVotesFile(`\uFEFF${FILE}`)).toEqual({ ok: true, votes: VOTES });
  });

  test('drops fields it does not know', () => {
    const read = parseVotesFile(edited((data) => (data.votes[0]!.extra = 'x')));
    expect(read.ok && Object.keys(read.votes[0]!)).not.toContain('extra');
  });

  test('an empty file, and one that is not JSON', () => {
    expect(refusal('  \n').message).toBe('The file is empty.');
    expect(refusal('{"format":').message).toMatch(/^The file is not valid JSON: .+\.$/);
  });

  test('JSON that holds no object', () => {
    expect(refusal('[1, 2]').message).toBe('The file is not a votes file: it holds no object.');
    expect(refusal('null').message).toBe('The file is not a votes file: it holds no object.');
  });

  test('another kind of file is named by its format', () => {
    const { message } = refusal(edited((data) => (data.format = 'slm-playground-batch')));
    expect(message).toContain('its "format" is "slm-playground-batch", not "slm-playground-votes"');
    expect(refusal('{}').message).toContain('its "format" is null');
  });

  test('a newer version asks for an update; an older or odd one says what it is', () => {
    expect(refusal(edited((data) => (data.version = 2))).message).toBe(
      'The file is votes version 2, newer than this page reads (version 1). Update the playground (reload the page) and open it again.',
    );
    expect(refusal(edited((data) => (data.version = '1'))).message).toBe(
      'The file\'s votes version is "1"; this page reads version 1.',
    );
  });

  test('bad fields are named by their path, votes counted from 1', () => {
    const { message, problems } = refusal(
      edited((data) => {
        data.votes[1]!.outcome = 'draw';
        data.votes[2]!.createdAt = '2024';
        delete (data.votes[3]!.left as Record<string, unknown>).key;
      }),
    );
    expect(message).toBe('The votes file has 3 bad fields.');
    expect(problems).toEqual([
      'votes › 2 › outcome: must be one of "left", "right", "tie", "both-bad" (got text "draw")',
      'votes › 3 › createdAt: must be a number (got text "2024")',
      'votes › 4 › left › key: is missing',
    ]);
  });

  test('a judge must be "human" or name a model', () => {
    const bad = (judge: unknown) =>
      refusal(edited((data) => (data.votes[0]!.judge = judge))).problems;
    expect(bad('robot')).toEqual([
      'votes › 1 › judge: must be "human" or an object naming the judge model ({ "model": … })',
    ]);
    expect(bad({ model: '' })).toEqual(['votes › 1 › judge › model: must not be empty']);
  });

  test('a record of another kind, and votes that are not a list', () => {
    expect(refusal(edited((data) => (data.votes[0]!.kind = 'batch'))).problems).toEqual([
      'votes › 1 › kind: must be "vote" (got text "batch")',
    ]);
    expect(refusal(edited((data) => (data.votes = {} as Loose['votes']))).problems).toEqual([
      'votes: must be a list (got an object)',
    ]);
  });

  test('two votes with one id', () => {
    const { message, problems } = refusal(votesToJson([...VOTES, { ...VOTES[1]! }]));
    expect(message).toBe('The votes file gives one id to two votes.');
    expect(problems).toEqual(['votes › 5 › id: is the id of vote 2 too']);
  });

  test('lists at most 8 problems', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      ...VOTES[0]!,
      id: `v${i}`,
      outcome: 'x',
    }));
    const { message, problems } = refusal(edited((data) => (data.votes = many)));
    expect(message).toBe('The votes file has 12 bad fields.');
    expect(problems).toHaveLength(8);
  });
});
