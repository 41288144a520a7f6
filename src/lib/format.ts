/** Small display helpers shared by the views. */

export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** Decimal megabytes as "324 MB" or "1.3 GB"; null (not known) as "size unknown". */
export function formatMB(mb: number | null): string {
  if (mb === null || !Number.isFinite(mb)) return 'size unknown';
  return mb >= 1000 ? `${(mb / 1000).toFixed(1)} GB` : `${Math.round(mb)} MB`;
}

/** An estimated download: "≈ 324 MB", "≈ 450 KB" below 1 MB, "size unknown" when not known. */
export function formatDownload(mb: number | null): string {
  if (mb === null || !Number.isFinite(mb)) return 'size unknown';
  return `≈ ${mb < 1 ? `${Math.round(mb * 1000)} KB` : formatMB(mb)}`;
}

export function formatMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

const grouped = new Intl.NumberFormat('en', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const twoSignificant = new Intl.NumberFormat('en', { maximumSignificantDigits: 2 });
const threeSignificant = new Intl.NumberFormat('en', {
  minimumSignificantDigits: 3,
  maximumSignificantDigits: 3,
});

/**
 * Tokens per second. One decimal from 1 tok/s up (grouped thousands); below that two significant
 * digits, so a software GPU's 0.06 tok/s does not read as 0.0.
 */
export function formatRate(perSecond: number | null): string {
  if (perSecond === null || !Number.isFinite(perSecond)) return '—';
  if (perSecond === 0) return '0 tok/s';
  const value = perSecond >= 1 ? grouped.format(perSecond) : twoSignificant.format(perSecond);
  return `${value} tok/s`;
}

/** A ratio such as Team ÷ Solo: three significant digits, grouped thousands ("15,000×"). */
export function formatRatio(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  if (ratio === 0) return '0×';
  return `${threeSignificant.format(ratio)}×`;
}

export const PHASE_LABELS = {
  download: 'Downloading',
  cache: 'Reading from cache',
  compile: 'Compiling GPU shaders',
  init: 'Initialising',
} as const;
