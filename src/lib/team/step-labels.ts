/**
 * What each turn step is called on screen: the turn cards, the run timeline and the benchmark's
 * item details read their words from here (a record, so a new step cannot be left unnamed).
 */
import type { TurnStep } from './protocols/types';

export const STEP_LABELS: Readonly<Record<TurnStep, string>> = {
  answer: 'answer',
  reason: 'draft',
  critique: 'review',
  'critique-retry': 'review (retry)',
  revise: 'revision',
  generate: 'candidate',
  judge: 'verdict',
  sample: 'sample',
  'small-answer': 'small model’s answer',
  'small-sample': 'small model’s sample',
  'large-answer': 'escalated answer',
  design: 'design',
  program: 'program',
  review: 'code review',
  test: 'test report',
  fix: 'fix',
  'peer-answer': 'independent answer',
  verify: 'check of the other’s answer',
  'verify-retry': 'check (retry)',
  reconcile: 'reconciliation',
};
