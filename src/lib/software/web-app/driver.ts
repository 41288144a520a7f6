/**
 * The driver: a small script put into every app's document (before the app's own code) that
 * answers the page's requests over postMessage: type into a field, click a button, press a key,
 * read the text shown, and ask whether something is there. It finds fields by selector, label,
 * aria-label, placeholder, name or id, and buttons by selector, text, aria-label, title or value,
 * so checks hold for the many ways a model writes the same app.
 *
 * `installDriver` runs inside the app's frame and is sent there as its own source text
 * (`driverSource`): it must use nothing from outside its body.
 */
import { DRIVER_CHANNEL } from './protocol';
import type { DriverRequest, DriverValue } from './protocol';

/** Installs the driver in `win` (the app's window). Self-contained: see the module note. */
export function installDriver(
  win: Window & typeof globalThis,
  token: string,
  channel: string,
): (request: DriverRequest) => DriverValue {
  const doc = win.document;
  const norm = (text: string | null | undefined): string =>
    (text ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

  const FIELDS =
    'input:not([type=hidden]), textarea, select, [contenteditable=""], [contenteditable=true]';
  const CLICKABLE =
    'button, [role=button], input[type=button], input[type=submit], input[type=reset], input[type=checkbox], input[type=radio], a, summary, [onclick], [tabindex]';

  // Hidden by the page's own styles or the hidden attribute. Computed styles, not
  // checkVisibility(): a frame the browser is not painting (throttled on a busy machine) has no
  // layout boxes yet, and checkVisibility() would call everything in it invisible.
  const visible = (el: Element): boolean => {
    for (let e: Element | null = el; e; e = e.parentElement) {
      if (e.hasAttribute('hidden')) return false;
      const style = win.getComputedStyle(e);
      if (style.display === 'none' || style.visibility === 'hidden') return false;
    }
    return true;
  };

  const shown = (el: Element): string => {
    // innerText is the text as laid out (hidden parts left out); jsdom has no layout, nor it.
    const inner = (el as HTMLElement).innerText as string | undefined;
    return typeof inner === 'string' ? inner : (el.textContent ?? '');
  };

  const valueOf = (el: Element): string | null =>
    el instanceof win.HTMLInputElement ||
    el instanceof win.HTMLTextAreaElement ||
    el instanceof win.HTMLSelectElement
      ? el.value
      : null;

  const bySelector = (root: Element, selector: string): Element[] => {
    try {
      return [...root.querySelectorAll(selector)].filter(visible);
    } catch {
      return [];
    }
  };

  /** Elements in `root` whose text (or value) shows `text`, in document order, text before values. */
  const showing = (root: Element, text: string): Element[] => {
    const wanted = norm(text);
    if (!wanted) return [];
    const found: Element[] = [];
    const fields: Element[] = [];
    for (const el of root.querySelectorAll('*')) {
      if (el.tagName === 'SCRIPT' || el.tagName === 'STYLE' || !visible(el)) continue;
      const value = valueOf(el);
      if (value !== null && norm(value).includes(wanted)) fields.push(el);
      else if (
        norm(el.textContent).includes(wanted) &&
        ![...el.children].some((child) => norm(child.textContent).includes(wanted))
      )
        found.push(el);
    }
    // Text shown first, then fields holding it (an item being edited in place).
    return [...found, ...fields];
  };

  /** The first element found by `find`, looking first in `root` as a whole or, with `within`, near the item showing that text. */
  const locate = (
    find: (root: Element) => Element | null,
    within: string | undefined,
    what: string,
  ): Element => {
    const body = doc.body ?? doc.documentElement;
    if (within === undefined) {
      const el = find(body);
      if (!el) throw new Error(`No ${what} found.`);
      return el;
    }
    const items = showing(body, within);
    if (items.length === 0) throw new Error(`Nothing on the page shows "${within}".`);
    for (const item of items) {
      for (let e: Element | null = item; e && e !== body; e = e.parentElement) {
        const el = find(e);
        if (el) return el;
      }
    }
    throw new Error(`No ${what} found near "${within}".`);
  };

  /** Two passes: exact matches of `name(el)`, then ones containing the target. */
  const byName = (
    candidates: Element[],
    target: string,
    names: (el: Element) => (string | null | undefined)[],
  ): Element | null => {
    const wanted = norm(target);
    if (!wanted) return null;
    const named = candidates.map((el) => ({ el, names: names(el).map(norm).filter(Boolean) }));
    return (
      named.find((c) => c.names.includes(wanted))?.el ??
      named.find((c) => c.names.some((n) => n.includes(wanted)))?.el ??
      null
    );
  };

  const labelsOf = (el: Element): string[] => {
    const labels = (el as HTMLInputElement).labels;
    const texts = labels ? [...labels].map((l) => l.textContent ?? '') : [];
    const by = el.getAttribute('aria-labelledby');
    if (by) for (const id of by.split(/\s+/)) texts.push(doc.getElementById(id)?.textContent ?? '');
    return texts;
  };

  const findField =
    (target: string) =>
    (root: Element): Element | null => {
      const selected = bySelector(root, target).map((el) =>
        el instanceof win.HTMLLabelElement && el.control ? el.control : el,
      );
      const field = selected.find((el) => el.matches(FIELDS));
      if (field) return field;
      const fields = bySelector(root, FIELDS);
      return byName(fields, target, (el) => [
        ...labelsOf(el),
        el.getAttribute('aria-label'),
        el.getAttribute('placeholder'),
        el.getAttribute('name'),
        el.id,
        el.getAttribute('title'),
      ]);
    };

  const findClickable =
    (target: string) =>
    (root: Element): Element | null => {
      const selected = bySelector(root, target);
      if (selected[0]) return selected[0];
      const named = byName(bySelector(root, CLICKABLE), target, (el) => [
        el.matches('input[type=checkbox], input[type=radio]') ? labelsOf(el).join(' ') : shown(el),
        el.getAttribute('aria-label'),
        el.getAttribute('title'),
        el.matches('input') ? (el as HTMLInputElement).value : null,
      ]);
      if (named) return named;
      // Anything else that shows exactly this text (a span with a click listener).
      return showing(root, target).find((el) => norm(el.textContent) === norm(target)) ?? null;
    };

  const setValue = (el: Element, text: string): void => {
    if (el instanceof win.HTMLSelectElement) {
      const wanted = norm(text);
      const option = [...el.options].find(
        (o) => norm(o.value) === wanted || norm(o.textContent) === wanted,
      );
      if (!option) throw new Error(`The list has no option "${text}".`);
      el.value = option.value;
    } else if (el instanceof win.HTMLInputElement || el instanceof win.HTMLTextAreaElement) {
      // The prototype's setter, so frameworks that wrap `value` still see the change.
      const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')?.set;
      if (setter) setter.call(el, text);
      else el.value = text;
    } else {
      el.textContent = text;
    }
  };

  const key = (el: Element, type: string, name: string): boolean => {
    const code =
      name === 'Enter'
        ? 13
        : name === 'Escape'
          ? 27
          : name.length === 1
            ? name.toUpperCase().charCodeAt(0)
            : 0;
    return el.dispatchEvent(
      new win.KeyboardEvent(type, {
        key: name,
        keyCode: code,
        which: code,
        bubbles: true,
        cancelable: true,
      }),
    );
  };

  const press = (el: Element, name: string): void => {
    const down = key(el, 'keydown', name);
    const pressed = name.length === 1 || name === 'Enter' ? key(el, 'keypress', name) : true;
    // A browser submits a form when Enter is pressed in one of its text fields; a synthetic key does not.
    if (down && pressed && name === 'Enter' && el instanceof win.HTMLInputElement && el.form) {
      const submit = el.form.querySelector<HTMLElement>(
        'button:not([type]), button[type=submit], input[type=submit]',
      );
      if (submit) submit.click();
      else el.form.requestSubmit();
    }
    key(el, 'keyup', name);
  };

  const readText = (el: Element): string => {
    const own = valueOf(el);
    if (own !== null) return own;
    const results = [...el.querySelectorAll('input[readonly], input[disabled], textarea[readonly]')]
      .filter(visible)
      .map((f) => valueOf(f) ?? '');
    return [shown(el), ...results].join('\n');
  };

  const isDone = (within: string): boolean => {
    const body = doc.body ?? doc.documentElement;
    const items = showing(body, within);
    if (items.length === 0) throw new Error(`Nothing on the page shows "${within}".`);
    const DONE = /(^|[-_\s])(done|completed?|checked|finished|striked?|crossed)([-_\s]|$)/i;
    return items.some((item) => {
      let e: Element | null = item;
      for (let level = 0; e && e !== body && level < 5; level++, e = e.parentElement) {
        if (DONE.test(e.className && typeof e.className === 'string' ? e.className : ''))
          return true;
        if (e.matches('s, del, strike') || e.getAttribute('aria-checked') === 'true') return true;
        const data = (e as HTMLElement).dataset;
        if (
          data &&
          ['done', 'completed', 'checked'].some((k) => data[k] === 'true' || data[k] === '')
        )
          return true;
        if (win.getComputedStyle(e).textDecorationLine?.includes('line-through')) return true;
        if (win.getComputedStyle(e).textDecoration?.includes('line-through')) return true;
        const box = e.matches('input[type=checkbox]') ? e : e.querySelector('input[type=checkbox]');
        if (box) return (box as HTMLInputElement).checked;
      }
      return false;
    });
  };

  // Dialogs answer as the checker says (by default: confirm yes, prompt nothing).
  let promptAnswer: string | null = null;
  win.alert = () => {};
  win.confirm = () => true;
  win.prompt = () => promptAnswer;

  const handle = (request: DriverRequest): DriverValue => {
    const body = doc.body ?? doc.documentElement;
    switch (request.kind) {
      case 'type': {
        const el = locate(findField(request.target), request.within, `field "${request.target}"`);
        (el as HTMLElement).focus();
        setValue(el, request.text);
        el.dispatchEvent(new win.Event('input', { bubbles: true }));
        key(el, 'keyup', request.text.slice(-1) || 'Unidentified');
        el.dispatchEvent(new win.Event('change', { bubbles: true }));
        return null;
      }
      case 'click': {
        const el = locate(
          findClickable(request.target),
          request.within,
          `button "${request.target}"`,
        );
        (el as HTMLElement).click();
        return null;
      }
      case 'press': {
        const el =
          request.target === undefined
            ? (doc.activeElement ?? body)
            : locate(
                (root) =>
                  findField(request.target ?? '')(root) ??
                  findClickable(request.target ?? '')(root),
                request.within,
                `"${request.target}"`,
              );
        press(el, request.key);
        return null;
      }
      case 'readText': {
        if (request.target === undefined && request.within === undefined) return readText(body);
        const target = request.target;
        const el = target
          ? locate(
              (root) => bySelector(root, target)[0] ?? showing(root, target)[0] ?? null,
              request.within,
              `"${target}"`,
            )
          : locate((root) => root, request.within, 'item');
        return readText(el);
      }
      case 'exists': {
        const target = request.target;
        try {
          locate(
            (root) => bySelector(root, target)[0] ?? showing(root, target)[0] ?? null,
            request.within,
            `"${target}"`,
          );
          return true;
        } catch {
          return false;
        }
      }
      case 'count': {
        try {
          return [...body.querySelectorAll(request.selector)].filter(visible).length;
        } catch {
          throw new Error(`"${request.selector}" is not a CSS selector.`);
        }
      }
      case 'isDone':
        return isDone(request.within);
      case 'answerDialogs':
        promptAnswer = request.prompt;
        return null;
    }
  };

  const parentWindow = win.parent;
  win.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== parentWindow) return;
    const data = event.data as {
      channel?: unknown;
      token?: unknown;
      id?: unknown;
      request?: unknown;
    };
    if (data?.channel !== channel || data.token !== token || typeof data.id !== 'number') return;
    const id = data.id;
    let reply: object;
    try {
      reply = { channel, token, id, ok: true, value: handle(data.request as DriverRequest) };
    } catch (error) {
      reply = {
        channel,
        token,
        id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    parentWindow.postMessage(reply, '*');
  });
  const ready = () => parentWindow.postMessage({ channel, token, id: 'ready' }, '*');
  if (doc.readyState === 'complete') ready();
  else win.addEventListener('load', ready);
  // For tests: the same handler without the messages.
  return handle;
}

/** The driver as a script's text, bound to one frame's token. */
export function driverSource(token: string): string {
  return `(${installDriver.toString()})(window, ${JSON.stringify(token)}, ${JSON.stringify(DRIVER_CHANNEL)});`;
}
