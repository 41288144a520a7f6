/**
 * A model's reply as one HTML document, and that document made ready to run in the app frame:
 * a strict Content Security Policy first in its <head> (no network of any kind, no forms sent,
 * no <base>), then the driver script the checker talks to, then the app as the model wrote it.
 */
import { driverSource } from './driver';

/** The policy every app runs under. Inline script and style only; images only as data: URLs. */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  "connect-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

export type ExtractedApp =
  { ok: true; html: string; from: 'fence' | 'reply' } | { ok: false; reason: string };

/** Opening or closing fence line: three or more backticks, then an optional tag. */
const FENCE_LINE = /^ {0,3}(`{3,})\s*([\w+#.-]*)[^`]*$/u;

/** Bodies of ```html fences in order; a fence left open at the end runs to the end. */
function htmlFences(reply: string): string[] {
  const bodies: string[] = [];
  let open: { html: boolean; ticks: number; lines: string[] } | null = null;
  for (const line of reply.split(/\r?\n/u)) {
    const match = FENCE_LINE.exec(line);
    if (open) {
      if (match?.[1] && match[1].length >= open.ticks && match[2] === '') {
        if (open.html) bodies.push(open.lines.join('\n'));
        open = null;
      } else open.lines.push(line);
    } else if (match?.[1]) {
      const tag = (match[2] ?? '').toLowerCase();
      open = { html: tag === 'html' || tag === 'htm', ticks: match[1].length, lines: [] };
    }
  }
  if (open?.html) bodies.push(open.lines.join('\n'));
  return bodies;
}

/** Whether a text reads as an HTML document or fragment rather than prose about one. */
export function looksLikeHtml(text: string): boolean {
  const start = text.trimStart().slice(0, 200).toLowerCase();
  return /^(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/u.test(start);
}

/**
 * The app in a model's reply: the last ```html block, else the reply itself when it is an HTML
 * document, else a reason saying there is none.
 */
export function extractHtml(reply: string): ExtractedApp {
  const fenced = htmlFences(reply).findLast((body) => body.trim() !== '');
  if (fenced !== undefined) return { ok: true, html: fenced.trim(), from: 'fence' };
  if (looksLikeHtml(reply)) return { ok: true, html: reply.trim(), from: 'reply' };
  return {
    ok: false,
    reason:
      'The reply has no web app in it: no ```html block, and the reply is not an HTML document itself.',
  };
}

const escapeAttribute = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The document to run: a doctype, the CSP <meta> and the driver, then the app. The parser puts
 * the <meta> first in <head> whatever the app starts with: its own <html> and <head> tags come
 * after and are merged into those already open (their attributes kept), and a policy of its own
 * can only narrow ours, never widen it. A doctype of the app's is dropped (it would come too late).
 */
export function wrapApp(html: string, token: string): string {
  const source = driverSource(token);
  if (/<\/script/iu.test(source)) throw new Error('The driver script cannot be inlined.');
  const body = html.replace(/^\s*<!doctype[^>]*>/iu, '');
  return (
    '<!doctype html>' +
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(APP_CSP)}">` +
    `<script>${source}</script>` +
    body
  );
}
