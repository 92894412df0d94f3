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

/**
 * What the balance service (and simulate --cycles) uses where the policy says nothing. A
 * one-off plan keeps margin and minGain at 0: it answers "what would even the cluster
 * out now", and its output does not change with these settings' arrival. A service
 * planning every hour needs calm by default.
 */
export const SERVICE_DEFAULTS = {margin: 5, minGain: 0.02, persistence: 1, cooldownSeconds: 6 * 3600} as const

const GIB = 2 ** 30

/** The node size SERVICE_DEFAULTS.minGain is for; on larger nodes the default is smaller in proportion (defaultMinGain). */
const MIN_GAIN_NODE = 64 * GIB

/**
 * The policy with the service's calm defaults filled in where it says nothing; the
 * default minGain is the one for the nodes of `snapshot` (defaultMinGain).
 */
export function withServiceDefaults(policy: NormalizedPolicy, snapshot: Snapshot): NormalizedPolicy {
  const b = policy.balance
  return {
    ...policy,
    balance: {...b, margin: b.margin ?? SERVICE_DEFAULTS.margin, minGain: b.minGain ?? defaultMinGain(snapshot), persistence: b.persistence ?? SERVICE_DEFAULTS.persistence},
    limits: {...policy.limits, cooldown: policy.limits.cooldown ?? SERVICE_DEFAULTS.cooldownSeconds},
  }
}

/**
 * The service's minGain where the policy gives none: 0.02 points per GiB on nodes of 64
 * GiB, and in proportion to the online nodes' mean memory on others (1.28 points for
 * each such node's memory moved; two significant digits). A point of spread is a
 * hundredth of a node's memory, so the bytes a point costs grow with the nodes: with
 * 0.02 per GiB on nodes of 2-3 TiB, no plan that narrows the spread of a hundred of
 * them would ever be worth making (70 points for 16.8 TiB moved is 0.004 per GiB).
 */
export function defaultMinGain(snapshot: Pick<Snapshot, 'nodes'>): number {
  const sizes = snapshot.nodes.filter((n) => n.status === 'online' && n.memory.total > 0).map((n) => n.memory.total)
  if (sizes.length === 0) return SERVICE_DEFAULTS.minGain
  const mean = sizes.reduce((sum, size) => sum + size, 0) / sizes.length
  return Number(((SERVICE_DEFAULTS.minGain * MIN_GAIN_NODE) / mean).toPrecision(2))
}

/** Why balancing moved nothing though the spread was above the threshold (`gain`: what it would have narrowed, when it tried). */
export type HeldBack = {why: 'margin'; gain?: number} | {why: 'persistence'} | {why: 'not-worth-it'; gain: number; bytes: number}

/**
 * Before balancing: why it must not start, or undefined when it may. The margin is
 * judged on the cluster as found, or as the rule repairs left it if that is worse, so
 * a later round of the same plan (already within the margin) does not stop what the
 * first round started.
 */
export function holdBeforeBalancing(draft: Draft): HeldBack | undefined {
  const {model, objective} = draft
  if (objective.withinThreshold()) return undefined
  const worst = Math.max(objective.spread, draft.initial.spread())
  if (worst <= model.threshold + model.margin + EPSILON) return {why: 'margin'}
  if (!model.balancing) return {why: 'persistence'}
  return undefined
}

/**
 * After balancing narrowed the spread by `gain` points with `moves` more migrations
 * transferring `bytes` more: why it
 * is not worth making, or undefined. Narrowing it by less than the margin is not worth
 * any move (where the threshold cannot be reached, every wobble past the margin would
 * otherwise buy a few moves for a fraction of a point); nor is gaining less than
 * minGain points per GiB.
 */
export function holdAfterBalancing(draft: Draft, gain: number, moves: number, bytes: number): HeldBack | undefined {
  const {margin, minGain} = draft.model
  if (moves <= 0) return undefined
  if (margin > 0 && gain < margin - EPSILON) return {why: 'margin', gain}
  if (minGain <= 0 || bytes <= 0 || gain * GIB >= minGain * bytes - EPSILON) return undefined
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
  return policy.limits.cooldown ?? SERVICE_DEFAULTS.cooldownSeconds
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
    // With persistence 1 the cycle's own plan decides (an imbalance its repairs make counts too).
    balancing: (policy.balance.persistence ?? 1) <= 1 || imbalancedCycles >= policy.balance.persistence!,
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
