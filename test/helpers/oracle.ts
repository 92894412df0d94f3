/**
 * The best plan for a tiny cluster, by brute force: every placement of the movable
 * guests within the budget, kept only when its migrations can run one after another
 * (each target has room and no strict apart peer when its turn comes, tried in every
 * order). The reference the planner is measured against; it shares no code with the
 * planner's search, only the compiled placement model.
 *
 * Placements compare as plans do (the planner's `betterPlan`): fewest strict rules left
 * broken, then fewest preferences, then reaching the threshold; then, reached, the
 * fewest moves and bytes, not reached, the narrowest spread and then the fewest moves.
 */
import type {NormalizedPolicy} from '../../src/model/policy.js'
import type {Snapshot} from '../../src/model/snapshot.js'
import {betterPlan, type PlanScore} from '../../src/planner/exact.js'
import {compilePolicy, type PlacementModel} from '../../src/policy/compile.js'
import {brokenRules, countBroken, memoryLoads, spreadOf} from './check.js'

export type Outcome = PlanScore

/** How plans compare is the planner's definition; everything compared is computed here. */
export const betterOutcome = betterPlan

const EPS = 1e-7

export function outcomeOf(model: PlacementModel, placement: ArrayLike<number>): Outcome {
  const {hard: broken, soft: unpreferred} = countBroken(brokenRules(model, placement))
  const spread = spreadOf(model, placement)
  let moves = 0
  let bytes = 0
  model.guests.forEach((g, i) => {
    if (placement[i] !== g.node) {
      moves++
      bytes += g.bytes
    }
  })
  return {broken, unpreferred, reached: spread <= model.threshold + EPS, spread, moves, bytes}
}

/** The best outcome any placement reachable within the budget has. */
export function exhaustiveBest(snapshot: Snapshot, policy: NormalizedPolicy): Outcome {
  const model = compilePolicy(snapshot, policy)
  const origin = Int32Array.from(model.guests, (g) => g.node)
  const placement = Int32Array.from(origin)
  let best = outcomeOf(model, origin)
  if (!model.quorate) return best
  const active = model.nodes.filter((n) => n.role === 'active').map((n) => n.index)
  const movable = model.guests.filter((g) => g.movable)
  const together = togetherPairs(model)
  const visit = (i: number, moves: number, bytes: number): void => {
    if (i === movable.length) {
      // A plan breaks no rule that held: guests kept together stay together.
      if (together.some(([a, b]) => placement[a] !== placement[b])) return
      const outcome = outcomeOf(model, placement)
      if (betterOutcome(outcome, best) && runsInSomeOrder(model, origin, placement)) best = outcome
      return
    }
    const g = movable[i]
    for (const node of [g.node, ...active.filter((n) => n !== g.node && (!g.allowed || g.allowed.includes(n)))]) {
      const cost = node === g.node ? 0 : 1
      if (moves + cost > model.maxMoves || bytes + cost * g.bytes > model.maxBytesMoved) continue
      placement[g.index] = node
      visit(i + 1, moves + cost, bytes + cost * g.bytes)
    }
    placement[g.index] = g.node
  }
  visit(0, 0, 0)
  return best
}

/** Pairs of guests on one node that strict together rules (merged where they share guests) bind. */
function togetherPairs(model: PlacementModel): [number, number][] {
  const group = model.guests.map((g) => g.index)
  const root = (g: number): number => (group[g] === g ? g : (group[g] = root(group[g])))
  for (const r of model.rules) if (r.kind === 'together' && r.strict) for (const m of r.members) group[root(m)] = root(r.members[0])
  const pairs: [number, number][] = []
  for (const a of model.guests) for (const b of model.guests) if (a.index < b.index && a.node === b.node && root(a.index) === root(b.index)) pairs.push([a.index, b.index])
  return pairs
}

/** Some order runs the moves from `origin` to `target` one by one, each possible at its turn. */
function runsInSomeOrder(model: PlacementModel, origin: Int32Array, target: Int32Array): boolean {
  const moves = model.guests.filter((g) => target[g.index] !== origin[g.index]).map((g) => g.index)
  const now = Int32Array.from(origin)
  const dead = new Set<number>()
  const possible = (g: number) => {
    const to = target[g]
    const guest = model.guests[g]
    if (memoryLoads(model, now)[to] + guest.load.memory > model.nodes[to].memoryLimit) return false
    if (guest.load.disk > 0) {
      let disk = model.nodes[to].base.disk
      model.guests.forEach((o, i) => now[i] === to && (disk += o.load.disk))
      if (disk + guest.load.disk > model.nodes[to].capacity.disk) return false
    }
    return !model.rules.some((r) => r.kind === 'apart' && r.strict && r.members.includes(g) && r.members.some((o) => o !== g && now[o] === to))
  }
  const visit = (done: number): boolean => {
    if (done === (1 << moves.length) - 1) return true
    if (dead.has(done)) return false
    for (let i = 0; i < moves.length; i++) {
      if (done & (1 << i) || !possible(moves[i])) continue
      const g = moves[i]
      now[g] = target[g]
      const ok = visit(done | (1 << i))
      now[g] = origin[g]
      if (ok) return true
    }
    dead.add(done)
    return false
  }
  return visit(0)
}
