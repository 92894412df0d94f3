/**
 * Together: all guests of a group on one node (policy `together` rules, ProxLB's
 * `plb_include_*` / `plb_affinity_*` tags, Proxmox HA positive resource affinity).
 *
 * Checks: a group spread over several nodes is broken.
 * Forbids: moving some of a group's guests on a node without the others there (the
 * guests of a group on one node move as one unit, so a move never spreads a group).
 * Repairs: gathers a broken group on the node that needs the fewest moves (then the
 * fewest bytes) and has room, moving whole parts of it; guests that cannot move fix the
 * node.
 * Groups overlap: two rules sharing a guest form one group. Preferences (non-strict
 * rules) form groups of their own on top of the strict ones.
 */
import type {Load, ModelRule, PlacementModel} from '../../policy/compile.js'
import {RulesByGuest} from '../../policy/rules.js'
import type {Draft, Trail} from '../draft.js'
import {loadOf} from '../objective.js'
import type {ClusterState} from '../state.js'
import {hasRoom} from './capacity.js'
import {describeGuests, describeNodes, nodesOf, toWarning} from './explain.js'
import {type Level, type PlacementRule, REFUSED, type Violation} from './rule.js'

/** The together groups of a model: strict ones, and strict and preferred ones merged. */
export class TogetherGroups {
  /** Members of each guest's strict group (itself alone when in none), ascending. */
  private readonly strict: number[][]
  /** The same with preferences merged in. */
  private readonly soft: number[][]

  constructor(model: PlacementModel) {
    const together = model.rules.filter((r) => r.kind === 'together')
    this.strict = groupsOf(model.guests.length, together.filter((r) => r.strict))
    this.soft = groupsOf(model.guests.length, together)
  }

  group(guest: number, level: Level): readonly number[] {
    return (level === 'hard' ? this.strict : this.soft)[guest]
  }

  /** The members of a guest's group on its node: what moves as one with it. */
  part(state: ClusterState, guest: number, level: Level): number[] {
    const group = this.group(guest, level)
    if (group.length === 1) return [guest]
    const node = state.nodeOf(guest)
    return group.filter((g) => state.nodeOf(g) === node)
  }
}

function groupsOf(count: number, rules: readonly ModelRule[]): number[][] {
  const parent = Int32Array.from({length: count}, (_, i) => i)
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]]
    return x
  }
  for (const rule of rules) for (const m of rule.members.slice(1)) parent[find(m)] = find(rule.members[0])
  const byRoot = new Map<number, number[]>()
  for (let g = 0; g < count; g++) {
    const root = find(g)
    const list = byRoot.get(root)
    if (list) list.push(g)
    else byRoot.set(root, [g])
  }
  return Array.from({length: count}, (_, g) => byRoot.get(find(g))!)
}

export function togetherRule(model: PlacementModel, groups: TogetherGroups): PlacementRule {
  const rules = model.rules.filter((r) => r.kind === 'together')
  const byGuest = new RulesByGuest(rules, model.guests.length)
  const strictGroups = uniqueGroups(model, groups, 'hard')

  return {
    kind: 'together',
    perMigration: false,
    local: true,

    refuse(state, unit, target, level, quiet) {
      for (const lvl of level === 'hard' ? (['hard'] as const) : (['hard', 'soft'] as const)) {
        for (const m of unit) {
          const group = groups.group(m, lvl)
          if (group.length === 1) continue
          const source = state.nodeOf(m)
          const left = group.find((o) => state.nodeOf(o) === source && !unit.includes(o))
          if (left !== undefined) return quiet ? REFUSED : `${lvl === 'hard' ? 'together rule' : 'together preference'}: ${model.guests[left].name} stays on ${model.nodes[source].name}`
        }
      }
      return undefined
    },

    violations(state, strict, guests) {
      return byGuest.holding(guests).filter((r) => r.strict === strict).flatMap<Violation>((rule) => {
        const counts = new Map<number, number>()
        for (const m of rule.members) counts.set(state.nodeOf(m), (counts.get(state.nodeOf(m)) ?? 0) + 1)
        if (counts.size < 2) return []
        const size = rule.members.length - Math.max(...counts.values())
        return [{kind: 'together', rule, strict, guests: rule.members, nodes: [...counts.keys()].sort((a, b) => a - b), size}]
      })
    },

    repair(draft, strict) {
      if (strict) {
        for (const group of strictGroups) {
          const names = rules.filter((r) => r.strict && r.members.some((m) => group.includes(m))).map((r) => r.name)
          gather(draft, group, 'hard')
        }
      } else {
        for (const rule of rules.filter((r) => !r.strict)) gather(draft, rule.members, 'soft')
      }
    },

    explain(draft, v) {
      const {model, state} = draft
      const label = v.strict ? 'together rule' : 'together preference'
      const stuck = v.guests.filter((g) => !model.guests[g].movable)
      const why = stuck.length > 0
        ? `${describeGuests(model, stuck)} cannot move and no node that holds them has room for the rest`
        : 'no node has room for all of them within the other rules'
      return toWarning(model, 'unsatisfiable', v, `${label} ${v.rule!.name}: ${describeGuests(model, v.guests)} are split over ${describeNodes(model, nodesOf(state, v.guests))} and cannot be gathered: ${why}${draft.budgetHit ? ' (or the budget ran out)' : ''}`)
    },
  }
}

function uniqueGroups(model: PlacementModel, groups: TogetherGroups, level: Level): (readonly number[])[] {
  const seen = new Set<readonly number[]>()
  for (const g of model.guests) {
    const group = groups.group(g.index, level)
    if (group.length > 1) seen.add(group)
  }
  return [...seen]
}

/** What moving `movers` (parts of a group) costs: the parts, largest first, their guests, load and bytes. */
function gathering(model: PlacementModel, state: ClusterState, movers: number[][]): {movers: number[][]; guests: number[]; load: Load; bytes: number} {
  const guests = movers.flat()
  return {
    movers: movers.sort((a, b) => b.length - a.length || a[0] - b[0]),
    guests,
    load: loadOf(state, guests),
    bytes: guests.reduce((sum, g) => sum + model.guests[g].bytes, 0),
  }
}

/**
 * Gathers `members` on one node: the one that leaves the fewest of them elsewhere, then
 * moves the fewest guests and bytes, and can take them all. Parts (the members on one
 * node, with whatever moves as one with them) move whole; a part holding a guest that
 * cannot move stays, so with such parts on several nodes the group can only be gathered
 * on one of those, partly. When no node takes every part, as many parts as fit join
 * the node that already holds most of the group.
 */
function gather(draft: Draft, members: readonly number[], level: Level): void {
  const {state, model} = draft
  // The members by node, nodes in the order their first member comes, in one pass.
  const byNode = new Map<number, Set<number>>()
  for (const m of members) {
    const node = state.nodeOf(m)
    let part = byNode.get(node)
    if (!part) byNode.set(node, (part = new Set<number>()))
    for (const u of draft.unit(m, level)) part.add(u)
  }
  const parts = new Map<number, number[]>()
  for (const [node, part] of byNode) parts.set(node, [...part].sort((a, b) => a - b))
  if (parts.size < 2) return
  const anchored = new Set([...parts].filter(([, part]) => part.some((g) => !model.guests[g].movable)).map(([node]) => node))
  const candidates = anchored.size > 0 ? [...anchored] : [...new Set([...parts.keys(), ...state.active])]
  const movable = (node: number) => [...parts].filter(([n]) => n !== node && !anchored.has(n)).map(([, part]) => part)
  const left = (node: number) => [...anchored].filter((n) => n !== node).reduce((sum, n) => sum + parts.get(n)!.length, 0)

  // Every node that could take the parts, best first; the rules are asked about each in
  // that order only until one takes them all (most groups gather on their first). A node
  // that holds no part takes them all, the same for each such node: worked out once (the
  // together repairs of a 100-node cluster made the same sums for every node of it).
  const everyPart = anchored.size === 0 ? gathering(model, state, [...parts.values()]) : undefined
  const options = candidates.flatMap((node) => {
    const all = everyPart && !parts.has(node) ? everyPart : gathering(model, state, movable(node))
    if (all.movers.length === 0 || !hasRoom(state, node, all.load.memory)) return []
    return [{node, movers: all.movers, left: left(node), moves: all.guests.length, bytes: all.bytes, after: state.utilisationWith(node, all.load, 1)}]
  })
  options.sort((a, b) => a.left - b.left || a.moves - b.moves || a.bytes - b.bytes || a.after - b.after || a.node - b.node)

  const tryPart = (part: number[], node: number, trail?: Trail) => {
    if (!draft.allows(part, node, level)) return false
    return trail ? trail.place(part, node) : draft.place(part, node)
  }
  for (const option of options) {
    if (option.movers.some((part) => draft.refusal(part, option.node, level, true) !== undefined)) continue
    const trail = draft.trail()
    if (option.movers.every((part) => tryPart(part, option.node, trail))) return
    trail.back()
  }
  // No node takes them all: gather what fits where most of the group already is.
  const most = [...candidates].filter((n) => model.nodes[n].role === 'active' || parts.has(n))
  most.sort((a, b) => (parts.get(b)?.length ?? 0) - (parts.get(a)?.length ?? 0) || a - b)
  for (const node of most.filter((n) => parts.has(n))) {
    let moved = false
    for (const part of movable(node).sort((a, b) => b.length - a.length || a[0] - b[0])) moved = tryPart(part, node) || moved
    if (moved) return
  }
}
