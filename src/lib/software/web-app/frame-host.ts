/**
 * The page's side of one app frame: it owns the <iframe> in a container, loads the app into it
 * (each load with a fresh random token), and sends the driver requests, each with a time limit.
 * An app stuck in an endless loop blocks only its own frame's event loop (Chromium runs a
 * sandboxed frame in its own process); the host notices by the missing answer and removes the
 * frame, which ends it, and a later load starts a fresh one.
 *
 * Sandbox: `allow-scripts allow-forms` only. No `allow-same-origin` (the app gets an opaque
 * origin: no cookies, storage or access to this page), no `allow-top-navigation` or
 * `allow-popups`, no `allow-modals`. `allow-forms` is there because without it a form's
 * `submit` event never fires (HTML's form submission algorithm stops before it), and a to-do
 * app's "Add" is very often a form; the app's CSP has `form-action 'none'`, so no form is sent.
 */
import { wrapApp } from './app-document';
import {
  DRIVER_CHANNEL,
  isDriverReply,
  type DriverCall,
  type DriverRequest,
  type DriverValue,
} from './protocol';

export const APP_SANDBOX = 'allow-scripts allow-forms';

/** An app that did not answer in time (blocked by a loop, or never started). */
export class AppTimeoutError extends Error {
  override name = 'AppTimeoutError';
}
/** The driver's answer: the request could not be done in the app (no such button, …). */
export class DriverError extends Error {
  override name = 'DriverError';
}
/** The frame was removed or reloaded before the answer came. */
export class AppStoppedError extends Error {
  override name = 'AppStoppedError';
}

function randomToken(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

interface Pending {
  resolve: (value: DriverValue) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface AppFrameOptions {
  title: string;
  /** A new token per load; random by default. */
  makeToken?: () => string;
  /** Told when a running app navigated its frame away from itself (the frame is then removed). */
  onNavigatedAway?: () => void;
}

export class AppFrameHost {
  readonly #container: HTMLElement;
  readonly #options: AppFrameOptions;
  #html: string;
  #frame: HTMLIFrameElement | null = null;
  #token = '';
  #nextId = 0;
  #pending = new Map<number, Pending>();
  #ready: { promise: Promise<void>; resolve: () => void; done: boolean } | null = null;
  readonly #onMessage = (event: MessageEvent) => this.#receive(event);

  constructor(container: HTMLElement, html: string, options: AppFrameOptions) {
    this.#container = container;
    this.#html = html;
    this.#options = options;
    container.ownerDocument.defaultView?.addEventListener('message', this.#onMessage);
  }

  /** The current frame, or null when stopped. */
  get frame(): HTMLIFrameElement | null {
    return this.#frame;
  }

  /** Replaces the frame with a fresh one running `html` (the same app by default). */
  load(html: string = this.#html): void {
    this.stop();
    this.#html = html;
    this.#token = (this.#options.makeToken ?? randomToken)();
    let resolve = () => {};
    const promise = new Promise<void>((r) => (resolve = r));
    this.#ready = { promise, resolve, done: false };
    const frame = this.#container.ownerDocument.createElement('iframe');
    frame.setAttribute('sandbox', APP_SANDBOX);
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.title = this.#options.title;
    frame.className = 'app-frame';
    let loads = 0;
    frame.addEventListener('load', () => {
      // The first load is the app; another means it navigated its frame somewhere else.
      if (++loads > 1 && this.#frame === frame) {
        this.stop();
        this.#options.onNavigatedAway?.();
      }
    });
    frame.srcdoc = wrapApp(html, this.#token);
    this.#frame = frame;
    this.#container.replaceChildren(frame);
  }

  /** Waits for the driver's "ready" (the app's page has loaded). */
  ready(timeoutMs: number): Promise<void> {
    const ready = this.#ready;
    if (!ready) return Promise.reject(new AppStoppedError('The app is not running.'));
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new AppTimeoutError(`The app did not finish loading within ${timeoutMs} ms.`)),
        timeoutMs,
      );
      void ready.promise.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** One driver request; rejects with AppTimeoutError after `timeoutMs`. */
  request(request: DriverRequest, timeoutMs: number): Promise<DriverValue> {
    const target = this.#frame?.contentWindow;
    if (!target) return Promise.reject(new AppStoppedError('The app is not running.'));
    const id = ++this.#nextId;
    return new Promise<DriverValue>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new AppTimeoutError(`The app did not answer within ${timeoutMs} ms.`));
      }, timeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      const call: DriverCall = { channel: DRIVER_CHANNEL, token: this.#token, id, request };
      // An opaque origin cannot be named as the target: '*', but only this frame's window.
      target.postMessage(call, '*');
    });
  }

  /** Removes the frame, which ends whatever the app was doing, loops included. */
  stop(): void {
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new AppStoppedError('The app was stopped.'));
    }
    this.#pending.clear();
    this.#frame?.remove();
    this.#frame = null;
    this.#ready = null;
  }

  dispose(): void {
    this.stop();
    this.#container.ownerDocument.defaultView?.removeEventListener('message', this.#onMessage);
  }

  #receive(event: MessageEvent): void {
    const frameWindow = this.#frame?.contentWindow;
    if (!frameWindow || event.source !== frameWindow) return;
    if (!isDriverReply(event.data, this.#token)) return;
    const reply = event.data;
    if (reply.id === 'ready') {
      if (this.#ready && !this.#ready.done) {
        this.#ready.done = true;
        this.#ready.resolve();
      }
      return;
    }
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    clearTimeout(pending.timer);
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(new DriverError(reply.error));
  }
}
