/**
 * The software team (after ChatDev's virtual company, made small): the designer turns the task
 * into a short design; the programmer writes the program; the reviewer checks it with a JSON
 * verdict, and each 'revise' sends the feedback back for a fix (up to reviewRounds reviews);
 * then the program is run on the task's visible checks (ProtocolDeps.runProgram), and each
 * failure goes to the tester, whose report goes back to the programmer for a fix (up to
 * testRounds runs). The final answer is the last program.
 *
 * A run that passes ends the testing (no tester call); a fix after the last test run is not run
 * again here (the benchmark's scoring runs it). Without runProgram the tester reads the code
 * alone, once per test round, and says so.
 */
import { AgentError } from '../../engine/errors';
import type { RoleConfig, SideConfig } from '../config';
import { fixedMessage, type BudgetMessage } from '../context-budget';
import { CRITIC_RETRY_MESSAGE } from '../prompts';
import { answerPart } from '../thinking';
import { parseVerdict, VERDICT_SCHEMA_STRING, type CriticVerdict } from '../verdict';
import {
  extractProgram,
  fenceTag,
  softwareTaskMessage,
  type ProgramReport,
  type SoftwareTask,
} from '../../software/task';
import { requireRole, runProtocol, type ProtocolRun } from './runtime';
import type { ProtocolDeps, ProtocolInput, SideResult } from './types';

const fenced = (task: SoftwareTask, program: string) =>
  `\`\`\`${fenceTag(task)}\n${program.trimEnd()}\n\`\`\``;

const readVerdict = (output: string) => {
  const parsed = parseVerdict(output);
  return parsed.ok ? parsed.verdict : undefined;
};

/** The programmer's program from a reply, with a warning when it holds none. */
function programOf(run: ProtocolRun, task: SoftwareTask, role: RoleConfig, reply: string): string {
  const program = extractProgram(answerPart(reply), task);
  if (!program.trim()) run.warn(`${role.name} wrote no program.`);
  return program;
}

/** One review, with one retry when the verdict cannot be read (then counted as 'accept'). */
async function review(
  run: ProtocolRun,
  reviewer: RoleConfig,
  task: SoftwareTask,
  program: string,
  round: number,
): Promise<CriticVerdict> {
  const messages: BudgetMessage[] = [
    fixedMessage({ role: 'system', content: reviewer.systemPrompt }),
    {
      role: 'user',
      parts: [
        `${softwareTaskMessage(task)}\n\nThe programmer's code:\n`,
        { shorten: fenced(task, program) },
        '\n\nReply with the JSON verdict only.',
      ],
      keep: 'latest',
    },
  ];
  const options = {
    round,
    responseFormat: { type: 'json_object', schema: VERDICT_SCHEMA_STRING } as const,
    verdictOf: readVerdict,
  };
  const first = await run.call(reviewer, messages, { ...options, step: 'review' });
  const parsed = parseVerdict(first.output);
  if (parsed.ok) return parsed.verdict;
  const retry = await run.call(
    reviewer,
    [
      ...messages,
      { role: 'assistant', parts: [{ shorten: answerPart(first.output) }], keep: 'latest' },
      fixedMessage({ role: 'user', content: CRITIC_RETRY_MESSAGE }),
    ],
    { ...options, step: 'review', seedOffset: 1 },
  );
  const reparsed = parseVerdict(retry.output);
  if (reparsed.ok) return reparsed.verdict;
  run.warn(
    `Review ${round}: ${reviewer.name}'s verdict could not be read twice; treated as accept.`,
  );
  return { verdict: 'accept', feedback: '' };
}

/** The programmer's fix of `program` after `who` said `feedback`. */
async function fix(
  run: ProtocolRun,
  programmer: RoleConfig,
  task: SoftwareTask,
  design: string,
  program: string,
  who: string,
  feedback: string,
  round: number,
): Promise<string> {
  const turn = await run.call(
    programmer,
    [
      fixedMessage({ role: 'system', content: programmer.systemPrompt }),
      {
        role: 'user',
        parts: [
          `${softwareTaskMessage(task)}\n\nDesign:\n`,
          { shorten: design },
          '\n\nYour code:\n',
          { shorten: fenced(task, program) },
          `\n\nThe ${who} said:\n`,
          { shorten: feedback.trim() },
          '\n\nWrite the whole program again, fixed, in one fenced block.',
        ],
        keep: 'latest',
      },
    ],
    { step: 'fix', round },
  );
  return programOf(run, task, programmer, turn.output) || program;
}

/** The tester's report on a run that failed (or on the code alone, without a run). */
async function test(
  run: ProtocolRun,
  tester: RoleConfig,
  task: SoftwareTask,
  program: string,
  report: ProgramReport | null,
  round: number,
): Promise<string> {
  const ran = report
    ? `\n\nWhat happened when it was run and checked:\n${report.report.trim()}`
    : '\n\nThe code could not be run here: read it and find what would fail.';
  const turn = await run.call(
    tester,
    [
      fixedMessage({ role: 'system', content: tester.systemPrompt }),
      {
        role: 'user',
        parts: [
          `${softwareTaskMessage(task)}\n\nThe code:\n`,
          { shorten: fenced(task, program) },
          ran,
        ],
        keep: 'latest',
      },
    ],
    { step: 'test', round },
  );
  return answerPart(turn.output).trim();
}

/** The visible checks; checks that cannot run are a failed run the tester is told about. */
async function runChecks(
  deps: ProtocolDeps,
  program: string,
  task: SoftwareTask,
): Promise<ProgramReport> {
  if (!program.trim()) return { passed: false, report: 'There is no program to run.' };
  try {
    return await deps.runProgram!(program, task, deps.signal);
  } catch (error) {
    return {
      passed: false,
      report: `The checks could not run: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

export function runSoftwareTeam(
  side: SideConfig,
  input: ProtocolInput,
  deps: ProtocolDeps,
): Promise<SideResult> {
  return runProtocol('software-team', side, deps, async (run, protocol) => {
    const task = input.software;
    if (!task)
      throw new AgentError(
        'InvalidRequestError',
        'The software team works on software tasks (a web app or a function), not on questions.',
      );
    const designer = requireRole(side, 'designer');
    const programmer = requireRole(side, 'programmer');
    const reviewer = requireRole(side, 'reviewer');
    const tester = requireRole(side, 'tester');

    const designTurn = await run.call(
      designer,
      [
        { role: 'system', content: designer.systemPrompt },
        { role: 'user', content: softwareTaskMessage(task) },
      ],
      { step: 'design' },
    );
    const design = answerPart(designTurn.output).trim();
    const first = await run.call(
      programmer,
      [
        fixedMessage({ role: 'system', content: programmer.systemPrompt }),
        {
          role: 'user',
          parts: [`${softwareTaskMessage(task)}\n\nDesign:\n`, { shorten: design }],
          keep: 'latest',
        },
      ],
      { step: 'program' },
    );
    let program = programOf(run, task, programmer, first.output);

    for (let round = 1; round <= protocol.reviewRounds; round++) {
      const verdict = await review(run, reviewer, task, program, round);
      if (verdict.verdict === 'accept') break;
      program = await fix(
        run,
        programmer,
        task,
        design,
        program,
        'reviewer',
        verdict.feedback,
        round,
      );
    }

    if (protocol.testRounds > 0 && !deps.runProgram)
      run.warn('The program could not be run here: the tester read the code only.');
    for (let round = 1; round <= protocol.testRounds; round++) {
      const report = deps.runProgram ? await runChecks(deps, program, task) : null;
      run.checkAborted();
      if (report?.passed) break;
      const findings = await test(run, tester, task, program, report, round);
      program = await fix(run, programmer, task, design, program, 'tester', findings, round);
    }
    return { finalAnswer: program };
  });
}
