/**
 * Problems with a role's tools, in words (empty when they can run): the step limit, unknown or
 * repeated built-ins, and custom tools whose name, description, parameters or reply cannot be
 * used. Shared by the config's validation and the share link's.
 */
import { BUILT_IN_TOOL_NAMES } from './built-in-tools';
import { TOOL_STEP_LIMITS, type CustomTool, type ParameterSchema, type RoleTools } from './types';

export const TOOL_LIMITS = {
  customTools: 8,
  name: 64,
  description: 1000,
  fixedReply: 4000,
  body: 20_000,
  properties: 16,
} as const;

/** A function name as OpenAI and the Hermes format accept it. */
export const TOOL_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_-]{0,63}$/;

function schemaProblem(schema: ParameterSchema, where: string, depth = 0): string | null {
  if (depth > 4) return `${where} is nested too deeply (at most 4 levels).`;
  switch (schema.type) {
    case 'string':
      if (schema.enum && (!schema.enum.length || schema.enum.some((v) => typeof v !== 'string')))
        return `${where}: an enum must list strings.`;
      return null;
    case 'number':
    case 'integer':
    case 'boolean':
      return null;
    case 'array':
      return schema.items
        ? schemaProblem(schema.items, `${where} items`, depth + 1)
        : `${where}: an array needs "items".`;
    case 'object': {
      const entries = Object.entries(schema.properties ?? {});
      if (entries.length > TOOL_LIMITS.properties)
        return `${where} has more than ${TOOL_LIMITS.properties} properties.`;
      for (const name of schema.required ?? [])
        if (!(name in (schema.properties ?? {})))
          return `${where}: "${name}" is required but not a property.`;
      for (const [name, property] of entries) {
        const problem = schemaProblem(property, `${where}.${name}`, depth + 1);
        if (problem) return problem;
      }
      return null;
    }
    default:
      return `${where} has a type the tools do not take (string, number, integer, boolean, array or object).`;
  }
}

function customToolProblems(tool: CustomTool, who: string): string[] {
  const problems: string[] = [];
  const name = `${who}: tool "${tool.name}"`;
  if (!TOOL_NAME_PATTERN.test(tool.name))
    problems.push(
      `${who}: a tool name is 1 to 64 letters, digits, _ or -, not starting with a digit (got "${tool.name}").`,
    );
  if (!tool.description.trim()) problems.push(`${name} has no description.`);
  if (tool.description.length > TOOL_LIMITS.description)
    problems.push(`${name}: the description is over ${TOOL_LIMITS.description} characters.`);
  if (tool.parameters?.type !== 'object')
    problems.push(`${name}: its parameters must be an object schema.`);
  else {
    const problem = schemaProblem(tool.parameters, `${name}: parameters`);
    if (problem) problems.push(problem);
  }
  if (tool.reply.kind === 'fixed' && tool.reply.text.length > TOOL_LIMITS.fixedReply)
    problems.push(`${name}: the fixed reply is over ${TOOL_LIMITS.fixedReply} characters.`);
  if (tool.reply.kind === 'javascript' && !tool.reply.body.trim())
    problems.push(`${name}: the JavaScript body is empty.`);
  if (tool.reply.kind === 'javascript' && tool.reply.body.length > TOOL_LIMITS.body)
    problems.push(`${name}: the JavaScript body is over ${TOOL_LIMITS.body} characters.`);
  return problems;
}

export function roleToolsProblems(tools: RoleTools, who: string): string[] {
  const problems: string[] = [];
  const { min, max } = TOOL_STEP_LIMITS;
  if (!Number.isInteger(tools.maxSteps) || tools.maxSteps < min || tools.maxSteps > max)
    problems.push(`${who}: tool steps must be a whole number from ${min} to ${max}.`);
  for (const name of tools.builtIn)
    if (!BUILT_IN_TOOL_NAMES.includes(name))
      problems.push(`${who}: there is no built-in tool "${name}".`);
  if (tools.custom.length > TOOL_LIMITS.customTools)
    problems.push(`${who}: at most ${TOOL_LIMITS.customTools} custom tools.`);
  for (const tool of tools.custom) problems.push(...customToolProblems(tool, who));
  const names = [...tools.builtIn, ...tools.custom.map((t) => t.name)];
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length) problems.push(`${who}: two tools are named "${repeated[0]}".`);
  return problems;
}

/** Whether a role has any tool to call. */
export const hasTools = (tools: RoleTools | undefined): tools is RoleTools =>
  !!tools && tools.builtIn.length + tools.custom.length > 0;
