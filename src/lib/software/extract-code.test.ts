import { describe, expect, it } from 'vitest';
import { extractCode } from './extract-code';

const fence = (tag: string, body: string): string => `\`\`\`${tag}\n${body}\n\`\`\``;

describe('extractCode', () => {
  it('takes the last ```python block of a reply', () => {
    const reply = [
      'First try:',
      fence('python', '    return 1'),
      'Better:',
      fence('python', '    return n * n'),
      'Done.',
    ].join('\n');
    expect(extractCode(reply, 'python')).toBe('    return n * n\n');
  });

  it('prefers a block tagged with the language over a later untagged or other one', () => {
    const reply = `${fence('py', 'x = 1')}\n${fence('', '>>> x\n1')}\n${fence('js', 'y = 2')}`;
    expect(extractCode(reply, 'python')).toBe('x = 1\n');
    expect(extractCode(reply, 'javascript')).toBe('y = 2\n');
  });

  it('falls back to the last untagged block, then to the whole reply unchanged', () => {
    expect(extractCode(`Here:\n${fence('', 'return 3')}\nok`, 'python')).toBe('return 3\n');
    const bare = '    return n * n\n';
    expect(extractCode(bare, 'python')).toBe(bare);
    expect(extractCode(fence('text', 'output'), 'python')).toBe(fence('text', 'output'));
  });

  it('keeps a repeated def and its indentation as written', () => {
    const code = 'from typing import List\n\ndef f(xs: List[int]) -> int:\n    return len(xs)';
    expect(extractCode(`Sure!\n${fence('Python', code)}`, 'python')).toBe(`${code}\n`);
  });

  it('takes a block left open at the end (the reply was cut off) up to the end', () => {
    expect(extractCode('```python\ndef f():\n    return 1', 'python')).toBe(
      'def f():\n    return 1\n',
    );
  });

  it('does not end a block at a fence line with a tag, nor at a shorter fence', () => {
    const reply = '````python\nprint("```python")\n```js\n```\n````';
    expect(extractCode(reply, 'python')).toBe('print("```python")\n```js\n```\n');
  });

  it('reads CRLF replies', () => {
    expect(extractCode('```js\r\nreturn 1;\r\n```\r\n', 'javascript')).toBe('return 1;\n');
  });
});
