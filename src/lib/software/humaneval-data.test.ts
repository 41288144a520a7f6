/**
 * The loader and the harness on the real HumanEval file in `../shared/data/` where it exists (a
 * fresh clone has no `../shared/`: then each test returns early, saying so once). Gunzipping is
 * the caller's job, done here with `node:zlib`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessSandbox } from '../testing/in-process-sandbox';
import type { SandboxHost } from '../sandbox/sandbox-host';
import { runCompletion } from './harness';
import { loadHumanEval } from './humaneval';
import type { CodeSet } from './types';

const FILE = new URL('../../../../shared/data/humaneval.jsonl.gz', import.meta.url);

let set: CodeSet | null = null;
let sandbox: SandboxHost | null = null;

beforeAll(async () => {
  if (!existsSync(FILE)) {
    console.log(`Skipped the HumanEval checks: ${fileURLToPath(FILE)} is not there.`);
    return;
  }
  set = loadHumanEval(gunzipSync(readFileSync(FILE)).toString('utf8'));
  sandbox = inProcessSandbox();
  // Pyodide loads once here (seconds on a busy machine), not inside a test's time.
  await sandbox.run({ language: 'python', code: '1', outputCap: 100, timeoutMs: 120_000 });
}, 180_000);
afterAll(() => sandbox?.dispose());

describe('the official HumanEval file', { timeout: 60_000 }, () => {
  it('loads 164 Python problems with their solutions', () => {
    expect(existsSync(FILE)).toBe(set !== null);
    if (!set) return;
    expect(set.problems).toHaveLength(164);
    expect(set.problems[0]).toMatchObject({
      id: 'HumanEval/0',
      language: 'python',
      entryPoint: 'has_close_elements',
    });
    expect(set.problems.at(-1)?.id).toBe('HumanEval/163');
    expect(set.problems.every((p) => (p.canonicalSolution ?? '') !== '')).toBe(true);
  });

  it('passes the canonical solutions of the first three problems, and fails an empty one', async () => {
    expect(existsSync(FILE)).toBe(sandbox !== null);
    if (!set || !sandbox) return;
    const results = [];
    for (const problem of set.problems.slice(0, 3)) {
      results.push(await runCompletion(sandbox, problem, problem.canonicalSolution ?? ''));
    }
    expect(results.map((r) => [r.status, r.message])).toEqual([
      ['passed', ''],
      ['passed', ''],
      ['passed', ''],
    ]);
    const [problem] = set.problems;
    if (!problem) return;
    // The prompt's docstring alone is a body that returns None: the first assertion fails.
    const empty = await runCompletion(sandbox, problem, '');
    expect(empty).toMatchObject({ passed: false, status: 'failed' });
    expect(empty.message).toMatch(/^AssertionError \(line \d+: assert candidate\(/u);
  });
});
