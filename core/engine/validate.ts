import type { Affinity, Guardrails, Policy } from './policy.js';
import { DEFAULT_GUARDRAILS } from './policy.js';
import { ALLOWED_INCENTIVES, DEFAULT_INCENTIVE_RULES, SHOPPER_TYPES } from './incentives.js';
// The ranges and their checks are shared with the hub, which re-checks every published policy.
import { affinityWeightProblem, GUARDRAIL_RANGES, guardrailRangeProblem, MAX_AFFINITY_WEIGHT } from '../../sync/protocol/policy.js';

export { GUARDRAIL_RANGES, MAX_AFFINITY_WEIGHT };

export interface PolicyProblem {
  /** 'guardrails.marginFloor', 'affinity:<id>', 'blocked:<category>', 'incentives:<shopper type>' */
  where: string;
  message: string;
}

const MMDD = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function validatePolicy(policy: Policy, categories: ReadonlySet<string>): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const key of Object.keys(GUARDRAIL_RANGES) as (keyof Guardrails)[]) {
    const problem = guardrailRangeProblem(key, policy.guardrails[key]);
    if (problem) problems.push({ where: problem.field, message: problem.message });
  }
  for (const b of policy.blockedCategories) if (!categories.has(b)) problems.push({ where: `blocked:${b}`, message: 'unknown category' });
  for (const type of SHOPPER_TYPES) {
    for (const kind of policy.incentives?.[type] ?? []) {
      if (!ALLOWED_INCENTIVES[type].includes(kind)) problems.push({ where: `incentives:${type}`, message: `${kind.replace('_', ' ')} may not be offered to this shopper type` });
    }
  }
  for (const a of policy.affinities) problems.push(...affinityProblems(a, categories));
  for (const cycle of affinityCycles(policy.affinities)) {
    problems.push({ where: `cycle:${cycle.join('>')}`, message: `affinities lead in a circle: ${cycle.join(' → ')}` });
  }
  return problems;
}

export function affinityProblems(a: Affinity, categories: ReadonlySet<string>): PolicyProblem[] {
  const where = `affinity:${a.id}`;
  const out: PolicyProblem[] = [];
  if (!categories.has(a.fromCategoryId)) out.push({ where, message: `unknown category ${a.fromCategoryId}` });
  if (!categories.has(a.toCategoryId)) out.push({ where, message: `unknown category ${a.toCategoryId}` });
  if (a.fromCategoryId === a.toCategoryId && a.skus.length === 0) out.push({ where, message: 'leads from a category to itself' });
  if (!(a.minDelayDays >= 0) || !(a.maxDelayDays >= a.minDelayDays)) out.push({ where, message: 'the delay window must be 0 ≤ from ≤ to' });
  const weight = affinityWeightProblem(a.weight);
  if (weight) out.push({ where, message: weight.message });
  if ((a.seasonStart === null) !== (a.seasonEnd === null)) out.push({ where, message: 'a season needs both a start and an end' });
  for (const d of [a.seasonStart, a.seasonEnd]) if (d !== null && !MMDD.test(d)) out.push({ where, message: `season date ${d} is not MM-DD` });
  return out;
}

/**
 * Category cycles among active affinities (A → B → A): every one found, as category paths.
 * A rule from a category to itself names SKUs (a refill), so it is no cycle.
 */
export function affinityCycles(affinities: readonly Affinity[]): string[][] {
  const next = new Map<string, string[]>();
  for (const a of affinities) {
    if (a.fromCategoryId !== a.toCategoryId) (next.get(a.fromCategoryId) ?? next.set(a.fromCategoryId, []).get(a.fromCategoryId)!).push(a.toCategoryId);
  }
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of next.get(n) ?? []) {
      if (state.get(m) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(m)), m];
        const key = [...cycle].slice(0, -1).sort().join('|');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of next.keys()) if (!state.has(n)) visit(n);
  return cycles;
}

/**
 * What the engine does with a stored policy it cannot fully trust: invalid guardrails fall
 * back to defaults, invalid affinities and unknown blocked categories are left out. A cycle
 * is harmless at decision time (each decision follows one step), so it is kept.
 */
export function sanitizePolicy(policy: Policy, categories: ReadonlySet<string>): { policy: Policy; dropped: string[] } {
  const dropped: string[] = [];
  const guardrails = { ...policy.guardrails };
  for (const key of Object.keys(GUARDRAIL_RANGES) as (keyof Guardrails)[]) {
    if (guardrailRangeProblem(key, guardrails[key])) {
      guardrails[key] = DEFAULT_GUARDRAILS[key];
      dropped.push(`guardrails.${key}`);
    }
  }
  const affinities = policy.affinities.filter((a) => {
    const ok = affinityProblems(a, categories).length === 0;
    if (!ok) dropped.push(`affinity:${a.id}`);
    return ok;
  });
  const blockedCategories = policy.blockedCategories.filter((b) => {
    // an unknown blocked category blocks nothing; keep it anyway: being careful costs nothing
    return typeof b === 'string' && b.length > 0;
  });
  const incentives = { ...DEFAULT_INCENTIVE_RULES };
  for (const type of SHOPPER_TYPES) {
    const given = policy.incentives?.[type];
    if (!given) continue;
    incentives[type] = given.filter((kind) => ALLOWED_INCENTIVES[type].includes(kind));
    if (incentives[type].length !== given.length) dropped.push(`incentives:${type}`);
  }
  return { policy: { ...policy, guardrails, affinities, blockedCategories, incentives }, dropped };
}
