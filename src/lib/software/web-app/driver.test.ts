// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { driverSource, installDriver } from './driver';
import { DRIVER_CHANNEL, type DriverRequest, type DriverValue } from './protocol';

let handle: (request: DriverRequest) => DriverValue;

beforeEach(() => {
  handle = installDriver(window, 'tok', DRIVER_CHANNEL);
});

function page(html: string, script?: (doc: Document) => void) {
  document.body.innerHTML = html;
  script?.(document);
}

describe('the driver', () => {
  it('types into a field found by label, placeholder or selector, with input events', () => {
    const seen: string[] = [];
    page(
      '<label for="a">Amount</label><input id="a"><input placeholder="Your name"><textarea class="t"></textarea>',
      (doc) =>
        doc.addEventListener('input', (e) => seen.push((e.target as HTMLInputElement).value)),
    );
    handle({ kind: 'type', target: 'amount', text: '12' });
    handle({ kind: 'type', target: 'Your name', text: 'Ada' });
    handle({ kind: 'type', target: '.t', text: 'long text' });
    expect(seen).toEqual(['12', 'Ada', 'long text']);
    expect(handle({ kind: 'readText', target: '#a' })).toBe('12');
  });

  it('clicks buttons by text, aria-label or title, nearest the item given', () => {
    const clicked: string[] = [];
    page(
      '<ul><li>Milk <button data-id="1">Delete</button></li><li>Eggs <button data-id="2">Delete</button></li></ul><button aria-label="Add item">+</button>',
      (doc) =>
        doc.addEventListener('click', (e) =>
          clicked.push((e.target as HTMLElement).dataset.id ?? 'add'),
        ),
    );
    handle({ kind: 'click', target: 'Delete', within: 'Eggs' });
    handle({ kind: 'click', target: 'add item' });
    expect(clicked).toEqual(['2', 'add']);
    expect(() => handle({ kind: 'click', target: 'Edit', within: 'Milk' })).toThrow(
      'No button "Edit" found near "Milk".',
    );
    expect(() => handle({ kind: 'click', target: 'Delete', within: 'Bread' })).toThrow(
      'Nothing on the page shows "Bread".',
    );
  });

  it('presses Enter in a form field and the form is submitted', () => {
    let submitted = 0;
    page('<form><input name="item"></form>', (doc) =>
      doc.querySelector('form')?.addEventListener('submit', (e) => {
        e.preventDefault();
        submitted++;
      }),
    );
    handle({ kind: 'type', target: 'item', text: 'x' });
    handle({ kind: 'press', key: 'Enter' });
    expect(submitted).toBe(1);
  });

  it('reads text, counts and tells what exists, and which items are done', () => {
    page(
      '<ul><li><input type="checkbox" checked> Milk</li><li><input type="checkbox"> Eggs</li><li class="todo completed">Jam</li><li><s>Tea</s></li></ul><p hidden>secret</p><input readonly value="42 km">',
    );
    expect(handle({ kind: 'count', selector: 'li' })).toBe(4);
    expect(handle({ kind: 'exists', target: 'Eggs' })).toBe(true);
    expect(handle({ kind: 'exists', target: 'secret' })).toBe(false);
    expect(handle({ kind: 'readText' })).toContain('42 km');
    expect(handle({ kind: 'isDone', within: 'Milk' })).toBe(true);
    expect(handle({ kind: 'isDone', within: 'Eggs' })).toBe(false);
    expect(handle({ kind: 'isDone', within: 'Jam' })).toBe(true);
    expect(handle({ kind: 'isDone', within: 'Tea' })).toBe(true);
    expect(() => handle({ kind: 'count', selector: '[[' })).toThrow(/not a CSS selector/);
  });

  it('is a self-contained script with nothing that ends an inline <script>', () => {
    const source = driverSource('a"b');
    expect(source).not.toMatch(/<\/script/i);
    expect(() => new Function(source)).not.toThrow();
    expect(source).toContain(JSON.stringify('a"b'));
  });
});
