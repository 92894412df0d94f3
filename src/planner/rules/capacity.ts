/**
 * Capacity: a node's memory load (as the policy's mode counts it) stays within its
 * limit, its capacity minus the headroom and its reserve. (Whether copied local disks fit
 * is the storage rule's question, per storage: storage.ts.)
 *
 * Checks: an active node already over its memory limit is broken (it may have been
 * overcommitted before, or the policy's headroom is new).
 * Forbids: a move that would take a target's memory over its limit. Asked against the state at that moment, so guests sent to the
 * same node one after another add up.
 * Repairs: moves guests off a node over its limit with the fewest moves: one guest big
 * enough to cover the excess if there is one (the one that moves the fewest bytes), else
 * the largest that can go, and again.
 */
import {formatBytes} from '../../model/units.js'
import type {PlacementModel} from '../../policy/compile.js'
import type {Draft} from '../draft.js'
import type {ClusterState} from '../state.js'
import {toWarning} from './explain.js'
import {type PlacementRule, REFUSED} from './rule.js'

/** `memory` more bytes keep `target` within its memory limit: what the rule refuses a move by. */
export function hasRoom(state: ClusterState, target: number, memory: number): boolean {
  return state.loads[target].memory + memory <= state.model.nodes[target].memoryLimit
}

/** `target` has memory for the guests of `unit`: exactly when the rule lets it go there. */
export function roomFor(state: ClusterState, unit: readonly number[], target: number): boolean {
  return hasRoom(state, target, memoryOf(state, unit))
}

/** The memory the guests of `unit` take, as the rule sums it. */
export function memoryOf(state: ClusterState, unit: readonly number[]): number {
  let memory = 0
  for (const g of unit) memory += state.model.guests[g].load.memory
  return memory
}

export function capacityRule(model: PlacementModel): PlacementRule {
  return {
    kind: 'capacity',
    perMigration: true,
    local: true,

    refuse(state, unit, target, _level, quiet) {
      return roomFor(state, unit, target) ? undefined : quiet ? REFUSED : `${model.nodes[target].name} has no room for its memory`
    },

    violations(state, strict) {
      if (!strict) return []
      return state.active.filter((n) => state.memoryExcess(n) > 0).map((n) => ({kind: 'capacity' as const, strict: true, guests: [], nodes: [n], size: 1}))
    },

    repair(draft, strict) {
      if (!strict) return
      const {state} = draft
      for (const node of state.active) {
        if (state.memoryExcess(node) <= 0) continue
        const tried = new Set<number>()
        // The node's units, ordered once: a node far over its limit sheds hundreds, one at a time.
        let {byCost, byMemory} = sheddable(draft, node)
        const goes = (u: Shed) => {
          tried.add(u.unit[0])
          return draft.relocate(u.unit[0], true)
        }
        for (;;) {
          const excess = state.memoryExcess(node)
          if (excess <= 0) break
          // Those that cover the excess, fewest guests and bytes first; then the largest first.
          let next = byCost.find((u) => u.memory >= excess && !tried.has(u.unit[0]) && goes(u))
          next ??= byMemory.find((u) => u.memory < excess && !tried.has(u.unit[0]) && goes(u))
          if (!next) break
          // Only its strict part left (the rest stays with preferences broken): the units on the node changed.
          if (next.unit.some((m) => state.nodeOf(m) === node)) ({byCost, byMemory} = sheddable(draft, node))
        }
      }
    },

    explain(draft, v) {
      const node = model.nodes[v.nodes[0]]
      const load = draft.state.loads[node.index].memory
      return toWarning(model, 'no-room', v, `${node.name} holds ${formatBytes(load)} of memory, above its limit of ${formatBytes(node.memoryLimit)} (capacity less headroom and reserve), and no guest on it can move to a node with room${draft.budgetHit ? ' within the budget' : ''}`)
    },
  }
}

/** A unit the capacity repair may send away, with what it frees and what moving it costs. */
interface Shed {
  unit: number[]
  memory: number
  bytes: number
}

/**
 * The movable units on `node` that hold memory, in the two orders the repair tries them
 * in: by cost (fewest guests, then fewest bytes) for those that cover the excess, by
 * memory (largest first) for the others; ties by first guest. A unit sent away entirely
 * leaves the others as they were (a unit is its together group's members on the node).
 */
function sheddable(draft: Draft, node: number): {byCost: Shed[]; byMemory: Shed[]} {
  const {model, state} = draft
  const units = new Map<number, Shed>()
  for (const g of state.guestsOn(node)) {
    const unit = draft.unit(g, 'soft')
    if (units.has(unit[0]) || unit.some((m) => !model.guests[m].movable)) continue
    const memory = unit.reduce((sum, m) => sum + model.guests[m].load.memory, 0)
    if (memory > 0) units.set(unit[0], {unit, memory, bytes: unit.reduce((sum, m) => sum + model.guests[m].bytes, 0)})
  }
  const all = [...units.values()]
  return {
    byCost: [...all].sort((a, b) => a.unit.length - b.unit.length || a.bytes - b.bytes || a.unit[0] - b.unit[0]),
    byMemory: all.sort((a, b) => b.memory - a.memory || a.unit[0] - b.unit[0]),
  }
}
