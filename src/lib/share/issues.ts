/**
 * Valibot issues in words: `Team › roles › 2 › temperature: must be at most 2 (got 9)`.
 * Paths leave out the envelope's `experiment` level and count list entries from 1.
 */
import type * as v from 'valibot';
import { formatCount, quote } from './errors';

/** Names of the first path step (the experiment's and the envelope's own fields). */
const TOP_NAMES = new Map<string, string>(
  Object.entries({
    v: 'Format',
    version: 'Version',
    question: 'Question',
    context: 'Context',
    expectedAnswer: 'Expected answer',
    solo: 'Solo',
    team: 'Team',
    customModels: 'Custom models',
  }),
);

/** Field names as a person would say them. */
const FIELD_NAMES = new Map<string, string>(
  Object.entries({
    systemPrompt: 'system prompt',
    topP: 'top-p',
    maxTokens: 'max tokens',
    modelId: 'model id',
    maxRounds: 'critic rounds',
    modelUrl: 'model URL',
    modelLibUrl: 'model library URL',
    serverModel: 'model on the server',
  }),
);

/**
 * A path step as text: list indices from 1, known field names in words, others quoted. Keys come
 * from untrusted data ('__proto__'), hence Maps rather than object lookups.
 */
function stepName(key: unknown, first: boolean): string {
  if (typeof key === 'number') return String(key + 1);
  if (typeof key !== 'string') return '?';
  const known = (first ? TOP_NAMES : FIELD_NAMES).get(key);
  if (known) return known;
  return /^[A-Za-z][A-Za-z0-9]{0,39}$/.test(key) ? key : quote(key, 30);
}

/** A path such as ['experiment', 'team', 'roles', 1, 'temperature'] → 'Team › roles › 2 › temperature'. */
export function formatPath(keys: readonly unknown[]): string {
  const steps = keys[0] === 'experiment' ? keys.slice(1) : keys;
  return steps.map((key, i) => stepName(key, i === 0)).join(' › ');
}

/** A number for messages: integers with thousands separators. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? formatCount(n) : String(n);
}

/** What a value is, for "(got …)": `text "0.7"`, `a list`, `9`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return `text ${quote(value)}`;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

/** '("a" | "b")' → '"a", "b"'. */
const options = (expected: string | null) =>
  (expected ?? '')
    .replace(/^\(|\)$/g, '')
    .split(' | ')
    .join(', ');

const lengthOf = (input: unknown) =>
  typeof input === 'string' || Array.isArray(input) ? input.length : 0;

const requirementNumber = (issue: v.BaseIssue<unknown>) => {
  const requirement: unknown = 'requirement' in issue ? issue.requirement : undefined;
  return typeof requirement === 'number' ? formatNumber(requirement) : '?';
};

const entries = (n: string) => `${n} ${n === '1' ? 'entry' : 'entries'}`;

/** The part after the colon: what is wrong with the value. */
function problem(issue: v.BaseIssue<unknown>): string {
  const { input } = issue;
  const got = describeValue(input);
  const n = requirementNumber(issue);
  switch (issue.type) {
    case 'object':
    case 'strict_object':
    case 'loose_object':
      if (issue.expected === 'never') return 'is not a known field';
      if (input === undefined) return 'is missing';
      return `must be an object (got ${got})`;
    case 'string':
      return input === undefined ? 'is missing' : `must be text (got ${got})`;
    case 'number':
      return input === undefined ? 'is missing' : `must be a number (got ${got})`;
    case 'array':
      return input === undefined ? 'is missing' : `must be a list (got ${got})`;
    case 'literal':
      return `must be ${issue.expected ?? '?'} (got ${got})`;
    case 'picklist':
      return `must be one of ${options(issue.expected)} (got ${got})`;
    case 'variant':
      if (issue.expected === 'Object') return `must be an object (got ${got})`;
      return `must be one of ${options(issue.expected)} (got ${got})`;
    case 'max_length':
      return typeof input === 'string'
        ? `must be at most ${n} characters (got ${formatCount(input.length)})`
        : `must have at most ${entries(n)} (got ${formatCount(lengthOf(input))})`;
    case 'min_length':
      return typeof input === 'string'
        ? `must be at least ${n} characters (got ${formatCount(input.length)})`
        : `must have at least ${entries(n)} (got ${formatCount(lengthOf(input))})`;
    case 'min_value':
      return `must be at least ${n} (got ${got})`;
    case 'max_value':
      return `must be at most ${n} (got ${got})`;
    case 'gt_value':
      return `must be above ${n} (got ${got})`;
    case 'integer':
      return `must be a whole number (got ${got})`;
    case 'finite':
      return `must be a finite number (got ${got})`;
    default:
      // regex and check actions carry their own message (see schema.ts).
      return issue.message;
  }
}

/** One issue as one line: 'Path: problem', or just the problem at the top level. */
export function formatIssue(issue: v.BaseIssue<unknown>): string {
  const path = formatPath((issue.path ?? []).map((item) => item.key));
  const what = problem(issue);
  return path ? `${path}: ${what}` : `The data ${what}`;
}

/** Every issue as a line, duplicates removed, in the order found. */
export function formatIssues(issues: readonly v.BaseIssue<unknown>[]): string[] {
  return [...new Set(issues.map(formatIssue))];
}
