/**
 * Balancing: while the spread exceeds the threshold, take the single move that helps
 * most, until none helps.
 *
 * A move helps when it narrows the spread, or keeps it and brings nodes closer to the
 * band around the mean (see objective.ts). Among moves that bring the spread within the
 * threshold at once, the one that adds the fewest migrations and bytes wins; otherwise
 * the one that leaves the least excess, which closes the largest gap and so needs the
 * fewest moves overall. Candidates go from the most utilised nodes and those with the
 * most load above the band to the least utilised ones and those with the most room
 * below it, whole units (together groups) at a time; every one passes the rules,
 * preferences included, against the state at that moment. A guest already moving may be
 * sent elsewhere instead (still one migration) or back home (one fewer).
 * Each move strictly improves (spread, excess), so the search ends; moves that narrowed
 * nothing for a while are taken back, so a spread held wide by guests that cannot move
 * does not set off a stream of moves that only even out the other nodes.
 */
import type {Draft} from './draft.js'
import type {Load} from '../policy/compile.js'
import {type Balance, betterBalance, EPSILON, loadOf} from './objective.js'

/** Nodes considered as sources and as targets of a move, from each end of the ranking. */
const NEAR_ENDS = 8
/** Units tried for each source and target: those around the size that fits the gap. */
const WINDOW = 2

interface Candidate {
  unit: number[]
  target: number
  after: Balance
  finishing: boolean
  /** Migrations and bytes the move adds to the plan (negative when it drops some). */
  moves: number
  bytes: number
  /** Bytes the unit's own migration transfers, whatever the plan holds. */
  size: number
}

/** A unit that may move, with what it is worth to its node: the points its load adds there. */
interface Sized {
  unit: number[]
  load: Load
  size: number
  bytes: number
}

export function balance(draft: Draft): void {
  const {objective} = draft
  const refused = new Set<string>()
  const units = new UnitsBySize(draft)
  // Steps that only bring nodes closer to the band pay off when the spread narrows soon
  // after (two nodes tied at the top, say); when it does not, they are dropped.
  const patience = Math.max(8, draft.state.active.length)
  let settled = draft.mark()
  let narrowest = objective.spread
  let idle = 0
  for (;;) {
    if (objective.withinThreshold()) return
    const move = bestMove(draft, units, refused, NEAR_ENDS) ?? bestMove(draft, units, refused, Infinity)
    if (!move) break
    if (!draft.place(move.unit, move.target)) {
      refused.add(`${move.unit[0]}>${move.target}`)
      continue
    }
    if (objective.spread < narrowest - EPSILON) {
      narrowest = objective.spread
      settled = draft.mark()
      idle = 0
    } else if (++idle >= patience) break
  }
  draft.rollback(settled)
}

/**
 * The best move from `reach` nodes at each end (Infinity: every node, every unit). With
 * a reach, each source and target pair tries only the few units around the largest that
 * moves without pushing either node past the band: smaller ones close less of the gap,
 * larger ones overshoot.
 */
function bestMove(draft: Draft, units: UnitsBySize, refused: Set<string>, reach: number): Candidate | undefined {
  const {state, objective} = draft
  const {sources, targets} = reach === Infinity ? {sources: state.active, targets: state.active} : objective.ends(reach)
  const now = {spread: objective.spread, phi: objective.phi}
  let best: Candidate | undefined
  for (const source of sources) {
    const list = units.on(source)
    if (list.length === 0) continue
    const fromSource = state.utilisation(source) - objective.low
    for (const target of targets) {
      if (target === source) continue
      let first = 0
      let last = list.length
      if (reach !== Infinity) {
        const room = Math.min(fromSource, ((objective.high - state.utilisation(target)) * objective.share[target]) / objective.share[source])
        const fit = upperBound(list, room)
        first = Math.max(0, fit - WINDOW)
        last = Math.min(list.length, fit + 2)
      }
      for (let i = first; i < last; i++) {
        const {unit, load} = list[i]
        const after = objective.evaluate(load, source, target)
        if (!betterBalance(after, now)) continue
        const {moves, bytes} = draft.cost(unit, target)
        const candidate = {unit, target, after, finishing: objective.withinThreshold(after.spread), moves, bytes, size: list[i].bytes}
        if (best && !better(candidate, best, draft)) continue
        if (refused.has(`${unit[0]}>${target}`) || draft.refusal(unit, target, 'soft')) continue
        if (!draft.affordable(unit, target)) {
          draft.budgetHit = true
          continue
        }
        best = candidate
      }
    }
  }
  return best
}

/** The movable units on each node, smallest first; rebuilt only when the node's guests change. */
class UnitsBySize {
  private readonly draft: Draft
  private readonly cache = new Map<number, {version: number; units: Sized[]}>()

  constructor(draft: Draft) {
    this.draft = draft
  }

  on(node: number): Sized[] {
    const {state, model} = this.draft
    const cached = this.cache.get(node)
    if (cached && cached.version === state.version[node]) return cached.units
    const here = state.utilisation(node)
    const units: Sized[] = []
    for (const g of state.guestsOn(node)) {
      const unit = this.draft.unit(g, 'soft')
      if (unit[0] !== g || unit.some((m) => !model.guests[m].movable)) continue
      const load = loadOf(state, unit)
      const size = here - state.utilisationWith(node, load, -1)
      if (size > 0) units.push({unit, load, size, bytes: unit.reduce((sum, m) => sum + model.guests[m].bytes, 0)})
    }
    units.sort((a, b) => a.size - b.size || a.unit[0] - b.unit[0])
    this.cache.set(node, {version: state.version[node], units})
    return units
  }
}

/** Index of the first unit larger than `size`. */
function upperBound(list: readonly Sized[], size: number): number {
  let low = 0
  let high = list.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (list[mid].size <= size) low = mid + 1
    else high = mid
  }
  return low
}

/**
 * Finishing moves first, cheapest first; otherwise the least excess left. Ties: vmid,
 * then node. Only finishing moves weigh what the plan already holds: for the others a
 * tie goes the same way whether the guest moves already or not, so that planning again
 * on a plan's result walks the same path the plan's last round did.
 */
function better(a: Candidate, b: Candidate, draft: Draft): boolean {
  if (a.finishing !== b.finishing) return a.finishing
  const order = a.finishing ? FINISHING : IMPROVING
  for (const key of order) {
    const d = key(a) - key(b)
    if (Math.abs(d) > 1e-9) return d < 0
  }
  const vmid = draft.model.guests[a.unit[0]].vmid - draft.model.guests[b.unit[0]].vmid
  return vmid !== 0 ? vmid < 0 : a.target < b.target
}

const FINISHING: readonly ((c: Candidate) => number)[] = [(c) => c.moves, (c) => c.bytes, (c) => c.after.phi, (c) => c.after.spread]
const IMPROVING: readonly ((c: Candidate) => number)[] = [(c) => c.after.phi, (c) => c.after.spread, (c) => c.unit.length, (c) => c.size]
