/**
 * The experiment being set up: question, context, and both sides' configs. Kept in
 * localStorage so nothing is lost on reload; every edit replaces the config (plain data).
 */
import type {
  ContextParagraph,
  EscalationCheck,
  ExperimentConfig,
  ModelRef,
  RoleConfig,
  SideConfig,
} from '../team/config';
import type { ThinkingSwitch } from '../engine/types';
import { defaultExperiment, makeRole, presetSide, type PresetId } from '../team/presets';
import { Persisted } from './persisted.svelte';
import type { RoleTools } from '../tools/types';

export type SideKey = 'solo' | 'team';

export class ExperimentDraft {
  readonly #stored: Persisted<ExperimentConfig | null>;
  readonly #fallback: () => ModelRef;

  /** `fallbackModel` gives the model for a fresh default experiment. */
  constructor(fallbackModel: () => ModelRef, storage?: Storage) {
    this.#fallback = fallbackModel;
    this.#stored = new Persisted<ExperimentConfig | null>('playground:experiment', null, storage);
  }

  get config(): ExperimentConfig {
    return this.#stored.current ?? defaultExperiment(this.#fallback());
  }

  set config(config: ExperimentConfig) {
    this.#stored.current = config;
  }

  reset(): void {
    this.config = defaultExperiment(this.#fallback());
  }

  setQuestion(question: string): void {
    this.config = { ...this.config, question };
  }

  setContext(context: ContextParagraph[]): void {
    const { context: _old, ...rest } = this.config;
    this.config = context.length ? { ...rest, context } : rest;
  }

  setExpectedAnswer(answer: string): void {
    const { expectedAnswer: _old, ...rest } = this.config;
    this.config = answer.trim() ? { ...rest, expectedAnswer: answer } : rest;
  }

  /**
   * Replaces a side with a preset, keeping the model its roles used, and their thinking switch
   * when they all had the same one.
   */
  applyPreset(key: SideKey, preset: PresetId): void {
    const roles = this.config[key].roles;
    const model = roles[0]?.model ?? this.#fallback();
    const thinking = roles.every((r) => r.thinking === roles[0]?.thinking)
      ? roles[0]?.thinking
      : undefined;
    const side = presetSide(preset, model);
    this.config = {
      ...this.config,
      [key]: thinking ? { ...side, roles: side.roles.map((r) => ({ ...r, thinking })) } : side,
    };
  }

  /** Puts every role of a side on one model. */
  setSideModel(key: SideKey, model: ModelRef): void {
    this.#updateSide(key, (side) => ({ ...side, roles: side.roles.map((r) => ({ ...r, model })) }));
  }

  /**
   * Sets the thinking switch of one role, or of every role of the side (`roleId` null);
   * undefined goes back to the model's default (the field is removed, as old links have it).
   */
  setThinking(key: SideKey, roleId: string | null, thinking: ThinkingSwitch | undefined): void {
    this.#updateSide(key, (side) => ({
      ...side,
      roles: side.roles.map((role) => {
        if (roleId !== null && role.id !== roleId) return role;
        const { thinking: _old, ...rest } = role;
        return thinking ? { ...rest, thinking } : rest;
      }),
    }));
  }

  /** A role's tools; none (or all unticked) removes the key, so links stay as before. */
  setTools(key: SideKey, roleId: string, tools: RoleTools | undefined): void {
    this.#updateSide(key, (side) => ({
      ...side,
      roles: side.roles.map((role) => {
        if (role.id !== roleId) return role;
        const { tools: _old, ...rest } = role;
        return tools && tools.builtIn.length + tools.custom.length > 0 ? { ...rest, tools } : rest;
      }),
    }));
  }

  updateRole(key: SideKey, roleId: string, patch: Partial<RoleConfig>): void {
    this.#updateSide(key, (side) => ({
      ...side,
      roles: side.roles.map((r) => (r.id === roleId ? { ...r, ...patch } : r)),
    }));
  }

  updateProtocol(key: SideKey, patch: Record<string, number>): void {
    this.#updateSide(key, (side) => ({
      ...side,
      protocol: { ...side.protocol, ...patch } as SideConfig['protocol'],
    }));
  }

  /**
   * Sets an escalation side's check. The critic check brings a critic role (on the small
   * model); the other checks take it away again.
   */
  setEscalationCheck(key: SideKey, check: EscalationCheck): void {
    this.#updateSide(key, (side) => {
      if (side.protocol.type !== 'escalation') return side;
      const others = side.roles.filter((r) => r.kind !== 'critic');
      const critic = side.roles.find((r) => r.kind === 'critic');
      const small = side.roles.find((r) => r.kind === 'small');
      const roles =
        check.kind !== 'critic'
          ? others
          : critic
            ? side.roles
            : [...side.roles, makeRole('critic', small?.model ?? this.#fallback())];
      return { ...side, protocol: { type: 'escalation', check }, roles };
    });
  }

  #updateSide(key: SideKey, change: (side: SideConfig) => SideConfig): void {
    this.config = { ...this.config, [key]: change(this.config[key]) };
  }
}
