import type { LoadProgress } from '../../src/lib/engine/types';

const MIB = 1024 * 1024;

/**
 * Turns one of WebLLM's InitProgressReports (a fraction plus free text) into a LoadProgress
 * with a phase and byte counts. WebLLM words its steps as:
 * "Fetching param cache[3/24]: 120MB fetched. 12% completed, ..." (network),
 * "Loading model from cache[3/24]: 120MB loaded. 12% completed, ..." (cache to GPU),
 * "Loading GPU shader modules[5/60]: ..." (shader compilation), "Finish loading on ...".
 */
export function parseWebLLMProgress(report: { progress: number; text: string }): LoadProgress {
  const { text } = report;
  const fraction = Number.isFinite(report.progress) ? Math.min(1, Math.max(0, report.progress)) : 0;
  const bytes = /(\d+)MB (?:fetched|loaded)\. (\d+)% completed/.exec(text);
  const loadedBytes = bytes ? Number(bytes[1]) * MIB : null;
  const percent = bytes ? Number(bytes[2]) : 0;
  const totalBytes =
    loadedBytes !== null && percent > 0 ? Math.round((loadedBytes * 100) / percent) : null;
  let phase: LoadProgress['phase'] = 'init';
  if (text.startsWith('Fetching param cache')) phase = 'download';
  else if (text.startsWith('Loading model from cache')) phase = 'cache';
  else if (/shader/i.test(text)) phase = 'compile';
  return { phase, fraction, loadedBytes, totalBytes, text };
}
