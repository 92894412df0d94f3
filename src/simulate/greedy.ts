/**
 * The greedy balancer most Proxmox balancers are (ProxLB's own loop among them), as a
 * baseline for replays: while the spread exceeds the threshold, the largest guest of the
 * most utilised node goes to the least utilised node, the largest that fits there, each
 * guest at most once per run. No margin, no cooldown, no worth-it check, no placement
 * rules. Loads are proxlb's (the compiled placement model), so a comparison is about
 * when and what to move, not about how load is measured. Pure.
 */
import type {PlacementModel} from '../policy/compile.js'
import {ClusterState} from '../planner/state.js'

export interface GreedyMove {
  guest: number
  from: number
  to: number
}

export function greedyMoves(model: PlacementModel): GreedyMove[] {
  const state = new ClusterState(model)
  const moved = new Set<number>()
  const moves: GreedyMove[] = []
  for (;;) {
    const ranked = [...state.active].sort((a, b) => state.utilisation(b) - state.utilisation(a) || a - b)
    if (ranked.length < 2) break
    const source = ranked[0]
    const target = ranked[ranked.length - 1]
    if (state.utilisation(source) - state.utilisation(target) <= model.threshold) break
    const room = model.nodes[target].memoryLimit - state.loads[target].memory
    const guest = state
      .guestsOn(source)
      .filter((g) => model.guests[g].movable && !moved.has(g) && model.guests[g].load.memory <= room)
      .sort((a, b) => state.pointsOf(source, model.guests[b].load) - state.pointsOf(source, model.guests[a].load) || a - b)[0]
    if (guest === undefined) break
    state.move(guest, target)
    moved.add(guest)
    moves.push({guest, from: source, to: target})
  }
  return moves
}
