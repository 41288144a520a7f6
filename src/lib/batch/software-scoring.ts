/**
 * Scoring a side's answer to a software item: the program its final answer holds is run (a web
 * app checked off the screen against every requirement; a function against the hidden tests),
 * and what was found becomes the item's scores. `correct` is 1 only for a program that meets
 * every requirement or passes every test (pass@1); a web app's share of requirements met is kept
 * beside it.
 */
import type { EvalItem } from '../eval/types';
import type { ProgramRunner, SoftwareScore } from '../software/program-types';
import { definitionOf } from '../software/software-item';
import { extractProgram } from '../software/task';
import { softwareTaskOfItem } from '../software/software-item';
import type { ItemScores, SoftwareScores } from '../storage/batch-records';
import type { SideResult } from '../team/protocols/types';
import { answerPart } from '../team/thinking';

/** The scores of a program's run. */
export function scoresOfRun(score: SoftwareScore): ItemScores {
  if (score.kind === 'web-app') {
    const { met, total, results } = score.check;
    return {
      correct: score.passed ? 1 : 0,
      extracted: `${met}/${total}`,
      software: {
        met,
        total,
        summary: `${met} of ${total} requirements met`,
        requirements: results.map((r) => ({ text: r.text, met: r.met, reason: r.reason })),
      },
    };
  }
  const { status, message } = score.result;
  return {
    correct: score.passed ? 1 : 0,
    extracted: status,
    software: {
      met: score.passed ? 1 : 0,
      total: 1,
      summary: message ? `${status}: ${message}` : status,
    },
  };
}

/** Scores for a side that wrote no program to run (it failed, or its reply held no code). */
function notRun(item: EvalItem, why: string): ItemScores {
  const definition = definitionOf(item.software!);
  const software: SoftwareScores =
    definition.kind === 'web-app'
      ? {
          met: 0,
          total: definition.task.requirements.length,
          summary: why,
          requirements: definition.task.requirements.map((r) => ({
            text: r.text,
            met: false,
            reason: why,
          })),
        }
      : { met: 0, total: 1, summary: why };
  return { correct: 0, extracted: null, software };
}

/**
 * Runs the program of `result` and scores it. Rejects with an AbortError when `signal` aborts
 * (the item is then dropped, like any stopped item).
 */
export async function scoreSoftwareSide(
  item: EvalItem,
  result: SideResult,
  runner: ProgramRunner | undefined,
  signal?: AbortSignal,
): Promise<ItemScores> {
  if (!item.software) throw new Error(`Item ${item.id} is not a software task.`);
  if (!runner) return notRun(item, 'Not run: programs cannot be run here (no sandbox).');
  if (result.status !== 'done') return notRun(item, 'Not run: the side did not finish.');
  const program = extractProgram(answerPart(result.finalAnswer), softwareTaskOfItem(item.software));
  if (program.trim() === '') return notRun(item, 'Not run: the answer holds no program.');
  return scoresOfRun(await runner.score(program, signal));
}
