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
import {type PlacementRule, REFUSED, type Violation} from './rule.js'

/**
 * Per state, per node: the two lowest members of each rule the node holds, for as long as
 * the node's guests stay the same (its version), so that a check costs the rules of the
 * guests moving rather than every member of those rules. Made on a node's second check at
 * one version: a state that changes after every check (putting moves in order) scans the
 * members instead. Flat arrays by rule × node; a slot counts only when it carries the
 * stamp of its node's latest making.
 */
class LowestMembers {
  /** By node: its version + 1 at its last check, and when its slots were last made. */
  readonly checkedAt: Int32Array
  readonly madeAt: Int32Array
  /** By node: the stamp of its latest making. */
  readonly stampOf: Int32Array
  /**
   * By rule × nodes + node: the making the slot is from, the lowest member, the next lowest
   * (-1: none). Made at the first making: a state that is cloned to put moves in order, and
   * changes after every check, never needs them (thousands of clones, each a megabyte).
   */
  stamp = EMPTY
  first = EMPTY
  second = EMPTY
  stamps = 0
  private readonly slots: number

  constructor(rules: number, nodes: number) {
    this.checkedAt = new Int32Array(nodes)
    this.madeAt = new Int32Array(nodes)
    this.stampOf = new Int32Array(nodes)
    this.slots = rules * nodes
  }

  /** The next making's stamp, the slots made first when there are none yet. */
  nextStamp(): number {
    if (this.stamp.length !== this.slots) {
      this.stamp = new Int32Array(this.slots)
      this.first = new Int32Array(this.slots)
      this.second = new Int32Array(this.slots)
    }
    return ++this.stamps
  }
}

const EMPTY = new Int32Array(0)

export function apartRule(model: PlacementModel): PlacementRule {
  const rules = model.rules.filter((r) => r.kind === 'apart')
  const nodeCount = model.nodes.length
  /** By guest: the indexes (in `rules`) of its strict rules, of its preferences, of all its rules. */
  const strictOf: number[][] = model.guests.map(() => [])
  const preferredOf: number[][] = model.guests.map(() => [])
  const rulesOf: number[][] = model.guests.map(() => [])
  rules.forEach((rule, r) => {
    for (const m of rule.members) {
      ;(rule.strict ? strictOf : preferredOf)[m].push(r)
      rulesOf[m].push(r)
    }
  })
  const byGuest = new RulesByGuest(rules, model.guests.length)
  const count = new Int32Array(nodeCount)
  const cache = new WeakMap<ClusterState, LowestMembers>()
  let lastState: ClusterState | undefined
  let lastLowest: LowestMembers | undefined
  // Beyond a few million slots (12 bytes each, per state) every check scans the members.
  const indexed = rules.length * nodeCount <= 1 << 21
  /**
   * The stamp under which `node`'s slots (in `lastLowest`, made the state's here) hold, or
   * 0 when they are not made (yet) at its version. A number, not an object: it is asked
   * for every move the searches consider.
   */
  const onNode = (state: ClusterState, node: number): number => {
    if (!indexed) return 0
    if (state !== lastState) {
      lastState = state
      lastLowest = cache.get(state)
      if (!lastLowest) cache.set(state, (lastLowest = new LowestMembers(rules.length, nodeCount)))
    }
    const lowest = lastLowest!
    const version = state.version[node] + 1
    if (lowest.madeAt[node] === version) return lowest.stampOf[node]
    if (lowest.checkedAt[node] !== version) {
      lowest.checkedAt[node] = version
      return 0
    }
    const stamp = lowest.nextStamp()
    lowest.madeAt[node] = version
    lowest.stampOf[node] = stamp
    const guests = state.guestsOn(node)
    for (let i = 0; i < guests.length; i++) {
      const g = guests[i]
      const of = rulesOf[g]
      for (let j = 0; j < of.length; j++) {
        const k = of[j] * nodeCount + node
        if (lowest.stamp[k] !== stamp) {
          lowest.stamp[k] = stamp
          lowest.first[k] = g
          lowest.second[k] = -1
        } else if (g < lowest.first[k]) {
          lowest.second[k] = lowest.first[k]
          lowest.first[k] = g
        } else if (lowest.second[k] < 0 || g < lowest.second[k]) lowest.second[k] = g
      }
    }
    return stamp
  }

  /** Another guest of rule `r` on `target` or arriving with `unit` (the lowest), or -1; `stamp`: what onNode said of `target` just before. */
  const peer = (state: ClusterState, stamp: number, r: number, m: number, unit: readonly number[], target: number): number => {
    if (stamp === 0) return peerOn(state, rules[r], m, unit, target)
    const lowest = lastLowest!
    const k = r * nodeCount + target
    let other = lowest.stamp[k] !== stamp ? -1 : lowest.first[k] !== m ? lowest.first[k] : lowest.second[k]
    if (unit.length > 1) {
      for (const u of unit) if (u !== m && (other < 0 || u < other) && ruleHolds(rules[r], u)) other = u
    }
    return other
  }

  return {
    kind: 'apart',
    perMigration: true,
    local: true,

    refuse(state, unit, target, level, quiet) {
      const made = onNode(state, target)
      for (let i = 0; i < unit.length; i++) {
        const m = unit[i]
        const strict = strictOf[m]
        for (let j = 0; j < strict.length; j++) {
          const other = peer(state, made, strict[j], m, unit, target)
          if (other >= 0) return quiet ? REFUSED : `apart rule ${rules[strict[j]].name}: ${model.guests[other].name} is on ${model.nodes[target].name}`
        }
        if (level === 'hard') continue
        const preferred = preferredOf[m]
        for (let j = 0; j < preferred.length; j++) {
          const other = peer(state, made, preferred[j], m, unit, target)
          if (other >= 0) return quiet ? REFUSED : `apart preference ${rules[preferred[j]].name}: ${model.guests[other].name} is on ${model.nodes[target].name}`
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
 * guest by guest, so two of a group in one unit meet on arrival. The lowest such guest, or -1.
 */
function peerOn(state: ClusterState, rule: ModelRule, guest: number, unit: readonly number[], target: number): number {
  for (const other of rule.members) {
    if (other !== guest && (state.nodeOf(other) === target || unit.includes(other))) return other
  }
  return -1
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
