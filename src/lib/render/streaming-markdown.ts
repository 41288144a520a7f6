/**
 * Markdown for text that is still streaming. Rendering a turn's whole text on every frame costs
 * more the longer it gets (the benchmark measured 29 ms at 8,000 tokens); here blocks that a
 * blank line has closed (outside a code fence) are rendered once and kept, and only the open
 * tail is rendered per frame. Render the whole text once more with renderMarkdown when the
 * stream ends: loose lists and reference links can span blocks.
 */
import { renderMarkdown } from './markdown';

const FENCE = /^ {0,3}(```|~~~)/;

/**
 * Length of the settled part of `text` from `from` on (the text before `from` being settled):
 * just after the last blank line that is not inside a fenced code block.
 */
export function settledLength(text: string, from = 0): number {
  let settled = from;
  let fenced = false;
  let lineStart = from;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    if (newline < 0) break; // the last line is still being written
    const line = text.slice(lineStart, newline);
    if (FENCE.test(line)) fenced = !fenced;
    else if (!fenced && line.trim() === '') settled = newline + 1;
    lineStart = newline + 1;
  }
  return settled;
}

export interface StreamingHtml {
  /** Sanitised HTML of each settled block, in order; earlier entries never change. */
  blocks: readonly string[];
  /** Sanitised HTML of the open tail. */
  tail: string;
}

/** One streaming text's renderer. A text that does not extend the previous one starts over. */
export class StreamingMarkdown {
  #source = '';
  #blocks: string[] = [];
  readonly #render: (markdown: string) => string;

  constructor(render: (markdown: string) => string = renderMarkdown) {
    this.#render = render;
  }

  update(text: string): StreamingHtml {
    if (!text.startsWith(this.#source)) {
      this.#source = '';
      this.#blocks = [];
    }
    const cut = settledLength(text, this.#source.length);
    if (cut > this.#source.length) {
      this.#blocks = [...this.#blocks, this.#render(text.slice(this.#source.length, cut))];
      this.#source = text.slice(0, cut);
    }
    return { blocks: this.#blocks, tail: this.#render(text.slice(this.#source.length)) };
  }
}
