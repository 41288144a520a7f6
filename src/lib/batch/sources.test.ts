import { expect, test } from 'vitest';
import { fileNameOf, GSM8K_TEST_URL, loadSetFile, loadSetUrl, SetSourceError } from './sources';

const file = (name: string, text: string) => ({ name, text: async () => text });

test('a dropped file in any known format loads through the format detection', async () => {
  const set = await loadSetFile(
    file('mine.jsonl', '{"question": "1+1?", "answer": "It is 2.\\n#### 2"}\n'),
  );
  expect(set.format).toBe('gsm8k');
  expect(set.items[0]).toMatchObject({ kind: 'math', goldNumber: 2 });
});

test('a bad file gives the loader’s own message', async () => {
  const error = await loadSetFile(file('hotpot_dev.json', '[{"question": "Q?"}]')).catch((e) => e);
  expect(error).toBeInstanceOf(SetSourceError);
  expect((error as Error).message).toBe('HotpotQA item 1: missing "answer"');
  const unknown = await loadSetFile(file('notes.txt', 'hello')).catch((e: Error) => e.message);
  expect(unknown).toMatch(/"notes.txt" is not in a known format/);
});

test('a URL is fetched and loaded; HTTP and network failures say so', async () => {
  const text = Array.from({ length: 30 }, (_, i) =>
    JSON.stringify({ question: `What is ${i} + 1?`, answer: `${i} + 1\n#### ${i + 1}` }),
  ).join('\n');
  const set = await loadSetUrl(GSM8K_TEST_URL, {
    fetch: (async () => new Response(text)) as typeof fetch,
  });
  expect(set.items).toHaveLength(30);
  expect(set.items[29]).toMatchObject({ kind: 'math', goldNumber: 30 });
  expect(set.source).toBe(GSM8K_TEST_URL);
  expect(set.licence).toBe('MIT');

  const notFound = await loadSetUrl('https://example.org/x.json', {
    fetch: (async () =>
      new Response('nope', { status: 404, statusText: 'Not Found' })) as typeof fetch,
  }).catch((e: Error) => e.message);
  expect(notFound).toBe(
    'Could not fetch https://example.org/x.json: the server answered 404 Not Found',
  );

  const offline = await loadSetUrl('https://example.org/x.json', {
    fetch: (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch,
  }).catch((e: Error) => e.message);
  expect(offline).toMatch(/^Could not fetch https:\/\/example.org\/x.json: Failed to fetch/);

  expect(await loadSetUrl('not a url').catch((e: Error) => e.message)).toMatch(/is not a URL/);
  expect(await loadSetUrl('ftp://x/y').catch((e: Error) => e.message)).toMatch(/Only http/);
});

test('the file name of a URL', () => {
  expect(fileNameOf(GSM8K_TEST_URL)).toBe('test.jsonl');
  expect(fileNameOf('https://h/a/2wiki%20dev.json?x=1')).toBe('2wiki dev.json');
});
