/**
 * Cost accounting: per-side totals over turns, the Team/Solo ratio, how many model calls a
 * protocol implies, and a fairness figure (how many solo self-consistency samples the team's
 * token budget would buy).
 */
import type { ProtocolConfig } from './config';
import type { Turn } from './protocols/types';

export interface SideTotals {
  /** Model calls: turns that reached the model, including stopped and failed ones. */
  calls: number;
  promptTokens: number;
  completionTokens: number;
  /** promptTokens + completionTokens. */
  totalTokens: number;
  /** From the first turn's start to the last turn's end; 0 without turns. */
  wallMs: number;
  /** Sum of the calls' own times (usage.wallMs). */
  callMs: number;
  /** Sum of the time calls waited for a busy model (Turn.queuedMs). */
  queuedMs: number;
}

/** Totals over a side's turns. */
export function sideTotals(turns: readonly Turn[]): SideTotals {
  const totals: SideTotals = {
    // A fork's reused turns called no model.
    calls: turns.filter((t) => !t.notStarted && !t.reused).length,
    promptTokens: 0,
    completionTokens: 0,
    totalTokens: 0,
    wallMs: 0,
    callMs: 0,
    queuedMs: 0,
  };
  if (!turns.length) return totals;
  let first = Infinity;
  let last = -Infinity;
  for (const turn of turns) {
    totals.promptTokens += turn.usage.promptTokens;
    totals.completionTokens += turn.usage.completionTokens;
    totals.callMs += turn.usage.wallMs;
    totals.queuedMs += turn.queuedMs;
    first = Math.min(first, turn.startedAtMs);
    last = Math.max(last, turn.endedAtMs);
  }
  totals.totalTokens = totals.promptTokens + totals.completionTokens;
  totals.wallMs = last - first;
  return totals;
}

/** Team ÷ Solo for each figure; null where the solo figure is 0. */
export type TotalsRatio = { [K in keyof SideTotals]: number | null };

export function totalsRatio(team: SideTotals, solo: SideTotals): TotalsRatio {
  const ratio = (key: keyof SideTotals) => (solo[key] === 0 ? null : team[key] / solo[key]);
  return {
    calls: ratio('calls'),
    promptTokens: ratio('promptTokens'),
    completionTokens: ratio('completionTokens'),
    totalTokens: ratio('totalTokens'),
    wallMs: ratio('wallMs'),
    callMs: ratio('callMs'),
    queuedMs: ratio('queuedMs'),
  };
}

/** How a completed critic loop went: what its number of calls depends on. */
export interface CriticLoopOutcome {
  /** Critic reviews made (1..maxRounds), not counting retries. */
  rounds: number;
  /** Retries after an unreadable verdict (0..rounds). */
  retries: number;
  /** The last review's verdict; an unreadable one (treated as accept) counts as 'accept'. */
  endedOn: 'accept' | 'revise';
}

/** How a completed escalation went: the small model's calls, the check's, and the large one's. */
export interface EscalationRunOutcome {
  /** Critic check: retries after an unreadable verdict (0 or 1). */
  retries: number;
  escalated: boolean;
}

/** How a completed software team went: its reviews, fixes and tester calls. */
export interface SoftwareTeamOutcome {
  reviews: number;
  fixes: number;
  tests: number;
}

/** How a completed cross-verification went: check retries, and whether the reconciler ran. */
export interface CrossVerifyOutcome {
  /** Checks retried after an unreadable verdict (0..2). */
  checkRetries: number;
  reconciled: boolean;
}

type FixedProtocol = Exclude<
  ProtocolConfig,
  | { type: 'critic-loop' }
  | { type: 'escalation' }
  | { type: 'software-team' }
  | { type: 'cross-verify' }
>;

/**
 * Model calls a protocol makes when it runs to completion:
 * - solo: 1; tool agent: 1 (each tool step of a role with tools is one more call)
 * - reasoner-answerer: 2
 * - critic-loop: 1 + r + m + (endedOn 'revise' ? r : r − 1) + 1
 *   (draft, r reviews, m retries, revisions, answer)
 * - generators-judge: K × layers + 1
 * - self-consistency: samples
 * - escalation: the small model's calls (agreement: samples; otherwise 1), + 1 critic review
 *   and its retries (critic check), + 1 when escalated
 * - software-team: design + program + reviews + tester calls + fixes
 * - cross-verify: 2 answers + 2 checks + their retries (0..2), + 1 reconciler call unless both
 *   answers agreed and neither check rejected
 */
export function expectedCalls(protocol: FixedProtocol): number;
export function expectedCalls(protocol: ProtocolConfig, outcome: CriticLoopOutcome): number;
export function expectedCalls(protocol: ProtocolConfig, outcome: EscalationRunOutcome): number;
export function expectedCalls(protocol: ProtocolConfig, outcome: SoftwareTeamOutcome): number;
export function expectedCalls(protocol: ProtocolConfig, outcome: CrossVerifyOutcome): number;
export function expectedCalls(
  protocol: ProtocolConfig,
  outcome?: CriticLoopOutcome | EscalationRunOutcome | SoftwareTeamOutcome | CrossVerifyOutcome,
): number {
  switch (protocol.type) {
    case 'solo':
    case 'tool-agent':
      return 1;
    case 'reasoner-answerer':
      return 2;
    case 'critic-loop': {
      if (!outcome || !('rounds' in outcome))
        throw new Error('A critic loop needs its outcome to count its calls.');
      const { rounds, retries, endedOn } = outcome;
      const revisions = endedOn === 'revise' ? rounds : rounds - 1;
      return 1 + rounds + retries + revisions + 1;
    }
    case 'generators-judge':
      return protocol.generators * protocol.layers + 1;
    case 'self-consistency':
      return protocol.samples;
    case 'escalation': {
      if (!outcome || !('escalated' in outcome))
        throw new Error('An escalation needs its outcome to count its calls.');
      const { check } = protocol;
      const small = check.kind === 'agreement' ? check.samples : 1;
      const review = check.kind === 'critic' ? 1 + outcome.retries : 0;
      return small + review + (outcome.escalated ? 1 : 0);
    }
    case 'software-team': {
      if (!outcome || !('fixes' in outcome))
        throw new Error('A software team needs its outcome to count its calls.');
      return 2 + outcome.reviews + outcome.tests + outcome.fixes;
    }
    case 'cross-verify': {
      if (!outcome || !('reconciled' in outcome))
        throw new Error('A cross-verification needs its outcome to count its calls.');
      return 4 + outcome.checkRetries + (outcome.reconciled ? 1 : 0);
    }
  }
}

/**
 * The fewest and most calls a protocol can make when complete (before running). Critic loop:
 * 3 (accepted at once) to 2 + 3 × maxRounds (every review retried, every verdict 'revise').
 */
export function callRange(protocol: ProtocolConfig): { min: number; max: number } {
  if (protocol.type === 'escalation')
    return {
      min: expectedCalls(protocol, { retries: 0, escalated: false }),
      max: expectedCalls(protocol, {
        retries: protocol.check.kind === 'critic' ? 1 : 0,
        escalated: true,
      }),
    };
  if (protocol.type === 'software-team') {
    // Fewest: the first review accepts and the first test run passes. Most: every review asks
    // for a fix and every test run fails (a tester call and a fix each).
    const { reviewRounds: r, testRounds: t } = protocol;
    return {
      min: expectedCalls(protocol, { reviews: Math.min(r, 1), fixes: 0, tests: 0 }),
      max: expectedCalls(protocol, { reviews: r, fixes: r + t, tests: t }),
    };
  }
  if (protocol.type === 'cross-verify')
    return {
      min: expectedCalls(protocol, { checkRetries: 0, reconciled: false }),
      max: expectedCalls(protocol, { checkRetries: 2, reconciled: true }),
    };
  if (protocol.type !== 'critic-loop') {
    const n = expectedCalls(protocol);
    return { min: n, max: n };
  }
  const r = protocol.maxRounds;
  return {
    min: expectedCalls(protocol, { rounds: 1, retries: 0, endedOn: 'accept' }),
    max: expectedCalls(protocol, { rounds: r, retries: r, endedOn: 'revise' }),
  };
}

/** A critic loop's outcome, read from its turns. */
export function criticLoopOutcome(turns: readonly Turn[]): CriticLoopOutcome {
  const reviews = turns.filter((t) => t.step === 'critique' || t.step === 'critique-retry');
  return {
    rounds: reviews.filter((t) => t.step === 'critique').length,
    retries: reviews.filter((t) => t.step === 'critique-retry').length,
    endedOn: reviews.at(-1)?.verdict?.verdict === 'revise' ? 'revise' : 'accept',
  };
}

/** A cross-verification's outcome, read from its turns. */
export function crossVerifyOutcome(turns: readonly Turn[]): CrossVerifyOutcome {
  return {
    checkRetries: turns.filter((t) => t.step === 'verify-retry').length,
    reconciled: turns.some((t) => t.step === 'reconcile'),
  };
}

/**
 * Fairness: how many solo calls (self-consistency samples of the solo model, at the solo run's
 * average tokens per call) fit in the team's total tokens, rounded down. Null without solo data.
 */
export function fairSampleCount(team: SideTotals, solo: SideTotals): number | null {
  if (solo.calls === 0 || solo.totalTokens === 0) return null;
  return Math.floor(team.totalTokens / (solo.totalTokens / solo.calls));
}
