/**
 * The code in a model's reply, to be run as a completion. Chat models wrap code in Markdown
 * fences; the official HumanEval harness takes the completion as it is (a base model's raw
 * continuation), so when a reply has no fence it is used whole.
 *
 * A reply that repeats the prompt's `def` (a whole function, imports and all) is kept as it is.
 * The official harness would run `prompt + completion`, so in Python the prompt's function (a
 * docstring for a body, which is valid) is defined first and then replaced by the reply's own
 * definition of the same name: it runs and is scored on the reply's function. We do the same and
 * do not cut the repeat out. In JavaScript the prompt leaves the function's `{` open, so a reply
 * that repeats the whole function does not parse; cutting it out is for whoever builds the prompt.
 */
import type { CodeLanguage } from './types';

/** Fence tags taken as each language (lower-cased before the look-up). */
const TAGS: Record<CodeLanguage, readonly string[]> = {
  python: ['python', 'py', 'python3'],
  javascript: ['javascript', 'js', 'mjs', 'node'],
};

export interface Fence {
  tag: string;
  body: string;
}

/** An opening or closing fence line: three or more backticks, then an optional tag. */
const FENCE_LINE = /^ {0,3}(`{3,})\s*([\w+#.-]*)[^`]*$/u;

/**
 * Fenced blocks in order. A block still open at the end of the reply (the model ran out of
 * tokens) runs to the end.
 */
export function fencedBlocks(reply: string): Fence[] {
  const blocks: Fence[] = [];
  let open: { tag: string; ticks: number; lines: string[] } | null = null;
  for (const line of reply.split(/\r?\n/u)) {
    const match = FENCE_LINE.exec(line);
    if (open) {
      if (match?.[1] && match[1].length >= open.ticks && match[2] === '') {
        blocks.push({ tag: open.tag, body: open.lines.join('\n') });
        open = null;
      } else {
        open.lines.push(line);
      }
    } else if (match?.[1]) {
      open = { tag: (match[2] ?? '').toLowerCase(), ticks: match[1].length, lines: [] };
    }
  }
  if (open) blocks.push({ tag: open.tag, body: open.lines.join('\n') });
  return blocks;
}

/**
 * The code to run from a reply: the last block fenced with the language's tag (```python,
 * ```py; ```javascript, ```js), else the last block fenced without a tag, else the whole reply
 * unchanged. A block's body ends with a newline, so that what follows it in a program starts on
 * a line of its own.
 */
export function extractCode(reply: string, language: CodeLanguage): string {
  const blocks = fencedBlocks(reply);
  const tags = TAGS[language];
  const chosen =
    blocks.findLast((block) => tags.includes(block.tag)) ??
    blocks.findLast((block) => block.tag === '');
  if (!chosen) return reply;
  return chosen.body.endsWith('\n') ? chosen.body : `${chosen.body}\n`;
}
