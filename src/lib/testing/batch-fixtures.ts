/**
 * Helpers for the batch tests (not used by the app): a small multi-hop set, Solo and critic-loop
 * configs on scripted models with the real preset prompts, scripts that answer per question,
 * and a batch record over them.
 */
import type { ScriptedScript } from '../engine/types';
import type { EvalItem, EvalSet } from '../eval/types';
import { presetSide, type PresetId } from '../team/presets';
import { fastScript, scriptedModel } from './scripted-chat';
import type { BatchConfig, BatchRecord } from '../storage/batch-records';
import { selectItems, setInfo } from '../batch/select';

const paragraph = (title: string, ...sentences: string[]) => ({ title, sentences });

/** Four two-hop items; each question names its own token (Q1 … Q4) for the scripts to match. */
export const TEST_SET: EvalSet = {
  id: 'test-multihop',
  name: 'Test multi-hop',
  source: 'Written for the tests',
  licence: 'MIT',
  format: 'hotpotqa',
  items: ['Alder', 'Birch', 'Cedar', 'Dogwood'].map((town, i): EvalItem => ({
    id: `q${i + 1}`,
    kind: 'multihop',
    question: `Q${i + 1}: where was the founder of ${town} Mill born?`,
    context: [
      paragraph(`${town} Mill`, `${town} Mill is a mill.`, `It was founded by Ann ${town}.`),
      paragraph(`Ann ${town}`, `Ann ${town} was a miller.`, `She was born in ${town}ton.`),
    ],
    answer: `${town}ton`,
    supportingFacts: [
      { title: `${town} Mill`, sentence: 1 },
      { title: `Ann ${town}`, sentence: 1 },
    ],
  })),
};

/** The gold answer of test item n (1-based). */
export const gold = (n: number) => TEST_SET.items[n - 1]!.answer;

/** Reasoning in the reasoner's format, citing both gold sentences (1-based numbers). */
export function reasoning(n: number, conclusion: string): string {
  const town = ['Alder', 'Birch', 'Cedar', 'Dogwood'][n - 1]!;
  return [
    'Steps:',
    `1. ${town} Mill was founded by Ann ${town} [${town} Mill, sentence 2].`,
    `2. She was born in ${conclusion} [Ann ${town}, sentence 2].`,
    `Conclusion: ${conclusion}`,
    'References:',
    `[${town} Mill, sentence 2]`,
    `[Ann ${town}, sentence 2]`,
  ].join('\n');
}

/** How the team handles item n: the draft's conclusion, and the one after a critic's revise. */
export interface TeamPlan {
  draft: string;
  revised?: string;
}

/**
 * Scripts for Solo (`solo[n]` is its answer to item n, default 'Nowhere') and the team (`team[n]`,
 * default: a draft concluding 'Nowhere', accepted at once). The answerer repeats the final
 * reasoning's conclusion.
 */
export function scripts(
  solo: Record<number, string>,
  team: Record<number, TeamPlan> = {},
): Record<string, ScriptedScript> {
  const soloRules = Object.entries(solo).map(([n, answer]) => ({
    match: `Question: Q${n}:`,
    reply: `Thinking it through.\nAnswer: ${answer}`,
  }));
  const teamRules: ScriptedScript['rules'] = [];
  const conclusions = new Set(['Nowhere']);
  for (const [n, plan] of Object.entries(team)) {
    conclusions.add(plan.draft);
    if (plan.revised !== undefined) {
      conclusions.add(plan.revised);
      teamRules.push(
        {
          match: `You are the Critic[\\s\\S]*Question: Q${n}:[\\s\\S]*Conclusion: ${plan.draft}\\b`,
          reply: `{"verdict":"revise","feedback":"FIX-Q${n}: check the second paragraph."}`,
        },
        {
          match: `You are the Reasoner[\\s\\S]*FIX-Q${n}:`,
          reply: reasoning(Number(n), plan.revised),
        },
      );
    }
    teamRules.push({
      match: `You are the Reasoner[\\s\\S]*Question: Q${n}:`,
      reply: reasoning(Number(n), plan.draft),
    });
  }
  return {
    'scripted-solo': fastScript([...soloRules, { reply: 'Answer: Nowhere' }]),
    'scripted-team': fastScript([
      ...teamRules,
      { match: 'You are the Critic', reply: '{"verdict":"accept","feedback":""}' },
      ...[...conclusions].map((c) => ({
        match: `You are the Answerer[\\s\\S]*Conclusion: ${c}\\b`,
        reply: c,
      })),
      { match: 'You are the Reasoner', reply: 'Steps:\n1. Unsure.\nConclusion: Nowhere' },
      { reply: 'Nowhere' },
    ]),
  };
}

/** Solo (scripted-solo) and a team of the given preset (scripted-team). */
export function testConfigs(team: PresetId = 'critic-loop'): BatchConfig[] {
  return [
    { id: 'solo', label: 'Solo', side: presetSide('solo', scriptedModel('scripted-solo')) },
    { id: 'team', label: 'Team', side: presetSide(team, scriptedModel('scripted-team')) },
  ];
}

export function testBatch(
  configs: BatchConfig[] = testConfigs(),
  set: EvalSet = TEST_SET,
): BatchRecord {
  return {
    kind: 'batch',
    id: 'batch-1',
    createdAt: 1_000,
    updatedAt: 1_000,
    status: 'running',
    set: setInfo(set),
    selection: { mode: 'first', count: set.items.length },
    items: selectItems(set.items, { mode: 'first', count: set.items.length }),
    configs,
  };
}
