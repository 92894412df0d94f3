/**
 * A lower bound on the migrations any plan needs to bring a cluster's spread within a
 * threshold, for the benchmark to say how far a plan is from the best possible. Memory
 * method only (the benchmark's policy); rules, capacity and the order of moves are
 * ignored, so the bound is optimistic: no plan, ours or another balancer's, can do with
 * fewer moves.
 *
 * Every plan within the threshold leaves the active nodes' utilisations in some window
 * [a, a + threshold]. For one window: a node above it must shed at least its excess,
 * which takes at least as many of its movable guests as its largest ones need; the
 * nodes below must receive at least what they miss, which the guests moved off the
 * other nodes must carry, and a node giving c guests gives at most its c largest. So
 * the fewest moves for the window are the nodes above shedding their largest guests,
 * plus the largest guests left anywhere but below until they carry what is missing
 * (the largest first is optimal, as each node's next guest is never larger than the
 * one before). Between two values of a where a node crosses the window's edge or a
 * node above needs one guest fewer, the count only grows with a, so the least count is
 * found at those values, all of them tried.
 */
import type {PlacementModel} from '../src/policy/compile.js'

interface NodeFacts {
  utilisation: number
  /** Bytes per percentage point. */
  perPoint: number
  /** Movable guests' memory, largest first. */
  guests: number[]
}

export function fewestMovesBound(model: PlacementModel, threshold: number): number {
  if (model.method !== 'memory') throw new Error('fewestMovesBound: memory method only')
  const nodes: NodeFacts[] = model.nodes
    .filter((n) => n.role === 'active')
    .map((n) => {
      const mine = model.guests.filter((g) => g.node === n.index)
      const load = n.base.memory + mine.reduce((sum, g) => sum + g.load.memory, 0)
      const guests = mine.filter((g) => g.movable && g.load.memory > 0).map((g) => g.load.memory).sort((a, b) => b - a)
      return {utilisation: (100 * load) / n.capacity.memory, perPoint: n.capacity.memory / 100, guests}
    })
  if (nodes.length < 2) return 0
  const lowest = Math.min(...nodes.map((n) => n.utilisation))
  const highest = Math.max(...nodes.map((n) => n.utilisation))
  if (highest - lowest <= threshold) return 0
  const edges = new Set<number>()
  for (const n of nodes) {
    edges.add(n.utilisation)
    let shed = 0
    edges.add(n.utilisation - threshold)
    for (const size of n.guests) {
      shed += size
      edges.add(n.utilisation - threshold - shed / n.perPoint)
    }
  }
  // Every movable guest, largest first, with its node and its rank there.
  const all = nodes.flatMap((n, node) => n.guests.map((size, rank) => ({size, node, rank}))).sort((x, y) => y.size - x.size)
  let best = Infinity
  for (const edge of edges) {
    const a = edge + 1e-9
    if (a >= lowest && a <= highest - threshold) best = Math.min(best, movesFor(nodes, all, a, threshold))
  }
  return best
}

/** The fewest moves for the window [a, a + threshold], Infinity when a node above cannot get inside. */
function movesFor(nodes: readonly NodeFacts[], all: readonly {size: number; node: number; rank: number}[], a: number, threshold: number): number {
  let moves = 0
  let carried = 0
  let missing = 0
  // Guests each node must shed (its largest), -1 for the nodes below the window.
  const shed = nodes.map((n) => {
    if (n.utilisation < a) {
      missing += (a - n.utilisation) * n.perPoint
      return -1
    }
    let excess = (n.utilisation - a - threshold) * n.perPoint
    let count = 0
    for (; excess > 0 && count < n.guests.length; count++) {
      excess -= n.guests[count]
      carried += n.guests[count]
    }
    moves += count
    return excess > 0 ? Infinity : count
  })
  if (shed.includes(Infinity)) return Infinity
  for (const {size, node, rank} of all) {
    if (carried >= missing) break
    if (shed[node] < 0 || rank < shed[node]) continue
    carried += size
    moves++
  }
  return carried >= missing ? moves : Infinity
}
