/**
 * Scripted test models: part of the test build only (see README, "Test build"). Their ids all
 * start with `scripted-` and their labels say "Scripted", so they can never pass for a real model.
 * Tests may override scripts through localStorage['playground:scripted-overrides'].
 */
import type { ScriptedScript } from '../engine/types';
import { todoHtml } from '../software/web-app/fixtures';
import { reasoningFlag } from './reasoning';
import type { CatalogModel } from './types';

const ANSWER = [
  'The Eiffel Tower is in **Paris**, the capital of France.',
  '',
  '- It was finished in 1889.',
  '- It is about 330 metres tall.',
  '',
  'Answer: Paris',
].join('\n');

const LONG = Array.from({ length: 200 }, (_, i) => `word${i + 1}`).join(' ');

const HOSTILE = [
  'Here is some output with markup in it:',
  '<img src=x onerror="window.__pwned = true">',
  '<script>window.__pwned = true</script>',
  '[click](javascript:window.__pwned=true)',
  'End of output.',
].join('\n');

/** Replies by role (matched on the role's system prompt) for Solo vs Team runs. */
export const TEAM_RULES: ScriptedScript['rules'] = [
  { match: 'You are the Critic', reply: '{"verdict":"accept","feedback":""}' },
  { match: 'You are the Answerer', reply: 'Szeged' },
  {
    match: 'You are the Reasoner',
    reply: [
      'Steps:',
      '1. The Marlow Library was designed by Helena Varga [Marlow Library, sentence 2].',
      '2. Helena Varga was born in Szeged [Helena Varga, sentence 2].',
      'Conclusion: Szeged',
      'References:',
      '[Marlow Library, sentence 2]',
      '[Helena Varga, sentence 2]',
    ].join('\n'),
  },
  { match: 'You are the Judge', reply: 'Candidate 1 follows the paragraphs.\nAnswer: Szeged' },
  {
    reply: 'The library was designed by Helena Varga, who settled in Eastbrook.\nAnswer: Eastbrook',
  },
];

const fenced = (tag: string, code: string) => '```' + tag + '\n' + code + '\n```';
const titleCase = (rest: string) =>
  fenced(
    'javascript',
    `function titleCase(text) {\n  return text.split(' ').map((w) => w.charAt(0).toUpperCase() + ${rest}).join(' ');\n}`,
  );

/** What the coder's tester reports on its broken to-do app. */
export const CODER_TESTER_REPORT =
  'Delete does nothing: after clicking Delete the task is still in the list. Make Delete remove the task.';

/**
 * A software team's replies (the Software tab, software task sets): the to-do app with a Delete
 * that does nothing, then, once a tester has reported, the working app; likewise titleCase,
 * first leaving the rest of each word as it was (its own example fails), then right.
 */
export const CODER_RULES: ScriptedScript['rules'] = [
  { match: 'titleCase[\\s\\S]*The tester said', reply: titleCase('w.slice(1).toLowerCase()') },
  { match: 'The tester said', reply: fenced('html', todoHtml()) },
  {
    match: 'You are the Designer',
    reply: '1. A title "My Tasks".\n2. A field and an Add button.\n3. Checkbox, Edit, Delete.',
  },
  { match: 'You are the Code Reviewer', reply: '{"verdict":"accept","feedback":""}' },
  { match: 'You are the Tester', reply: CODER_TESTER_REPORT },
  { match: 'You are a programmer[\\s\\S]*titleCase', reply: titleCase('w.slice(1)') },
  { match: 'You are a programmer', reply: fenced('html', todoHtml(true)) },
];

/** A reasoning model's replies: a think block, then the answer (switchable: see reasoning.ts). */
const THINKER_RULES: ScriptedScript['rules'] = [
  {
    reply:
      '<think>\nThe question asks for a capital. France: Paris.\n</think>\n\n' +
      'The capital of France is **Paris**.\n\nAnswer: Paris',
  },
];

const base: ScriptedScript = { rules: [{ reply: ANSWER }], tokensPerSecond: 40, loadMs: 300 };

export const SCRIPTED_SCRIPTS: Record<string, ScriptedScript> = {
  'scripted-echo': base,
  'scripted-slow': { ...base, rules: [{ reply: LONG }], tokensPerSecond: 8 },
  'scripted-hostile': { ...base, rules: [{ reply: HOSTILE }] },
  'scripted-offline': { ...base, loadMs: 2000, failLoadWith: 'ModelDownloadError' },
  'scripted-crash': { ...base, crashAfterTokens: 4, tokensPerSecond: 20 },
  'scripted-team': { ...base, rules: TEAM_RULES, tokensPerSecond: 60, loadMs: 200 },
  'scripted-thinker': { ...base, rules: THINKER_RULES },
  'scripted-broken': { ...base, rules: TEAM_RULES, failAfterTokens: 3, tokensPerSecond: 20 },
  'scripted-small-window': { ...base, rules: TEAM_RULES, tokensPerSecond: 60, loadMs: 200 },
  'scripted-coder': { ...base, rules: CODER_RULES, tokensPerSecond: 200, loadMs: 200 },
};

/** Context windows of scripted models that do not have the usual 4,096 tokens. */
export const SCRIPTED_CONTEXT_WINDOWS: Record<string, number> = {
  'scripted-small-window': 1024,
};

const OVERRIDES_KEY = 'playground:scripted-overrides';

function readOverrides(): Record<string, Partial<ScriptedScript>> {
  try {
    const raw = globalThis.localStorage?.getItem(OVERRIDES_KEY);
    return raw ? (JSON.parse(raw) as Record<string, Partial<ScriptedScript>>) : {};
  } catch {
    return {};
  }
}

export function scriptedCatalog(): CatalogModel[] {
  const overrides = readOverrides();
  const ids = new Set([...Object.keys(SCRIPTED_SCRIPTS), ...Object.keys(overrides)]);
  return [...ids]
    .filter((id) => id.startsWith('scripted-'))
    .map((id) => {
      const script = { ...base, ...SCRIPTED_SCRIPTS[id], ...overrides[id] };
      return {
        id,
        label: `Scripted test model: ${id.slice('scripted-'.length)}`,
        engine: 'scripted' as const,
        paramsB: null,
        script,
        ...reasoningFlag(id),
        variants: [
          {
            modelId: id,
            quantization: 'other' as const,
            needsF16: false,
            vramMB: 0,
            downloadMB: 1,
            contextWindow: SCRIPTED_CONTEXT_WINDOWS[id] ?? 4096,
            modelUrl: '',
          },
        ],
      };
    });
}
