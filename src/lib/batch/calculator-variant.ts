/**
 * "With and without the calculator": a copy of a batch config whose roles that work the answer
 * out (Solo, the reasoner, generators, samplers, the escalation's models, an agent) also have the
 * calculator, so a math set (GSM8K, SVAMP) scores the same config both ways on the same items.
 * Critics, answerers and judges read others' work and are left as they are.
 */
import type { RoleConfig, RoleKind, SideConfig } from '../team/config';
import type { BatchConfig } from '../storage/batch-records';
import { TOOL_STEP_LIMITS } from '../tools/types';

const WORKING_KINDS: ReadonlySet<RoleKind> = new Set<RoleKind>([
  'solo',
  'reasoner',
  'generator',
  'sampler',
  'small',
  'large',
  'agent',
]);

const SUFFIX = ' + calculator';

function withCalculator(role: RoleConfig): RoleConfig {
  if (!WORKING_KINDS.has(role.kind) || role.tools?.builtIn.includes('calculator')) return role;
  const tools = role.tools ?? { builtIn: [], custom: [], maxSteps: TOOL_STEP_LIMITS.default };
  return {
    ...structuredClone(role),
    tools: { ...tools, builtIn: [...tools.builtIn, 'calculator'] },
  };
}

/**
 * The config with the calculator, or null when it would change nothing (every working role has
 * it already) or the batch holds that variant already (its side's label; an extra config is
 * listed as 'Team N').
 */
export function calculatorVariant(
  config: BatchConfig,
  configs: readonly BatchConfig[],
): SideConfig | null {
  const roles = config.side.roles.map(withCalculator);
  if (roles.every((role, i) => role === config.side.roles[i])) return null;
  const label = `${config.label}${SUFFIX}`;
  if (configs.some((c) => c.label === label || c.side.label === label)) return null;
  return { ...structuredClone(config.side), label, roles };
}
