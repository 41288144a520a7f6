/**
 * Software tasks as benchmark items: what an `EvalItem` of kind 'web-app' or 'code' carries to be
 * run and scored. A web app is named by its task (the checks are code, kept with the playground,
 * not in the item); a function carries its whole problem (hidden tests included), so a results
 * file holds everything needed to score it again.
 */
import type { EvalItem, EvalSet } from '../eval/types';
import type { SoftwareDefinition } from './program-types';
import { softwareTaskMessage, type SoftwareTask } from './task';
import type { CodeProblem, CodeSet } from './types';
import { todoTask, WEB_APP_TASKS } from './web-app/tasks';

export type SoftwareItem =
  | { kind: 'web-app'; taskId: string; appTitle: string }
  | { kind: 'function'; problem: CodeProblem };

/** Why a software item cannot be run (a results file naming a task this build lacks). */
export class SoftwareItemError extends Error {
  override readonly name = 'SoftwareItemError';
}

/** The task and its checks; throws SoftwareItemError for a web-app task this build lacks. */
export function definitionOf(item: SoftwareItem): SoftwareDefinition {
  if (item.kind === 'function') return { kind: 'function', problem: item.problem };
  if (item.taskId === 'todo') return { kind: 'web-app', task: todoTask(item.appTitle) };
  const task = WEB_APP_TASKS.find((t) => t.id === item.taskId);
  if (!task)
    throw new SoftwareItemError(
      `The web-app task "${item.taskId}" is not one this playground has (${WEB_APP_TASKS.map((t) => t.id).join(', ')}).`,
    );
  return { kind: 'web-app', task };
}

/** The task as the team is given it (no checks, no hidden tests). */
export function softwareTaskOfItem(item: SoftwareItem): SoftwareTask {
  const definition = definitionOf(item);
  if (definition.kind === 'function') {
    const { id, language, prompt, entryPoint } = definition.problem;
    return { kind: 'function', id, language, prompt, entryPoint };
  }
  const { id, appTitle, prompt } = definition.task;
  return { kind: 'web-app', id, title: appTitle, prompt };
}

/** What a right program does, in the items' "expected answer" column. */
const EXPECTED = {
  'web-app': 'Meets every requirement',
  code: 'Passes the hidden tests',
} as const;

/** The ten web-app tasks as a question set (the to-do app under "My Tasks" first). */
export function webAppEvalSet(): EvalSet {
  return {
    id: 'web-apps',
    name: 'Web apps (10)',
    source: 'Written for this playground',
    licence: 'MIT (this project)',
    format: 'playground',
    items: WEB_APP_TASKS.map((task): EvalItem => {
      const software: SoftwareItem = { kind: 'web-app', taskId: task.id, appTitle: task.appTitle };
      return {
        id: `web-app/${task.id}`,
        kind: 'web-app',
        question: softwareTaskMessage(softwareTaskOfItem(software)),
        answer: EXPECTED['web-app'],
        category: task.title,
        software,
      };
    }),
  };
}

/** A set of code problems (the playground's, or HumanEval loaded from its file) as a question set. */
export function codeEvalSet(set: CodeSet): EvalSet {
  return {
    id: set.id,
    name: set.name,
    source: set.source,
    licence: set.licence,
    ...(set.id === 'playground-code' ? { format: 'playground' as const } : {}),
    items: set.problems.map((problem): EvalItem => {
      const software: SoftwareItem = { kind: 'function', problem };
      return {
        id: problem.id,
        kind: 'code',
        question: softwareTaskMessage(softwareTaskOfItem(software)),
        answer: EXPECTED.code,
        category: problem.language === 'python' ? 'Python' : 'JavaScript',
        software,
      };
    }),
  };
}
