/**
 * Sharing an experiment by link or by file: encode, decode with specific errors, migrate old
 * formats, validate, and describe what a link holds before anything loads.
 */
export {
  CUSTOM_MODEL_PREFIX,
  SHARE_FORMAT_VERSION,
  SHARE_LIMITS,
  SUPPORTED_FORMATS,
  isCustomModelId,
  makeEnvelope,
  urlProblem,
  type CustomModel,
  type CustomModelEngine,
  type ShareEnvelope,
} from './schema';
export type { ShareErrorCode, ShareFailure, ShareLinkError, ShareResult } from './errors';
export {
  MAX_FRAGMENT_CHARS,
  MAX_JSON_BYTES,
  buildShareUrl,
  decodeShareFragment,
  decodeShareUrl,
  encodeShareFragment,
  isShareFragment,
  prepareShareFragment,
} from './codec';
export { checkEnvelope, parseEnvelope } from './validate';
export {
  describeEnvelope,
  type CustomModelSummary,
  type ModelUse,
  type ShareSummary,
  type SideSummary,
} from './summary';
export {
  CONFIG_FILE_TYPE,
  MAX_CONFIG_FILE_BYTES,
  configFileName,
  fromConfigFile,
  toConfigFile,
} from './config-file';
