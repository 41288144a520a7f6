// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  test('renders ordinary markdown', () => {
    const html = renderMarkdown('The answer is **Paris**.\n\n- one\n- two');
    expect(html).toContain('<strong>Paris</strong>');
    expect(html).toContain('<li>one</li>');
  });

  test('shows raw HTML from a model as text, never as elements', () => {
    const html = renderMarkdown(
      'Look: <img src=x onerror="alert(1)"> and <script>alert(2)</script>',
    );
    const box = document.createElement('div');
    box.innerHTML = html;
    expect(box.querySelector('img')).toBeNull();
    expect(box.querySelector('script')).toBeNull();
    expect(box.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(box.textContent).toContain('<script>alert(2)</script>');
  });

  test('drops javascript: links but keeps http ones', () => {
    const box = document.createElement('div');
    box.innerHTML = renderMarkdown('[bad](javascript:alert(1)) [good](https://example.org)');
    const links = [...box.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([null, 'https://example.org']);
  });

  test('a block of HTML is escaped too', () => {
    const box = document.createElement('div');
    box.innerHTML = renderMarkdown(
      '<div onclick="x()">\n<iframe src="https://evil"></iframe>\n</div>',
    );
    expect(box.querySelector('iframe, div[onclick]')).toBeNull();
    expect(box.textContent).toContain('<iframe');
  });
});
