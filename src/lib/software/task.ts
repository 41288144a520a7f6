/**
 * A software task as the protocols see it: a small web app in one HTML file, or a function in
 * Python or JavaScript (a HumanEval-style problem). What the model is asked; how the program is
 * checked lives with the caller (ProtocolDeps.runProgram).
 */
import { extractCode, fencedBlocks } from './extract-code';
import type { CodeLanguage } from './types';

export type SoftwareTask =
  | {
      kind: 'web-app';
      id: string;
      /** The app's title, as the task gives it ("My Tasks"). */
      title: string;
      /** What to build, in words, with its requirements. */
      prompt: string;
    }
  | {
      kind: 'function';
      id: string;
      language: CodeLanguage;
      /** The code to complete: signature and docstring (HumanEval's `prompt`). */
      prompt: string;
      entryPoint: string;
    };

/** What a run of the program on the task's visible checks found, as the tester reads it. */
export interface ProgramReport {
  passed: boolean;
  /** One line per check or failure, in words. */
  report: string;
}

/** The fence tag a task's code is written in. */
export function fenceTag(task: SoftwareTask): 'html' | CodeLanguage {
  return task.kind === 'web-app' ? 'html' : task.language;
}

/** The task as the team reads it. */
export function softwareTaskMessage(task: SoftwareTask): string {
  if (task.kind === 'web-app')
    return [
      `Task: build a small web app titled "${task.title}".`,
      task.prompt.trim(),
      'It is one HTML file with its CSS and JavaScript inline; it may not load anything from the network.',
    ].join('\n\n');
  return [
    `Task: complete this ${task.language === 'python' ? 'Python' : 'JavaScript'} function \`${task.entryPoint}\`.`,
    `\`\`\`${task.language}\n${task.prompt.trimEnd()}\n\`\`\``,
    'Write the whole function, with any imports it needs.',
  ].join('\n\n');
}

/**
 * The program in a reply: a function task's code as the harness takes it (extractCode); a web
 * app's last ```html block, else the last untagged block that holds HTML, else the reply when it
 * is HTML itself; '' when the reply holds no HTML.
 */
export function extractProgram(reply: string, task: SoftwareTask): string {
  if (task.kind === 'function') {
    const code = extractCode(reply, task.language);
    return task.language === 'javascript' ? completionAfterHeader(code, task.entryPoint) : code;
  }
  const looksLikeHtml = (text: string) => /<(!doctype|html|body|head|div|script)\b/i.test(text);
  const blocks = fencedBlocks(reply);
  const chosen =
    blocks.findLast((b) => b.tag === 'html' || b.tag === 'htm') ??
    blocks.findLast((b) => b.tag === '' && looksLikeHtml(b.body));
  if (chosen) return chosen.body;
  return looksLikeHtml(reply) ? reply.trim() : '';
}

/**
 * A JavaScript reply that writes the whole function, as the completion the harness appends to
 * the prompt (which already opens the function): what follows the function's opening brace, then
 * what came before the function (helpers; function declarations are hoisted). Python needs no
 * such step: a `def` after the prompt's simply redefines it.
 */
export function completionAfterHeader(code: string, entryPoint: string): string {
  const name = entryPoint.replace(/[$]/g, '\\$&');
  const header = new RegExp(
    `(^|\\n)\\s*(export\\s+)?(async\\s+)?function\\s+${name}\\s*\\([^)]*\\)\\s*\\{`,
  );
  const found = header.exec(code);
  if (!found) return code;
  const before = code.slice(0, found.index).trim();
  const after = code.slice(found.index + found[0].length);
  return before ? `${after.trimEnd()}\n${before}\n` : after;
}
