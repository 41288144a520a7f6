/**
 * The baselines an escalation config is compared with in a batch: "always small" and "always
 * large", each a Solo side on that role's model with that role's settings (prompt, sampling,
 * thinking), so the three are scored on the same items side by side.
 */
import type { RoleConfig, SideConfig } from '../team/config';
import type { BatchConfig } from '../storage/batch-records';
import { soloConfigOn } from './escalation-summary';

/** A Solo side that is one role of another side, as it is configured. */
function soloOf(role: RoleConfig, label: string): SideConfig {
  return {
    label,
    protocol: { type: 'solo' },
    roles: [{ ...structuredClone(role), id: 'solo', name: 'Solo', kind: 'solo' }],
  };
}

/**
 * The Solo sides to add for an escalation side: always small and always large, leaving out a
 * model that already has a Solo config in the batch (and the large one when it is the small
 * one's model). Empty for other protocols.
 */
export function escalationBaselines(
  side: SideConfig,
  configs: readonly BatchConfig[],
): SideConfig[] {
  if (side.protocol.type !== 'escalation') return [];
  const small = side.roles.find((r) => r.kind === 'small');
  const large = side.roles.find((r) => r.kind === 'large');
  const sides: SideConfig[] = [];
  const present = (role: RoleConfig) =>
    soloConfigOn(configs, role.model) !== undefined ||
    sides.some((s) => soloConfigOn([{ id: '', label: '', side: s }], role.model));
  if (small && !present(small)) sides.push(soloOf(small, 'Always small'));
  if (large && !present(large)) sides.push(soloOf(large, 'Always large'));
  return sides;
}
