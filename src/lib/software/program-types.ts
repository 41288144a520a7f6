/**
 * The shapes of running a software task's program (run-program.ts does it, in a page): kept
 * apart, free of the DOM, so the batch runner and the headless tools can name them.
 */
import type { ProgramReport } from './task';
import type { CodeProblem, HarnessResult } from './types';
import type { CheckReport } from './web-app/checker';
import type { WebAppTask } from './web-app/tasks';

/** A software task with what checks it: a web app's requirements, or a problem's tests. */
export type SoftwareDefinition =
  { kind: 'web-app'; task: WebAppTask } | { kind: 'function'; problem: CodeProblem };

/** How one program did, for the score. */
export type SoftwareScore =
  | { kind: 'web-app'; passed: boolean; check: CheckReport }
  | { kind: 'function'; passed: boolean; result: HarnessResult; ms: number };

export interface ProgramRunner {
  /** The visible checks, for the tester (ProtocolDeps.runProgram). */
  runVisible(program: string, signal?: AbortSignal): Promise<ProgramReport>;
  /** The score: requirements met, or the hidden tests. */
  score(program: string, signal?: AbortSignal): Promise<SoftwareScore>;
}
