/**
 * The tasks the Software tab offers: the ten web apps (the to-do app titled "My Tasks" first)
 * and the six small function problems, each under a stable key the setup keeps.
 */
import type { SoftwareDefinition } from '../software/program-types';
import { playgroundCodeSet } from '../software/problems';
import { softwareTaskMessage } from '../software/task';
import { WEB_APP_TASKS } from '../software/web-app/tasks';
import { softwareTaskOf } from '../software/run-program';

export type TaskGroup = 'Web apps' | 'Functions';

export interface TaskChoice {
  /** 'web-app:<task id>' or 'function:<problem id>'. */
  key: string;
  group: TaskGroup;
  label: string;
  definition: SoftwareDefinition;
}

const LANGUAGE = { python: 'Python', javascript: 'JavaScript' } as const;

export const TASK_CHOICES: readonly TaskChoice[] = [
  ...WEB_APP_TASKS.map((task): TaskChoice => ({
    key: `web-app:${task.id}`,
    group: 'Web apps',
    label: task.title,
    definition: { kind: 'web-app', task },
  })),
  ...playgroundCodeSet.problems.map((problem): TaskChoice => ({
    key: `function:${problem.id}`,
    group: 'Functions',
    label: `${LANGUAGE[problem.language]}: ${problem.entryPoint}`,
    definition: { kind: 'function', problem },
  })),
];

/** The to-do app. */
export const DEFAULT_TASK_KEY = TASK_CHOICES[0]!.key;

/** The choice under `key`; the default one for a key this build does not have. */
export function choiceOf(key: string): TaskChoice {
  return TASK_CHOICES.find((c) => c.key === key) ?? TASK_CHOICES[0]!;
}

/** What both sides are asked, word for word (also the question History shows). */
export function taskMessage(choice: TaskChoice): string {
  return softwareTaskMessage(softwareTaskOf(choice.definition));
}
