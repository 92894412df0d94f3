/**
 * The classic greedy balancer, as most Proxmox balancers do it, for comparison: while
 * the spread exceeds the threshold, move the largest guest of the most utilised node to
 * the least utilised node (the largest that fits there), each guest at most once. It
 * knows guests that cannot move and node capacity, and nothing of placement rules or
 * maintenance. Loads and utilisations are proxlb's (the compiled placement model), so
 * the comparison is about the search alone.
 */
import type {PlacementModel} from '../../src/policy/compile.js'
import {utilisations} from './check.js'

/** The node of each guest after greedy balancing. */
export function greedyBaseline(model: PlacementModel): Int32Array {
  const placement = Int32Array.from(model.guests, (g) => g.node)
  const memory = model.nodes.map((n) => n.base.memory)
  model.guests.forEach((g) => (memory[g.node] += g.load.memory))
  const weight = model.weights
  const size = (g: number) => {
    const l = model.guests[g].load
    return weight.memory * l.memory + weight.cpu * l.cpu * 2 ** 30 + weight.disk * l.disk
  }
  const moved = new Set<number>()
  for (;;) {
    const u = [...utilisations(model, placement)].sort((a, b) => b[1] - a[1] || a[0] - b[0])
    if (u.length < 2 || u[0][1] - u[u.length - 1][1] <= model.threshold) break
    const [source] = u[0]
    const [target] = u[u.length - 1]
    const candidates = model.guests
      .filter((g) => placement[g.index] === source && g.movable && !moved.has(g.index))
      .map((g) => g.index)
      .sort((a, b) => size(b) - size(a) || a - b)
    const guest = candidates.find((g) => memory[target] + model.guests[g].load.memory <= model.nodes[target].memoryLimit)
    if (guest === undefined) break
    memory[source] -= model.guests[guest].load.memory
    memory[target] += model.guests[guest].load.memory
    placement[guest] = target
    moved.add(guest)
  }
  return placement
}
