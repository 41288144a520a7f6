/**
 * The plan in one line, for the Run bar: how many models load, what downloads, and whether the
 * two sides take turns on a shared model. The Plan panel has the details.
 */
import { formatDownload } from '../format';
import type { ModelPlan, PlannedModel } from './model-plan';

export interface RunSummaryOptions {
  /** Models both sides use (see `sharedBySides`). */
  shared?: readonly PlannedModel[];
  /** The Team gets its own copy of the shared models, so the sides run at once. */
  secondCopy?: boolean;
  /** Whether a model's files are in the browser cache (undefined: not known yet). */
  isCached?: (modelId: string) => boolean | undefined;
  /** Problems with the setup that keep Run off. */
  problems?: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** e.g. "2 models · ≈ 1.4 GB download · both sides share Qwen2.5-0.5B (take turns)". */
export function runSummary(plan: ModelPlan, options: RunSummaryOptions = {}): string {
  const parts: string[] = [];
  if (options.problems) parts.push(`${plural(options.problems, 'problem')} to fix`);
  if (plan.unknown.length)
    parts.push(
      `unknown model${plan.unknown.length === 1 ? '' : 's'}: ${plan.unknown.map((m) => m.modelId).join(', ')}`,
    );
  // A second copy loads the same files again: counted once here, named below.
  const distinct = plan.models.filter((m) => !m.copy);
  parts.push(plural(distinct.length, 'model'));
  parts.push(downloadPart(distinct, options.isCached));
  const shared = (options.shared ?? []).map((m) => m.variant.modelId).join(', ');
  if (shared)
    parts.push(
      options.secondCopy
        ? `Team gets its own copy of ${shared}`
        : `both sides share ${shared} (take turns)`,
    );
  return parts.join(' · ');
}

/** What still has to download: models not known to be cached, sizes known or named as unknown. */
function downloadPart(models: PlannedModel[], isCached: RunSummaryOptions['isCached']): string {
  const real = models.filter((m) => m.model.engine !== 'scripted');
  if (!real.length) return 'nothing to download';
  const toFetch = real.filter((m) => isCached?.(m.variant.modelId) !== true);
  if (!toFetch.length) return 'all cached';
  const unknown = toFetch.filter((m) => m.variant.downloadMB === null).length;
  if (unknown === toFetch.length) return 'download size unknown';
  const mb = toFetch.reduce((n, m) => n + (m.variant.downloadMB ?? 0), 0);
  const known = `${formatDownload(mb)} download`;
  return unknown ? `${known} + ${unknown} of unknown size` : known;
}
