import { z } from 'zod';
import { DEAL_STATUSES, hasNoLoneSurrogate, hasNoNul, type DealStatus, type DealValues } from './deal';

/** A scenario's probability weight per status (spec "Scenarios (v2)"). */
export type StatusWeights = Record<DealStatus, number>;

/** What counts and how much: stored in the book by name; `Base` always exists. */
export type Scenario = {
  name: string;
  status_weight: StatusWeights;
  /** Multiplies the weight of deals whose amount_basis is up_to. */
  up_to_factor: number;
  /** Share of compute credits actually drawn. */
  credit_drawdown: number;
  /** Every party counts as its group (top ancestor). */
  roll_up: boolean;
};

export const BASE_NAME = 'Base';
export const MAX_SCENARIO_NAME = 80;

/** Base's defaults: with them every number equals the plain (v1 + disclosure) rules. */
export const BASE_SCENARIO: Readonly<Scenario> = Object.freeze({
  name: BASE_NAME,
  status_weight: Object.freeze({ rumored: 1, announced: 1, signed: 1, closed: 1, cancelled: 0 }),
  up_to_factor: 1,
  credit_drawdown: 1,
  roll_up: false,
});

const unit = (what: string) =>
  z.number({ error: `${what} must be a number from 0 to 1` }).finite(`${what} must be a number from 0 to 1`)
    .min(0, `${what} must be from 0 to 1`).max(1, `${what} must be from 0 to 1`);

export const scenarioNameSchema = z
  .string()
  .trim()
  .min(1, 'scenario name is required')
  .max(MAX_SCENARIO_NAME, `scenario name must be at most ${MAX_SCENARIO_NAME} characters`)
  .refine(hasNoNul, 'scenario name must not contain a NUL character')
  .refine(hasNoLoneSurrogate, 'scenario name must not contain a lone UTF-16 surrogate');

/** The statuses a weight may name, refusing any other key with a message that lists the known ones. */
const statusWeightsPatch = z.record(z.string(), z.unknown()).superRefine((rec, ctx) => {
  for (const [status, w] of Object.entries(rec)) {
    if (!(DEAL_STATUSES as readonly string[]).includes(status)) {
      ctx.addIssue({ code: 'custom', path: [status], message: `unknown status "${status}"; expected one of ${DEAL_STATUSES.join(', ')}` });
      continue;
    }
    const parsed = unit(`status_weight.${status}`).safeParse(w);
    if (!parsed.success) ctx.addIssue({ code: 'custom', path: [status], message: parsed.error.issues[0]!.message });
  }
}) as unknown as z.ZodType<Partial<StatusWeights>>;

/** A change to one scenario: unset parameters keep their value (or Base's, for a new scenario). */
export const scenarioPatchSchema = z
  .object({
    name: scenarioNameSchema,
    status_weight: statusWeightsPatch.optional(),
    up_to_factor: unit('up_to_factor').optional(),
    credit_drawdown: unit('credit_drawdown').optional(),
    roll_up: z.boolean().optional(),
  })
  .strict();

export type ScenarioPatch = z.infer<typeof scenarioPatchSchema>;

/** A complete scenario, as stored (also the check on one read back from a book). */
export const scenarioSchema = z
  .object({
    name: scenarioNameSchema,
    status_weight: z.object(Object.fromEntries(DEAL_STATUSES.map((s) => [s, unit(`status_weight.${s}`)])) as Record<DealStatus, ReturnType<typeof unit>>).strict(),
    up_to_factor: unit('up_to_factor'),
    credit_drawdown: unit('credit_drawdown'),
    roll_up: z.boolean(),
  })
  .strict();

/** `patch` over `base` (Base's defaults for a new scenario); the result has every parameter. */
export function applyScenarioPatch(base: Scenario | null, patch: ScenarioPatch): Scenario {
  const from = base ?? BASE_SCENARIO;
  return {
    name: patch.name.trim(),
    status_weight: { ...from.status_weight, ...patch.status_weight },
    up_to_factor: patch.up_to_factor ?? from.up_to_factor,
    credit_drawdown: patch.credit_drawdown ?? from.credit_drawdown,
    roll_up: patch.roll_up ?? from.roll_up,
  };
}

/** Scenario names compare like party names: trimmed, case-insensitively. */
export const scenarioKey = (name: string): string => name.trim().toLowerCase();

export const isBaseName = (name: string): boolean => scenarioKey(name) === scenarioKey(BASE_NAME);

/** The probability weight w of a deal under a scenario; the deal counts when w > 0. */
export function dealWeight(s: Scenario, d: Pick<DealValues, 'status' | 'amount_basis'>): number {
  const w = s.status_weight[d.status] ?? 0;
  return d.amount_basis === 'up_to' ? w * s.up_to_factor : w;
}

/** True when the scenario has Base's default parameters (its name aside): the plain rules apply. */
export function isPlainScenario(s: Scenario): boolean {
  const b = BASE_SCENARIO;
  return !s.roll_up && s.up_to_factor === 1 && s.credit_drawdown === 1 && DEAL_STATUSES.every((k) => s.status_weight[k] === b.status_weight[k]);
}
