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
import {balance, type BalancingWay} from './balance.js'
import {type HeldBack, holdAfterBalancing, holdBeforeBalancing} from './calm.js'
import {Draft} from './draft.js'
import {improveExhaustively} from './exact.js'
import {betterBalance, loadOf} from './objective.js'
import {prune} from './prune.js'
import type {RuleKind, Violation} from './rules/rule.js'

export type MoveReason = 'balance' | 'maintenance' | 'apart' | 'together' | 'pin' | 'preference' | 'capacity'

/** Rounds are cheap once nothing changes; the cap guards against slow convergence. */
const ROUNDS = 12

export interface PlannedMove {
  guest: number
  from: number
  to: number
  reason: MoveReason
  rule?: string
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
    moves: movesWithReasons(draft),
    budgetHit: draft.budgetHit,
    // Only what the last, settled round wanted counts: earlier refusals found other ways.
    secondPass: !settled || draft.unordered > unordered,
    violations,
    ...(reached || !model.quorate ? {} : draft.held ? {held: draft.held} : {limitedBy: limitedBy(draft)}),
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

const REASONS: Record<RuleKind, MoveReason> = {together: 'together', maintenance: 'maintenance', pin: 'pin', apart: 'apart', capacity: 'capacity', storage: 'capacity'}

/**
 * The moves in execution order, each with why it is made: the first strict rule, then
 * preference, its guest broke where it was (or its node, for maintenance and capacity),
 * in the order rules are repaired; balance when none.
 */
function movesWithReasons(draft: Draft): PlannedMove[] {
  const before = [true, false].flatMap((strict) => draft.rules.flatMap((rule) => rule.violations(draft.initial, strict)))
  return draft.order.map((g) => {
    const from = draft.state.origin[g]
    const v = before.find((x) => x.guests.includes(g) || (x.kind === 'capacity' && x.nodes.includes(from)))
    const reason: MoveReason = !v ? 'balance' : v.strict ? REASONS[v.kind] : 'preference'
    return {guest: g, from, to: draft.state.nodeOf(g), reason, ...(v?.rule ? {rule: v.rule.name} : {})}
  })
}

/**
 * Why no move narrows the spread further: the budget, when it refused one; the rules,
 * when a move would help and fit but a rule forbids it; otherwise capacity (no helping
 * move fits, or the guests are too coarse to help).
 */
function limitedBy(draft: Draft): 'budget' | 'rules' | 'capacity' {
  if (draft.budgetHit) return 'budget'
  const {state, objective, model} = draft
  const capacity = draft.rules.find((r) => r.kind === 'capacity')!
  const storage = draft.rules.find((r) => r.kind === 'storage')!
  const now = {spread: objective.spread, phi: objective.phi}
  for (const source of state.active) {
    for (const g of state.guestsOn(source)) {
      if (model.guests[g].ignored) continue
      const load = loadOf(state, [g])
      for (const target of state.active) {
        if (target === source || !betterBalance(objective.evaluate(load, source, target), now)) continue
        if (capacity.refuse(state, [g], target, 'hard') === undefined && storage.refuse(state, [g], target, 'hard') === undefined) return 'rules'
      }
    }
  }
  return 'capacity'
}
