/**
 * The search: which guests move where.
 *
 * Rounds of: repair every broken strict rule (fewest moves, only the guests concerned),
 * honour preferences where that costs no strict rule, balance, prune unneeded moves.
 * A round changes nothing once the plan is settled; a later round helps when balancing
 * made room for a repair that found none before, and the repair for more balancing. Small clusters then get an
 * exhaustive search for a plan with fewer moves. What is still broken at the end is
 * returned for the plan to explain.
 * Pure: everything it needs is in the placement model.
 */
import type {PlacementModel} from '../policy/compile.js'
import {balance, type BalancingWay, narrowingPairs} from './balance.js'
import {type HeldBack, holdAfterBalancing, holdBeforeBalancing} from './calm.js'
import {Draft} from './draft.js'
import {improveExhaustively} from './exact.js'
import {EPSILON, loadOf} from './objective.js'
import {prune} from './prune.js'
import type {Violation} from './rules/rule.js'

/** Rounds are cheap once nothing changes; the cap guards against slow convergence. */
const ROUNDS = 12

/** A migration the search wants; why it is made is told by reasons.ts, in plan order. */
export interface PlannedMove {
  guest: number
  from: number
  to: number
}

export interface SearchResult {
  draft: Draft
  /** Moves in execution order. */
  moves: PlannedMove[]
  /** A budget refused a move the search wanted. */
  budgetHit: boolean
  /**
   * The settled plan still wanted a move that needs a guest to migrate twice (two guests
   * each waiting for the other to leave): planning again once this plan has run may move more.
   */
  secondPass: boolean
  /** Rules still broken, strict ones and preferences. */
  violations: Violation[]
  /** Why the spread is still above the threshold, when it is. */
  limitedBy?: 'budget' | 'rules' | 'capacity'
  /** Or why balancing was held back: the calm settings (calm.ts). */
  held?: HeldBack
}

export interface SearchOptions {
  /** Finish small clusters with the exhaustive search (default true). */
  exhaustive?: boolean
  /** The ways balancing may go (default: all, keeping the cheapest plan). */
  ways?: readonly BalancingWay[]
}

export function searchMoves(model: PlacementModel, options: SearchOptions = {}): SearchResult {
  const draft = new Draft(model)
  let unordered = 0
  let settled = true
  if (model.quorate) {
    for (let round = 0; round < ROUNDS; round++) {
      const before = Int32Array.from(draft.state.placement)
      unordered = draft.unordered
      for (const rule of draft.rules) rule.repair(draft, true)
      for (const rule of draft.rules) rule.repair(draft, false)
      balance(draft, options.ways)
      prune(draft)
      settled = draft.state.placement.every((node, g) => node === before[g])
      if (settled) break
    }
    // Held back, balancing must not come in through the exhaustive search's back door.
    if (options.exhaustive !== false && !draft.held) improveCalmly(draft)
  }
  const violations = [true, false].flatMap((strict) => draft.rules.flatMap((rule) => rule.violations(draft.state, strict)))
  const reached = draft.objective.withinThreshold()
  return {
    draft,
    moves: draft.order.map((g) => ({guest: g, from: draft.state.origin[g], to: draft.state.nodeOf(g)})),
    budgetHit: draft.budgetHit,
    // Only what the last, settled round wanted counts: earlier refusals found other ways.
    secondPass: !settled || draft.unordered > unordered,
    violations,
    ...(reached || !model.quorate ? {} : draft.held ? {held: draft.held} : withLimit(limitedBy(draft))),
  }
}

/**
 * The exhaustive search, held to the calm settings like balancing: what it adds in
 * moves without repairing more rules must pass the margin and worth-it checks (calm.ts).
 */
function improveCalmly(draft: Draft): void {
  const start = {...draft.mark(), spread: draft.objective.spread, broken: brokenCount(draft)}
  const notes = draft.notes()
  const gate = holdBeforeBalancing(draft)
  improveExhaustively(draft)
  const added = draft.moveCount - start.order.length
  if (added <= 0 || brokenCount(draft) < start.broken) return
  const held = gate ?? holdAfterBalancing(draft, start.spread - draft.objective.spread, added, draft.bytes - start.bytes)
  if (!held) return
  draft.rollback(start)
  draft.restoreNotes(notes)
  draft.held = held
}

function brokenCount(draft: Draft): number {
  return draft.rules.reduce((sum, rule) => sum + rule.violations(draft.state, true).length + rule.violations(draft.state, false).length, 0)
}

/**
 * Why no move narrows the spread further: the budget, when it refused one; the rules,
 * when a move would narrow it and fit but a rule (or a guest that cannot move) forbids
 * it; capacity when no narrowing move fits. Undefined, saying nothing, should the search
 * have left a narrowing move the rules allow.
 */
function limitedBy(draft: Draft): 'budget' | 'rules' | 'capacity' | undefined {
  if (draft.budgetHit) return 'budget'
  const {state, objective, model} = draft
  const capacity = draft.rules.find((r) => r.kind === 'capacity')!
  const storage = draft.rules.find((r) => r.kind === 'storage')!
  let forbidden = false
  for (const [source, target] of narrowingPairs(draft)) {
    for (const g of state.guestsOn(source)) {
      if (model.guests[g].ignored) continue
      const unit = draft.unit(g, 'soft')
      if (unit[0] !== g || objective.evaluate(loadOf(state, unit), source, target).spread >= objective.spread - EPSILON) continue
      if (draft.refusal(unit, target, 'soft') === undefined) return undefined
      if (capacity.refuse(state, unit, target, 'hard') === undefined && storage.refuse(state, unit, target, 'hard') === undefined) forbidden = true
    }
  }
  return forbidden ? 'rules' : 'capacity'
}

function withLimit(limit: SearchResult['limitedBy']): Pick<SearchResult, 'limitedBy'> {
  return limit ? {limitedBy: limit} : {}
}
