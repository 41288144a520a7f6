/**
 * The one way in: parsed JSON (from a link or a file) → migrated → schema → cross-checks of
 * custom models → `validateExperiment`. Every failure becomes a ShareLinkError with the
 * problems in words; nothing is repaired or sanitised, only accepted or refused.
 */
import * as v from 'valibot';
import { validateExperiment, type SideConfig } from '../team/config';
import {
  fail,
  invalid,
  quote,
  type ShareFailure,
  type ShareResult,
  type ShareSource,
} from './errors';
import { formatIssues, formatPath } from './issues';
import { migrate } from './migrate';
import { isCustomModelId, ShareEnvelopeSchema, type ShareEnvelope } from './schema';

const SIDES = ['solo', 'team'] as const;

const sideRoles = (envelope: ShareEnvelope) =>
  SIDES.map((side) => [side, envelope.experiment[side]] as [typeof side, SideConfig]);

/** Custom models that are defined twice, miss a part, or that roles misuse. */
export function customModelProblems(envelope: ShareEnvelope): string[] {
  const problems: string[] = [];
  const models = envelope.customModels ?? [];
  const firstIndex = new Map<string, number>();
  models.forEach((model, i) => {
    const at = (field: string) => formatPath(['customModels', i, field]);
    const earlier = firstIndex.get(model.id);
    if (earlier !== undefined)
      problems.push(
        `${at('id')}: ${quote(model.id)} is already the id of custom model ${earlier + 1}`,
      );
    else firstIndex.set(model.id, i);
    if (model.engine === 'webllm' && model.modelLibUrl === undefined)
      problems.push(`${at('modelLibUrl')}: is missing (a WebLLM model needs its model library)`);
    if (model.engine === 'wllama' && model.modelLibUrl !== undefined)
      problems.push(`${at('modelLibUrl')}: is not used by wllama models (they need one GGUF file)`);
    if (model.engine === 'remote') {
      if (model.serverModel === undefined)
        problems.push(
          `${at('serverModel')}: is missing (a remote model needs its name on the server)`,
        );
      if (model.modelLibUrl !== undefined)
        problems.push(`${at('modelLibUrl')}: is not used by remote models`);
    } else if (model.serverModel !== undefined) {
      problems.push(`${at('serverModel')}: is only for remote models`);
    }
  });
  for (const [side, config] of sideRoles(envelope)) {
    config.roles.forEach((role, i) => {
      const { engine, modelId } = role.model;
      if (!isCustomModelId(modelId)) return;
      const model = models.find((m) => m.id === modelId);
      if (!model)
        problems.push(
          `${formatPath([side, 'roles', i, 'model', 'modelId'])}: refers to the custom model ` +
            `${quote(modelId)}, which is not among the custom models`,
        );
      else if (model.engine !== engine)
        problems.push(
          `${formatPath([side, 'roles', i, 'model', 'engine'])}: must be ${quote(model.engine)}, ` +
            `the engine of the custom model ${quote(modelId)} (got ${quote(engine)})`,
        );
    });
  }
  return problems;
}

/** Problems beyond the schema: custom model references, then what `validateExperiment` finds. */
export function envelopeProblems(envelope: ShareEnvelope): string[] {
  return [...customModelProblems(envelope), ...validateExperiment(envelope.experiment)];
}

/** Things worth saying that do not stop an import: custom models no role uses. */
export function envelopeWarnings(envelope: ShareEnvelope): string[] {
  const used = new Set(
    sideRoles(envelope).flatMap(([, side]) => side.roles.map((r) => r.model.modelId)),
  );
  return (envelope.customModels ?? [])
    .filter((model) => !used.has(model.id))
    .map((model) => `The custom model ${quote(model.label ?? model.id)} is not used by any role.`);
}

/**
 * Every problem with an envelope, schema included, in the words of a failed import; empty when
 * it can be shared. For checking an experiment before making a link or a file of it.
 */
export function checkEnvelope(envelope: ShareEnvelope): string[] {
  const parsed = v.safeParse(ShareEnvelopeSchema, envelope);
  return parsed.success ? envelopeProblems(parsed.output) : formatIssues(parsed.issues);
}

/**
 * Parsed JSON → a valid current-format envelope, or the reason it is not one.
 * `declaredFormat` is the format a link's prefix claims (`#x=2.…`); the data must agree.
 */
export function parseEnvelope(
  raw: unknown,
  source: ShareSource,
  declaredFormat?: number,
): ShareResult {
  const migration = migrate(raw, source);
  if (!migration.ok) return migration;
  if (declaredFormat !== undefined && declaredFormat !== migration.from)
    return mismatch(declaredFormat, migration.from);
  const parsed = v.safeParse(ShareEnvelopeSchema, migration.value);
  if (!parsed.success) return invalid(formatIssues(parsed.issues));
  const envelope = parsed.output;
  const problems = envelopeProblems(envelope);
  if (problems.length > 0) return invalid(problems);
  return { ok: true, envelope, warnings: [...migration.warnings, ...envelopeWarnings(envelope)] };
}

const mismatch = (declared: number, actual: number): ShareFailure =>
  fail(
    'invalid-config',
    `The link is marked as format ${declared}, but its data is in format ${actual}.`,
  );
