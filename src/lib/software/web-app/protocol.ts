/**
 * Messages between the page and the driver script inside an app's iframe. Everything here is
 * structured-clone friendly. The page accepts a message only from its own iframe's window and
 * only with that frame's token (a fresh one per load), so a reply from an earlier load, or from
 * any other frame, is dropped.
 *
 * The token is written into the app's document, so the app's own code can read it: it keeps
 * other frames and stale loads out, not the app itself. An app that forges driver replies can
 * only lie about its own checks.
 */

/** Marks every message of this protocol, so unrelated messages are told apart at once. */
export const DRIVER_CHANNEL = 'slm-web-app-driver';

/**
 * Where a request looks. `target` is a CSS selector or the text of a label, placeholder,
 * button or link (see driver.ts for the order); `within` narrows the search to the item (list
 * row, card) that shows this text.
 */
export interface TargetQuery {
  target: string;
  within?: string;
}

/** What the page asks the driver to do. */
export type DriverRequest =
  | ({ kind: 'type'; text: string } & TargetQuery)
  | ({ kind: 'click' } & TargetQuery)
  | { kind: 'press'; key: string; target?: string; within?: string }
  | { kind: 'readText'; target?: string; within?: string }
  | ({ kind: 'exists' } & TargetQuery)
  | { kind: 'count'; selector: string }
  /**
   * How the app's dialogs answer from now on: `confirm` gets yes, `prompt` gets this text (the
   * frame has no allow-modals, so otherwise they return at once with no and nothing).
   */
  | { kind: 'answerDialogs'; prompt: string }
  /** Whether the item showing `within` is marked done (checked box, struck through, …). */
  | { kind: 'isDone'; within: string };

/** The value of a request that succeeded: nothing, a text, a yes/no or a number. */
export type DriverValue = null | string | boolean | number;

export interface DriverEnvelope {
  channel: typeof DRIVER_CHANNEL;
  token: string;
}

/** Page → app. */
export interface DriverCall extends DriverEnvelope {
  id: number;
  request: DriverRequest;
}

/** App → page: the answer to one call, or the driver saying it is installed and the page loaded. */
export type DriverReply =
  | (DriverEnvelope & { id: number; ok: true; value: DriverValue })
  | (DriverEnvelope & { id: number; ok: false; error: string })
  | (DriverEnvelope & { id: 'ready' });

/** Whether `data` is a well-formed reply carrying `token`. */
export function isDriverReply(data: unknown, token: string): data is DriverReply {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Partial<Record<string, unknown>>;
  if (message.channel !== DRIVER_CHANNEL || message.token !== token) return false;
  if (message.id === 'ready') return true;
  if (typeof message.id !== 'number') return false;
  return message.ok === true ? 'value' in message : typeof message.error === 'string';
}
