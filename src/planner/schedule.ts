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
 * The guests of `wanted` in an order in which each can migrate to `final[guest]`, or
 * undefined. The first `known` of them are known to run in their order (a prefix of an
 * order found before, with the same targets): they go first, unchecked, as checking
 * would find.
 */
export function executionOrder(initial: ClusterState, final: Int32Array, wanted: readonly number[], rules: readonly PlacementRule[], known = 0): number[] | undefined {
  const state = initial.clone()
  const constraints = new Constraints(state, rules)
  const possible = (g: number) => constraints.canPlace(g, final[g])
  const order: number[] = wanted.slice(0, known)
  for (const g of order) state.move(g, final[g])
  let pending = wanted.slice(known)
  while (pending.length > 0) {
    const waiting: number[] = []
    for (const g of pending) {
      if (possible(g)) {
        state.move(g, final[g])
        order.push(g)
      } else waiting.push(g)
    }
    if (waiting.length === pending.length) break
    pending = waiting
  }
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
