/**
 * Balancing into a window: the second way the search balances (balance.ts keeps
 * whichever of the two plans needs fewer migrations).
 *
 * A plan within the threshold puts every active node's utilisation inside some window
 * [low, low + threshold]. Where the window lies decides how much load must move: a lower
 * one takes more off the nodes above it, a higher one puts more onto the nodes below.
 * `windowLows` estimates, for windows across the range of utilisations, the migrations
 * each needs (each node above sheds its largest units, then the largest units the other
 * nodes can spare make up what the nodes below still miss) and returns the most
 * promising. `fillWindow` then moves guests into one window: each node above sheds its
 * largest units that keep it inside; they fill the nodes below the window one at a time,
 * the one missing the most load first, each with the smallest unit that closes its gap
 * when one does, else the largest (few units, little overshoot); what is left goes to
 * the least utilised node it keeps inside. Nodes still below are then filled the same
 * way with what the others can spare. Every move passes the rules, preferences
 * included, and the budget, against the state at that moment; guests that already move
 * (repairs) are left where the plan sends them.
 * Pure: reads and moves only the draft.
 */
import type {Draft} from './draft.js'
import type {Load} from '../policy/compile.js'
import type {ClusterState} from './state.js'
import {EPSILON} from './objective.js'
import {hasRoom, memoryOf, roomFor} from './rules/capacity.js'
import {firstIndex, type Sized, type UnitsBySize} from './units.js'

/** Windows whose cost is estimated, evenly across the range of utilisations. */
const STEPS = 64
/** Windows estimated around the best of the sweep, across two of its steps. */
const FINER = 32
/** Windows filled for real, the best estimates first. */
export const TRIED = 2

/** A unit with the node it leaves and its volume: its size weighed by that node's share of capacity. */
interface Offer extends Sized {
  source: number
  volume: number
}

/**
 * The lower ends of the windows worth filling, most promising first: those whose
 * estimate needs the fewest migrations, then the nearest to the band around the mean.
 */
export function windowLows(draft: Draft, units: UnitsBySize): number[] {
  const {state, objective} = draft
  if (state.active.length < 2 || objective.withinThreshold()) return []
  const utilisations = state.active.map((n) => state.utilisation(n))
  const min = Math.min(...utilisations)
  const range = Math.max(...utilisations) - objective.threshold - min
  const estimates: {low: number; moves: number; distance: number}[] = []
  // Each node's units that have not moved yet: what every estimate looks at (a hundred of them).
  const unmovedUnits = new Map(state.active.map((n) => [n, units.on(n).filter((offer) => unmoved(draft, offer.unit))]))
  const consider = (low: number) => {
    const moves = estimate(draft, unmovedUnits, low)
    if (moves < Infinity) estimates.push({low, moves, distance: Math.abs(low - objective.low)})
  }
  const step = range / STEPS
  for (let k = 0; k <= STEPS; k++) consider(min + k * step)
  // The count changes in steps far finer than the sweep's: look closer around the best.
  const best = estimates.reduce<{low: number; moves: number} | undefined>((b, e) => (!b || e.moves < b.moves ? e : b), undefined)
  if (best) for (let k = 1; k < FINER; k++) consider(best.low - step + (2 * step * k) / FINER)
  estimates.sort((a, b) => a.moves - b.moves || a.distance - b.distance)
  return estimates.slice(0, TRIED).map((e) => e.low)
}

/**
 * About how many migrations a window needs, ignoring rules (Infinity when a node above
 * cannot get inside): what the nodes above must shed, their largest units first, plus
 * the largest units the nodes inside can spare while the nodes below still miss load,
 * and at least one unit as large as any for every such share of a node's gap.
 */
function estimate(draft: Draft, units: ReadonlyMap<number, readonly Sized[]>, low: number): number {
  const {state, objective} = draft
  const high = low + objective.threshold
  let moves = 0
  let shed = 0
  let missing = 0
  let largest = 0
  const gaps: number[] = []
  const spare: number[] = []
  const {active} = state
  for (let k = 0; k < active.length; k++) {
    const n = active[k]
    const u = state.utilisation(n)
    const share = objective.share[n]
    if (u < low - EPSILON) {
      missing += (low - u) * share
      gaps.push((low - u) * share)
      continue
    }
    let room = u - low
    let need = u - high
    const list = units.get(n)!
    // Smallest first: once the room left is below the smallest, nothing more fits.
    for (let i = list.length - 1; i >= 0 && list[0].size <= room + EPSILON; i--) {
      const offer = list[i]
      if (offer.size > room + EPSILON) continue
      room -= offer.size
      largest = Math.max(largest, offer.size * share)
      if (need > EPSILON) {
        need -= offer.size
        shed += offer.size * share
        moves++
      } else spare.push(offer.size * share)
    }
    if (need > EPSILON) return Infinity
  }
  // The largest spare volumes first (a typed array sorts numbers natively, far faster).
  if (shed < missing - EPSILON) {
    const volumes = Float64Array.from(spare).sort()
    for (let i = volumes.length - 1; i >= 0 && shed < missing - EPSILON; i--) {
      shed += volumes[i]
      moves++
    }
  }
  if (shed < missing - EPSILON) return Infinity
  const perGap = gaps.reduce((sum, gap) => sum + Math.ceil(gap / largest - 1e-9), 0)
  return Math.max(moves, perGap)
}

/** Moves guests until every active node lies in [low, low + threshold], if it can; true when the spread is then within the threshold. */
export function fillWindow(draft: Draft, units: UnitsBySize, low: number): boolean {
  const {state, objective} = draft
  const high = low + objective.threshold
  // The nodes above shed their largest units that keep them inside: first to cover the
  // nodes below, then wherever they fit; again with other units for what found no place.
  // By a unit's first guest: offered already (flags, not a set: asked for every unit of every node above, each round).
  const tried = new Uint8Array(draft.model.guests.length)
  const takers = new Takers(draft.state, high)
  for (let progress = true; progress; ) {
    const offers: Offer[] = []
    for (const n of state.active) {
      let excess = state.utilisation(n) - high
      let room = state.utilisation(n) - low
      const list = units.on(n)
      for (let i = list.length - 1; i >= 0 && excess > EPSILON; i--) {
        const offer = list[i]
        if (offer.size > room + EPSILON || tried[offer.unit[0]] || !unmoved(draft, offer.unit)) continue
        offers.push(offerOf(draft, offer, n))
        tried[offer.unit[0]] = 1
        excess -= offer.size
        room -= offer.size
      }
    }
    const before = draft.moveCount
    const used = cover(draft, offers, () => low, high)
    for (let i = offers.length - 1; i >= 0; i--) {
      if (used[i]) continue
      const target = sheddingTarget(draft, offers[i], low, high, takers)
      if (target !== undefined) draft.place(offers[i].unit, target)
    }
    progress = draft.moveCount > before
  }
  // Then what the nodes inside can spare covers the nodes still below.
  const spare: Offer[] = []
  for (const n of state.active) {
    if (state.utilisation(n) < low - EPSILON) continue
    for (const offer of units.on(n)) if (unmoved(draft, offer.unit)) spare.push(offerOf(draft, offer, n))
  }
  // The window only guides: what must hold is the spread, so the nodes below need to reach
  // the most utilised node less the threshold, which may lie under the window.
  cover(draft, spare, () => Math.min(low, objective.highest() - objective.threshold), high)
  return objective.withinThreshold()
}

function offerOf(draft: Draft, sized: Sized, source: number): Offer {
  return {unit: sized.unit, load: sized.load, size: sized.size, bytes: sized.bytes, source, volume: sized.size * draft.objective.share[source]}
}

/**
 * Brings the nodes below the window up to it with units from `offers`, the node that
 * misses the most load first, each with the smallest offer that closes its gap when one
 * does, else the largest: few offers, little overshoot. Returns which offers went.
 */
function cover(draft: Draft, offers: Offer[], level: () => number, high: number): Uint8Array {
  const {state, objective} = draft
  const order = offers.map((_, i) => i).sort((a, b) => offers[a].volume - offers[b].volume || offers[a].unit[0] - offers[b].unit[0])
  const sorted = order.map((i) => offers[i])
  const used = new Uint8Array(offers.length)
  const taken = new Uint8Array(offers.length)
  const refused = new RefusedOnSink(state, sorted)
  const unfillable = new Set<number>()
  const missing = (n: number, low: number) => (low - state.utilisation(n)) * objective.share[n]
  let sink: number | undefined
  for (;;) {
    const low = level()
    // One node at a time until it is inside: when offers run short, few nodes are left short.
    if (sink === undefined || state.utilisation(sink) >= low - EPSILON) {
      sink = undefined
      for (const n of state.active) {
        if (unfillable.has(n) || state.utilisation(n) >= low - EPSILON) continue
        if (sink === undefined || missing(n, low) > missing(sink, low)) sink = n
      }
    }
    if (sink === undefined) break
    const pick = fillingOffer(draft, sorted, taken, refused.onto(sink), sink, low, high)
    if (pick === undefined || !draft.place(sorted[pick].unit, sink)) {
      unfillable.add(sink)
      sink = undefined
    } else used[order[pick]] = 1
    if (pick !== undefined) taken[pick] = 1
  }
  return used
}

/**
 * Where a unit shed by a node above the window goes: the node below the window that
 * misses the most load, or when none takes it, the least utilised node it keeps inside.
 */
function sheddingTarget(draft: Draft, offer: Offer, low: number, high: number, takers: Takers): number | undefined {
  const {state, objective} = draft
  let best: number | undefined
  let bestKey = -Infinity
  // A node above the window already stays above it with more load: only the others are asked.
  if (!takers.mayFit(offer.load)) return undefined
  for (const t of takers.now()) {
    if (t === offer.source) continue
    // Nodes below the window first, by the load they miss (keys from 0 up); then the
    // others, least utilised first (keys -1 - after, below -1). A key that cannot beat the
    // best so far is not worked out.
    const u = state.utilisation(t)
    const below = u < low - EPSILON
    if (below ? (low - u) * objective.share[t] <= bestKey : bestKey >= 0) continue
    const after = state.utilisationWith(t, offer.load, 1)
    if (after > high + EPSILON) continue
    const key = below ? (low - u) * objective.share[t] : -1 - after
    if (key <= bestKey || !draft.allowsRemembered(offer.unit, t)) continue
    best = t
    bestKey = key
  }
  return best
}

/**
 * The active nodes not above the window (utilisation at most `high`), ascending: the only
 * ones a unit can be shed to. Most units shed find no place, and there are far more of
 * them than moves: the list is made again only when the cluster has changed.
 */
export class Takers {
  private readonly state: ClusterState
  private readonly high: number
  private list: number[] = []
  private at = -1
  /**
   * Per resource, the most of it one of the nodes could take and stay inside, were the
   * load nothing else (utilisation sums the weighed resources): a unit needing more
   * fits none of them.
   */
  private readonly most: Load = {memory: 0, cpu: 0, disk: 0}

  constructor(state: ClusterState, high: number) {
    this.state = state
    this.high = high
  }

  /** The nodes not above the window, as the cluster stands now. */
  now(): readonly number[] {
    this.refresh()
    return this.list
  }

  /**
   * False when `load` fits none of the nodes: some resource it needs is beyond what any
   * of them could take. A bound only, with room for rounding: true says nothing.
   */
  mayFit(load: Load): boolean {
    this.refresh()
    const {weights} = this.state.model
    const {most} = this
    const beyond =
      (weights.memory > 0 && load.memory > most.memory * (1 + 1e-6)) || (weights.cpu > 0 && load.cpu > most.cpu * (1 + 1e-6)) || (weights.disk > 0 && load.disk > most.disk * (1 + 1e-6))
    // The bound holds for loads that only add (what guests carry): a negative one says nothing.
    return !beyond || load.memory < 0 || load.cpu < 0 || load.disk < 0
  }

  /** The nodes and the bounds made again when the cluster has changed since. */
  private refresh(): void {
    const {state, most} = this
    if (this.at === state.changes) return
    this.list = state.active.filter((n) => state.utilisation(n) <= this.high + EPSILON)
    this.at = state.changes
    const {weights} = state.model
    const sum = weights.memory + weights.cpu + weights.disk
    most.memory = most.cpu = most.disk = 0
    for (const n of this.list) {
      // The points left below the top, as so much of each resource alone; EPSILON more than
      // the nodes are held to, so that rounding in utilisationWith cannot fit a unit the
      // bound turned away, however little room a node has left.
      const points = ((this.high + 2 * EPSILON - state.utilisation(n)) * sum) / 100
      const {capacity} = state.model.nodes[n]
      most.memory = Math.max(most.memory, room(points, weights.memory, capacity.memory))
      most.cpu = Math.max(most.cpu, room(points, weights.cpu, capacity.cpu))
      most.disk = Math.max(most.disk, room(points, weights.disk, capacity.disk))
    }
  }
}

/** How much of a resource of `weight` `points` of utilisation are on a node of `capacity` (without capacity, any load counts as full: no bound). */
function room(points: number, weight: number, capacity: number): number {
  return capacity > 0 && weight > 0 ? (points / weight) * capacity : Infinity
}

/**
 * The offers of a pool (by their place in it) that cannot go to the node being filled for
 * as long as it is the one, and gives back no space: it only takes load meanwhile, so an
 * offer that would take it past the window or that it has no memory for stays so, and one
 * refused for good (Draft.refusedForGood) stays refused. They are passed over without a
 * question. A node is offered the whole pool again for each unit it takes: on clusters
 * whose local storages are full, or whose low nodes have CPU but no memory to spare,
 * nearly every offer was asked again each time (1.6 million questions in one plan, 1,600
 * of them answered yes).
 */
class RefusedOnSink {
  /** The least memory an offer's guests need: a node with less room takes none of them. */
  readonly leastMemory: number
  private readonly state: ClusterState
  /** By offer: the `mark` it was refused under (`onto` starts a mark above all of them). */
  private readonly marks: Int32Array
  private mark = 1
  private sink = -1
  private freed = -1

  constructor(state: ClusterState, pool: readonly Offer[]) {
    this.state = state
    this.marks = new Int32Array(pool.length)
    let least = Infinity
    for (const {unit} of pool) least = Math.min(least, memoryOf(state, unit))
    this.leastMemory = least
  }

  /** The refusals as they hold for `sink` now. */
  onto(sink: number): RefusedOnSink {
    const freed = this.state.freed[sink]
    if (sink !== this.sink || freed !== this.freed) {
      this.mark++
      this.sink = sink
      this.freed = freed
    }
    return this
  }

  has(offer: number): boolean {
    return this.marks[offer] === this.mark
  }

  add(offer: number): void {
    this.marks[offer] = this.mark
  }
}

/**
 * The offer for a node below the window: the smallest that closes its gap, when one
 * does, else the largest; from a node that stays inside, to a node it keeps inside.
 * Returns its index in the pool (sorted smallest first). `refused`: the offers known not
 * to go there while it is filled, to which those found so now are added.
 */
function fillingOffer(draft: Draft, pool: Offer[], used: Uint8Array, refused: RefusedOnSink, sink: number, low: number, high: number): number | undefined {
  const {state, objective} = draft
  if (!hasRoom(state, sink, refused.leastMemory)) return undefined
  const gap = low - state.utilisation(sink)
  const fits = (i: number): boolean => {
    const offer = pool[i]
    if (used[i] || refused.has(i)) return false
    if (!roomFor(state, offer.unit, sink)) {
      refused.add(i)
      return false
    }
    if (state.nodeOf(offer.unit[0]) !== offer.source || !unmoved(draft, offer.unit)) return false
    if (state.utilisation(offer.source) - offer.size < low - EPSILON) return false
    if (state.utilisationWith(sink, offer.load, 1) > high + EPSILON || draft.refusedForGood(offer.unit, sink)) {
      refused.add(i)
      return false
    }
    return draft.allowsRemembered(offer.unit, sink)
  }
  const closes = (i: number) => state.utilisationWith(sink, pool[i].load, 1) - state.utilisation(sink) >= gap - EPSILON
  const least = gap * objective.share[sink] * (1 - 1e-6)
  for (let i = firstIndex(pool.length, (k) => pool[k].volume >= least); i < pool.length; i++) {
    if (closes(i) && fits(i)) return i
  }
  for (let i = pool.length - 1; i >= 0; i--) if (fits(i)) return i
  return undefined
}

function unmoved(draft: Draft, unit: readonly number[]): boolean {
  for (let i = 0; i < unit.length; i++) if (draft.moved(unit[i])) return false
  return true
}
