/**
 * "Compare a specialist": a task's held-out items as a question set, and the configs to run on
 * them in the Benchmark tab: the specialist alone, the team that made the calls, and that team
 * with the specialist in the role it was trained for.
 *
 * The held-out items are the questions behind the validation part of the task × role's export
 * (`exportSplit`, the same calls, choices and seed as the downloaded dataset), so the specialist
 * is never scored on a question it was trained on: a question that also has a call in the train
 * part is left out. A Solo vs Team call's question is its run's question, scored by its expected
 * answer as Solo vs Team scores it (`expectedItem`); a benchmark call's question is the batch's
 * item, scored by its set's official rule. Calls whose run or batch is gone, or whose run had no
 * expected answer, give no item, and the comparison says how many.
 */
import { expectedItem } from '../eval/expected-answer';
import type { EvalItem, EvalSet } from '../eval/types';
import type { CuratedCall } from '../specialist/curated-call';
import type { Split } from '../specialist/split';
import type { BatchConfig, BatchRecord } from '../storage/batch-records';
import type { RunRecord, TraceRecord } from '../storage/records';
import type { ModelRef, SideConfig } from '../team/config';
import { presetSide } from '../team/presets';
import { slug } from './task-export';

/** What a comparison reads besides the calls: runs and batches by id. */
export interface ComparisonSources {
  trace(id: string): TraceRecord | undefined;
  run(id: string): RunRecord | undefined;
  batch(id: string): BatchRecord | undefined;
}

export interface ComparisonRequest {
  taskKey: string;
  taskName: string;
  roleName: string;
  specialist: ModelRef;
  /** The task × role's export split. */
  split: Split<CuratedCall>;
  /** The split's seed and validation share, for the set's description. */
  seed: number;
  validationShare: number;
  now: number;
}

/** A comparison as the Benchmark tab takes it (plain data: it is kept in localStorage). */
export interface SpecialistComparison {
  /** 'Specialist for "Arithmetic" (Reasoner)'. */
  title: string;
  specialist: ModelRef;
  roleName: string;
  set: EvalSet;
  /** The specialist alone first (the batch's Solo baseline), then the original team, then the team with the specialist. */
  configs: BatchConfig[];
  /** What was left out and why, one sentence each. */
  notes: string[];
  createdAt: number;
}

/** Why no comparison can be made; the message is shown as it is. */
export class ComparisonError extends Error {
  override readonly name = 'ComparisonError';
}

/** A question's key for "the same question": case and spacing do not count. */
export function questionKey(question: string): string {
  return question.replace(/\s+/g, ' ').trim().toLowerCase();
}

interface Source {
  item: EvalItem;
  /** The Solo side of the run or batch the call came from (absent: none there). */
  solo?: SideConfig;
  /** The team side the call belongs to, or the run's or batch's team when the call was Solo's. */
  team?: SideConfig;
  licence: string;
}

function fromRun(run: RunRecord): Source | 'no-answer' {
  const answer = run.config.expectedAnswer?.trim();
  if (!answer) return 'no-answer';
  const item = expectedItem(run.config.question, answer, run.config.context);
  return {
    item: { ...item, id: `run-${run.id}` },
    solo: run.config.solo,
    team: run.config.team,
    licence: 'Your own questions',
  };
}

function fromBatch(batch: BatchRecord, ref: NonNullable<TraceRecord['batch']>): Source | null {
  const item = batch.items[ref.index];
  if (!item) return null;
  const solo = batch.configs.find((c) => c.id === 'solo') ?? batch.configs[0];
  const own = batch.configs.find((c) => c.id === ref.configId);
  const team =
    own && own.id !== solo?.id ? own : batch.configs.find((c) => c.id !== solo?.id && c.side);
  return {
    item: structuredClone(item),
    ...(solo ? { solo: solo.side } : {}),
    ...(team ? { team: team.side } : {}),
    licence: `${batch.set.name}: ${batch.set.licence}`,
  };
}

type Resolved = Source | 'no-answer' | 'gone';

function resolve(call: CuratedCall, sources: ComparisonSources): Resolved {
  const trace = sources.trace(call.id);
  if (!trace) return 'gone';
  if (trace.batch) {
    const batch = sources.batch(trace.batch.batchId);
    return (batch && fromBatch(batch, trace.batch)) ?? 'gone';
  }
  const run = sources.run(trace.runId);
  return run ? fromRun(run) : 'gone';
}

/** The value that occurs most often (by its JSON), the first seen on a tie. */
function mostCommon<T>(values: readonly T[]): { value: T; count: number; kinds: number } | null {
  const counts = new Map<string, { value: T; count: number }>();
  for (const value of values) {
    const key = JSON.stringify(value);
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { value, count: 1 });
  }
  let best: { value: T; count: number } | null = null;
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
  return best ? { ...best, kinds: counts.size } : null;
}

/** The side with every role on `model` (a copy). */
export function onModel(side: SideConfig, model: ModelRef, label: string): SideConfig {
  return {
    ...structuredClone(side),
    label,
    roles: side.roles.map((r) => ({ ...structuredClone(r), model: { ...model } })),
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function specialistComparison(
  request: ComparisonRequest,
  sources: ComparisonSources,
): SpecialistComparison {
  const { split, roleName, specialist } = request;
  if (split.validation.length === 0)
    throw new ComparisonError(
      `"${request.taskName}" × ${roleName} has no held-out calls: the export keeps ${plural(split.train.length, 'call')}, all for training. A task needs at least 2 calls (and a validation share that leaves one) to hold one out.`,
    );
  const trained = new Set<string>();
  for (const call of split.train) {
    const resolved = resolve(call, sources);
    if (typeof resolved !== 'string') trained.add(questionKey(resolved.item.question));
  }

  const items: EvalItem[] = [];
  const seen = new Set<string>();
  const solos: SideConfig[] = [];
  const teams: SideConfig[] = [];
  const licences = new Set<string>();
  let noAnswer = 0;
  let gone = 0;
  let inTrain = 0;
  for (const call of split.validation) {
    const resolved = resolve(call, sources);
    if (resolved === 'no-answer') noAnswer++;
    else if (resolved === 'gone') gone++;
    else {
      const key = questionKey(resolved.item.question);
      if (trained.has(key)) inTrain++;
      else {
        if (resolved.solo) solos.push(resolved.solo);
        if (resolved.team) teams.push(resolved.team);
        if (resolved.licence) licences.add(resolved.licence);
        if (!seen.has(key)) {
          seen.add(key);
          items.push(resolved.item);
        }
      }
    }
  }

  const notes: string[] = [];
  if (noAnswer)
    notes.push(
      `${plural(noAnswer, 'held-out call')} came from runs with no expected answer, so ${noAnswer === 1 ? 'it' : 'they'} cannot be scored.`,
    );
  if (gone)
    notes.push(`${plural(gone, 'held-out call')} belonged to runs or batches since deleted.`);
  if (inTrain)
    notes.push(
      `${plural(inTrain, 'held-out call')} asked a question that is also in the training part, so ${inTrain === 1 ? 'it was' : 'they were'} left out.`,
    );
  if (items.length === 0)
    throw new ComparisonError(
      `None of the ${plural(split.validation.length, 'held-out call')} of "${request.taskName}" × ${roleName} gives a question to score. ${notes.join(' ')}`,
    );

  const team = mostCommon(teams);
  const solo = mostCommon(solos);
  if (!team) throw new ComparisonError('The held-out calls come from no team to compare with.');
  if (team.kinds > 1)
    notes.push(
      `The calls came from ${team.kinds} team setups; the most common one (${plural(team.count, 'call')}) is the original team here.`,
    );
  const configs: BatchConfig[] = [
    {
      id: 'solo',
      label: 'Specialist Solo',
      side: solo
        ? onModel(solo.value, specialist, 'Specialist Solo')
        : { ...presetSide('solo', specialist), label: 'Specialist Solo' },
    },
    { id: 'team', label: 'Original team', side: structuredClone(team.value) },
  ];
  if (!solo)
    notes.push('The calls came from no Solo side, so the specialist runs with the Solo preset.');
  const inTeam = team.value.roles.filter((r) => r.name === roleName);
  if (inTeam.length) {
    const label = `Team with the specialist as ${roleName}`;
    configs.push({
      id: 'extra-1',
      label,
      side: {
        ...structuredClone(team.value),
        label,
        roles: team.value.roles.map((r) =>
          r.name === roleName
            ? { ...structuredClone(r), model: { ...specialist } }
            : structuredClone(r),
        ),
      },
    });
  }

  const share = Math.round(request.validationShare * 100);
  return {
    title: `Specialist for "${request.taskName}" (${roleName})`,
    specialist: { ...specialist },
    roleName,
    set: {
      id: `specialist:${request.taskKey}:${slug(roleName, 'role')}`,
      name: `Held-out items of "${request.taskName}" × ${roleName}`,
      source: `Your logged calls: the validation part (${share}%, seed ${request.seed}) of the task's export`,
      licence: [...licences].join('; ') || 'Your own questions',
      items,
    },
    configs,
    notes,
    createdAt: request.now,
  };
}
