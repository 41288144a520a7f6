// @vitest-environment jsdom
import { describe, expect, test, vi } from 'vitest';
import { renderMarkdown } from './markdown';
import { settledLength, StreamingMarkdown } from './streaming-markdown';

describe('settledLength', () => {
  test('settles after blank lines, never inside a code fence', () => {
    expect(settledLength('one\n\ntwo')).toBe(5);
    expect(settledLength('one\ntwo')).toBe(0);
    expect(settledLength('```\na\n\nb\n```\n\nafter')).toBe('```\na\n\nb\n```\n\n'.length);
    expect(settledLength('```\na\n\nb')).toBe(0);
  });
});

describe('StreamingMarkdown', () => {
  test('renders each settled block once and only the tail per update', () => {
    const render = vi.fn(renderMarkdown);
    const live = new StreamingMarkdown(render);
    let text = '';
    const words = 'First **bold** paragraph.\n\n- a\n- b\n\nLast line'.match(/\s*\S+|\s+/g)!;
    for (const word of words) {
      text += word;
      live.update(text);
    }
    const calls = render.mock.calls.map(([markdown]) => markdown);
    // The first paragraph was rendered as a settled block exactly once.
    expect(calls.filter((m) => m === 'First **bold** paragraph.\n\n')).toHaveLength(1);
    const view = live.update(text);
    expect(view.blocks).toHaveLength(2);
    expect(view.blocks.join('') + view.tail).toBe(
      renderMarkdown('First **bold** paragraph.\n\n') +
        renderMarkdown('- a\n- b\n\n') +
        renderMarkdown('Last line'),
    );
  });

  test('keeps earlier blocks identical as the text grows', () => {
    const live = new StreamingMarkdown();
    const first = live.update('a\n\nb').blocks;
    const second = live.update('a\n\nb c\n\nd').blocks;
    expect(second[0]).toBe(first[0]);
    expect(second).toHaveLength(2);
  });

  test('a text that does not extend the last one starts over', () => {
    const live = new StreamingMarkdown();
    live.update('old\n\ntext');
    expect(live.update('new').blocks).toEqual([]);
  });

  test('hostile markup in a block stays inert', () => {
    const live = new StreamingMarkdown();
    const view = live.update('<img src=x onerror="alert(1)">\n\nmore');
    expect(view.blocks[0]).not.toContain('<img');
    expect(view.blocks[0]).toContain('&lt;img');
  });
});
