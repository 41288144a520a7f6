/**
 * A Markdown dataset card for one export: what is in it (train and validation counts, outcomes),
 * where it came from (roles, models, protocols, question sets with their licences), how it was
 * written (format, PII masking) and when. The card goes next to the JSONL files.
 */
import type { CuratedCall } from './curated-call';
import { DATASET_FORMAT_NAMES, type DatasetFormat } from './dataset-formats';

/** A question set the calls answered, with its licence. */
export interface DatasetSource {
  name: string;
  licence: string;
  url?: string;
}

export type CardCall = Pick<CuratedCall, 'roleName' | 'kind' | 'modelId' | 'protocol' | 'outcome'>;

export interface DatasetCardInput {
  /** Default 'Specialist dataset'. */
  title?: string;
  format: DatasetFormat;
  train: readonly CardCall[];
  validation: readonly CardCall[];
  sources: readonly DatasetSource[];
  masked: boolean;
  /** Written as its UTC date. */
  createdAt: Date;
}

/** Text safe in a Markdown table cell: no pipes breaking the row, no line breaks. */
export function cell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\s*[\r\n]+\s*/g, ' ');
}

/** A URL safe inside a Markdown link's parentheses. */
function linkTarget(url: string): string {
  return url.replace(
    /[()\s]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** Counts by key, most frequent first, then by name. */
function tally(calls: readonly CardCall[], key: (c: CardCall) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const c of calls) counts.set(key(c), (counts.get(key(c)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function countTable(heading: string, rows: [string, number][]): string[] {
  if (rows.length === 0) return [`## ${heading}`, '', 'None.', ''];
  return [
    `## ${heading}`,
    '',
    `| ${heading.replace(/s$/, '')} | Calls |`,
    '| --- | ---: |',
    ...rows.map(([name, n]) => `| ${cell(name)} | ${n} |`),
    '',
  ];
}

function sourceLines(sources: readonly DatasetSource[]): string[] {
  if (sources.length === 0) return ['## Sources', '', 'No question set was named.', ''];
  return [
    '## Sources',
    '',
    '| Question set | Licence |',
    '| --- | --- |',
    ...sources.map((s) => {
      const name = s.url ? `[${cell(s.name)}](${linkTarget(s.url)})` : cell(s.name);
      return `| ${name} | ${cell(s.licence)} |`;
    }),
    '',
    'Each set keeps its own licence; check that it allows training before you use this dataset.',
    '',
  ];
}

export function datasetCard(input: DatasetCardInput): string {
  const all = [...input.train, ...input.validation];
  const outcomes = tally(all, (c) => c.outcome);
  const created = input.createdAt.toISOString().slice(0, 10);
  return [
    `# ${input.title ?? 'Specialist dataset'}`,
    '',
    'Agent calls recorded in the SLM Team Playground, curated for fine-tuning a specialist.',
    '',
    `- Format: ${DATASET_FORMAT_NAMES[input.format]}, one JSON object per line`,
    `- Created: ${created}`,
    `- Examples: ${all.length} (train ${input.train.length}, validation ${input.validation.length})`,
    `- Outcomes: ${outcomes.length ? outcomes.map(([o, n]) => `${o} ${n}`).join(', ') : 'none'}`,
    `- PII masking: ${
      input.masked
        ? 'applied (e-mails, phone numbers, IP addresses, card numbers, IBANs and URL credentials replaced by tags such as [EMAIL])'
        : 'not applied: the texts are as the models read and wrote them'
    }`,
    '',
    ...countTable(
      'Roles',
      tally(all, (c) => `${c.roleName} (${c.kind})`),
    ),
    ...countTable(
      'Models',
      tally(all, (c) => c.modelId),
    ),
    ...countTable(
      'Protocols',
      tally(all, (c) => c.protocol),
    ),
    ...sourceLines(input.sources),
  ].join('\n');
}
