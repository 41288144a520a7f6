import { describe, expect, it } from 'vitest';
import { cell, datasetCard, type CardCall, type DatasetCardInput } from './dataset-card';

const c = (overrides: Partial<CardCall> = {}): CardCall => ({
  roleName: 'Solo',
  kind: 'solo',
  modelId: 'qwen2.5-0.5b',
  protocol: 'solo',
  outcome: 'right',
  ...overrides,
});

const input = (overrides: Partial<DatasetCardInput> = {}): DatasetCardInput => ({
  format: 'openai',
  train: [
    c(),
    c(),
    c({ roleName: 'Critic', kind: 'critic', modelId: 'smollm2', protocol: 'critic-loop' }),
  ],
  validation: [c({ outcome: 'wrong' })],
  sources: [{ name: 'GSM8K', licence: 'MIT', url: 'https://huggingface.co/datasets/openai/gsm8k' }],
  masked: true,
  createdAt: new Date('2025-03-04T22:10:00Z'),
  ...overrides,
});

describe('datasetCard', () => {
  it('gives the counts, the format, the date and the masking', () => {
    const card = datasetCard(input());
    expect(card).toMatch(/^# Specialist dataset\n/);
    expect(card).toContain('- Examples: 4 (train 3, validation 1)');
    expect(card).toContain('- Outcomes: right 3, wrong 1');
    expect(card).toContain('- Format: OpenAI chat fine-tuning (JSONL)');
    expect(card).toContain('- Created: 2025-03-04');
    expect(card).toMatch(/- PII masking: applied/);
    expect(datasetCard(input({ masked: false }))).toMatch(/- PII masking: not applied/);
  });

  it('tallies roles, models and protocols, most calls first', () => {
    const card = datasetCard(input());
    expect(card).toContain('| Solo (solo) | 3 |\n| Critic (critic) | 1 |');
    expect(card).toContain('| qwen2.5-0.5b | 3 |\n| smollm2 | 1 |');
    expect(card).toContain('| solo | 3 |\n| critic-loop | 1 |');
  });

  it('lists the sources with their licences and links', () => {
    const card = datasetCard(
      input({ sources: [...input().sources, { name: 'Weather | custom', licence: 'CC BY 4.0' }] }),
    );
    expect(card).toContain('| [GSM8K](https://huggingface.co/datasets/openai/gsm8k) | MIT |');
    expect(card).toContain('| Weather \\| custom | CC BY 4.0 |');
    expect(datasetCard(input({ sources: [] }))).toContain('No question set was named.');
  });

  it('names the format it was written in', () => {
    expect(datasetCard(input({ format: 'alpaca' }))).toContain('Alpaca (instruction/input/output)');
    expect(datasetCard(input({ format: 'sharegpt', title: 'Math helper' }))).toMatch(
      /^# Math helper\n[\s\S]*ShareGPT/,
    );
  });

  it('says none for an empty export', () => {
    const card = datasetCard(input({ train: [], validation: [] }));
    expect(card).toContain('- Examples: 0 (train 0, validation 0)');
    expect(card).toContain('## Models\n\nNone.');
  });
});

describe('cell', () => {
  it('escapes pipes and joins lines', () => {
    expect(cell('a|b\nc')).toBe('a\\|b c');
  });
});

describe('source links', () => {
  it('encodes parentheses and spaces in a URL', () => {
    const card = datasetCard(
      input({ sources: [{ name: 'Set', licence: 'MIT', url: 'https://x.org/a (b)' }] }),
    );
    expect(card).toContain('[Set](https://x.org/a%20%28b%29)');
  });
});
