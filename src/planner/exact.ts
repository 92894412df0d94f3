/**
 * Exhaustive search, for clusters small enough: every placement of the movable guests
 * within the budget is tried, and the best replaces the greedy plan when it is better.
 *
 * Plans compare by what is left broken (strict rules, then preferences), then whether
 * the threshold is reached, then, when it is, the fewest moves and bytes; when it is
 * not, the narrowest spread and then the fewest moves. A placement only counts when its
 * migrations can run one after another without overfilling a node or breaking a rule on
 * the way (schedule.ts). This makes plans for small clusters (a few nodes, a handful of
 * guests, where a greedy choice weighs most) provably the cheapest; the work is capped
 * so the search stays well under a second.
 * Pure and deterministic: placements are tried in a fixed order and only a strictly
 * better one replaces the best so far.
 */
import type {Draft} from './draft.js'
import {EPSILON} from './objective.js'
import {storageOverfilled} from './rules/storage.js'
import {executionOrder} from './schedule.js'
import type {ClusterState} from './state.js'

/** Most work the search may do: placements times what judging one costs (guests, nodes, rules). */
export const WORK_LIMIT = 2_000_000

/** What plans are compared by. */
export interface PlanScore {
  /** Strict rules left broken (weighed by the fewest moves that would repair them). */
  broken: number
  /** Preferences left unhonoured, weighed the same way. */
  unpreferred: number
  reached: boolean
  spread: number
  moves: number
  bytes: number
}

export function improveExhaustively(draft: Draft): void {
  const {model, initial} = draft
  // Cooling guests stay put here: what a strict rule needed of them the repairs did.
  const movable = model.guests.filter((g) => g.movable && !g.cooling).map((g) => g.index)
  const targetsOf = (g: number) => initial.active.filter((n) => !model.guests[g].allowed || model.guests[g].allowed!.includes(n))
  // Counted per guest, wherever the guests are, so that planning again on the plan's
  // result searches exhaustively exactly when this plan did.
  // The product only grows: counting stops as soon as it is past the limit (12,000 guests).
  const judging = model.guests.length + model.nodes.length + model.rules.length
  let placements = 1
  for (let i = 0; i < movable.length && placements * judging <= WORK_LIMIT; i++) placements *= targetsOf(movable[i]).length + 1
  if (movable.length === 0 || placements * judging > WORK_LIMIT) return

  // Guests of a together group that share a node move as one part, as in the search:
  // a plan never splits what a strict rule keeps together.
  const parts = [...new Map(movable.map((g) => [draft.groups.part(initial, g, 'hard')[0], draft.groups.part(initial, g, 'hard')])).values()]
    .filter((part) => part.every((g) => model.guests[g].movable && !model.guests[g].cooling))
  const options = parts.map((part) => {
    const home = initial.origin[part[0]]
    return [home, ...initial.active.filter((n) => n !== home && part.every((g) => targetsOf(g).includes(n)))]
  })

  let best = {score: scoreOf(draft, draft.state, draft.moveCount, draft.bytes), placement: undefined as Int32Array | undefined, order: [] as number[]}
  if (best.score.broken === 0 && best.score.unpreferred === 0 && best.score.reached && best.score.moves === 0) return
  const scratch = initial.clone()
  const moved: number[] = []
  let bytes = 0

  const visit = (i: number): void => {
    if (i === parts.length) {
      const score = scoreOf(draft, scratch, moved.length, bytes)
      if (!betterPlan(score, best.score) || storageOverfilled(scratch, initial)) return
      const order = executionOrder(initial, scratch.placement, moved, draft.rules)
      if (order) best = {score, placement: Int32Array.from(scratch.placement), order}
      return
    }
    const part = parts[i]
    const home = initial.origin[part[0]]
    for (const node of options[i]) {
      const moves = node === home ? 0 : part.length
      const cost = node === home ? 0 : part.reduce((sum, g) => sum + model.guests[g].bytes, 0)
      if (moved.length + moves > model.maxMoves || bytes + cost > model.maxBytesMoved) continue
      // Nothing beats a plan that is perfect with fewer moves.
      if (best.score.broken === 0 && best.score.unpreferred === 0 && best.score.reached && moved.length + moves > best.score.moves) continue
      for (const g of part) scratch.move(g, node)
      if (moves) moved.push(...part)
      bytes += cost
      visit(i + 1)
      bytes -= cost
      if (moves) moved.length -= part.length
      for (const g of part) scratch.move(g, home)
    }
  }
  visit(0)
  if (best.placement) adopt(draft, best.placement, best.order)
}

/** How a placement of the draft's guests scores (see PlanScore); `state` holds the placement. */
export function scoreOf(draft: Draft, state: ClusterState, moves: number, bytes: number): PlanScore {
  let broken = 0
  let unpreferred = 0
  for (const rule of draft.rules) {
    for (const v of rule.violations(state, true)) broken += v.size
    for (const v of rule.violations(state, false)) unpreferred += v.size
  }
  const spread = state.spread()
  return {broken, unpreferred, reached: spread <= draft.model.threshold + EPSILON, spread, moves, bytes}
}

/** `a` is the better plan: fewer broken rules, then preferences, then the threshold, then cost or spread. */
export function betterPlan(a: PlanScore, b: PlanScore): boolean {
  if (a.broken !== b.broken) return a.broken < b.broken
  if (a.unpreferred !== b.unpreferred) return a.unpreferred < b.unpreferred
  if (a.reached !== b.reached) return a.reached
  if (!a.reached && Math.abs(a.spread - b.spread) > EPSILON) return a.spread < b.spread
  if (a.moves !== b.moves) return a.moves < b.moves
  return a.bytes < b.bytes
}

/** Takes over a placement found here. */
function adopt(draft: Draft, placement: Int32Array, order: number[]): void {
  draft.rollback({placement, order, bytes: order.reduce((sum, g) => sum + draft.model.guests[g].bytes, 0)})
}
