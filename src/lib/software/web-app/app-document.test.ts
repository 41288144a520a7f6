// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { APP_CSP, extractHtml, looksLikeHtml, wrapApp } from './app-document';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('extractHtml', () => {
  it('takes the last ```html block', () => {
    const reply = 'First:\n```html\n<p>one</p>\n```\nBetter:\n```HTML\n<p>two</p>\n```\nDone.';
    expect(extractHtml(reply)).toEqual({ ok: true, html: '<p>two</p>', from: 'fence' });
  });

  it('ignores blocks in other languages and takes a block left open at the end', () => {
    const reply = '```css\np{}\n```\n```html\n<!doctype html>\n<p>cut';
    expect(extractHtml(reply)).toEqual({
      ok: true,
      html: '<!doctype html>\n<p>cut',
      from: 'fence',
    });
  });

  it('takes the reply itself when it is a document', () => {
    expect(extractHtml('  <!DOCTYPE html><html><body>hi</body></html>')).toMatchObject({
      ok: true,
      from: 'reply',
    });
    expect(looksLikeHtml('<html lang="en">')).toBe(true);
    expect(looksLikeHtml('Here is how to write <html> pages')).toBe(false);
  });

  it('says clearly when there is no app', () => {
    const result = extractHtml('I would write a to-do app in React.\n```js\nlet x\n```');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/no web app/);
  });
});

describe('wrapApp', () => {
  const apps = [
    '<!DOCTYPE html><html lang="fr"><head><title>T</title></head><body><p>x</p></body></html>',
    '<html><body><p>x</p></body></html>',
    '<head><meta charset="utf-8"></head><p>x</p>',
    '<p>x</p><script>1</script>',
    '<!-- a comment --><html><head><meta http-equiv="Content-Security-Policy" content="default-src *"></head><p>x</p></html>',
  ];

  it.each(apps)('puts the policy first in <head> of %s', (app) => {
    const doc = parse(wrapApp(app, 'tok'));
    const first = doc.head.firstElementChild;
    expect(first?.getAttribute('http-equiv')).toBe('Content-Security-Policy');
    expect(first?.getAttribute('content')).toBe(APP_CSP);
    // The driver comes next, before anything of the app's.
    expect(first?.nextElementSibling?.tagName).toBe('SCRIPT');
    expect(first?.nextElementSibling?.textContent).toContain('"tok"');
    expect(doc.body.textContent).toContain('x');
  });

  it("keeps the app's <html> attributes and is in standards mode", () => {
    const doc = parse(wrapApp(apps[0]!, 'tok'));
    expect(doc.documentElement.lang).toBe('fr');
    expect(doc.compatMode).toBe('CSS1Compat');
    expect(doc.title).toBe('T');
  });

  it('forbids the network, forms being sent and <base>', () => {
    for (const part of [
      "default-src 'none'",
      "connect-src 'none'",
      "form-action 'none'",
      "base-uri 'none'",
    ])
      expect(APP_CSP).toContain(part);
    expect(APP_CSP).not.toMatch(/https?:|\*/);
  });
});
