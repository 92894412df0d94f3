/**
 * `proxlb simulate` as a pure function: a snapshot, a policy, what-if changes (and
 * optionally a plan to apply first) in; a Simulation out: the cluster now, after the
 * changes, and after the plan the planner makes for it (or the plan given), what does not
 * fit, resilience to the loss of any one node, headroom for new guests, the predicted
 * snapshot (chainable: it reads back with readSnapshot), and the same run under other
 * policies side by side. The planner is used as a black box (planRebalance).
 */
import {FORMATS} from '../model/formats.js'
import type {Plan} from '../model/plan.js'
import type {NormalizedPolicy} from '../model/policy.js'
import type {Change} from '../model/scenario.js'
import type {NodeMetrics} from '../model/plan.js'
import {isRunning, type Snapshot, snapshotFingerprint} from '../model/snapshot.js'
import {clusterNow, planRebalance} from '../planner/index.js'
import {applyPlan} from './apply-plan.js'
import {type Headroom, headroom, type Resilience, resilience} from './capacity.js'
import {markSimulated} from './edit.js'
import {applyChanges, type ChangeEffect, type NotPlacedGuest} from './what-if.js'

export type {ChangeEffect, NotPlacedGuest, PlacedGuest} from './what-if.js'
export type {Headroom, NodeLoss, Resilience} from './capacity.js'


export interface PolicyInput {
  policy: NormalizedPolicy
  hash: string
  /** How the user named it: a path, or `bundled default policy`. */
  label: string
}

export interface SimulationInput {
  snapshot: Snapshot
  fingerprint: string
  /** How the user named the snapshot. */
  snapshotLabel: string
  policy: PolicyInput
  changes: Change[]
  /** A plan to apply before the changes (and, without changes, instead of planning). */
  plan?: {plan: Plan; file: string}
  scenario?: {file: string; name?: string; description?: string}
  comparePolicies?: PolicyInput[]
  createdAt: string
  toolVersion: string
  /** Step budget of each packing search (resilience, failures, removals). */
  budget?: number
}

export interface NodeRow {
  name: string
  /** Role after the changes (absent for a node the changes removed). */
  role?: Plan['nodes'][number]['role']
  /** Before any change (absent for an added node). */
  now?: NodeMetrics
  /** After the changes, before the plan (absent for a removed node). */
  changed?: NodeMetrics
  /** After the changes and the plan. */
  after?: NodeMetrics
}

export interface PolicyOutcome {
  label: string
  name?: string
  hash: string
  moves: number
  bytesMoved: number
  /** What the policy balances: its spreads are in points of that. */
  method: Plan['balance']['method']
  mode: Plan['balance']['mode']
  spreadBefore: number
  spreadAfter: number
  threshold: number
  reached: boolean
  notPlaced: number
  survivesAnyOneNode: boolean
  resilienceMethod: 'exact' | 'heuristic'
}

export interface Simulation {
  /** Version of this JSON document's shape. */
  format: typeof FORMATS.simulation
  createdAt: string
  tool: {name: 'proxlb'; version: string}
  cluster: string
  snapshot: {label: string; fingerprint: string; takenAt: string}
  policy: {label: string; name?: string; hash: string}
  scenario?: {file: string; name?: string; description?: string}
  /** The plan applied first with --plan, if any. */
  appliedPlan?: {file: string; moves: number}
  changes: ChangeEffect[]
  /** The plan for the changed cluster (the given plan when there are no changes). */
  plan: Plan
  nodes: NodeRow[]
  spread: {now: number; changed: number; after: number; threshold: number}
  /** Guests the changes could not place, and guests the plan had to leave without room. */
  notPlaced: NotPlacedGuest[]
  resilience: Resilience
  headroom: Headroom[]
  comparison: PolicyOutcome[]
  predicted: {fingerprint: string; note: string}
  warnings: string[]
}

export interface SimulationResult {
  simulation: Simulation
  /** The predicted cluster after the changes and the plan, ready to write with --out. */
  predicted: Snapshot
}

export function simulate(input: SimulationInput): SimulationResult {
  const warnings: string[] = []
  const context = (snapshot: Snapshot, fingerprint: string, policy: PolicyInput) => ({
    createdAt: input.createdAt,
    toolVersion: input.toolVersion,
    snapshot: {fingerprint, takenAt: snapshot.takenAt, cluster: snapshot.cluster.name, ...(snapshot.source.endpoint ? {endpoint: snapshot.source.endpoint} : {})},
    policy: {document: policy.policy, hash: policy.hash},
  })

  let start = input.snapshot
  if (input.plan) {
    const applied = applyPlan(input.snapshot, input.fingerprint, input.plan.plan, input.plan.file)
    warnings.push(...applied.warnings)
    start = applied.snapshot
  }
  // The cluster as it is: its metrics alone, not a plan (whose search a 100-node cluster pays seconds for).
  const now = clusterNow(input.snapshot, input.policy.policy)

  const run = (policy: PolicyInput) => {
    const {snapshot: changed, effects} = applyChanges(start, policy.policy, input.changes)
    const given = input.plan && input.changes.length === 0 && policy === input.policy ? input.plan.plan : undefined
    // Worked out once: a fingerprint canonicalises the whole snapshot.
    const fingerprint = given ? '' : snapshotFingerprint(changed)
    const plan = given ?? planRebalance(changed, policy.policy, context(changed, fingerprint, policy))
    const after = given ? start : applyPlan(changed, fingerprint, plan, 'the plan').snapshot
    return {changed, effects, plan, after, resilience: resilience(after, policy.policy, input.budget)}
  }

  const main = run(input.policy)
  const {plan} = main
  const noRoom = plan.warnings.filter((w) => w.code === 'no-room').flatMap((w) => (w.guests ?? []).map((vmid) => ({vmid, reason: w.message})))
  const byVmid = new Map(main.changed.guests.map((g) => [g.vmid, g]))
  const notPlaced: NotPlacedGuest[] = [
    ...main.effects.flatMap((e) => e.notPlaced),
    ...noRoom.map(({vmid}) => {
      const g = byVmid.get(vmid)!
      const memory = !isRunning(g) ? 0 : input.policy.policy.balance.mode === 'assigned' ? g.memory.assigned : g.memory.used
      return {vmid, name: g.name, memory, from: g.node, reason: 'must leave its node for maintenance, but no node has room'}
    }),
  ]

  const note = predictionNote(input, main.effects, plan)
  const predicted = markSimulated(main.after, note, `proxlb ${input.toolVersion}`)
  const headrooms = input.changes.flatMap((c) => (c.kind === 'add-guests' ? [headroom(predicted, input.policy.policy, c.spec)] : []))

  const outcome = (policy: PolicyInput, result: ReturnType<typeof run>): PolicyOutcome => ({
    label: policy.label,
    ...(policy.policy.name ? {name: policy.policy.name} : {}),
    hash: policy.hash,
    moves: result.plan.summary.moves,
    bytesMoved: result.plan.summary.bytesMoved,
    method: result.plan.balance.method,
    mode: result.plan.balance.mode,
    spreadBefore: result.plan.balance.spreadBefore,
    spreadAfter: result.plan.balance.spreadAfter,
    threshold: result.plan.balance.threshold,
    reached: result.plan.balance.reached,
    notPlaced: result.effects.reduce((sum, e) => sum + e.notPlaced.length, 0),
    survivesAnyOneNode: result.resilience.survivesAnyOneNode,
    resilienceMethod: result.resilience.method,
  })
  const comparison = input.comparePolicies?.length ? [outcome(input.policy, main), ...input.comparePolicies.map((p) => outcome(p, run(p)))] : []

  return {
    simulation: {
      format: FORMATS.simulation,
      createdAt: input.createdAt,
      tool: {name: 'proxlb', version: input.toolVersion},
      cluster: input.snapshot.cluster.name,
      snapshot: {label: input.snapshotLabel, fingerprint: input.fingerprint, takenAt: input.snapshot.takenAt},
      policy: {label: input.policy.label, ...(input.policy.policy.name ? {name: input.policy.policy.name} : {}), hash: input.policy.hash},
      ...(input.scenario ? {scenario: input.scenario} : {}),
      ...(input.plan ? {appliedPlan: {file: input.plan.file, moves: input.plan.plan.moves.length}} : {}),
      changes: main.effects,
      plan,
      nodes: nodeRows(now.nodes, plan),
      spread: {now: now.spread, changed: plan.balance.spreadBefore, after: plan.balance.spreadAfter, threshold: plan.balance.threshold},
      notPlaced,
      resilience: main.resilience,
      headroom: headrooms,
      comparison,
      predicted: {fingerprint: predicted.fingerprint!, note},
      warnings,
    },
    predicted,
  }
}

function nodeRows(now: readonly {name: string; metrics: NodeMetrics}[], plan: Plan): NodeRow[] {
  const rows = new Map<string, NodeRow>()
  for (const n of now) rows.set(n.name, {name: n.name, now: n.metrics})
  for (const n of plan.nodes) rows.set(n.name, {...rows.get(n.name), name: n.name, role: n.role, changed: n.before, after: n.after})
  return [...rows.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

function predictionNote(input: SimulationInput, effects: ChangeEffect[], plan: Plan): string {
  const parts = [`predicted by proxlb simulate from snapshot ${input.fingerprint.slice(7, 19)} of cluster ${input.snapshot.cluster.name}`]
  if (input.plan) parts.push(`after the plan ${input.plan.file} (${input.plan.plan.moves.length} moves)`)
  if (input.scenario) parts.push(`scenario ${input.scenario.name ?? input.scenario.file}`)
  for (const e of effects) parts.push(e.summary)
  if (!(input.plan && plan === input.plan.plan)) parts.push(`then planned: ${plan.summary.message}`)
  return parts.join('; ')
}
