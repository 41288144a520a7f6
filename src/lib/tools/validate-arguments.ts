/**
 * Checks a call's arguments against its tool's JSON schema, with @cfworker/json-schema: a
 * validator that interprets schemas (no code generation, so it runs under any CSP) and reports
 * each failure with its place in the arguments.
 */
import { Validator, type Schema } from '@cfworker/json-schema';
import type { ToolSpec } from './types';

const validators = new WeakMap<ToolSpec, Validator>();

function validatorFor(tool: ToolSpec): Validator {
  let validator = validators.get(tool);
  if (!validator) {
    validator = new Validator(tool.parameters as unknown as Schema, '2020-12', false);
    validators.set(tool, validator);
  }
  return validator;
}

/** null when the arguments fit, else what is wrong, in words a model can act on. */
export function argumentProblems(tool: ToolSpec, args: unknown): string | null {
  const result = validatorFor(tool).validate(args);
  if (result.valid) return null;
  // The innermost errors say what is wrong; the outer ones only repeat that something is.
  const leaves = result.errors.filter((e) => e.keyword !== 'properties' && e.keyword !== '$ref');
  const messages = (leaves.length ? leaves : result.errors).map(
    (e) =>
      `${e.instanceLocation === '#' ? 'arguments' : e.instanceLocation.replace(/^#/, 'arguments')}: ${e.error}`,
  );
  return [...new Set(messages)].slice(0, 5).join('; ');
}
