/**
 * Calm: what keeps balancing from churning when load wobbles. Pure.
 *
 * Inside one plan (balance.ts asks):
 * - hysteresis: balancing starts only when the spread exceeds the threshold by more than
 *   `balance.margin` points; once it starts it goes down to the threshold, so a cluster
 *   that wobbles around its threshold is not balanced back and forth;
 * - worth it: the balancing moves must gain at least `balance.minGain` points of spread
 *   per GiB they transfer, else none is made (rule repairs are never held back).
 *
 * Across cycles (the balance service and `simulate --cycles` keep a CalmMemory):
 * - persistence: balancing acts only once the spread has exceeded threshold plus margin
 *   in `balance.persistence` cycles in a row;
 * - cooldown: a guest the service migrated is not moved again by balancing, nor sent
 *   back to the node it left by any move, within `limits.cooldown`;
 * - the per-cycle budget is the plan's own, `limits.maxMoves` (and maxBytesMoved).
 * Nothing here reads a clock: the caller says when a cycle happens.
 */
import type {NormalizedPolicy} from '../model/policy.js'
import type {Snapshot} from '../model/snapshot.js'
import {type CalmInput, compilePolicy} from '../policy/compile.js'
import type {Draft} from './draft.js'
import {EPSILON} from './objective.js'
import {ClusterState} from './state.js'

export {DEFAULT_MIN_GAIN} from '../policy/compile.js'

/** limits.cooldown when the policy does not say: 6 hours. */
export const DEFAULT_COOLDOWN_SECONDS = 6 * 3600

const GIB = 2 ** 30

/** Why balancing moved nothing though the spread was above the threshold. */
export type HeldBack = {why: 'margin'} | {why: 'persistence'} | {why: 'not-worth-it'; gain: number; bytes: number}

/** Before balancing: why it must not start, or undefined when it may. */
export function holdBeforeBalancing(draft: Draft): HeldBack | undefined {
  const {model, objective} = draft
  if (objective.withinThreshold()) return undefined
  if (!model.balancing) return {why: 'persistence'}
  if (objective.spread <= model.threshold + model.margin + EPSILON) return {why: 'margin'}
  return undefined
}

/** After balancing gained `gain` points for `bytes` transferred: why it is not worth making, or undefined. */
export function holdAfterBalancing(draft: Draft, gain: number, bytes: number): HeldBack | undefined {
  if (bytes <= 0 || gain * GIB >= draft.model.minGain * bytes - EPSILON) return undefined
  return {why: 'not-worth-it', gain, bytes}
}

/** The spread of the cluster as `policy` measures it, before any move. */
export function clusterSpread(snapshot: Snapshot, policy: NormalizedPolicy): number {
  return new ClusterState(compilePolicy(snapshot, policy)).spread()
}

/** The spread is beyond threshold plus margin: an imbalance that counts toward persistence. */
export function imbalanced(spread: number, policy: NormalizedPolicy): boolean {
  return spread > policy.balance.threshold + (policy.balance.margin ?? 0) + EPSILON
}

export function cooldownSeconds(policy: NormalizedPolicy): number {
  return policy.limits.cooldown ?? DEFAULT_COOLDOWN_SECONDS
}

/** A migration the balance service made (or a simulated one). */
export interface Migrated {
  vmid: number
  from: string
  to: string
  /** When it ended, ISO-8601 UTC. */
  at: string
}

/** What the balance service remembers between cycles, per cluster (kept in the state folder). */
export interface CalmMemory {
  /** Cycles in a row, up to the last one, whose spread was beyond threshold plus margin. */
  imbalancedCycles: number
  /** The service's migrations still within their cooldown, oldest first. */
  migrated: Migrated[]
}

export const EMPTY_MEMORY: CalmMemory = {imbalancedCycles: 0, migrated: []}

/**
 * What the planner is told for a cycle at `at`, given what is remembered and the
 * cluster's spread now; and the memory with this cycle's imbalance counted.
 */
export function cycleInput(memory: CalmMemory, policy: NormalizedPolicy, spread: number, at: Date): {calm: CalmInput; memory: CalmMemory} {
  const imbalancedCycles = imbalanced(spread, policy) ? memory.imbalancedCycles + 1 : 0
  const migrated = stillCooling(memory.migrated, cooldownSeconds(policy), at)
  const latest = new Map<number, Migrated>()
  for (const m of migrated) latest.set(m.vmid, m)
  const calm: CalmInput = {
    cooling: [...latest.values()].map((m) => ({vmid: m.vmid, left: m.from})),
    balancing: imbalancedCycles >= (policy.balance.persistence ?? 1),
  }
  return {calm, memory: {imbalancedCycles, migrated}}
}

/** The memory after a cycle whose migrations `done` ended (at their own times). */
export function remember(memory: CalmMemory, done: readonly Migrated[]): CalmMemory {
  return {...memory, migrated: [...memory.migrated, ...done].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.vmid - b.vmid))}
}

function stillCooling(migrated: readonly Migrated[], cooldown: number, at: Date): Migrated[] {
  const since = at.getTime() - cooldown * 1000
  return migrated.filter((m) => Date.parse(m.at) > since)
}
