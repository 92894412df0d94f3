/**
 * Execution order: in which order a set of migrations can run one after another so that
 * each is possible when its turn comes (its target has room and no apart rule breaks on
 * arrival), starting from the cluster as the snapshot found it.
 *
 * Moves are tried in the order given, again and again, each running as soon as it can;
 * that finds an order whenever the given one is valid, and usually when it is not. When
 * it gets stuck on a few moves (a cycle such as two full nodes swapping guests), every
 * order of those is searched; with more, there is no order.
 * Pure.
 */
import {Constraints} from './constraints.js'
import type {PlacementRule} from './rules/rule.js'
import type {ClusterState} from './state.js'

/** Exhaustive ordering is tried for at most this many stuck moves. */
const EXHAUSTIVE_LIMIT = 10

/**
 * An order found before, every move of it possible in its turn: `order` less the
 * `changed` guests is where `wanted` starts, in the same order and to the same targets.
 */
export interface EarlierOrder {
  order: readonly number[]
  changed: ReadonlySet<number>
  /** Where the earlier order sent each changed guest it held. */
  sentTo: ReadonlyMap<number, number>
  /**
   * The state whose placement `final` is, when the caller has it: the moves the earlier
   * order ran before its first changed guest can then be reached from that end, by
   * sending every later guest home, when that is the shorter way.
   */
  now?: ClusterState
  /**
   * A state of the same model, neither `initial` nor `now`, to work the order out on
   * instead of a clone (what it holds is overwritten). An order found leaves it holding
   * every guest where `final` has it.
   */
  scratch?: ClusterState
}

/**
 * The guests of `wanted` in an order in which each can migrate to `final[guest]`, or
 * undefined. With an `earlier` order, a move of it runs unchecked where nothing it depends
 * on differs from then: a migration is possible by what its target holds, and its target
 * holds what it held then unless a guest left out of the earlier order, or held back now,
 * came or went there. Checking would find the same.
 */
export function executionOrder(initial: ClusterState, final: Int32Array, wanted: readonly number[], rules: readonly PlacementRule[], earlier?: EarlierOrder): number[] | undefined {
  // Until its first changed guest, the earlier order runs as it did, unchecked.
  const unchanged = earlier ? unchangedPrefix(earlier) : 0
  const fromNow = earlier?.now !== undefined && earlier.order.length - unchanged < unchanged
  const start = fromNow ? earlier!.now! : initial
  const scratch = earlier?.scratch
  const state = scratch ?? start.clone()
  if (scratch) scratch.copyFrom(start)
  const constraints = new Constraints(state, rules)
  const possible = (g: number) => constraints.canPlace(g, final[g])
  // Its moves before the first changed guest, copied at once: an order runs to thousands of guests.
  const order: number[] = earlier ? earlier.order.slice(0, unchanged) : []
  const run = (g: number) => {
    state.move(g, final[g])
    order.push(g)
  }
  let pending: readonly number[] = wanted
  if (earlier) {
    const dirty = new Uint8Array(state.model.nodes.length)
    const waiting: number[] = []
    if (fromNow) {
      // Every guest the earlier order moved from its first changed one on, and the changed ones, home again.
      for (let i = unchanged; i < earlier.order.length; i++) state.move(earlier.order[i], initial.nodeOf(earlier.order[i]))
      for (const g of earlier.changed) state.move(g, initial.nodeOf(g))
    } else for (let i = 0; i < unchanged; i++) state.move(earlier.order[i], final[earlier.order[i]])
    let next = unchanged
    for (let i = unchanged; i < earlier.order.length; i++) {
      const g = earlier.order[i]
      if (earlier.changed.has(g)) {
        dirty[initial.nodeOf(g)] = dirty[earlier.sentTo.get(g)!] = 1
        continue
      }
      next++
      if (!dirty[final[g]] || possible(g)) run(g)
      else {
        waiting.push(g)
        dirty[initial.nodeOf(g)] = dirty[final[g]] = 1
      }
    }
    for (let i = next; i < wanted.length; i++) {
      const g = wanted[i]
      if (possible(g)) run(g)
      else waiting.push(g)
    }
    // As after any pass: stuck when nothing moved, else the next pass takes what waits.
    if (waiting.length === wanted.length) return finish(state, final, order, waiting, possible)
    pending = waiting
  }
  while (pending.length > 0) {
    const waiting: number[] = []
    for (let i = 0; i < pending.length; i++) {
      const g = pending[i]
      if (possible(g)) run(g)
      else waiting.push(g)
    }
    if (waiting.length === pending.length) break
    pending = waiting
  }
  return finish(state, final, order, pending, possible)
}

/** How many moves the earlier order ran before its first changed guest. */
function unchangedPrefix(earlier: EarlierOrder): number {
  const {order, changed} = earlier
  // A reroute changes a unit, a few guests: one native search of the order for each.
  let first = order.length
  for (const g of changed) {
    const at = order.indexOf(g)
    if (at >= 0 && at < first) first = at
  }
  return first
}

/** The order so far and, for the few moves still stuck, every order of them tried. */
function finish(state: ClusterState, final: Int32Array, order: number[], pending: readonly number[], possible: (g: number) => boolean): number[] | undefined {
  if (pending.length === 0) return order
  if (pending.length > EXHAUSTIVE_LIMIT) return undefined
  const rest = searchOrder(state, final, pending, possible)
  return rest && [...order, ...rest]
}

/** Depth-first search over the orders of a few moves, remembering dead ends. */
function searchOrder(state: ClusterState, final: Int32Array, moves: readonly number[], possible: (g: number) => boolean): number[] | undefined {
  const dead = new Set<number>()
  const path: number[] = []
  const visit = (done: number): boolean => {
    if (done === (1 << moves.length) - 1) return true
    if (dead.has(done)) return false
    for (let i = 0; i < moves.length; i++) {
      if (done & (1 << i)) continue
      const g = moves[i]
      if (!possible(g)) continue
      const from = state.nodeOf(g)
      state.move(g, final[g])
      path.push(g)
      if (visit(done | (1 << i))) return true
      path.pop()
      state.move(g, from)
    }
    dead.add(done)
    return false
  }
  return visit(0) ? path : undefined
}
