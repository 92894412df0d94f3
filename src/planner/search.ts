/**
 * The search: which guests move where.
 *
 * Rounds of: repair every broken strict rule (fewest moves, only the guests concerned),
 * honour preferences where that costs no strict rule, balance, prune unneeded moves.
 * A round changes nothing once the plan is settled; a later round helps when balancing
 * made room for a repair that found none before, and the repair for more balancing. Small clusters then get an
 * exhaustive search for a plan with fewer moves; a plan still above the threshold, swaps
 * that may reach it (reachBySwaps, balance.ts), and on small clusters searches again on
 * perturbed loads (reachByRestarts). A calm plan left above the threshold, or
 * with a strict rule broken, then plans the next cycle ahead, its own guests cooling down (lookAhead). What is still broken at the end is
 * returned for the plan to explain.
 * Pure: everything it needs is in the placement model.
 */
import {seededRandom} from '../model/prng.js'
import type {PlacementModel} from '../policy/compile.js'
import type {StorageModel} from '../policy/storage.js'
import {balance, type BalancingWay, narrowingPairs, reachBySwaps} from './balance.js'
import {type HeldBack, holdAfterBalancing, holdBeforeBalancing} from './calm.js'
import {Draft, type Mark} from './draft.js'
import {betterPlan, improveExhaustively, type PlanScore, scoreOf} from './exact.js'
import {EPSILON, loadOf} from './objective.js'
import {prune} from './prune.js'
import {executionOrder} from './schedule.js'
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
  /** Where the plan stays above the threshold, try swaps at the end (reachBySwaps; default true). */
  swaps?: boolean
  /** Where it still does on a small cluster, search again on perturbed loads (reachByRestarts; default true). */
  restarts?: boolean
}

export function searchMoves(model: PlacementModel, options: SearchOptions = {}): SearchResult {
  const first = searchOnce(model, options)
  const {draft} = first
  const secondPass = (options.restarts !== false ? reachByRestarts(draft, options) : undefined) ?? first.secondPass
  for (let cycle = 0; cycle < LOOK_AHEAD && lookAhead(draft, options); cycle++);
  return result(draft, secondPass)
}

/**
 * Cycles planned ahead at most (see lookAhead): each is one more search, and only a plan
 * left above the threshold pays for it.
 */
const LOOK_AHEAD = 2

function searchOnce(model: PlacementModel, options: SearchOptions): {draft: Draft; secondPass: boolean} {
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
    // Held back before it started, balancing must not come in through the exhaustive
    // search's back door; held back for what it found, the exhaustive search may find
    // more, and the same calm checks judge it.
    if (options.exhaustive !== false && (!draft.held || balancingTried(draft.held))) improveCalmly(draft)
    if (!draft.held && options.swaps !== false) reachBySwaps(draft)
  }
  // Only what the last, settled round wanted counts: earlier refusals found other ways.
  return {draft, secondPass: !settled || draft.unordered > unordered}
}

function result(draft: Draft, secondPass: boolean): SearchResult {
  const {model} = draft
  const violations = [true, false].flatMap((strict) => draft.rules.flatMap((rule) => rule.violations(draft.state, strict)))
  const reached = draft.objective.withinThreshold()
  return {
    draft,
    moves: draft.order.map((g) => ({guest: g, from: draft.state.origin[g], to: draft.state.nodeOf(g)})),
    budgetHit: draft.budgetHit,
    secondPass,
    violations,
    ...(reached || !model.quorate ? {} : draft.held ? {held: draft.held} : withLimit(limitedBy(draft))),
  }
}

/**
 * The next cycle, planned now: a calm plan left above the threshold is planned again on its
 * own result, its guests cooling down as they will be once the balance service has moved
 * them, and what that finds is added to this plan. With its guests cooling the next
 * search goes other ways than this one (the exhaustive search fits once they are out of
 * it; a greedy way that moved one of them on takes a swap instead), so without this a
 * cluster left alone would move again an hour later. The calm settings judge the next
 * plan as the next cycle would, and what held this plan's balancing back gives way to
 * what held the next one's, if anything. True when moves were added.
 */
function lookAhead(draft: Draft, options: SearchOptions): boolean {
  const {model} = draft
  // Only where calm is asked for (the balance service's defaults give a margin): a one-off
  // plan answers for now, and planning again on its result without cooling finds nothing.
  // A plan within the threshold looks ahead only for a strict rule it left broken (a
  // maintenance node it could not empty): the next search, its guests cooling, may find
  // the room this one did not, and would make those moves an hour later.
  // Balancing held back before it started stays so; held back for what it found, the next
  // cycle may find more (its exhaustive search fits once the repaired guests cool down).
  if (!model.quorate || model.margin <= 0 || (draft.held && !balancingTried(draft.held)) || draft.moveCount === 0) return false
  const reached = draft.objective.withinThreshold()
  const broken = reached ? brokenCount(draft, true) : 0
  if (reached && broken === 0) return false
  const next = searchOnce(modelAfter(draft, true), options).draft
  if (next.moveCount === 0 || brokenCount(next) > brokenCount(draft) || (reached && brokenCount(next, true) >= broken)) return false
  const moves = orderedMoves(draft, next.state.placement)
  if (!moves) return false
  draft.rollback(moves)
  draft.held = next.held
  return true
}

/**
 * The moves that take the draft's cluster as found to `placement` (found by another
 * search), in an order in which each is possible at its turn, when they keep to the
 * budget; undefined when they do not or no such order exists.
 */
function orderedMoves(draft: Draft, placement: Int32Array): Mark | undefined {
  const budgeted = withinBudget(draft.model, placement)
  if (!budgeted) return undefined
  const order = executionOrder(draft.initial, placement, budgeted.moved, draft.rules)
  return order ? {placement: Int32Array.from(placement), order, bytes: budgeted.bytes} : undefined
}

/** The guests that move to take the cluster as found to `placement`, and their bytes, when they keep to the budget. */
function withinBudget(model: PlacementModel, placement: Int32Array): {moved: number[]; bytes: number} | undefined {
  const moved = model.guests.filter((g) => placement[g.index] !== g.node).map((g) => g.index)
  const bytes = moved.reduce((sum, g) => sum + model.guests[g].bytes, 0)
  return moved.length > model.maxMoves || bytes > model.maxBytesMoved ? undefined : {moved, bytes}
}

/** Searches again on perturbed loads, at most. */
const RESTARTS = 8
/** Each guest's load is off by up to this fraction in a restart, one factor for all its resources. */
const PERTURBATION = 0.1
/**
 * What the restarts of one plan may cost, in guests times active nodes per search (a
 * search takes about that long): all of them on a few nodes with tens of guests, fewer as
 * clusters grow, none from 8,000 (a 100-node cluster of 200 guests searches in ~100 ms).
 */
const RESTART_WORK = 8_000
const RESTART_SEED = 0x5eed_0011

/**
 * The search's other way out of a plan it leaves above the threshold, on small clusters:
 * every way is greedy, so where a few units of the right sizes must change places at once
 * (a small node held full by one large guest, with no single smaller one to take its
 * place) the search can stop far above the threshold although a plan within it exists; a
 * little less or more load on a guest sends the same search another way, and it finds
 * it. So the search runs again RESTARTS times, each guest's load off by up to
 * PERTURBATION (seeded: the same cluster, the same restarts), and the placement each
 * finds is judged on the loads as they are: it must reach the threshold, leave no more
 * broken than the plan does of strict rules nor of preferences (weighed as the exhaustive
 * search weighs them: a maintenance node left fuller counts more), keep to the budget and
 * have an execution order in which every migration is possible at its turn. The best of
 * them (exact.ts betterPlan: fewer broken, then the fewest moves and bytes) replaces the
 * plan, its unneeded moves pruned and what it adds held to the calm checks as balancing
 * is. The restarts go from the cluster as found and, when none of those is taken, from
 * the plan's result as well, as planning again on it would. A plan that reached the
 * threshold, or whose balancing the calm settings held back, is never touched. Returns
 * whether the plan adopted wants a second pass, true as well when a placement found from
 * the result has no execution order from the cluster as found (planning again once this
 * plan has run finds it), undefined otherwise.
 */
function reachByRestarts(draft: Draft, options: SearchOptions): boolean | undefined {
  const {model} = draft
  const restarts = Math.min(RESTARTS, Math.floor(RESTART_WORK / Math.max(1, model.guests.length * draft.state.active.length)))
  if (!model.quorate || draft.held || draft.objective.withinThreshold() || restarts === 0) return undefined
  const current = scoreOf(draft, draft.state, draft.moveCount, draft.bytes)
  const trial = new Draft(model)
  let unordered = false
  // From the cluster as found, then from the plan's result: planning again on that result
  // restarts from there, so what it would find is found now, and a plan adopted from
  // either is within the threshold and not restarted again.
  for (const fromResult of [false, true]) {
    const from = fromResult ? modelAfter(draft, false) : model
    const random = seededRandom(RESTART_SEED)
    let best: (Mark & {score: PlanScore; secondPass: boolean}) | undefined
    for (let k = 0; k < restarts; k++) {
      const guests = from.guests.map((g) => {
        const f = 1 - PERTURBATION + 2 * PERTURBATION * random()
        return {...g, load: {memory: g.load.memory * f, cpu: g.load.cpu * f, disk: g.load.disk * f}}
      })
      const restart = searchOnce({...from, guests}, options)
      if (restart.draft.moveCount === 0) continue
      const {placement} = restart.draft.state
      const moves = orderedMoves(draft, placement)
      trial.rollback(moves ?? {placement, order: [], bytes: 0})
      const score = scoreOf(trial, trial.state, moves?.order.length ?? 0, moves?.bytes ?? 0)
      if (!score.reached || score.broken > current.broken || score.unpreferred > current.unpreferred) continue
      // Found from the result with no order from the cluster as found: the guests that
      // must migrate twice get there once this plan has run, and planning again says so.
      if (!moves) {
        unordered ||= fromResult && withinBudget(model, placement) !== undefined
        continue
      }
      if (best && !betterPlan(score, best.score)) continue
      best = {...moves, score, secondPass: restart.secondPass}
    }
    const adopted = best && adoptRestart(draft, best, options)
    if (adopted) return adopted.secondPass
  }
  return unordered || undefined
}

/**
 * Takes the restart's placement over, pruned and settled, unless the calm checks hold it
 * back. Found on loads that are off, the placement may leave a move the real loads allow
 * (a rule repair that did not fit before): the search runs on its result, as planning
 * again would, until it finds nothing more (SETTLE times at most). Returns whether the
 * placement was taken, and whether the plan then wants a second pass.
 */
function adoptRestart(draft: Draft, best: Mark & {secondPass: boolean}, options: SearchOptions): {secondPass: boolean} | undefined {
  const start = {...draft.mark(), spread: draft.objective.spread}
  const notes = draft.notes()
  draft.rollback(best)
  prune(draft)
  let secondPass = best.secondPass
  for (let k = 0; k < SETTLE; k++) {
    const next = searchOnce(modelAfter(draft, false), options)
    if (next.draft.moveCount === 0 || brokenCount(next.draft) > brokenCount(draft)) break
    const moves = orderedMoves(draft, next.draft.state.placement)
    if (!moves) {
      secondPass = true
      break
    }
    draft.rollback(moves)
    prune(draft)
    secondPass = next.secondPass
  }
  if (draft.objective.withinThreshold() && !holdAfterBalancing(draft, start.spread - draft.objective.spread, draft.moveCount - start.order.length, draft.bytes - start.bytes)) return {secondPass}
  draft.rollback(start)
  draft.restoreNotes(notes)
  return undefined
}

/** Searches at most on a restart's placement before it is taken (adoptRestart). */
const SETTLE = 2

/**
 * The cluster as the draft's plan leaves it, for planning again on it: each guest on its
 * node, each storage holding what it will. With `cooling`, the guests moved are cooling
 * down there, as the balance service's next cycle sees them, and may not go back.
 */
function modelAfter(draft: Draft, cooling: boolean): PlacementModel {
  const {model} = draft
  const guests = model.guests.map((g) => {
    const node = draft.state.nodeOf(g.index)
    if (node === g.node) return g
    if (!cooling) return {...g, node}
    return {...g, node, cooling: true as const, allowed: (g.allowed ?? model.nodes.map((n) => n.index)).filter((n) => n !== g.node)}
  })
  return {...model, guests, ...(model.storage ? {storage: storageAfter(draft, model.storage)} : {})}
}

/** The storages as the plan leaves them: what each holds, and each moved guest's volumes on its new node. */
function storageAfter(draft: Draft, storage: StorageModel): StorageModel {
  const {state} = draft
  return {
    ...storage,
    storages: storage.storages.map((s) => ({...s, used: state.storageUsed[s.index]})),
    volumes: storage.volumes.map((volumes, g) => {
      const node = state.nodeOf(g)
      if (!draft.moved(g)) return volumes
      return volumes.map((v, i) => {
        const source = state.volumeStorage(g, node, i)
        return source < 0 ? {...v, source} : {...v, source, storage: storage.storages[source].id, frees: state.volumeBytes(g, node, source, i)}
      })
    }),
  }
}

/**
 * The exhaustive search, held to the calm settings like balancing: what it adds in
 * moves without repairing more rules must pass the margin and worth-it checks (calm.ts).
 */
function improveCalmly(draft: Draft): void {
  const start = {...draft.mark(), spread: draft.objective.spread, broken: brokenCount(draft)}
  const notes = draft.notes()
  const before = draft.held
  const gate = holdBeforeBalancing(draft)
  improveExhaustively(draft)
  const added = draft.moveCount - start.order.length
  if (added <= 0) return
  const held = brokenCount(draft) < start.broken ? undefined : (gate ?? holdAfterBalancing(draft, start.spread - draft.objective.spread, added, draft.bytes - start.bytes))
  if (!held) {
    // What held balancing back no longer describes the plan.
    if (before) draft.held = undefined
    return
  }
  draft.rollback(start)
  draft.restoreNotes(notes)
  draft.held = before ?? held
}

/** Balancing was tried and what it found was not worth its moves (rather than not tried at all). */
function balancingTried(held: HeldBack): boolean {
  return held.why === 'not-worth-it' || (held.why === 'margin' && held.gain !== undefined)
}

/** Rules broken: the strict ones, or (without `strict`) strict ones and preferences. */
function brokenCount(draft: Draft, strict?: true): number {
  return draft.rules.reduce((sum, rule) => sum + rule.violations(draft.state, true).length + (strict ? 0 : rule.violations(draft.state, false).length), 0)
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
      if (draft.refusal(unit, target, 'soft', true) === undefined) return undefined
      if (capacity.refuse(state, unit, target, 'hard', true) === undefined && storage.refuse(state, unit, target, 'hard', true) === undefined) forbidden = true
    }
  }
  return forbidden ? 'rules' : 'capacity'
}

function withLimit(limit: SearchResult['limitedBy']): Pick<SearchResult, 'limitedBy'> {
  return limit ? {limitedBy: limit} : {}
}
