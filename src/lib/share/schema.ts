/**
 * The shared experiment, format 2: an envelope around an ExperimentConfig, with the custom
 * models (weights on a URL of the sender's choosing) that its roles may use. The schema only
 * checks shape, types and ranges; what makes a side runnable is `validateExperiment`'s job,
 * and the two are run together by `parseEnvelope` (validate.ts).
 *
 * Nothing here fetches a URL: custom model URLs are only checked for their form, and the UI
 * asks the user before any of them is loaded.
 */
import * as v from 'valibot';
import { THINKING_SWITCHES, type EngineKind } from '../engine/types';
import type { ExperimentConfig } from '../team/config';
import { ANSWER_FORMATS, LIMITS, ROLE_KINDS } from '../team/config';
import { quote } from './errors';
import { CUSTOM_MODEL_PREFIX, isCustomModelId, urlProblem } from './model-urls';

export { CUSTOM_MODEL_PREFIX, isCustomModelId, urlProblem };
import { BUILT_IN_TOOL_NAMES } from '../tools/built-in-tools';
import { TOOL_STEP_LIMITS, type ObjectSchema } from '../tools/types';
import { TOOL_LIMITS, TOOL_NAME_PATTERN } from '../tools/validate-tools';

/** The format this module writes. Format 1 (a bare ExperimentConfig) is migrated on read. */
export const SHARE_FORMAT_VERSION = 2;

/** Formats this module reads. */
export const SUPPORTED_FORMATS: readonly number[] = [1, 2];

/**
 * Size limits of a shared experiment (string lengths in UTF-16 code units). The free texts and
 * the context's counts are the editor's own limits (LIMITS in team/config.ts), so whatever the
 * editor accepts can be exported and imported again.
 */
export const SHARE_LIMITS = {
  ...LIMITS.text,
  contextParagraphs: LIMITS.contextParagraphs,
  sentencesPerParagraph: LIMITS.sentencesPerParagraph,
  rolesPerSide: 16,
  roleId: 64,
  modelId: 128,
  maxTokens: { min: 1, max: 32_768 },
  /** Covers both signed and unsigned 32-bit seeds. */
  seed: { min: -2_147_483_648, max: 4_294_967_295 },
  customModels: 16,
  customModelLabel: 120,
  serverModel: 256,
  url: 2_048,
} as const;

/** A model whose files live at URLs given in the link, referenced by roles through its id. */
export interface CustomModel {
  /** `custom:<name>`; roles use it as their `model.modelId`. */
  id: string;
  /** WebLLM (MLC weights + model library), wllama (one GGUF file) or remote (a server's model). */
  engine: CustomModelEngine;
  /** MLC weights base URL (webllm), GGUF file URL (wllama) or the server's base URL (remote). */
  modelUrl: string;
  /** Remote models: the model's name on its server. Required for remote, absent otherwise. */
  serverModel?: string;
  /** MLC model library (.wasm) URL: required for webllm, absent for wllama. */
  modelLibUrl?: string;
  /** What the sender called it; shown as text, never trusted. */
  label?: string;
  /** Download size in bytes, as the host reported it when the model was added. */
  downloadBytes?: number;
  /** The model's own context window in tokens (GGUF header or mlc-chat-config.json). */
  contextLength?: number;
}

export type CustomModelEngine = Exclude<EngineKind, 'scripted'>;

/** What a share link or a config file holds, in the current format. */
export interface ShareEnvelope {
  v: 2;
  experiment: ExperimentConfig;
  customModels?: CustomModel[];
}

/** Every engine; a Record so that adding an EngineKind fails to compile until it is listed. */
const ENGINES: Record<EngineKind, true> = {
  webllm: true,
  scripted: true,
  wllama: true,
  remote: true,
};
export const ENGINE_KINDS = Object.keys(ENGINES) as EngineKind[];
const CUSTOM_ENGINES: readonly CustomModelEngine[] = ['webllm', 'wllama', 'remote'];

const NAME_CHARS = "letters, digits, '.', '_' or '-', starting with a letter or digit";
export const ROLE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const CATALOG_MODEL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
export const CUSTOM_MODEL_ID_PATTERN = /^custom:[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

const whole = (range: { readonly min: number; readonly max: number }) =>
  v.pipe(v.number(), v.integer(), v.minValue(range.min), v.maxValue(range.max));

const pattern = (regex: RegExp, max: number, what: string) =>
  v.pipe(
    v.string(),
    v.maxLength(max),
    v.regex(regex, (issue) => `must be ${what} (got ${quote(String(issue.input))})`),
  );

const urlWith = (options: { localNetwork: boolean }) =>
  v.pipe(
    v.string(),
    v.maxLength(SHARE_LIMITS.url),
    v.check(
      (value) => urlProblem(value, options) === null,
      (issue) => urlProblem(String(issue.input), options) ?? 'is not an acceptable address',
    ),
  );
const url = urlWith({ localNetwork: false });

const modelId = v.pipe(
  v.string(),
  v.maxLength(SHARE_LIMITS.modelId),
  v.check(
    (id) => CATALOG_MODEL_ID_PATTERN.test(id) || CUSTOM_MODEL_ID_PATTERN.test(id),
    (issue) =>
      `must be a catalog model id or ${CUSTOM_MODEL_PREFIX}<name> (${NAME_CHARS}) ` +
      `(got ${quote(String(issue.input))})`,
  ),
);

const ModelRefSchema = v.pipe(
  v.strictObject({
    engine: v.picklist(ENGINE_KINDS),
    modelId,
    // Optional, so links made before it parse: absent means the CPU.
    device: v.optional(v.literal('gpu')),
  }),
  v.check(
    (ref) => ref.device === undefined || ref.engine === 'wllama',
    'device "gpu" is for GGUF (wllama) models only; WebLLM models always run on the GPU',
  ),
);

/**
 * A tool's declaration. Its parameters are a JSON schema object; the subset tools take (types,
 * nesting, required names) is checked with the side (roleToolsProblems), with the same words as
 * the editor.
 */
const toolSpecEntries = {
  name: pattern(TOOL_NAME_PATTERN, TOOL_LIMITS.name, '1 to 64 letters, digits, _ or -'),
  description: text(TOOL_LIMITS.description),
  parameters: v.custom<ObjectSchema>(
    (input) =>
      typeof input === 'object' &&
      input !== null &&
      (input as { type?: unknown }).type === 'object' &&
      typeof (input as { properties?: unknown }).properties === 'object' &&
      (input as { properties?: unknown }).properties !== null,
    'must be a JSON schema of type "object" with "properties"',
  ),
};

/** A function declared to a model (a function-calling item's functions). */
export const ToolSpecSchema = v.strictObject(toolSpecEntries);

/** A custom tool: a declaration and its reply. */
const CustomToolSchema = v.strictObject({
  ...toolSpecEntries,
  reply: v.variant('kind', [
    v.strictObject({ kind: v.literal('fixed'), text: text(TOOL_LIMITS.fixedReply) }),
    v.strictObject({ kind: v.literal('javascript'), body: text(TOOL_LIMITS.body) }),
  ]),
});

const RoleToolsSchema = v.strictObject({
  builtIn: v.pipe(
    v.array(v.picklist(BUILT_IN_TOOL_NAMES)),
    v.maxLength(BUILT_IN_TOOL_NAMES.length),
  ),
  custom: v.pipe(v.array(CustomToolSchema), v.maxLength(TOOL_LIMITS.customTools)),
  maxSteps: whole(TOOL_STEP_LIMITS),
});

const RoleSchema = v.strictObject({
  id: pattern(ROLE_ID_PATTERN, SHARE_LIMITS.roleId, `1 to 64 ${NAME_CHARS}`),
  name: text(SHARE_LIMITS.roleName),
  kind: v.picklist(ROLE_KINDS),
  model: ModelRefSchema,
  systemPrompt: text(SHARE_LIMITS.systemPrompt),
  temperature: v.pipe(
    v.number(),
    v.finite(),
    v.minValue(LIMITS.temperature.min),
    v.maxValue(LIMITS.temperature.max),
  ),
  topP: v.pipe(v.number(), v.finite(), v.gtValue(0), v.maxValue(1)),
  maxTokens: whole(SHARE_LIMITS.maxTokens),
  seed: whole(SHARE_LIMITS.seed),
  /** Optional: links made before the switch existed have none (the model's default). */
  thinking: v.optional(v.picklist(THINKING_SWITCHES)),
  /** Optional: links made before tools existed have none. */
  tools: v.optional(RoleToolsSchema),
});

/** The escalation protocol's check; the agreement threshold (1..samples) is validateSide's. */
const EscalationCheckSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('critic') }),
  v.strictObject({
    kind: v.literal('agreement'),
    samples: whole(LIMITS.escalationSamples),
    threshold: whole({ min: 1, max: LIMITS.escalationSamples.max }),
  }),
  v.strictObject({ kind: v.literal('format'), format: v.picklist(ANSWER_FORMATS) }),
]);

const ProtocolSchema = v.variant('type', [
  v.strictObject({ type: v.literal('solo') }),
  v.strictObject({ type: v.literal('tool-agent') }),
  v.strictObject({ type: v.literal('reasoner-answerer') }),
  v.strictObject({ type: v.literal('critic-loop'), maxRounds: whole(LIMITS.criticRounds) }),
  v.strictObject({
    type: v.literal('generators-judge'),
    generators: whole(LIMITS.generators),
    layers: whole(LIMITS.layers),
  }),
  v.strictObject({ type: v.literal('self-consistency'), samples: whole(LIMITS.samples) }),
  v.strictObject({ type: v.literal('escalation'), check: EscalationCheckSchema }),
  v.strictObject({ type: v.literal('cross-verify') }),
  v.strictObject({
    type: v.literal('software-team'),
    reviewRounds: whole(LIMITS.reviewRounds),
    testRounds: whole(LIMITS.testRounds),
  }),
]);

const SideSchema = v.strictObject({
  label: text(SHARE_LIMITS.sideLabel),
  protocol: ProtocolSchema,
  roles: v.pipe(v.array(RoleSchema), v.minLength(1), v.maxLength(SHARE_LIMITS.rolesPerSide)),
});

const ContextParagraphSchema = v.strictObject({
  title: text(SHARE_LIMITS.contextTitle),
  sentences: v.pipe(
    v.array(text(SHARE_LIMITS.sentence)),
    v.maxLength(SHARE_LIMITS.sentencesPerParagraph),
  ),
});

export const ExperimentSchema = v.strictObject({
  version: v.literal(1),
  question: text(SHARE_LIMITS.question),
  context: v.optional(
    v.pipe(v.array(ContextParagraphSchema), v.maxLength(SHARE_LIMITS.contextParagraphs)),
  ),
  expectedAnswer: v.optional(text(SHARE_LIMITS.expectedAnswer)),
  solo: SideSchema,
  team: SideSchema,
});

/** Bounds of the optional facts a custom model carries: up to 1 TB, up to 16 Mi tokens. */
const CUSTOM_MODEL_FACT_RANGES = {
  downloadBytes: { min: 0, max: 1e12 },
  contextLength: { min: 1, max: 16_777_216 },
} as const;

export const CustomModelSchema = v.pipe(
  v.strictObject({
    id: pattern(
      CUSTOM_MODEL_ID_PATTERN,
      CUSTOM_MODEL_PREFIX.length + 64,
      `${CUSTOM_MODEL_PREFIX}<name>, the name 1 to 64 ${NAME_CHARS}`,
    ),
    engine: v.picklist(CUSTOM_ENGINES),
    modelUrl: v.pipe(v.string(), v.maxLength(SHARE_LIMITS.url)),
    serverModel: v.optional(
      v.pipe(v.string(), v.minLength(1), v.maxLength(SHARE_LIMITS.serverModel)),
    ),
    modelLibUrl: v.optional(url),
    label: v.optional(text(SHARE_LIMITS.customModelLabel)),
    downloadBytes: v.optional(whole(CUSTOM_MODEL_FACT_RANGES.downloadBytes)),
    contextLength: v.optional(whole(CUSTOM_MODEL_FACT_RANGES.contextLength)),
  }),
  // Model files come over https (or from this machine); a server may also be on the private network.
  v.forward(
    v.check(
      (model) => urlProblem(model.modelUrl, { localNetwork: model.engine === 'remote' }) === null,
      (issue) => {
        const model = issue.input as { modelUrl: string; engine: string };
        return (
          urlProblem(model.modelUrl, { localNetwork: model.engine === 'remote' }) ??
          'is not an acceptable address'
        );
      },
    ),
    ['modelUrl'],
  ),
);

/** The whole envelope, format 2. Unknown fields are refused, not dropped. */
export const ShareEnvelopeSchema = v.strictObject({
  v: v.literal(SHARE_FORMAT_VERSION),
  experiment: ExperimentSchema,
  customModels: v.optional(
    v.pipe(v.array(CustomModelSchema), v.maxLength(SHARE_LIMITS.customModels)),
  ),
});

/** Compile-time proof that the schema's output is exactly a ShareEnvelope, both ways. */
type SchemaOutput = v.InferOutput<typeof ShareEnvelopeSchema>;
type Assert<T extends true> = T;
export type _SchemaMatchesEnvelope = Assert<
  SchemaOutput extends ShareEnvelope ? (ShareEnvelope extends SchemaOutput ? true : false) : false
>;

/** A format-2 envelope around an experiment (customModels only when there are some). */
export function makeEnvelope(
  experiment: ExperimentConfig,
  customModels: CustomModel[] = [],
): ShareEnvelope {
  return customModels.length > 0
    ? { v: SHARE_FORMAT_VERSION, experiment, customModels }
    : { v: SHARE_FORMAT_VERSION, experiment };
}
