/**
 * Draining a node and filling it again: the decisions behind `proxlb drain`. Pure.
 *
 * A drain is a plan under the user's policy with the node added to the maintenance nodes,
 * balancing turned off (threshold 100) and the plan's scope narrowed to the node: the
 * planner moves the node's guests, and no other guest, to where the rules allow, each to
 * the least utilised node with room. A rule the evacuation would break is kept by the
 * choice of targets; what cannot be kept that way (a preference given up) and what was
 * broken before elsewhere (a drain repairs nothing there) is reported before anything
 * moves. Guests the plan leaves on the node are listed with the reason: stopped ones
 * (templates too) are only reported, nothing of theirs runs there; ignored ones stay as
 * the policy says, those running told as such (they go down with the node); other running
 * ones (local devices, strict pins, no room anywhere ...) would go down with the node,
 * which a drain refuses unless told otherwise.
 *
 * A restore moves back the guests the drain moved away, where that is still valid: the
 * node is online and out of maintenance, the guest still exists, may move, is allowed on
 * the node (strict pins), keeps strict apart rules, and the node has room for it: its
 * memory, and its local disks on the node's storages (counted as the planner counts them).
 */
import type {Move, Plan} from '../model/plan.js'
import type {NormalizedPolicy} from '../model/policy.js'
import {isRunning, type Snapshot} from '../model/snapshot.js'
import {formatBytes} from '../model/units.js'
import {type BrokenRule, ruleChanges, ruleKey, type PlanScope} from '../planner/index.js'
import {copiedDisks} from '../planner/build.js'
import {storageRule} from '../planner/rules/storage.js'
import {ClusterState} from '../planner/state.js'
import {compilePolicy} from '../policy/compile.js'
import type {MoveStanding} from './journal.js'

/** The policy for draining `node`: it joins the maintenance nodes; nothing moves for balance. */
export function drainPolicy(policy: NormalizedPolicy, node: string): NormalizedPolicy {
  const nodes = policy.maintenance.nodes.includes(node) ? policy.maintenance.nodes : [...policy.maintenance.nodes, node]
  return {...policy, balance: {...policy.balance, threshold: 100}, maintenance: {...policy.maintenance, nodes}}
}

/** Only the guests of the drained node may move. */
export function drainScope(node: string): PlanScope {
  return {nodes: [node]}
}

/** The user's policy again, as a restore needs it: `node` out of maintenance, balancing as it was written. */
export function restorePolicy(drained: NormalizedPolicy, original: NormalizedPolicy | undefined, node: string): NormalizedPolicy {
  if (original) return original
  return {...drained, maintenance: {...drained.maintenance, nodes: drained.maintenance.nodes.filter((n) => n !== node)}}
}

export interface LeftBehind {
  vmid: number
  name: string
  reason: string
  /** Of an ignored guest: it runs, and goes down with the node unless moved by hand. */
  running?: true
}

export interface DrainCheck {
  /** Running guests that cannot leave: the node will not be empty. */
  stuck: LeftBehind[]
  /** Stopped guests (templates included) that cannot leave: nothing of theirs runs there, they are reported only. */
  parked: LeftBehind[]
  /** Guests the policy ignores: reported, not moved (running ones marked). */
  ignored: LeftBehind[]
}

export interface DrainRules {
  /** Rules that held before the drain and its moves break: preferences it gives up for want of a better target. */
  givenUp: BrokenRule[]
  /** Rules broken before the drain that stay broken: a drain moves only its node's guests and repairs nothing else. */
  leftBroken: BrokenRule[]
}

/** What the drain `plan` does to the rules of `snapshot`: what it gives up, what it leaves broken. */
export function drainRules(snapshot: Snapshot, policy: NormalizedPolicy, plan: Plan, node: string): DrainRules {
  const {before, after} = ruleChanges(snapshot, policy, plan.moves)
  // The drained node keeping guests is the drain's own report (the guests that cannot leave).
  const others = after.filter((r) => !(r.kind === 'maintenance' && r.nodes.includes(node)))
  const held = new Set(before.map(ruleKey))
  return {givenUp: others.filter((r) => !held.has(ruleKey(r))), leftBroken: others.filter((r) => held.has(ruleKey(r)))}
}

/** The guests `plan` leaves on `node`, and why. */
export function guestsLeftBehind(snapshot: Snapshot, policy: NormalizedPolicy, plan: Plan, node: string): DrainCheck {
  const model = compilePolicy(snapshot, policy)
  const moving = new Set(plan.moves.map((m) => m.vmid))
  const warningOf = (vmid: number, code: string) => plan.warnings.find((w) => w.code === code && w.guests?.includes(vmid))
  const stuck: LeftBehind[] = []
  const parked: LeftBehind[] = []
  const ignored: LeftBehind[] = []
  const nodeIndex = model.nodes.findIndex((n) => n.name === node)
  const receivers = model.nodes.filter((n) => n.role === 'active' && n.index !== nodeIndex).map((n) => n.index)
  const storage = storageRule(model)
  const state = new ClusterState(model)
  // Why no receiver's storage takes the guest's disks, when none does (the first refusal).
  const disksNowhere = (guest: number): string | undefined => {
    const refusals = receivers.map((r) => storage.refuse(state, [guest], r, 'hard'))
    return refusals.length > 0 && refusals.every((why) => why !== undefined) ? refusals[0] : undefined
  }
  for (const g of model.guests) {
    if (g.node !== nodeIndex || moving.has(g.vmid)) continue
    const entry = (reason: string) => ({vmid: g.vmid, name: g.name, reason})
    const running = isRunning(g)
    const list = running ? stuck : parked
    if (g.ignored) ignored.push(running ? {...entry('ignored by the policy: it stays, and runs there'), running} : entry('ignored by the policy: it stays'))
    else if (!g.movable) list.push(entry(g.blockers.join('; ')))
    else if (g.allowed && !g.allowed.some((n) => receivers.includes(n))) list.push(entry(`pinned to ${g.allowed.map((n) => model.nodes[n].name).join(', ') || 'no node'} (a strict rule)`))
    else if (warningOf(g.vmid, 'no-room')) {
      const disks = disksNowhere(g.index)
      list.push(entry(disks ? `no node has room for its disks (${disks})` : `no node has room for it (${formatBytes(g.load.memory)})${plan.warnings.some((w) => w.code === 'budget') ? ' within the move budget' : ''}`))
    }
    else if (receivers.length === 0) list.push(entry('no other node can take guests (offline, ignored or in maintenance)'))
    else list.push(entry('no node can take it under the rules'))
  }
  return {stuck, parked, ignored}
}

export interface RestorePlan {
  /** How many guests the drain moved away from the node: the restore brings back these and nothing else. */
  drained: number
  moves: Move[]
  /** Guests the drain moved that stay where they are, and why. */
  staying: LeftBehind[]
  /** Why nothing can move back at all (the node is not back), if so. */
  blocked?: string
}

/**
 * The moves that bring back to `node` the guests the drain plan moved away from it
 * (the moves the journal saw done), on the live cluster `snapshot`.
 */
export function restoreMoves(snapshot: Snapshot, policy: NormalizedPolicy, drain: Plan, standings: readonly MoveStanding[], node: string): RestorePlan {
  const model = compilePolicy(snapshot, policy)
  const target = model.nodes.find((n) => n.name === node)
  const staying: LeftBehind[] = []
  const drained = drain.moves.filter((m, i) => m.from === node && standings[i]?.phase === 'verified').length
  if (!target) return {drained, moves: [], staying, blocked: `node ${node} is no longer in the cluster`}
  if (target.role === 'offline') return {drained, moves: [], staying, blocked: `${node} is not back yet: it is offline`}
  if (target.role === 'maintenance') return {drained, moves: [], staying, blocked: `${node} is still in maintenance (HA maintenance mode or the policy's maintenance.nodes): take it out first`}
  if (target.role === 'ignored') return {drained, moves: [], staying, blocked: `${node} is ignored by the policy: proxlb moves nothing to it`}

  const byVmid = new Map(model.guests.map((g) => [g.vmid, g]))
  let load = target.base.memory + model.guests.filter((g) => g.node === target.index).reduce((s, g) => s + g.load.memory, 0)
  const onTarget = new Set(model.guests.filter((g) => g.node === target.index).map((g) => g.index))
  const apart = model.rules.filter((r) => r.kind === 'apart' && r.strict)
  const storage = storageRule(model)
  const state = new ClusterState(model)
  const moves: Move[] = []
  drain.moves.forEach((drained, i) => {
    if (drained.from !== node || standings[i]?.phase !== 'verified') return
    const g = byVmid.get(drained.vmid)
    const stay = (reason: string) => staying.push({vmid: drained.vmid, name: drained.name, reason})
    if (!g) return stay('it no longer exists')
    if (g.node === target.index) return stay(`it is on ${node} already`)
    if (!g.movable) return stay(`it cannot move: ${g.blockers.join('; ')}`)
    if (g.allowed && !g.allowed.includes(target.index)) return stay(`a strict rule keeps it off ${node} now`)
    const rule = apart.find((r) => r.members.includes(g.index) && r.members.some((m) => m !== g.index && onTarget.has(m)))
    if (rule) return stay(`apart rule ${rule.name}: another member runs on ${node}`)
    if (load + g.load.memory > target.memoryLimit + 1e-6) return stay(`${node} has no room for it: ${formatBytes(load + g.load.memory)} of its ${formatBytes(target.memoryLimit)} limit`)
    const disks = storage.refuse(state, [g.index], target.index, 'hard')
    if (disks) return stay(disks)
    state.move(g.index, target.index)
    load += g.load.memory
    onTarget.add(g.index)
    const from = model.nodes[g.node].name
    moves.push({
      vmid: g.vmid,
      name: g.name,
      type: g.type,
      from,
      to: node,
      reason: 'maintenance',
      detail: `back to ${node}, where it ran before the drain`,
      wave: 1,
      method: g.method,
      withLocalDisks: g.withLocalDisks,
      memory: Math.round(g.load.memory),
      bytes: Math.round(g.bytes),
      ...copiedDisks(model, g.index, target.index),
      precondition: {node: from, status: g.status, ...(g.lock ? {lock: g.lock} : {})},
    })
  })
  // Waves as the limits allow: every move goes to the same node.
  const perWave = Math.max(1, Math.min(model.parallel, model.perNode))
  moves.forEach((m, i) => (m.wave = Math.floor(i / perWave) + 1))
  return {drained, moves, staying}
}
