import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { LIMITS, validateExperiment, type ExperimentConfig } from '../team/config';
import { defaultExperiment } from '../team/presets';
import { fromConfigFile, toConfigFile } from './config-file';
import { ExperimentSchema, makeEnvelope, SHARE_LIMITS } from './schema';

const QWEN = { engine: 'webllm', modelId: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC' } as const;

type TextField = keyof typeof LIMITS.text;

/** The maxLength a valibot string schema (optional or not) carries, if any. */
function maxLengthOf(schema: unknown): number | undefined {
  const s = schema as { wrapped?: unknown; pipe?: { type: string; requirement?: unknown }[] };
  if (s.wrapped) return maxLengthOf(s.wrapped);
  const action = s.pipe?.find((a) => a.type === 'max_length');
  return typeof action?.requirement === 'number' ? action.requirement : undefined;
}

/** Each free-text field of an experiment: its schema, and how to set it in a config. */
const entries = ExperimentSchema.entries;
const side = entries.solo.entries;
const role = side.roles.pipe[0].item.entries;
const paragraph = entries.context.wrapped.pipe[0].item.entries;
const FIELDS: Record<
  TextField,
  { schema: unknown; set: (c: ExperimentConfig, t: string) => void }
> = {
  question: { schema: entries.question, set: (c, t) => (c.question = t) },
  expectedAnswer: { schema: entries.expectedAnswer, set: (c, t) => (c.expectedAnswer = t) },
  contextTitle: {
    schema: paragraph.title,
    set: (c, t) => (c.context = [{ title: t, sentences: ['A sentence.'] }]),
  },
  sentence: {
    schema: paragraph.sentences.pipe[0].item,
    set: (c, t) => (c.context = [{ title: 'A title', sentences: [t] }]),
  },
  sideLabel: { schema: side.label, set: (c, t) => (c.team.label = t) },
  roleName: { schema: role.name, set: (c, t) => (c.team.roles[0]!.name = t) },
  systemPrompt: { schema: role.systemPrompt, set: (c, t) => (c.team.roles[0]!.systemPrompt = t) },
};

describe('one length limit per free-text field', () => {
  test('the share schema, SHARE_LIMITS and LIMITS (the editors) agree on every text field', () => {
    const textFields = Object.keys(LIMITS.text) as TextField[];
    expect(textFields.sort()).toEqual(Object.keys(FIELDS).sort());
    for (const field of textFields) {
      expect({ field, limit: maxLengthOf(FIELDS[field].schema) }).toEqual({
        field,
        limit: LIMITS.text[field],
      });
      expect({ field, limit: SHARE_LIMITS[field] }).toEqual({ field, limit: LIMITS.text[field] });
    }
  });

  test.each(Object.keys(FIELDS) as TextField[])(
    '%s: at the limit, Export JSON → Import JSON gives the same config back',
    (field) => {
      const config = defaultExperiment(QWEN);
      FIELDS[field].set(config, 'x'.repeat(LIMITS.text[field]));
      expect(validateExperiment(config)).toEqual([]);
      const back = fromConfigFile(toConfigFile(makeEnvelope(config)));
      expect(back.ok && back.envelope.experiment).toEqual(config);
    },
  );

  test.each(Object.keys(FIELDS) as TextField[])(
    '%s: one over the limit, the editor says so and Import JSON refuses it by name',
    (field) => {
      const config = defaultExperiment(QWEN);
      FIELDS[field].set(config, 'x'.repeat(LIMITS.text[field] + 1));
      const limit = LIMITS.text[field].toLocaleString('en');
      const over = (LIMITS.text[field] + 1).toLocaleString('en');
      const problems = validateExperiment(config);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(`is ${over} characters; the limit is ${limit}`);
      const back = fromConfigFile(toConfigFile(makeEnvelope(config)));
      expect(back.ok).toBe(false);
      if (!back.ok)
        expect(back.error.details).toContainEqual(
          expect.stringMatching(
            new RegExp(`must be at most ${limit} characters \\(got ${over}\\)$`),
          ),
        );
    },
  );

  test('too many paragraphs or sentences: the same counts in the editor and the schema', () => {
    expect(SHARE_LIMITS.contextParagraphs).toBe(LIMITS.contextParagraphs);
    expect(SHARE_LIMITS.sentencesPerParagraph).toBe(LIMITS.sentencesPerParagraph);
    const config = defaultExperiment(QWEN);
    config.context = Array.from({ length: LIMITS.contextParagraphs + 1 }, (_, i) => ({
      title: `P${i}`,
      sentences: Array.from({ length: i === 0 ? LIMITS.sentencesPerParagraph + 1 : 1 }, () => 's'),
    }));
    expect(validateExperiment(config)).toEqual([
      `There are ${LIMITS.contextParagraphs + 1} context paragraphs; the limit is ${LIMITS.contextParagraphs}.`,
      `Context paragraph "P0" has ${LIMITS.sentencesPerParagraph + 1} sentences; the limit is ${LIMITS.sentencesPerParagraph}.`,
    ]);
    expect(v.safeParse(ExperimentSchema, config).success).toBe(false);
  });
});
