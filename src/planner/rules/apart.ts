/**
 * Apart: no two guests of a group on one node (policy `apart` rules, ProxLB's
 * `plb_exclude_*` / `plb_anti_affinity_*` tags, Proxmox HA negative resource affinity).
 *
 * Checks: a node holding two or more guests of a group.
 * Forbids: a move onto a node that holds another guest of the group, and moving two of
 * them as one unit (a together group that is also kept apart cannot move).
 * Repairs: with k guests of a group on one node, moves exactly k - 1 of them, the
 * cheapest to move (fewest guests moving with them, then fewest bytes), each to the node
 * without a member that leaves the cluster best balanced. The one that stays is the
 * most expensive to move; guests that cannot move stay first. Nobody else moves.
 */
import type {ModelRule, PlacementModel} from '../../policy/compile.js'
import {ruleHolds, RulesByGuest} from '../../policy/rules.js'
import type {Draft} from '../draft.js'
import type {ClusterState} from '../state.js'
import {describeGuests, toWarning} from './explain.js'
import type {PlacementRule, Violation} from './rule.js'

interface NodeEntry {
  version: number
  lowest?: Map<ModelRule, [number, number]>
}

export function apartRule(model: PlacementModel): PlacementRule {
  const rules = model.rules.filter((r) => r.kind === 'apart')
  const strictOf: ModelRule[][] = model.guests.map(() => [])
  const preferredOf: ModelRule[][] = model.guests.map(() => [])
  for (const rule of rules) for (const m of rule.members) (rule.strict ? strictOf : preferredOf)[m].push(rule)
  const byGuest = new RulesByGuest(rules, model.guests.length)
  const count = new Int32Array(model.nodes.length)
  // Per state, per node: the two lowest members of each rule the node holds, for as long
  // as the node's guests stay the same (its version), so that a check costs the rules of
  // the guests moving rather than every member of those rules. Made on a node's second
  // check at one version: a state that changes after every check (putting moves in order)
  // scans the members instead.
  const cache = new WeakMap<ClusterState, (NodeEntry | undefined)[]>()
  const onNode = (state: ClusterState, node: number): Map<ModelRule, [number, number]> | undefined => {
    let nodes = cache.get(state)
    if (!nodes) cache.set(state, (nodes = []))
    const entry = nodes[node]
    if (!entry || entry.version !== state.version[node]) {
      nodes[node] = {version: state.version[node]}
      return undefined
    }
    if (entry.lowest) return entry.lowest
    const lowest = new Map<ModelRule, [number, number]>()
    for (const g of state.guestsOn(node)) {
      for (const rule of byGuest.of(g)) {
        const pair = lowest.get(rule)
        if (!pair) lowest.set(rule, [g, -1])
        else if (g < pair[0]) {
          pair[1] = pair[0]
          pair[0] = g
        } else if (pair[1] < 0 || g < pair[1]) pair[1] = g
      }
    }
    return (entry.lowest = lowest)
  }

  return {
    kind: 'apart',
    perMigration: true,
    local: true,

    refuse(state, unit, target, level) {
      const on = onNode(state, target)
      for (const m of unit) {
        for (const rule of strictOf[m]) {
          const other = on ? peerIn(on, rule, m, unit) : peerOn(state, rule, m, unit, target)
          if (other !== undefined) return `apart rule ${rule.name}: ${model.guests[other].name} is on ${model.nodes[target].name}`
        }
        if (level === 'hard') continue
        for (const rule of preferredOf[m]) {
          const other = on ? peerIn(on, rule, m, unit) : peerOn(state, rule, m, unit, target)
          if (other !== undefined) return `apart preference ${rule.name}: ${model.guests[other].name} is on ${model.nodes[target].name}`
        }
      }
      return undefined
    },

    violations(state, strict, guests) {
      const out: Violation[] = []
      for (const rule of byGuest.holding(guests)) {
        if (rule.strict !== strict) continue
        // Members per node, counted in a scratch array (zero again after each rule): most
        // rules hold, and then nothing else is made.
        const {members} = rule
        let shared = false
        for (let i = 0; i < members.length; i++) if (++count[state.nodeOf(members[i])] === 2) shared = true
        if (shared) {
          const nodes: number[] = []
          for (let i = 0; i < members.length; i++) {
            const node = state.nodeOf(members[i])
            if (count[node] > 1) {
              nodes.push(node)
              count[node] = -count[node]
            }
          }
          nodes.sort((a, b) => a - b)
          for (const node of nodes) {
            const on = members.filter((m) => state.nodeOf(m) === node)
            out.push({kind: 'apart', rule, strict, guests: on, nodes: [node], size: on.length - 1})
          }
        }
        for (let i = 0; i < members.length; i++) count[state.nodeOf(members[i])] = 0
      }
      return out
    },

    repair(draft, strict) {
      for (const v of this.violations(draft.state, strict)) separate(draft, v, strict)
    },

    explain(draft, v) {
      const receivers = draft.state.active.length
      const label = v.strict ? 'apart rule' : 'apart preference'
      const node = model.nodes[v.nodes[0]].name
      const stuck = v.guests.filter((g) => !model.guests[g].movable)
      const why =
        v.rule!.members.length > receivers
          ? `it has ${v.rule!.members.length} guests but only ${receivers} nodes can receive guests`
          : stuck.length > 1
            ? `${describeGuests(model, stuck)} cannot move`
            : `no node without one of them has room for the others within the other rules${draft.budgetHit ? ' and the budget' : ''}`
      return toWarning(model, 'unsatisfiable', v, `${label} ${v.rule!.name}: ${describeGuests(model, v.guests)} share ${node}; ${why}`)
    },
  }
}

/**
 * Another guest of the rule on `target`, or arriving there with `unit`: a unit migrates
 * guest by guest, so two of a group in one unit meet on arrival. The lowest such guest.
 */
function peerOn(state: ClusterState, rule: ModelRule, guest: number, unit: readonly number[], target: number): number | undefined {
  for (const other of rule.members) {
    if (other !== guest && (state.nodeOf(other) === target || unit.includes(other))) return other
  }
  return undefined
}

/** The same as `peerOn`, from `on`: the two lowest guests of each rule on the target. */
function peerIn(on: Map<ModelRule, [number, number]>, rule: ModelRule, guest: number, unit: readonly number[]): number | undefined {
  const pair = on.get(rule)
  let peer = pair ? (pair[0] !== guest ? pair[0] : pair[1]) : -1
  if (unit.length > 1) {
    for (const other of unit) if (other !== guest && (peer < 0 || other < peer) && ruleHolds(rule, other)) peer = other
  }
  return peer < 0 ? undefined : peer
}

/** Moves all but one of the group's guests on the violation's node: the cheapest ones. */
function separate(draft: Draft, v: Violation, strict: boolean): void {
  const {model, state} = draft
  const node = v.nodes[0]
  const members = new Set(v.rule!.members)
  const candidates = v.guests
    .map((g) => ({g, unit: draft.unit(g, 'soft')}))
    // A unit holding two of the group keeps them together wherever it goes.
    .filter(({unit}) => unit.filter((u) => members.has(u)).length === 1 && unit.every((u) => model.guests[u].movable))
    .map(({g, unit}) => ({g, size: unit.length, bytes: unit.reduce((sum, u) => sum + model.guests[u].bytes, 0)}))
    .sort((a, b) => a.size - b.size || a.bytes - b.bytes || a.g - b.g)
  // Members of the group on each node: a guest can only go where there is none (any other
  // target the rule refuses), and when no node is without one, nothing is asked at all.
  const count = new Int32Array(model.nodes.length)
  for (const m of v.rule!.members) count[state.nodeOf(m)]++
  const free = (t: number) => count[t] === 0
  for (const {g} of candidates) {
    if (count[node] <= 1 || !state.active.some(free)) return
    if (state.nodeOf(g) !== node || !draft.relocate(g, strict, free)) continue
    count[node]--
    count[state.nodeOf(g)]++
  }
}
