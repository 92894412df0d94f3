/**
 * Balancing: while the spread exceeds the threshold, move guests until it does not, in
 * several ways, keeping the plan that needs the fewest migrations (then bytes; the
 * earlier way on a tie). A plan that does not reach the threshold never replaces one
 * that does.
 *
 * The first way, here, takes the single move that helps most, again and again, until
 * none helps. A move helps when it narrows the spread, or keeps it and brings nodes
 * closer to the band around the mean (see objective.ts). Among moves that bring the
 * spread within the threshold at once, the one that adds the fewest migrations and
 * bytes wins; otherwise the one that leaves the least excess, which closes the largest
 * gap and so needs the fewest moves overall. Candidates go from the most utilised nodes
 * and those with the most load above the band to the least utilised ones and those
 * with the most room below it, whole units (together groups) at a time; every one
 * passes the rules, preferences included, against the state at that moment. A guest
 * already moving may be sent elsewhere instead (still one migration) or back home (one
 * fewer). Each move strictly improves (spread, excess), so the search ends; moves that
 * narrowed nothing for a while are taken back, so a spread held wide by guests that
 * cannot move does not set off a stream of moves that only even out the other nodes.
 *
 * The second way (window.ts) picks where the nodes' utilisations should end up, a
 * window as wide as the threshold placed where an estimate needs fewest migrations,
 * and moves the largest units into it: it does best on large skewed clusters, where
 * the band around the mean is not where the fewest moves lead.
 *
 * The third is the classic greedy balancer's, within the rules: the largest unit of the
 * most utilised node goes to the least utilised node, again and again. It is cheap, and
 * with it a plan never needs more migrations than that balancer for the balance it
 * reaches, whenever the rules let it make the same moves.
 *
 * Every way moves one unit at a time, and some clusters need two at once: a small node
 * kept full by one large guest gets even only by trading it for a smaller one, since
 * sending it away leaves the node the least utilised. For a plan the search would leave
 * above the threshold, reachBySwaps tries swaps last, and keeps them only when they
 * reach it.
 */
import {holdAfterBalancing, holdBeforeBalancing} from './calm.js'
import {hasRoom} from './rules/capacity.js'
import type {Draft, Mark, Notes} from './draft.js'
import {RESOURCES} from '../policy/compile.js'
import {type Balance, betterBalance, EPSILON} from './objective.js'
import {onTies, type Sized, UnitsBySize} from './units.js'
import {prune} from './prune.js'
import {Refusals} from './refusals.js'
import {REFUSED, STILL, StillPairs, WINDOW_REFUSED} from './still.js'
import {fillWindow, windowLows} from './window.js'

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

/** The ways balancing may go: step by step through the band around the mean, into a window, largest first. */
export type BalancingWay = 'band' | 'window' | 'largest-first'
export const BALANCING_WAYS: readonly BalancingWay[] = ['band', 'window', 'largest-first']

/** Balances the draft the given ways (all by default; fewer only to test or measure one alone). */
export function balance(draft: Draft, ways: readonly BalancingWay[] = BALANCING_WAYS): void {
  draft.held = undefined
  if (draft.objective.withinThreshold()) return
  const held = holdBeforeBalancing(draft)
  if (held) {
    draft.held = held
    return
  }
  const units = UnitsBySize.of(draft)
  const start = {...draft.mark(), spread: draft.objective.spread}
  const notes = draft.notes()
  // Guests moved before this balancing (rule repairs, an earlier balancing the search
  // pruned and repeats): the greedy way leaves them where they are.
  const settled = new Set<number>()
  for (let g = 0; g < draft.model.guests.length; g++) if (draft.moved(g)) settled.add(g)
  if (!balanceRound(draft, units, ways, settled) && ways.includes('largest-first')) {
    // The ways are greedy: from where they ended, the greedy way with every guest free to
    // move on may reach the threshold where it could not from the start (planning again on
    // a plan's predicted result must find nothing more). Tried with a few moves more at
    // most, and kept only when it reaches the threshold.
    const ended = draft.mark()
    const endedNotes = draft.notes()
    balanceLargestFirst(draft, units, new Set(), draft.moveCount + EXTRA_MOVES)
    if (!draft.objective.withinThreshold()) {
      draft.rollback(ended)
      draft.restoreNotes(endedNotes)
    }
  }
  // The calm settings judge what balancing ends with, the last narrowing moves included.
  const notWorth = holdAfterBalancing(draft, start.spread - draft.objective.spread, draft.moveCount - start.order.length, draft.bytes - start.bytes)
  if (notWorth) {
    draft.rollback(start)
    draft.restoreNotes(notes)
    draft.held = notWorth
  }
}

/** One round: every way from where the draft is, keeping the best; true when it reaches the threshold. */
function balanceRound(draft: Draft, units: UnitsBySize, ways: readonly BalancingWay[], settled: ReadonlySet<number>): boolean {
  const attempts: (() => void)[] = []
  if (ways.includes('band')) attempts.push(() => balanceInBand(draft, units))
  if (ways.includes('window')) for (const low of windowLows(draft, units)) attempts.push(() => fillWindow(draft, units, low))
  if (ways.includes('largest-first')) attempts.push(() => balanceLargestFirst(draft, units, settled))
  const start = draft.mark()
  const notes = draft.notes()
  let best: Outcome | undefined
  for (const attempt of attempts) {
    draft.rollback(start)
    draft.restoreNotes(notes)
    attempt()
    const candidate = outcome(draft)
    if (!best || betterOutcome(candidate, best)) best = candidate
  }
  if (!best) return false
  draft.rollback(best.mark)
  draft.restoreNotes(best.notes)
  if (!best.reached) narrowSpread(draft, units, false)
  return draft.objective.withinThreshold()
}

/**
 * The last word when the threshold is out of reach: while a single move the rules allow
 * (preferences too) narrows the spread, the one that narrows it most, then moves the
 * fewest bytes, is made. The ways above weigh the excess first and may stop where one
 * more move would still narrow the spread; a plan never leaves such a move untaken, so
 * what it says of the spread it stops at is true. (Exported for the property that
 * outOfReach holds only where it cannot reach the threshold.)
 */
export function narrowSpread(draft: Draft, units: UnitsBySize, swaps: boolean): void {
  const {objective} = draft
  const memo = Refusals.of(draft)
  // A few moves at most: on a cluster the ways leave far above the threshold, single
  // narrowing moves go on by the thousand, each a hair's width (a 100-node cluster of mixed
  // sizes took 4,200 migrations and minutes); the plan then makes no claim it cannot keep.
  const cap = draft.moveCount + NARROWING_MOVES
  while (!objective.withinThreshold() && draft.moveCount < cap) {
    let best: {unit: number[]; target: number; spread: number; bytes: number} | undefined
    for (const [source, target] of narrowingPairs(draft)) {
      // No move of the pair gets below the other nodes' spread: a pair that cannot narrow
      // the spread, or not to the best's, is passed over (its every unit would be).
      const floor = objective.floorSpread(source, target)
      if (floor >= objective.spread - EPSILON || (best && floor > best.spread + EPSILON)) continue
      const {high, low} = objective.others(source, target)
      for (const {unit, load, bytes} of units.on(source)) {
        // When the pair cannot get clearly below the best's spread, only fewer bytes can win.
        if (best && bytes >= best.bytes && floor >= best.spread - EPSILON) continue
        const spread = objective.spreadAfter(load, source, target, high, low)
        if (spread >= objective.spread - EPSILON) continue
        if (best && (spread > best.spread + EPSILON || (spread >= best.spread - EPSILON && bytes >= best.bytes))) continue
        if (memo?.refused(unit, source, target) || !allowed(draft, memo, unit, source, target)) continue
        best = {unit, target, spread, bytes}
      }
    }
    if (best ? !draft.place(best.unit, best.target) : !swaps || draft.moveCount + 2 > cap || !swapToNarrow(draft, units, memo)) return
  }
}

/**
 * The search's last resort for a plan it leaves above the threshold: narrowing with swaps
 * as well as single moves (see swapToNarrow), kept only when that reaches the threshold
 * (unneeded moves then pruned) and passes the calm checks as balancing does. A swap that
 * only narrows a spread left wide anyway is churn, which every wobble of the load would
 * repeat; and a plan that reached the threshold without swaps is never touched.
 */
export function reachBySwaps(draft: Draft): void {
  if (draft.objective.withinThreshold() || holdBeforeBalancing(draft)) return
  const units = UnitsBySize.of(draft)
  if (outOfReach(draft, units)) return
  const start = {...draft.mark(), spread: draft.objective.spread}
  const notes = draft.notes()
  narrowSpread(draft, units, true)
  if (draft.objective.withinThreshold()) {
    prune(draft)
    if (!holdAfterBalancing(draft, start.spread - draft.objective.spread, draft.moveCount - start.order.length, draft.bytes - start.bytes)) return
  }
  draft.rollback(start)
  draft.restoreNotes(notes)
}

/**
 * Whether narrowing (narrowSpread) cannot bring the spread within the threshold because
 * the load is not there. Narrowing moves units only, so a node with no unit to send (all
 * its guests pinned or locked, say) keeps at least its load. Every node would then have to
 * end within the threshold of the highest such node, and the active nodes would need more
 * load than they carry between them (narrowing only moves load among them). On a cluster
 * packed around one such node, the swaps took hundreds of milliseconds to learn the same.
 * Exported for the property that it holds only where no moves of units reach the threshold.
 *
 * The sum weighed: each node's utilisation times its least share of the cluster's
 * capacity of a resource the policy measures. Wherever the load goes, that sum is at most
 * the utilisation of the cluster as a whole (equal to it for one resource: a node's
 * utilisation is then its load over its capacity); where every node ends as high as it
 * must, it is at least what the nodes must reach, weighed the same way.
 */
export function outOfReach(draft: Draft, units: UnitsBySize): boolean {
  const {state, objective, model} = draft
  const measured = RESOURCES.filter((r) => model.weights[r] > 0)
  const capacity = {memory: 0, cpu: 0, disk: 0}
  const carried = {memory: 0, cpu: 0, disk: 0}
  // The nodes with no unit to send, and the highest of them.
  const held = new Set<number>()
  let stuck = -Infinity
  for (const n of state.active) {
    for (const r of measured) {
      // A resource a node has none of is not in proportion to its load there: no bound.
      if (!(model.nodes[n].capacity[r] > 0)) return false
      capacity[r] += model.nodes[n].capacity[r]
      carried[r] += state.loads[n][r]
    }
    if (units.on(n).length === 0) {
      held.add(n)
      stuck = Math.max(stuck, state.utilisation(n))
    }
  }
  if (held.size === 0) return false
  const floor = stuck - objective.threshold - EPSILON
  const weightSum = measured.reduce((sum, r) => sum + model.weights[r], 0)
  const most = measured.reduce((sum, r) => sum + (100 * model.weights[r] * carried[r]) / capacity[r], 0) / weightSum
  let needed = 0
  for (const n of state.active) {
    const share = Math.min(...measured.map((r) => model.nodes[n].capacity[r] / capacity[r]))
    needed += share * (held.has(n) ? Math.max(state.utilisation(n), floor) : floor)
  }
  // A margin for the sums' rounding: never skipped where the load falls short by a hair.
  return needed > most + EPSILON
}

/** Swaps weighed per pair of nodes and unit: the units of the other node around the size that evens the two out. */
const SWAP_WINDOW = 2
/** The best swaps tried against the rules, in order, until one holds. */
const SWAP_TRIES = 8

/**
 * Where no single move narrows the spread, a swap may: a unit of the most utilised node
 * for a smaller one of another node (or a unit of another node for a smaller one of the
 * least utilised). It is how a small node kept full by one large guest gets even, which
 * no move alone does (sending that guest away leaves the node the least utilised by far).
 * The swap that narrows the spread most, then moves the fewest bytes, is made, as its two
 * migrations in the order the rules allow (the unit leaving first when its target has
 * room for it, else the other), both passing the rules at their moment; true when one
 * was made.
 */
function swapToNarrow(draft: Draft, units: UnitsBySize, memo: Refusals | undefined): boolean {
  const {objective, state} = draft
  const before = objective.spread
  // Only the best SWAP_TRIES swaps are tried: they are kept in order as they are found,
  // where sorting every swap found (tens of thousands on a 100-node cluster, each search
  // of a plan left above the threshold) took longer than finding them.
  const best: Swap[] = []
  const net = {memory: 0, cpu: 0, disk: 0}
  for (const [source, target] of narrowingPairs(draft)) {
    // A swap may lower either node: only the other nodes' spread bounds it.
    const {high, low} = objective.others(source, target)
    if (high - low >= before - EPSILON) continue
    const back = units.on(target)
    if (back.length === 0) continue
    const gap = state.utilisation(source) - state.utilisation(target)
    for (const out of units.on(source)) {
      // The other unit the two nodes would end even with: it holds on `target` the points
      // `out` would hold there, less the share of the gap `target` takes up.
      const onSource = state.pointsOf(source, out.load)
      const onTarget = state.pointsOf(target, out.load)
      const even = onTarget - (gap * onTarget) / (onSource + onTarget)
      const at = firstAbove(back, even, true)
      for (let i = Math.max(0, at - SWAP_WINDOW); i < Math.min(back.length, at + SWAP_WINDOW); i++) {
        const home = back[i]
        net.memory = out.load.memory - home.load.memory
        net.cpu = out.load.cpu - home.load.cpu
        net.disk = out.load.disk - home.load.disk
        const spread = objective.spreadAfter(net, source, target, high, low)
        if (spread >= before - EPSILON) continue
        const bytes = out.bytes + home.bytes
        if (best.length === SWAP_TRIES && !swapFirst(spread, bytes, out, home, best[SWAP_TRIES - 1])) continue
        let k = Math.min(best.length, SWAP_TRIES - 1)
        best.length = k + 1
        for (; k > 0 && swapFirst(spread, bytes, out, home, best[k - 1]); k--) best[k] = best[k - 1]
        best[k] = {out, home, source, target, spread, bytes}
      }
    }
  }
  for (const swap of best) if (makeSwap(draft, memo, swap, before)) return true
  return false
}

/** The swap of `out` for `home` (its spread and bytes) comes before `other`: the narrower spread, then fewer bytes, then the lower first guests. */
function swapFirst(spread: number, bytes: number, out: Sized, home: Sized, other: Swap): boolean {
  return (spread - other.spread || bytes - other.bytes || out.unit[0] - other.out.unit[0] || home.unit[0] - other.home.unit[0]) < 0
}

interface Swap {
  /** The unit that leaves `source` for `target`, and the one that comes back the other way. */
  out: Sized
  home: Sized
  source: number
  target: number
  spread: number
  bytes: number
}

function makeSwap(draft: Draft, memo: Refusals | undefined, swap: Swap, before: number): boolean {
  const {out, home, source, target} = swap
  // Units of one together group would change as they meet: not a swap.
  const group = draft.groups.group(out.unit[0], 'soft')
  if (home.unit.some((g) => group.includes(g))) return false
  const mark = draft.mark()
  const notes = draft.notes()
  // Each unit with where it goes, in either order: `out` first, else `home` first.
  const orders: [Sized, number, Sized, number][] = [[out, target, home, source], [home, source, out, target]]
  for (const [first, firstTo, second, secondTo] of orders) {
    if (!allowed(draft, memo, first.unit, secondTo, firstTo) || !draft.place(first.unit, firstTo)) continue
    if (allowed(draft, memo, second.unit, firstTo, secondTo) && draft.place(second.unit, secondTo) && draft.objective.spread < before - EPSILON) return true
    draft.rollback(mark)
    draft.restoreNotes(notes)
  }
  return false
}

/**
 * Whether the rules (preferences too) and the budget let `unit` go from `source` to
 * `target` now; a refusal is remembered in `memo`, a move past the budget marks it hit.
 */
function allowed(draft: Draft, memo: Refusals | undefined, unit: number[], source: number, target: number): boolean {
  const why = draft.refusal(unit, target, 'soft', true)
  if (why) {
    memo?.note(unit, source, target, why)
    return false
  }
  return draft.withinBudget(unit, target)
}

/**
 * The only moves that can narrow the spread: from the most utilised node (when no other
 * is as high) anywhere, and from anywhere to the least utilised (when no other is as low).
 */
export function narrowingPairs(draft: Draft): [number, number][] {
  const ranked = draft.objective.ranked()
  const u = (n: number) => draft.state.utilisation(n)
  if (ranked.length < 2) return []
  const pairs: [number, number][] = []
  const top = ranked[0]
  const bottom = ranked[ranked.length - 1]
  if (u(ranked[1]) < u(top) - EPSILON) for (const target of ranked) if (target !== top) pairs.push([top, target])
  if (u(ranked[ranked.length - 2]) > u(bottom) + EPSILON) for (const source of ranked) if (source !== bottom && source !== top) pairs.push([source, bottom])
  return pairs
}

interface Outcome {
  mark: Mark
  notes: Notes
  reached: boolean
  moves: number
  bytes: number
  spread: number
}

function outcome(draft: Draft): Outcome {
  return {mark: draft.mark(), notes: draft.notes(), reached: draft.objective.withinThreshold(), moves: draft.moveCount, bytes: draft.bytes, spread: draft.objective.spread}
}

/** Only a plan that reaches the threshold replaces the other, and then only with fewer migrations, or as many and fewer bytes. */
function betterOutcome(a: Outcome, b: Outcome): boolean {
  if (!a.reached) return false
  if (!b.reached) return true
  return a.moves < b.moves || (a.moves === b.moves && a.bytes < b.bytes)
}

function balanceInBand(draft: Draft, units: UnitsBySize): void {
  const {objective} = draft
  // Unit (its first guest) and target, as guest × nodes + target.
  const refused = new Set<number>()
  // Steps that only bring nodes closer to the band pay off when the spread narrows soon
  // after (two nodes tied at the top, say); when it does not, they are dropped.
  const patience = Math.max(8, draft.state.active.length)
  const settled = draft.trail()
  let narrowest = objective.spread
  let idle = 0
  for (;;) {
    if (objective.withinThreshold()) return
    // Near the ends first; then every node with the units that fit its gaps; every unit
    // against every node only as the last resort (on large clusters it costs seconds).
    const move = bestMove(draft, units, refused, NEAR_ENDS) ?? bestMove(draft, units, refused, draft.state.active.length) ?? bestMove(draft, units, refused, Infinity)
    if (!move) break
    if (!settled.place(move.unit, move.target)) {
      refused.add(move.unit[0] * draft.model.nodes.length + move.target)
      continue
    }
    if (objective.spread < narrowest - EPSILON) {
      narrowest = objective.spread
      settled.mark()
      idle = 0
    } else if (++idle >= patience) break
  }
  settled.back()
}

/** Migrations the last narrowing moves may add (see narrowSpread). */
const NARROWING_MOVES = 16

/** Migrations the greedy way may add when it goes on from where balancing ended (see balance). */
const EXTRA_MOVES = 8

/**
 * The classic greedy balancer's way: the largest unit of the most utilised node that the
 * least utilised node may take goes there, until the spread is within the threshold or
 * no unit of that node may go.
 */
function balanceLargestFirst(draft: Draft, units: UnitsBySize, settled: ReadonlySet<number>, cap = Infinity): void {
  // Each guest once, as that balancer does; guests moved before it (settled) stay put.
  const taken = new Set(settled)
  const {objective} = draft
  while (!objective.withinThreshold() && draft.moveCount < cap) {
    const ranked = objective.ranked()
    const target = ranked[ranked.length - 1]
    if (!largestThatGoes(draft, units.on(ranked[0]), target, taken)) return
  }
}

/** Moves the largest unit of `list` (sorted smallest first) that may go to `target`, the lowest guest first among equals. */
function largestThatGoes(draft: Draft, list: readonly Sized[], target: number, taken: Set<number>): boolean {
  for (let end = list.length; end > 0; ) {
    let start = end - 1
    while (start > 0 && list[start - 1].size === list[end - 1].size) start--
    for (let i = start; i < end; i++) {
      const {unit} = list[i]
      if (unit.some((g) => taken.has(g)) || !draft.allowsRemembered(unit, target)) continue
      if (draft.place(unit, target)) {
        for (const g of unit) taken.add(g)
        return true
      }
    }
    end = start
  }
  return false
}

/**
 * The best move from `reach` nodes at each end (Infinity: every node, every unit; exported
 * for the property that it is then the best of all moves, every bound notwithstanding). With
 * a reach, each source and target pair tries only the few units around the largest that
 * moves without pushing either node past the band: smaller ones close less of the gap,
 * larger ones overshoot.
 */
export function bestMove(draft: Draft, units: UnitsBySize, refused: Set<number>, reach: number): Candidate | undefined {
  const {state, objective} = draft
  const {sources, targets} = reach === Infinity ? {sources: state.active, targets: state.active} : objective.ends(reach)
  const pairs = new Pairs(draft, units, refused, reach, targets)
  let best: Candidate | undefined
  for (let si = 0; si < sources.length; si++) best = pairs.fromSource(sources[si], best)
  return best
}

/**
 * What `bestMove` knows of its targets, and the search of one source's pairs: a method of
 * its own, called for each source, that V8 compiles whole after a few sources. One function
 * over every pair ran in code compiled for its inner loop only (entered mid-loop), dropped
 * each time the loop was left: hundreds of times in a plan, every number it worked out in
 * between allocated on the heap.
 */
class Pairs {
  private readonly draft: Draft
  private readonly units: UnitsBySize
  private readonly refused: Set<number>
  private readonly reach: number
  private readonly targets: readonly number[]
  private readonly now: Balance
  private readonly memo: Refusals | undefined
  private readonly still: StillPairs
  /**
   * Each target's points below the band: the most a move onto it can take off its part of
   * the excess (a target inside or above the band only adds to it), for bounds cheaper
   * than a pair's floor.
   */
  private readonly gap: Float64Array
  /** Targets at or above the band, which leave a pair no room (see fromSource). */
  private readonly full: Uint8Array
  /** The most excess a move onto any target can take off there, and the largest share of any. */
  private readonly mostShed: number
  private readonly largestShare: number
  /**
   * The targets that take, in order: a source that sheds nothing pairs only with those (on
   * a cluster its rules hold, nearly every source; one target in a hundred takes).
   */
  private readonly takers: Int32Array
  private readonly takerCount: number
  /** The targets, and those that take, as bits (StillPairs.passed), and each target's place among them; for `unpassed`. */
  private readonly targetBits: Int32Array
  private readonly takerBits: Int32Array
  private readonly placeOf: Int32Array
  /** The targets `unpassed` leaves a source, in order. */
  private readonly visit: Int32Array
  /** The move being weighed (fromSource), never the best. */
  private readonly trial: Candidate = {unit: [], target: -1, after: {spread: 0, phi: 0}, finishing: false, moves: 0, bytes: 0, size: 0}
  /** Its estimate where several resources are weighed (Objective.mixEstimateInto). */
  private readonly guess: Balance = {spread: 0, phi: 0}

  constructor(draft: Draft, units: UnitsBySize, refused: Set<number>, reach: number, targets: readonly number[]) {
    const {state, objective} = draft
    const nodeCount = draft.model.nodes.length
    this.draft = draft
    this.units = units
    this.refused = refused
    this.reach = reach
    this.targets = targets
    this.now = {spread: objective.spread, phi: objective.phi}
    this.memo = Refusals.of(draft)
    this.still = StillPairs.of(draft)
    // Arrays of the draft's last search, written afresh for these targets (a search is made three times a step).
    let scratch = SCRATCH.get(draft)
    if (!scratch) SCRATCH.set(draft, (scratch = newScratch(nodeCount, this.still.words)))
    const gap = (this.gap = scratch.gap)
    const full = (this.full = scratch.full)
    const takers = (this.takers = scratch.takers)
    const targetBits = (this.targetBits = scratch.targetBits.fill(0))
    const takerBits = (this.takerBits = scratch.takerBits.fill(0))
    const placeOf = (this.placeOf = scratch.placeOf)
    this.visit = scratch.visit
    let mostShed = 0
    let largestShare = 0
    let takerCount = 0
    for (let ti = 0; ti < targets.length; ti++) {
      const target = targets[ti]
      placeOf[target] = ti
      targetBits[target >> 5] |= 1 << (target & 31)
      if (objective.takes(target)) {
        takers[takerCount++] = target
        takerBits[target >> 5] |= 1 << (target & 31)
      }
      gap[target] = Math.max(0, objective.low - state.utilisation(target))
      full[target] = reach !== Infinity && objective.share[target] > 0 && state.utilisation(target) >= objective.high ? 1 : 0
      mostShed = Math.max(mostShed, objective.share[target] * gap[target])
      largestShare = Math.max(largestShare, objective.share[target])
    }
    this.mostShed = mostShed
    this.largestShare = largestShare
    this.takerCount = takerCount
  }

  /**
   * The better of `best` and the best move from `source`. Indexed loops and no closures
   * per pair: this runs millions of times in a process that has barely warmed up, where
   * every iterator result and closure is garbage.
   */
  fromSource(source: number, best: Candidate | undefined): Candidate | undefined {
    const {draft, units, refused, reach, targets, now, memo, still, gap, full, mostShed, largestShare, takers, takerCount, trial, guess} = this
    const {state, objective} = draft
    const nodeCount = draft.model.nodes.length
    const list = units.on(source)
    if (list.length === 0) return best
    const fromSource = state.utilisation(source) - objective.low
    const shedding = objective.sheds(source)
    if (!shedding && takerCount === 0) return best
    // When no move from this source can finish, a pair is hopeless by its excess alone:
    // its floor (Objective.floor, for the source's largest unit at most) is at least
    // what is left once both ends shed what that unit can take off them.
    const spreadFloor = objective.spreadFloor(source)
    const unfinishable = !canFinish(spreadFloor, objective)
    if (unfinishable && best?.finishing) return best
    // With a reach, a pair tries units up to the second past those that fit the source's room above the band.
    const largest = list[reach === Infinity ? list.length - 1 : Math.min(list.length, firstAbove(list, fromSource) + 2) - 1].size
    const ratio = objective.ratioBound(source)
    // A source only loses load: it sheds excess only above the band (below it, it only lacks more).
    const outFrom = ratio === Infinity ? objective.outside(state.utilisation(source)) : Math.max(0, state.utilisation(source) - objective.high)
    const left = objective.phi - objective.share[source] * (ratio === Infinity ? outFrom : Math.min(outFrom, largest))
    const onTarget = largest * ratio
    // A target at or above the band leaves no room: its pairs try the two smallest units.
    const smallest = list[Math.min(list.length, 2) - 1].size
    const leftSmall = objective.phi - objective.share[source] * (ratio === Infinity ? outFrom : Math.min(outFrom, smallest))
    const onTargetSmall = smallest * ratio
    // No target sheds more than the most any does, nor more than the largest share times what the unit can hold there.
    if (unfinishable && beyond(left - Math.min(mostShed, largestShare * onTarget), spreadFloor, best, now)) return best
    const roomless = objective.share[source] > 0 ? full : NONE
    // A target not below the band takes nothing off the excess (its own only grows): where
    // no move from the source finishes and the source's side alone cannot beat the best,
    // only the targets that take can, as with a source that sheds nothing.
    const takersOnly = !shedding || (unfinishable && beyond(left, spreadFloor, best, now))
    let pool: ArrayLike<number> = takersOnly ? takers : targets
    let poolSize = takersOnly ? takerCount : targets.length
    // From any node but the most utilised, the pairs known to be passed over need not be visited.
    if (poolSize > FEW_TARGETS && source !== objective.most) {
      const count = this.unpassed(source, takersOnly)
      if (count >= 0) {
        pool = this.visit
        poolSize = count
      }
    }
    for (let ti = 0; ti < poolSize; ti++) {
      const target = pool[ti]
      if (target === source) continue
      // What is known of the pair while the two nodes stand (StillPairs).
      const known = still.known(source, target)
      if (known !== 0 && ((known & REFUSED) !== 0 || (reach !== Infinity && (known & WINDOW_REFUSED) !== 0) || ((known & STILL) !== 0 && !objective.boundsSpread(source, target)))) continue
      if (unfinishable) {
        const phi = roomless[target] ? leftSmall - objective.share[target] * Math.min(gap[target], onTargetSmall) : left - objective.share[target] * Math.min(gap[target], onTarget)
        if (beyond(phi, spreadFloor, best, now)) {
          // Over every unit (no window), a floor of the pair's excess.
          if (reach === Infinity && lessensNothing(phi, now)) still.note(source, target, STILL)
          continue
        }
      }
      let first = 0
      let last = list.length
      // Over every unit, those refused onto the target for good (its storages full, say) are
      // stepped over, and the pair is bounded by the largest of the others; a window's few
      // units are asked one by one.
      const open = reach === Infinity ? memo?.open(list, source, target) : undefined
      if (open) {
        first = open.first
        last = open.end
        if (last === 0) {
          still.note(source, target, REFUSED)
          continue
        }
      } else if (reach !== Infinity) {
        const room = Math.min(fromSource, ((objective.high - state.utilisation(target)) * objective.share[target]) / objective.share[source])
        const fit = firstAbove(list, room)
        first = Math.max(0, fit - WINDOW)
        last = Math.min(list.length, fit + 2)
        // The few units of the window the rules are known to refuse (on a cluster its rules hold, nearly always): no bound to work out.
        if (memo && allRefused(memo, list, first, last, source, target)) {
          still.note(source, target, WINDOW_REFUSED)
          continue
        }
      }
      // Units are sorted smallest first, and the smaller the unit, the less it can do:
      // start from the smallest that might still be taken (none when the largest cannot).
      if (first >= last) continue
      if (unfinishable && best) {
        // No move from the source finishes: the pair's excess floor decides, and where it can only tie, the tie-break.
        const phi = objective.floorPhi(source, target, list[last - 1].size)
        // Over every unit that may go, what holds while the two nodes stand.
        if (reach === Infinity && memo && this.settleOpen(source, target, known, list, last, phi)) continue
        if (beyond(phi, spreadFloor, best, now) || changesNothing(objective, source, target, phi, now)) {
          if (reach !== Infinity) this.settle(source, target, list)
          continue
        }
        if (atBestTies(objective, source, target, phi, best) && !comesFirst(draft, units.firstOnTies(source)!, best)) continue
      } else if (pairHopeless(objective, source, target, list[last - 1].size, spreadFloor, best, now)) {
        if (reach !== Infinity || !memo) this.settle(source, target, list)
        else this.settleOpen(source, target, known, list, open ? open.end : list.length)
        continue
      }
      // Units that would widen the spread are never taken: not weighed.
      const ceiling = objective.ceiling(source, target)
      if (ceiling < list[last - 1].size) last = firstAbove(list, ceiling)
      if (first >= last) continue
      if (last - first > 2) first = firstHopeful(objective, list, first, last - 1, source, target, spreadFloor, best, now)
      // Where no move from the source finishes, a unit whose excess floor (at least its size) is past the best's leaves more excess than the best, and so does every larger one.
      if (unfinishable && best && beyond(objective.floorPhiAbove(source, target, list[last - 1].size), spreadFloor, best, now)) {
        last = firstPastBest(objective, list, first, last, source, target, spreadFloor, best, now)
      }
      const skips = open?.next
      // Where several resources are weighed, a cheap estimate passes over the moves that surely lose.
      const mixes = objective.mixes(source, target)
      if (mixes) objective.mixPair(source, target)
      let weighed = 0
      for (let i = skips ? skips[first] : first; i < last; i = skips ? skips[i + 1] : i + 1) {
        const {unit, load} = list[i]
        // A move that surely loses to the best (`better`): not asked of the rules nor
        // evaluated, only counted as the loop below counts what it weighs, when nothing was yet.
        if (mixes && best && losesSurely(objective.mixEstimateInto(guess, load), unit, list[i].bytes, best, objective.threshold)) {
          if (weighed === 0 && !memo?.refused(unit, source, target) && hasRoom(state, target, load.memory)) weighed++
          continue
        }
        if (memo?.refused(unit, source, target)) continue
        // A unit the target has no memory for, the capacity rule refuses (as `allowed` would find): not weighed.
        if (!hasRoom(state, target, load.memory)) continue
        weighed++
        // Weighed in the search's own candidate, copied only once it wins: most moves weighed lose.
        const after = objective.evaluateInto(trial.after, load, source, target)
        if (!betterBalance(after, now)) continue
        const finishing = objective.withinThreshold(after.spread)
        trial.unit = unit
        trial.target = target
        trial.finishing = finishing
        trial.moves = 0
        trial.bytes = 0
        trial.size = list[i].bytes
        // Only finishing moves are ranked by their cost (see `better`): the others' is counted once they win.
        if (finishing) countCost(draft, trial)
        if (best && !better(trial, best, draft)) continue
        if (refused.has(unit[0] * nodeCount + target) || !allowed(draft, memo, unit, source, target)) continue
        if (!finishing) countCost(draft, trial)
        best = {unit, target, after: {spread: after.spread, phi: after.phi}, finishing, moves: trial.moves, bytes: trial.bytes, size: trial.size}
      }
      // Where the bounds left only units known refused, the others may be too, or lessen nothing.
      if (weighed === 0 && reach === Infinity && memo) this.settleOpen(source, target, still.known(source, target), list, open ? open.end : list.length)
    }
    return best
  }

  /**
   * Into `visit`, in the targets' order, those of the pool (every target, or those that
   * take) whose pair from `source` StillPairs does not know to be passed over, and the
   * least utilised node (its still pairs bound the spread): how many. -1 when they are
   * more than a quarter of the pool, for the search to visit them all (early in a plan,
   * when little is known, a sort would cost more than it saves).
   */
  private unpassed(source: number, takersOnly: boolean): number {
    const {still, visit, placeOf, reach} = this
    const words = still.words
    const passed = still.passed(reach === Infinity)
    const pool = takersOnly ? this.takerBits : this.targetBits
    const most = (takersOnly ? this.takerCount : this.targets.length) >> 2
    const least = this.draft.objective.least
    const row = source * words
    let count = 0
    for (let w = 0; w < words; w++) {
      let bits = pool[w] & ~passed[row + w]
      // The least utilised target is visited, passed or not (`known` decides).
      if (least >= 0 && least >> 5 === w) bits |= pool[w] & (1 << (least & 31))
      while (bits !== 0) {
        if (count === most) return -1
        const low = bits & -bits
        bits ^= low
        const target = (w << 5) | (31 - Math.clz32(low))
        // In the targets' order (by index for the search over every unit; by utilisation for the others).
        let at = count++
        while (at > 0 && placeOf[visit[at - 1]] > placeOf[target]) {
          visit[at] = visit[at - 1]
          at--
        }
        visit[at] = target
      }
    }
    return count
  }

  /**
   * Notes what holds of a pair (StillPairs) over every unit that may go while the two
   * nodes stand: none is refused (for good or while they stand, as `memo` knows) and the
   * target has memory for it. No unit: REFUSED. Otherwise STILL when none lessens the
   * excess: the largest by its floor (Objective.floorPhi, which bounds every smaller unit
   * too), else each by the change its move makes, largest first. A pair with a unit that
   * lessens it is not asked again while the two nodes stand and no refusal of it is noted
   * (TRIED). `known` is what StillPairs knows of the pair now (`known`, which the search
   * asked when it came to the pair), `floorPhi` the floor already worked out for the unit
   * before `end`, the largest not refused for good. True when the search passes the pair
   * over now: refused, or still and neither node bounds the spread.
   *
   * On a cluster whose storage refuses most moves, the units that would lessen the
   * excess are refused while the nodes stand, or a floor over every size up to the
   * largest unit's sees a move that no unit makes: such pairs were bounded again at every
   * step of the band way's long tail.
   */
  private settleOpen(source: number, target: number, known: number, list: readonly Sized[], end: number, floorPhi?: number): boolean {
    const {memo, still, now} = this
    const {state, objective} = this.draft
    // Still and searched all the same: one of the nodes bounds the spread.
    if ((known & STILL) !== 0) return false
    const noted = memo!.notedOf(source, target)
    if (still.tried(known, source, target, noted)) return false
    let i = end - 1
    while (i >= 0 && !mayGo(memo!, state, list[i], source, target)) i--
    if (i < 0) {
      still.note(source, target, REFUSED)
      return true
    }
    if (!lessensNothing(i === end - 1 && floorPhi !== undefined ? floorPhi : objective.floorPhi(source, target, list[i].size), now)) {
      for (; i >= 0; i--) {
        if (!mayGo(memo!, state, list[i], source, target)) continue
        if (objective.excessChange(list[i].load, source, target) < 2 * NOISE - EPSILON) {
          still.noteTried(source, target, noted)
          return false
        }
      }
    }
    still.note(source, target, STILL)
    return !objective.boundsSpread(source, target)
  }

  /**
   * Notes a pair a bound passed over as still (StillPairs) when no move of any unit on
   * the source lessens the excess: a window's few units, or a best that ties, say nothing
   * of the others.
   */
  private settle(source: number, target: number, list: readonly Sized[]): void {
    const {objective} = this.draft
    if (lessensNothing(objective.floorPhi(source, target, list[list.length - 1].size), this.now)) this.still.note(source, target, STILL)
  }
}

const NONE = new Uint8Array(0)

/** What `Pairs` works in, kept per draft: only one search of a draft runs at a time. */
interface PairsScratch {
  gap: Float64Array
  full: Uint8Array
  takers: Int32Array
  targetBits: Int32Array
  takerBits: Int32Array
  placeOf: Int32Array
  visit: Int32Array
}

const SCRATCH = new WeakMap<Draft, PairsScratch>()

function newScratch(nodes: number, words: number): PairsScratch {
  const node = () => new Int32Array(nodes)
  return {gap: new Float64Array(nodes), full: new Uint8Array(nodes), takers: node(), targetBits: new Int32Array(words), takerBits: new Int32Array(words), placeOf: node(), visit: node()}
}

/** Pools of targets up to this size are visited whole (the near ends'): `Pairs.unpassed` would save little. */
const FEW_TARGETS = 8

/*
 * Two searches of a pair's units (smallest first) by bound, without a closure: a closure
 * over the pair's target made every turn of the loop over targets allocate its scope.
 */

/** The first unit in [first, last) of the pair that is not hopeless (pairHopeless); `last` when all are. */
function firstHopeful(objective: Draft['objective'], list: readonly Sized[], first: number, last: number, source: number, target: number, spreadFloor: number, best: Candidate | undefined, now: Balance): number {
  let low = first
  let high = last
  while (low < high) {
    const mid = (low + high) >> 1
    if (!pairHopeless(objective, source, target, list[mid].size, spreadFloor, best, now)) high = mid
    else low = mid + 1
  }
  return low
}

/** The first unit in [first, last) whose excess floor is past `best` (Objective.floorPhiAbove); `last` when none is. */
function firstPastBest(objective: Draft['objective'], list: readonly Sized[], first: number, last: number, source: number, target: number, spreadFloor: number, best: Candidate, now: Balance): number {
  let low = first
  let high = last
  while (low < high) {
    const mid = (low + high) >> 1
    if (beyond(objective.floorPhiAbove(source, target, list[mid].size), spreadFloor, best, now)) high = mid
    else low = mid + 1
  }
  return low
}

/** `unit` may go from `source` to `target` as far as `memo` knows, and the target has memory for it. */
function mayGo(memo: Refusals, state: Draft['state'], unit: Sized, source: number, target: number): boolean {
  return !memo.refused(unit.unit, source, target) && hasRoom(state, target, unit.load.memory)
}

/** Every unit of `list` from `first` to before `last` is one `memo` knows the rules refuse from `source` to `target`. */
function allRefused(memo: Refusals, list: readonly Sized[], first: number, last: number, source: number, target: number): boolean {
  for (let i = first; i < last; i++) if (!memo.refused(list[i].unit, source, target)) return false
  return true
}

/** The migrations and bytes `candidate` adds to the plan. */
function countCost(draft: Draft, candidate: Candidate): void {
  const {moves, bytes} = draft.cost(candidate.unit, candidate.target)
  candidate.moves = moves
  candidate.bytes = bytes
}

/** The first unit of `list` (smallest first) larger than `size` (`atLeast`: of at least `size` points); its length when none is. */
function firstAbove(list: readonly Sized[], size: number, atLeast = false): number {
  let low = 0
  let high = list.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (list[mid].size > size || (atLeast && list[mid].size === size)) high = mid
    else low = mid + 1
  }
  return low
}

/**
 * No move of a unit of at most `size` points from `source` to `target` can be taken, by
 * the pair's floor (Objective.floor): it cannot finish, and it leaves more excess than
 * `best` beyond any tie, or when there is no best yet, neither narrows the spread nor
 * lessens the excess (`betterBalance` against `now`). When no move from the source can
 * finish (`spreadFloor`) and there is a best, its excess alone decides.
 */
function pairHopeless(objective: Draft['objective'], source: number, target: number, size: number, spreadFloor: number, best: Candidate | undefined, now: Balance): boolean {
  if (best && !canFinish(spreadFloor, objective)) return beyond(objective.floorPhi(source, target, size), spreadFloor, best, now)
  // The floor (Objective.floor) in its two parts: the excess only where the spread cannot finish.
  const spread = objective.floorSpread(source, target)
  return !canFinish(spread, objective) && beyond(objective.floorPhi(source, target, size), spread, best, now)
}

/**
 * No move of the pair of the units its excess floor `floorPhi` is for betters the balance
 * now (`betterBalance`): it can neither narrow the spread (neither node bounds it) nor
 * lessen the excess. Where a node at the band's top takes what one above it sheds, the
 * excess only moves; in a band way's long tail, where the best move lifts the least
 * utilised node a hair and leaves the excess as it was, no bound against that best tells
 * such pairs apart, and millions of their units were weighed for nothing.
 */
function changesNothing(objective: Draft['objective'], source: number, target: number, floorPhi: number, now: Balance): boolean {
  return floorPhi >= now.phi - EPSILON + NOISE && (!objective.boundsSpread(source, target) || objective.floorSpread(source, target) >= now.spread - EPSILON)
}

/** No move with the excess floor `floorPhi` lessens the excess beyond noise (StillPairs), with room to spare for the rounding of the excess as it changes. */
function lessensNothing(floorPhi: number, now: Balance): boolean {
  return floorPhi >= now.phi - EPSILON + 2 * NOISE
}

/**
 * No move of the pair of the units its excess floor `floorPhi` is for (Objective.floorPhi)
 * betters `best`, a move that does not finish, by the excess or by the spread: at best
 * it ties on both, and the tie goes to fewer guests, then fewer bytes, then the lower
 * vmid (`better`). Where the band way lifts the least utilised node a hair at a time,
 * nearly every move ties so; a pair whose source has no unit that would come first by
 * those is then passed over.
 */
function atBestTies(objective: Draft['objective'], source: number, target: number, floorPhi: number, best: Candidate): boolean {
  // A tie is closer than `better` tells apart (TIE): the floor may be as close to the best
  // as it likes, beyond the noise of its own sums. The spread's floor is a bound to the bit.
  if (floorPhi < best.after.phi - TIE + NOISE) return false
  return objective.floorSpread(source, target) >= best.after.spread - TIE
}

/**
 * Whether `unit` may come before `best` on a tie of excess and spread (units.ts `onTies`),
 * or is the best's own unit (the same vmid, to another node).
 */
function comesFirst(draft: Draft, unit: Sized, best: Candidate): boolean {
  return onTies(draft.model.guests, unit, {unit: best.unit, bytes: best.size}) <= 0
}

/** What `better` counts as a tie (`differs`): values closer than this are equal. */
const TIE = 1e-9

/** Most a bound on the excess and the excess a move gets may differ by rounding alone (both are a few hundred points at most). */
const NOISE = 1e-11

/** Beyond floating-point noise: a bound this far past a candidate's value cannot tie with it. */
const MARGIN = 1e-7

/**
 * `pairHopeless` for every pair whose floor is at least `phi` and `spread`, the spread being
 * above what could finish: the same tests, on bounds.
 */
function beyond(phi: number, spread: number, best: Candidate | undefined, now: Balance): boolean {
  if (best) return best.finishing || phi > best.after.phi + TIE + MARGIN
  return spread >= now.spread - EPSILON + MARGIN && phi >= now.phi - EPSILON + MARGIN
}

/**
 * `guess`, the estimate (Objective.mixEstimateInto) of moving `unit` (of `bytes`), loses
 * to `best` by `better` whatever the estimate's rounding. It must surely not finish
 * (bring the spread within `threshold`): a move that finishes beats one that does not,
 * and finishing moves are ranked by what they add to the plan. Then against a best that
 * does not finish either: more excess beyond their tie; as much and a wider spread
 * beyond theirs; as much of both and more guests, or as many and more bytes.
 */
function losesSurely(guess: Balance, unit: readonly number[], bytes: number, best: Candidate, threshold: number): boolean {
  if (guess.spread <= threshold + EPSILON + estimateSlack(guess.spread, threshold)) return false
  if (best.finishing) return true
  const phi = guess.phi - best.after.phi
  const phiSlack = estimateSlack(guess.phi, best.after.phi)
  if (phi > TIE + phiSlack) return true
  if (Math.abs(phi) >= TIE - phiSlack) return false
  const spread = guess.spread - best.after.spread
  const spreadSlack = estimateSlack(guess.spread, best.after.spread)
  if (spread > TIE + spreadSlack) return true
  if (Math.abs(spread) >= TIE - spreadSlack) return false
  return unit.length !== best.unit.length ? unit.length > best.unit.length : bytes - best.size > TIE
}

/** The most an estimate and its evaluation may differ by rounding: a few units in the last place of the utilisations summed, with room to spare. */
function estimateSlack(a: number, b: number): number {
  return 1e-11 + 1e-13 * Math.max(Math.abs(a), Math.abs(b))
}

/** A move whose other nodes' spread is `spread` may bring the spread within the threshold (beyond floating-point noise). */
function canFinish(spread: number, objective: Draft['objective']): boolean {
  return spread <= objective.threshold + EPSILON + MARGIN
}

/**
 * Finishing moves first, cheapest first; otherwise the least excess left. Ties: vmid,
 * then node. Only finishing moves weigh what the plan already holds: for the others a
 * tie goes the same way whether the guest moves already or not, so that planning again
 * on a plan's result walks the same path the plan's last round did.
 */
function better(a: Candidate, b: Candidate, draft: Draft): boolean {
  if (a.finishing !== b.finishing) return a.finishing
  // The keys in turn, as plain comparisons: this runs for nearly every unit weighed.
  const order = a.finishing
    ? differs(a.moves, b.moves) ?? differs(a.bytes, b.bytes) ?? differs(a.after.phi, b.after.phi) ?? differs(a.after.spread, b.after.spread)
    : differs(a.after.phi, b.after.phi) ?? differs(a.after.spread, b.after.spread) ?? differs(a.unit.length, b.unit.length) ?? differs(a.size, b.size)
  if (order !== undefined) return order
  const vmid = draft.model.guests[a.unit[0]].vmid - draft.model.guests[b.unit[0]].vmid
  return vmid !== 0 ? vmid < 0 : a.target < b.target
}

/** Whether `a` is below `b` when they differ beyond floating-point noise; undefined when they do not. */
function differs(a: number, b: number): boolean | undefined {
  const d = a - b
  return Math.abs(d) > TIE ? d < 0 : undefined
}
