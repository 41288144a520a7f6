/**
 * Automatic checking: a task's requirements run one by one through the driver, each in a fresh
 * load of the app (so one requirement's failure does not spoil the next), every step under its
 * own time limit and the whole check under another. An app that stops answering (an endless
 * loop) is removed at once and the requirement is reported not met, with the reason.
 */
import type { DriverRequest, DriverValue } from './protocol';

/** A text to look for, or any of several (what one app writes "Delete", another "Remove"). */
export type Targets = string | readonly string[];

/** One step of a requirement: something to do in the app, or something to find true. */
export type CheckStep =
  | { do: 'type'; target: Targets; text: string; within?: string }
  | { do: 'click'; target: Targets; within?: string }
  | { do: 'press'; key: string; target?: Targets; within?: string }
  /** Dialogs from now on: confirm says yes, prompt answers this. */
  | { do: 'answerDialogs'; prompt: string }
  /** Waits (a stopwatch's time runs meanwhile). */
  | { do: 'wait'; ms: number }
  /** Keeps the page's text for a later `changed` or `unchanged`. */
  | { do: 'remember' }
  /** Runs `steps` only while `text` is not shown (a second way to the same result). */
  | { do: 'unlessShown'; text: string; steps: readonly CheckStep[] }
  /** The shown text (of the item showing `within`, or the page) matches, or does not. */
  | { expect: 'text'; matches: RegExp; within?: string; describe: string }
  | { expect: 'noText'; matches: RegExp; describe: string }
  | { expect: 'done'; item: string }
  | { expect: 'notDone'; item: string }
  | { expect: 'changed'; describe: string }
  | { expect: 'unchanged'; describe: string };

export interface Requirement {
  id: string;
  /** What the app must do, as the prompt says it. */
  text: string;
  steps: readonly CheckStep[];
}

export interface RequirementResult {
  id: string;
  text: string;
  met: boolean;
  /** Why: 'Met.', the step that failed and how, or why it was not checked. */
  reason: string;
}

export interface CheckReport {
  met: number;
  total: number;
  results: RequirementResult[];
  ms: number;
}

/** What the checker needs of an app frame (AppFrameHost, or a test double). */
export interface CheckableApp {
  load(): void;
  ready(timeoutMs: number): Promise<void>;
  request(request: DriverRequest, timeoutMs: number): Promise<DriverValue>;
  stop(): void;
}

export interface CheckLimits {
  /** Per step (ms). */
  stepMs: number;
  /** For the app to load before a requirement (ms). */
  loadMs: number;
  /** For the whole check (ms). */
  totalMs: number;
}

export const DEFAULT_CHECK_LIMITS: CheckLimits = { stepMs: 2_000, loadMs: 5_000, totalMs: 60_000 };

/** A requirement's failure with its reason. */
class StepFailed extends Error {
  override name = 'StepFailed';
}

const list = (targets: Targets): readonly string[] =>
  typeof targets === 'string' ? [targets] : targets;

const say = (step: CheckStep): string => {
  if ('expect' in step) {
    if (step.expect !== 'done' && step.expect !== 'notDone') return `check ${step.describe}`;
    return `check that "${step.item}" is ${step.expect === 'done' ? '' : 'not '}marked done`;
  }
  const near = 'within' in step && step.within ? ` near "${step.within}"` : '';
  switch (step.do) {
    case 'type':
      return `type "${step.text}" into ${list(step.target).join(' / ')}${near}`;
    case 'click':
      return `click ${list(step.target).join(' / ')}${near}`;
    case 'press':
      return `press ${step.key}`;
    case 'answerDialogs':
      return 'set dialog answers';
    case 'wait':
      return `wait ${step.ms} ms`;
    case 'remember':
      return "note the app's text";
    case 'unlessShown':
      return `a second way, while "${step.text}" is not shown`;
  }
};

const squash = (text: DriverValue): string =>
  typeof text === 'string' ? text.replace(/\s+/g, ' ').trim() : '';

export async function checkApp(
  app: CheckableApp,
  requirements: readonly Requirement[],
  limits: CheckLimits = DEFAULT_CHECK_LIMITS,
  now: () => number = () => performance.now(),
): Promise<CheckReport> {
  const started = now();
  const left = () => limits.totalMs - (now() - started);
  /** A step's limit: its own, or what is left of the whole, whichever is less. */
  const limit = (ms: number) => {
    const rest = left();
    if (rest <= 0) throw new StepFailed(`the check ran past its limit of ${limits.totalMs} ms`);
    return Math.min(ms, rest);
  };
  const ask = (request: DriverRequest) => app.request(request, limit(limits.stepMs));

  /** Tries each target in turn; the driver's "not found" moves on to the next. */
  const withTargets = async (targets: Targets, run: (target: string) => DriverRequest) => {
    let last: unknown = null;
    for (const target of list(targets)) {
      try {
        return await ask(run(target));
      } catch (error) {
        if (!(error instanceof Error) || error.name !== 'DriverError') throw error;
        last = error;
      }
    }
    throw last instanceof Error ? last : new Error('No target given.');
  };

  let remembered = '';
  const runStep = async (step: CheckStep): Promise<void> => {
    if ('expect' in step) {
      if (step.expect === 'changed' || step.expect === 'unchanged') {
        const text = squash(await ask({ kind: 'readText' }));
        if ((text !== remembered) !== (step.expect === 'changed'))
          throw new StepFailed(`${step.describe}: not so; the app shows "${text.slice(0, 160)}"`);
        return;
      }
      if (step.expect === 'done' || step.expect === 'notDone') {
        const done = await ask({ kind: 'isDone', within: step.item });
        if (done !== (step.expect === 'done'))
          throw new StepFailed(
            `"${step.item}" is ${done ? '' : 'not '}marked done (checked box, struck through or a "done" class)`,
          );
        return;
      }
      const text = squash(
        await ask(
          step.expect === 'text' && step.within
            ? { kind: 'readText', within: step.within }
            : { kind: 'readText' },
        ),
      );
      const found = step.matches.test(text);
      if (found !== (step.expect === 'text')) {
        const shown = text.length > 160 ? `${text.slice(0, 160)}…` : text;
        throw new StepFailed(`${step.describe}: not so; the app shows "${shown}"`);
      }
      return;
    }
    switch (step.do) {
      case 'type':
        await withTargets(step.target, (target) => ({
          kind: 'type',
          target,
          text: step.text,
          ...(step.within ? { within: step.within } : {}),
        }));
        return;
      case 'click':
        await withTargets(step.target, (target) => ({
          kind: 'click',
          target,
          ...(step.within ? { within: step.within } : {}),
        }));
        return;
      case 'press':
        if (step.target === undefined) await ask({ kind: 'press', key: step.key });
        else
          await withTargets(step.target, (target) => ({
            kind: 'press',
            key: step.key,
            target,
            ...(step.within ? { within: step.within } : {}),
          }));
        return;
      case 'answerDialogs':
        await ask({ kind: 'answerDialogs', prompt: step.prompt });
        return;
      case 'wait':
        await new Promise((resolve) => setTimeout(resolve, Math.min(step.ms, limit(step.ms))));
        return;
      case 'remember':
        remembered = squash(await ask({ kind: 'readText' }));
        return;
      case 'unlessShown': {
        const text = squash(await ask({ kind: 'readText' })).toLowerCase();
        if (text.includes(step.text.toLowerCase())) return;
        for (const inner of step.steps) await runStep(inner);
        return;
      }
    }
  };

  const results: RequirementResult[] = [];
  for (const requirement of requirements) {
    const base = { id: requirement.id, text: requirement.text };
    if (left() <= 0) {
      results.push({
        ...base,
        met: false,
        reason: `Not checked: the check ran past its limit of ${limits.totalMs} ms.`,
      });
      continue;
    }
    let at = 'loading the app';
    try {
      app.load();
      await app.ready(limit(limits.loadMs));
      for (const [index, step] of requirement.steps.entries()) {
        at = `step ${index + 1} (${say(step)})`;
        await runStep(step);
      }
      results.push({ ...base, met: true, reason: 'Met.' });
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      const message = error instanceof Error ? error.message : String(error);
      if (name === 'AppTimeoutError') app.stop();
      const why =
        name === 'AppTimeoutError'
          ? `${message} The app stopped answering (an endless loop?) and was stopped.`
          : message;
      results.push({ ...base, met: false, reason: `Not met at ${at}: ${why}` });
    }
  }
  return {
    met: results.filter((r) => r.met).length,
    total: results.length,
    results,
    ms: now() - started,
  };
}
