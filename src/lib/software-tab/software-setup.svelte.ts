/**
 * The Software tab's setup, kept across reloads: the task, Solo's model, the team's model (one
 * for every role, or one per role), and the team's review and test rounds. A stored setup that
 * does not read back (an older build's, a hand edit) gives way to the defaults.
 */
import { LIMITS, type ExperimentConfig, type ModelRef, type SideConfig } from '../team/config';
import { softwareSoloSide, softwareTeamSide } from '../team/presets';
import { Persisted } from '../state/persisted.svelte';
import {
  choiceOf,
  DEFAULT_TASK_KEY,
  TASK_CHOICES,
  taskMessage,
  type TaskChoice,
} from './task-choice';

export const TEAM_ROLES = ['designer', 'programmer', 'reviewer', 'tester'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export interface SoftwareSetupValue {
  version: 1;
  taskKey: string;
  solo: ModelRef;
  /** Each role's model (all the same unless `perRole`). */
  team: Record<TeamRole, ModelRef>;
  /** Whether the page offers a model per role. */
  perRole: boolean;
  reviewRounds: number;
  testRounds: number;
  /** Max tokens of a reply that writes the program (Solo's, and the programmer's). */
  programTokens: number;
}

/** The range the Max tokens fields of Solo vs Team allow. */
export const PROGRAM_TOKENS = { min: 1, max: 4096 } as const;

const KEY = 'playground:software-setup';

/** The preset's rounds (one review, two test runs). */
function presetRounds(): { reviewRounds: number; testRounds: number } {
  const protocol = softwareTeamSide({ engine: 'scripted', modelId: 'none' }).protocol;
  return protocol.type === 'software-team'
    ? { reviewRounds: protocol.reviewRounds, testRounds: protocol.testRounds }
    : { reviewRounds: 1, testRounds: 2 };
}

/** The preset's max tokens for a program (Solo's and the programmer's are the same). */
function presetProgramTokens(): number {
  return softwareSoloSide({ engine: 'scripted', modelId: 'none' }).roles[0]!.maxTokens;
}

export function defaultSetup(model: ModelRef): SoftwareSetupValue {
  return {
    version: 1,
    taskKey: DEFAULT_TASK_KEY,
    solo: model,
    team: { designer: model, programmer: model, reviewer: model, tester: model },
    perRole: false,
    ...presetRounds(),
    programTokens: presetProgramTokens(),
  };
}

const isRef = (v: unknown): v is ModelRef =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as ModelRef).engine === 'string' &&
  typeof (v as ModelRef).modelId === 'string';

const inRange = (v: unknown, limits: { min: number; max: number }): v is number =>
  Number.isInteger(v) && (v as number) >= limits.min && (v as number) <= limits.max;

/** A stored setup, or null when it does not read back as one. */
export function readSetup(raw: unknown): SoftwareSetupValue | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const v = raw as Partial<SoftwareSetupValue>;
  if (v.version !== 1 || typeof v.taskKey !== 'string' || !isRef(v.solo)) return null;
  const team = v.team as Partial<Record<TeamRole, unknown>> | undefined;
  if (!team || !TEAM_ROLES.every((r) => isRef(team[r]))) return null;
  if (!inRange(v.reviewRounds, LIMITS.reviewRounds) || !inRange(v.testRounds, LIMITS.testRounds))
    return null;
  const programTokens =
    v.programTokens === undefined
      ? presetProgramTokens()
      : inRange(v.programTokens, PROGRAM_TOKENS)
        ? v.programTokens
        : null;
  if (programTokens === null) return null;
  return {
    version: 1,
    taskKey: choiceOf(v.taskKey).key,
    solo: v.solo,
    team: Object.fromEntries(TEAM_ROLES.map((r) => [r, team[r]])) as Record<TeamRole, ModelRef>,
    perRole: v.perRole === true,
    reviewRounds: v.reviewRounds,
    testRounds: v.testRounds,
    programTokens,
  };
}

const SECOND_COPY_KEY = 'playground:software-second-copy';

export class SoftwareSetup {
  readonly #stored: Persisted<unknown>;
  readonly #fallback: () => ModelRef;
  /** Whether the team gets its own copy of a model Solo uses too (when it fits). */
  readonly secondCopy: Persisted<boolean>;

  /** `fallback`: the model a fresh setup starts with (the page's default for this hardware). */
  constructor(fallback: () => ModelRef, storage?: Storage) {
    this.#fallback = fallback;
    this.#stored = storage ? new Persisted(KEY, null, storage) : new Persisted(KEY, null);
    this.secondCopy = storage
      ? new Persisted(SECOND_COPY_KEY, false, storage)
      : new Persisted(SECOND_COPY_KEY, false);
  }

  get value(): SoftwareSetupValue {
    return readSetup(this.#stored.current) ?? defaultSetup(this.#fallback());
  }

  get choice(): TaskChoice {
    return choiceOf(this.value.taskKey);
  }

  #update(change: Partial<SoftwareSetupValue>): void {
    this.#stored.current = { ...this.value, ...change };
  }

  setTask(key: string): void {
    this.#update({ taskKey: choiceOf(key).key });
  }

  setSolo(model: ModelRef): void {
    this.#update({ solo: model });
  }

  /** One model for every role of the team. */
  setTeam(model: ModelRef): void {
    this.#update({
      team: { designer: model, programmer: model, reviewer: model, tester: model },
    });
  }

  setRole(role: TeamRole, model: ModelRef): void {
    this.#update({ team: { ...this.value.team, [role]: model } });
  }

  /** Turning per-role choice off gives every role the programmer's model. */
  setPerRole(perRole: boolean): void {
    if (perRole) this.#update({ perRole });
    else {
      const model = this.value.team.programmer;
      this.#update({
        perRole,
        team: { designer: model, programmer: model, reviewer: model, tester: model },
      });
    }
  }

  setRounds(rounds: { reviewRounds?: number; testRounds?: number }): void {
    this.#update(rounds);
  }

  setProgramTokens(programTokens: number): void {
    this.#update({ programTokens });
  }

  /**
   * Takes the setup of a run this tab recorded (History's Load and Re-run): the task its question
   * names, the models, rounds and program length. False, changing nothing, for any other run.
   */
  load(config: ExperimentConfig): boolean {
    const { solo, team } = config;
    const choice = TASK_CHOICES.find((c) => taskMessage(c) === config.question);
    const soloRole = solo.roles[0];
    const roles = Object.fromEntries(team.roles.map((r) => [r.kind, r]));
    if (!choice || !soloRole || team.protocol.type !== 'software-team') return false;
    if (!TEAM_ROLES.every((r) => roles[r])) return false;
    const models = Object.fromEntries(TEAM_ROLES.map((r) => [r, roles[r]!.model])) as Record<
      TeamRole,
      ModelRef
    >;
    const stored = readSetup({
      version: 1,
      taskKey: choice.key,
      solo: soloRole.model,
      team: models,
      perRole: TEAM_ROLES.some(
        (r) => JSON.stringify(models[r]) !== JSON.stringify(models.programmer),
      ),
      reviewRounds: team.protocol.reviewRounds,
      testRounds: team.protocol.testRounds,
      programTokens: roles.programmer!.maxTokens,
    });
    if (!stored) return false;
    this.#stored.current = stored;
    return true;
  }

  /** The two sides as they run: Solo writes the program in one go; the team in its rounds. */
  sides(): { solo: SideConfig; team: SideConfig } {
    const { solo, team, reviewRounds, testRounds, programTokens } = this.value;
    const teamSide = softwareTeamSide({ default: team.programmer, ...team });
    const soloSide = softwareSoloSide(solo);
    return {
      solo: { ...soloSide, roles: soloSide.roles.map((r) => ({ ...r, maxTokens: programTokens })) },
      team: {
        ...teamSide,
        protocol: { type: 'software-team', reviewRounds, testRounds },
        roles: teamSide.roles.map((r) =>
          r.kind === 'programmer' ? { ...r, maxTokens: programTokens } : r,
        ),
      },
    };
  }
}
