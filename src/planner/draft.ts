/**
 * A plan being made: the one place where the search moves guests.
 *
 * Every move goes through `refusal`, which asks every rule about the state as it is at
 * that moment (so a target is never overfilled because it was checked before another
 * guest was sent to it), and through the budget. A plan moves each guest at most once:
 * placing a guest that has already moved changes where it goes, and placing it back on
 * its own node drops its move. The draft keeps an execution order in which every
 * migration is possible when its turn comes (the target has room, no apart rule is
 * broken on the way); when changing a move's target leaves no such order, the change is
 * refused.
 * Not for choosing what to move: repairs, balancing and pruning decide; the draft checks
 * and keeps the books. Why each guest moves is read off at the end (search.ts), from
 * what was broken before: a move's purpose can change as the search reroutes it.
 */
import type {PlacementModel} from '../policy/compile.js'
import type {HeldBack} from './calm.js'
import {Objective, loadOf} from './objective.js'
import {hasRoom, roomFor} from './rules/capacity.js'
import {placementRules} from './rules/index.js'
import {type Level, type PlacementRule, REFUSED, type RuleKind} from './rules/rule.js'
import {TogetherGroups} from './rules/together.js'
import {Refusals} from './refusals.js'
import {executionOrder} from './schedule.js'
import {ClusterState} from './state.js'

/** The order of Draft.quietRules: those that may refuse for good first (pins, storage), the rest as placementRules lists them. */
const QUIET_ORDER: readonly RuleKind[] = ['pin', 'storage', 'together', 'maintenance', 'apart', 'capacity']

export interface Mark {
  placement: Int32Array
  order: readonly number[]
  bytes: number
}

/** What a draft notes along the way, besides the placement: refusals by the budget, and for want of an execution order. */
export interface Notes {
  budgetHit: boolean
  unordered: number
}

export class Draft {
  readonly model: PlacementModel
  readonly state: ClusterState
  /** The cluster as the snapshot found it; never moved. */
  readonly initial: ClusterState
  /** Where execution orders are worked out after a reroute, reused from one to the next (schedule.ts). */
  private scratch: ClusterState | undefined
  readonly rules: readonly PlacementRule[]
  /**
   * The rules as a quiet refusal asks them: those that may refuse for good (pins, storage)
   * before the others, for Refusals to remember what they refuse past the moves that change
   * the two nodes. Where local storages are full, the storage rule refuses nearly every move,
   * and asking it first spares the others the question.
   */
  private readonly quietRules: readonly PlacementRule[]
  readonly objective: Objective
  readonly groups: TogetherGroups
  /**
   * Moved guests in an order in which each migration is possible when its turn comes (the
   * draft's own list: read it, and keep it only through `mark`).
   */
  get order(): readonly number[] {
    return this.planned
  }
  private planned: readonly number[] = []
  /**
   * `planned` itself while no mark holds it, so that a move may add to it in place (a plan
   * of 2,000 moves made a copy of the order for each, half of them 1,000 guests long);
   * undefined once a mark may hold it.
   */
  private plannedOwn: number[] | undefined
  bytes = 0
  /** A budget (moves or bytes) refused a move the search wanted. */
  budgetHit = false
  /** Moves refused because no execution order would remain (a guest would have to migrate twice). */
  unordered = 0
  /** Why balancing moved nothing though the spread is above the threshold (calm.ts), when it did. */
  held?: HeldBack

  constructor(model: PlacementModel) {
    this.model = model
    this.initial = new ClusterState(model)
    this.state = this.initial.clone()
    this.groups = new TogetherGroups(model)
    this.rules = placementRules(model, this.groups)
    this.quietRules = [...this.rules].sort((a, b) => QUIET_ORDER.indexOf(a.kind) - QUIET_ORDER.indexOf(b.kind))
    this.objective = new Objective(this.state)
  }

  get moveCount(): number {
    return this.order.length
  }

  moved(guest: number): boolean {
    return this.state.nodeOf(guest) !== this.state.origin[guest]
  }

  /** The guests that move as one with `guest`: its together group's members on its node. */
  unit(guest: number, level: Level): number[] {
    return this.groups.part(this.state, guest, level)
  }

  /**
   * Why `unit` may not move onto `target` now (rules at `level`), or undefined when it may.
   * `quiet`: only whether (see PlacementRule.refuse), the rules asked in `quietRules` order;
   * a refusal may then be REFUSED.
   */
  refusal(unit: readonly number[], target: number, level: Level, quiet = false): string | undefined {
    for (const g of unit) {
      const guest = this.model.guests[g]
      if (!guest.movable) return quiet ? REFUSED : `${guest.name} cannot move: ${guest.blockers[0]}`
      if (guest.cooling && level === 'soft' && target !== this.state.origin[g]) return quiet ? REFUSED : `${guest.name} is cooling down: the balance service moved it within limits.cooldown`
    }
    if (unit.every((g) => this.state.nodeOf(g) === target)) return quiet ? REFUSED : `already on ${this.model.nodes[target].name}`
    for (const rule of quiet ? this.quietRules : this.rules) {
      const why = rule.refuse(this.state, unit, target, level, quiet)
      if (why) return why
    }
    return undefined
  }

  /** Moves and bytes the plan would gain by placing `unit` on `target` (negative: drops moves). */
  cost(unit: readonly number[], target: number): {moves: number; bytes: number} {
    let moves = 0
    let bytes = 0
    for (const g of unit) {
      const was = this.state.nodeOf(g) !== this.state.origin[g]
      const will = target !== this.state.origin[g]
      if (was !== will) {
        moves += will ? 1 : -1
        bytes += (will ? 1 : -1) * this.model.guests[g].bytes
      }
    }
    return {moves, bytes}
  }

  /** The budget allows placing `unit` on `target`. */
  affordable(unit: readonly number[], target: number): boolean {
    const {moves, bytes} = this.cost(unit, target)
    return (moves <= 0 || this.moveCount + moves <= this.model.maxMoves) && (bytes <= 0 || this.bytes + bytes <= this.model.maxBytesMoved)
  }

  /** `affordable`, noting a budget that refused the move (`budgetHit`). */
  withinBudget(unit: readonly number[], target: number): boolean {
    if (this.affordable(unit, target)) return true
    this.budgetHit = true
    return false
  }

  /**
   * The rules at `level` (asked quietly: whether, not why) and the budget allow `unit`
   * onto `target` now, as the searches ask before they place; a budget that refused it is
   * noted.
   */
  allows(unit: readonly number[], target: number, level: Level = 'soft'): boolean {
    return this.refusal(unit, target, level, true) === undefined && this.withinBudget(unit, target)
  }

  /**
   * `allows` at the soft level, with what Refusals remembers of a guest in no together
   * group (see `remembering`): the window way asks it of the same guests onto the same
   * full storages round after round (700,000 times in one plan of a cluster whose local
   * storages are full). A target without memory for the unit, which the capacity rule
   * would refuse, is answered before the rules are asked: the window way offers a node low
   * by CPU thousands of units it has no memory for.
   */
  allowsRemembered(unit: readonly number[], target: number): boolean {
    if (!roomFor(this.state, unit, target)) return false
    const memo = this.remembering(unit)
    if (!memo) return this.allows(unit, target)
    return !this.refusedRemembering(memo, unit, this.state.nodeOf(unit[0]), target) && this.withinBudget(unit, target)
  }

  /**
   * `allowsRemembered` refuses `unit` onto `target`, and will for as long as the target
   * gives back no space (ClusterState.freed): Refusals remembers a refusal for good of it.
   */
  refusedForGood(unit: readonly number[], target: number): boolean {
    return this.remembering(unit)?.refusedForGood(unit, target) === true
  }

  /** Refusals, for a guest in no together group: its own unit wherever it is, as UnitsBySize lists it and the memo knows units. */
  private remembering(unit: readonly number[]): Refusals | undefined {
    return unit.length === 1 && this.groups.group(unit[0], 'soft').length === 1 ? Refusals.of(this) : undefined
  }

  /** The rules at the soft level refuse `unit` from `from` onto `target`: answered by `memo` where it knows, else asked quietly and noted there when they do. */
  private refusedRemembering(memo: Refusals, unit: readonly number[], from: number, target: number): boolean {
    if (memo.refused(unit, from, target)) return true
    const why = this.refusal(unit, target, 'soft', true)
    if (why === undefined) return false
    memo.note(unit, from, target, why)
    return true
  }

  /**
   * The best node for `unit`: allowed by the rules (preferences too when possible, else,
   * when `strict`, strict rules only), within budget, leaving the cluster best balanced.
   * `accept` narrows the candidates further. Notes a budget that refused a target.
   */
  bestTarget(unit: readonly number[], strict: boolean, accept: (target: number) => boolean = () => true): number | undefined {
    const from = this.state.nodeOf(unit[0])
    const load = loadOf(this.state, unit)
    const memo = this.remembering(unit)
    // Each target's balance, weighed in one object: only the best's is kept.
    const trial = {spread: 0, phi: 0}
    const targets = targetsOf(this.model, this.state, unit)
    for (const level of strict ? (['soft', 'hard'] as const) : (['soft'] as const)) {
      let best: number | undefined
      const bestScore = {spread: Infinity, phi: Infinity}
      const refused = (target: number): boolean => (level === 'soft' && memo ? this.refusedRemembering(memo, unit, from, target) : this.refusal(unit, target, level, true) !== undefined)
      for (const target of targets) {
        if (target === from || !accept(target)) continue
        // A target without memory for the unit, the capacity rule refuses at every level: not weighed.
        if (!hasRoom(this.state, target, load.memory)) continue
        // The rules are asked only about a target that would be the best so far, or that
        // the budget refuses (a budget that refused a target the rules allow is noted):
        // the answer is the same, with far fewer questions where the rules refuse most.
        const score = this.objective.evaluateInto(trial, load, from, target)
        const better = score.phi < bestScore.phi - 1e-9 || (score.phi <= bestScore.phi + 1e-9 && score.spread < bestScore.spread - 1e-9)
        const affordable = this.affordable(unit, target)
        if (!better && (affordable || this.budgetHit)) continue
        if (refused(target)) continue
        if (!affordable) {
          this.budgetHit = true
          continue
        }
        best = target
        bestScore.spread = score.spread
        bestScore.phi = score.phi
      }
      if (best !== undefined) return best
    }
    return undefined
  }

  /**
   * Moves `guest`, with what moves as one with it, to the best target `accept` allows:
   * for a strict rule (`strict`), honouring preferences where possible (its together
   * part with preferences, or the strict part when that cannot go); for a preference,
   * only where every preference holds.
   */
  relocate(guest: number, strict: boolean, accept?: (target: number) => boolean): boolean {
    const soft = this.unit(guest, 'soft')
    const hard = this.unit(guest, 'hard')
    for (const unit of soft.length === hard.length || !strict ? [soft] : [soft, hard]) {
      const target = this.bestTarget(unit, strict, accept)
      if (target !== undefined && this.place(unit, target)) return true
    }
    return false
  }

  /**
   * Places `unit` on `target`, after checks the caller made (`refusal`, `affordable`).
   * Returns false, changing nothing, when no execution order would remain.
   */
  place(unit: readonly number[], target: number): boolean {
    const {state} = this
    let rerouted = false
    for (const g of unit) if (this.moved(g)) rerouted = true
    const previous = rerouted ? unit.map((g) => state.nodeOf(g)) : undefined
    const bytes = this.bytes
    this.bytes += this.cost(unit, target).bytes
    for (const g of unit) state.move(g, target)
    if (!previous) {
      let own = this.plannedOwn
      if (own === undefined) this.planned = own = this.plannedOwn = [...this.planned]
      for (const g of unit) own.push(g)
    } else {
      // A rerouted or dropped move may have been what a later migration waited for.
      const changed = new Set(unit)
      // The order less the unit's guests (a few, each found by a native search), then those that still move.
      const wanted = this.planned.slice()
      for (const g of unit) {
        const at = wanted.indexOf(g)
        if (at >= 0) wanted.splice(at, 1)
      }
      for (const g of unit) if (target !== state.origin[g]) wanted.push(g)
      // The order so far, but for the guests rerouted now: what it held still holds where they did not come or go.
      const sentTo = new Map(unit.map((g, i) => [g, previous[i]]))
      const scratch = (this.scratch ??= state.clone())
      const order = executionOrder(this.initial, state.placement, wanted, this.rules, {order: this.planned, changed, sentTo, now: state, scratch})
      if (!order) {
        unit.forEach((g, i) => state.move(g, previous[i]))
        this.bytes = bytes
        this.unordered++
        return false
      }
      // The scratch holds every guest where the state has it: the next reroute's copy takes only what changes until then.
      scratch.sameGuestsAs(state)
      this.setOrder(order)
    }
    this.objective.refresh()
    return true
  }

  /** Everything needed to undo what follows (a budget that refused a move stays noted). */
  mark(): Mark {
    return {placement: Int32Array.from(this.state.placement), order: this.keptOrder(), bytes: this.bytes}
  }

  /** The order as it is now, for a mark to keep: the draft adds to it in place no more. */
  private keptOrder(): readonly number[] {
    this.plannedOwn = undefined
    return this.planned
  }

  /**
   * Sets the order back to the first `length` guests of `order`, a list the draft had
   * then (`Trail`). A trail holds the list without taking it from the draft, which may go
   * on adding to it in place: what it held then stays its first `length` guests, as long
   * as trails are taken back in the reverse order of their marks (a trail taken back
   * removes only what came after its own mark).
   */
  orderBack(order: readonly number[], length: number): void {
    const own = this.plannedOwn
    if (own !== undefined && own === order) own.length = length
    else this.setOrder(order.length === length ? order : order.slice(0, length))
  }

  /** Sets the order to one a mark may hold (see `keptOrder`). */
  private setOrder(order: readonly number[]): void {
    this.planned = order
    this.plannedOwn = undefined
  }

  notes(): Notes {
    return {budgetHit: this.budgetHit, unordered: this.unordered}
  }

  /** Sets the notes back, with `rollback`, when a whole attempt is discarded. */
  restoreNotes(notes: Notes): void {
    this.budgetHit = notes.budgetHit
    this.unordered = notes.unordered
  }

  rollback(mark: Mark): void {
    for (let g = 0; g < mark.placement.length; g++) if (this.state.placement[g] !== mark.placement[g]) this.state.move(g, mark.placement[g])
    this.setOrder(mark.order)
    this.bytes = mark.bytes
    this.objective.refresh()
  }

  /** A mark for a search that only goes on from here, placing through it (see `Trail`). */
  trail(): Trail {
    return new Trail(this)
  }
}

/**
 * The nodes `unit` may be weighed against, in order: the active nodes, or where a guest of
 * it may run on only some (ModelGuest.allowed, sorted), those of them that are active. The
 * pin rule refuses the others at every level, so passing them over changes no answer: the
 * pin repairs weighed each pinned guest against a hundred nodes for the fifteen it may go to.
 */
function targetsOf(model: PlacementModel, state: ClusterState, unit: readonly number[]): readonly number[] {
  let fewest: readonly number[] | undefined
  for (const g of unit) {
    const {allowed} = model.guests[g]
    if (allowed && (!fewest || allowed.length < fewest.length)) fewest = allowed
  }
  if (!fewest || fewest.length >= state.active.length) return state.active
  return fewest.filter((n) => model.nodes[n].role === 'active')
}

/**
 * What `Draft.mark` and `rollback` do, for a search that only goes on from its mark and
 * places through the trail: without a copy of the placement at each mark. A balancing
 * step that narrows the spread marks the draft again, thousands of times in a plan, and
 * each mark copied every guest's node.
 *
 * The trail notes each guest it moves and the node it left. Going back moves the guests
 * that are not where they were at the mark there, in guest order, as `rollback` does: the
 * loads (to the last bit, their sums being made in the same order) and the nodes' guest
 * lists come out as a rollback to a mark taken there leaves them.
 */
export class Trail {
  private readonly draft: Draft
  /** Guest, then the node it left, for every guest moved since the mark. */
  private readonly left: number[] = []
  /** The order at the mark: the first `length` guests of `order` (see `Draft.orderBack`). */
  private order: readonly number[] = []
  private length = 0
  private bytes = 0

  constructor(draft: Draft) {
    this.draft = draft
    this.mark()
  }

  /** Marks the draft as it is now: what `back` returns to. */
  mark(): void {
    this.left.length = 0
    this.order = this.draft.order
    this.length = this.order.length
    this.bytes = this.draft.bytes
  }

  /** `Draft.place`, noted. */
  place(unit: readonly number[], target: number): boolean {
    const {left} = this
    const {state} = this.draft
    const before = left.length
    for (const g of unit) left.push(g, state.nodeOf(g))
    if (this.draft.place(unit, target)) return true
    left.length = before
    return false
  }

  /** Takes the draft back to the mark. */
  back(): void {
    const {left, draft} = this
    // Each guest's first note holds where it was at the mark.
    const at = new Map<number, number>()
    for (let i = 0; i < left.length; i += 2) if (!at.has(left[i])) at.set(left[i], left[i + 1])
    const guests = [...at.keys()].sort((a, b) => a - b)
    for (const g of guests) draft.state.move(g, at.get(g)!)
    left.length = 0
    draft.orderBack(this.order, this.length)
    draft.bytes = this.bytes
    draft.objective.refresh()
  }
}
