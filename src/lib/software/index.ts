/** Code problems in HumanEval's format and the harness that runs completions against them. */
export type {
  CodeLanguage,
  CodeProblem,
  CodeSandbox,
  CodeSet,
  HarnessResult,
  HarnessStatus,
} from './types';
export {
  HUMANEVAL_URL,
  loadHumanEval,
  readHumanEvalRecord,
  type CodeLoadOptions,
  type HumanEvalRecord,
} from './humaneval';
export { extractCode } from './extract-code';
export {
  buildProgram,
  DEFAULT_HARNESS_TIMEOUT_MS,
  runCompletion,
  type HarnessOptions,
} from './harness';
export { JAVASCRIPT_RECORDS, PYTHON_RECORDS, playgroundCodeSet } from './problems';
export { codeExamples, visibleProblem, type CodeExample } from './examples';
export {
  checkWebApp,
  describeCheck,
  programRunner,
  softwareTaskOf,
  type ProgramRunner,
  type ProgramRunnerOptions,
  type SoftwareDefinition,
  type SoftwareScore,
} from './run-program';
export * from './web-app';
