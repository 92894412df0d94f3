/**
 * How balanced the cluster is, and how a move would change that, in O(1) per move.
 *
 * Two measures over the active nodes, in percentage points:
 * - the spread: most minus least utilisation, what the threshold bounds and plans report;
 * - the excess Φ: how far nodes sit outside a band as wide as the threshold around the
 *   cluster's mean utilisation (the utilisation every node would have if load were
 *   spread perfectly), each node weighted by its share of the cluster's capacity: the
 *   load out of place, so a move's worth is the load it puts right and the fewest moves
 *   are those with the largest guests that fit the gaps. Φ = 0 implies the spread is
 *   within the threshold.
 * The spread only moves when the hottest or coldest node changes, so on its own it
 * cannot tell a move that closes a large gap from one that closes a small one; Φ can, and
 * it ignores moves among nodes that are already fine, which is what keeps balancing from
 * churning. The mean counts the guests still to leave maintenance nodes, which end up
 * on active nodes.
 * Pure: reads the state, never changes it.
 */
import {type Load, type PlacementModel, RESOURCES} from '../policy/compile.js'
import {addLoad, type ClusterState} from './state.js'

/** Differences below this many percentage points are noise from floating-point sums. */
export const EPSILON = 1e-7

export interface Balance {
  spread: number
  phi: number
}

export class Objective {
  private readonly state: ClusterState
  readonly threshold: number
  /** The band: utilisations from `low` to `high` count as balanced. */
  low = 0
  high = 0
  mean = 0
  spread = 0
  phi = 0
  /** Active nodes by utilisation: the three highest and the three lowest. */
  private top: number[] = []
  private bottom: number[] = []
  /** All of them as the last refresh ranked them, and each node's version then (what `ranked` answers from while no guest moved). */
  private order: number[] = []
  private orderAt = new Int32Array(0)
  /** Each node's utilisation while ranking, and its load above and below the band while finding the ends. */
  private readonly scratch: Float64Array
  private readonly scratchAbove: Float64Array
  private readonly scratchBelow: Float64Array
  /** Each node's share of the active nodes' capacity, as the method weighs resources. */
  readonly share: Float64Array
  /** Capacity ratios of node pairs, by from × nodes + to, as `floor` weighs them (capacityRatios). */
  private readonly ratios: Float64Array
  /** The same, the least over the weighed resources, as `ceiling` weighs them. */
  private readonly lowRatios: Float64Array
  /** Each weighed resource's least capacity on an active node (0: some node has none). */
  private readonly leastCapacity: Load
  /**
   * Where the method weighs several resources (for `mixEstimateInto`): the utilisation
   * points one unit of each (byte, core) holds on each node, by node × 3 (memory, cpu,
   * disk; 0 for a resource not weighed), and whether a node has some of every weighed
   * resource (where it lacks one, utilisation jumps: ClusterState.utilisationWith).
   * Empty for one resource.
   */
  private readonly perUnit: Float64Array
  private readonly hasEvery: Uint8Array
  /** The pair `mixPair` set. */
  private readonly pair = {fromMemory: 0, fromCpu: 0, fromDisk: 0, toMemory: 0, toCpu: 0, toDisk: 0, uFrom: 0, uTo: 0, shareFrom: 0, shareTo: 0, rest: 0, high: 0, low: 0}

  constructor(state: ClusterState) {
    this.state = state
    this.threshold = state.model.threshold
    this.share = capacityShares(state)
    const nodes = state.model.nodes.length
    this.scratch = new Float64Array(nodes)
    this.scratchAbove = new Float64Array(nodes)
    this.scratchBelow = new Float64Array(nodes)
    const ratios = capacityRatios(state.model)
    this.ratios = ratios.most
    this.lowRatios = ratios.least
    this.leastCapacity = {memory: Infinity, cpu: Infinity, disk: Infinity}
    for (const n of state.active) for (const r of RESOURCES) this.leastCapacity[r] = Math.min(this.leastCapacity[r], state.model.nodes[n].capacity[r])
    const mixed = RESOURCES.filter((r) => state.model.weights[r] > 0).length > 1
    this.perUnit = new Float64Array(mixed ? nodes * 3 : 0)
    this.hasEvery = new Uint8Array(mixed ? nodes : 0)
    if (mixed) unitPoints(state, this.perUnit, this.hasEvery)
    this.refreshMean()
    this.refresh()
  }

  /** Recomputes the band's centre: call when load enters or leaves the active nodes. */
  refreshMean(): void {
    const {model, active} = this.state
    const total = {memory: 0, cpu: 0, disk: 0}
    const capacity = {memory: 0, cpu: 0, disk: 0}
    for (const n of active) {
      addLoad(total, this.state.loads[n], 1)
      capacity.memory += model.nodes[n].capacity.memory
      capacity.cpu += model.nodes[n].capacity.cpu
      capacity.disk += model.nodes[n].capacity.disk
    }
    for (const g of model.guests) {
      const from = model.nodes[this.state.nodeOf(g.index)]
      if (from.role === 'maintenance' && g.movable) addLoad(total, g.load, 1)
    }
    const w = model.weights
    const ratio = (r: keyof Load) => (capacity[r] > 0 ? total[r] / capacity[r] : 0)
    this.mean = (100 * (w.memory * ratio('memory') + w.cpu * ratio('cpu') + w.disk * ratio('disk'))) / (w.memory + w.cpu + w.disk)
    this.low = this.mean - this.threshold / 2
    this.high = this.mean + this.threshold / 2
  }

  /** Re-reads the state: call after every move. */
  refresh(): void {
    const ranked = this.rank()
    const u = (n: number) => this.state.utilisation(n)
    this.top = ranked.slice(0, 3)
    this.bottom = ranked.slice(-3).reverse()
    this.spread = ranked.length < 2 ? 0 : u(ranked[0]) - u(ranked[ranked.length - 1])
    this.phi = ranked.reduce((sum, n) => sum + this.share[n] * this.outside(u(n)), 0)
    this.order = ranked
    this.orderAt = Int32Array.from(this.state.version)
  }

  /** The highest utilisation of an active node. */
  highest(): number {
    return this.top.length ? this.state.utilisation(this.top[0]) : 0
  }

  /** Active nodes, most utilised first (ties: lowest index). */
  ranked(): number[] {
    const {version} = this.state
    let same = this.orderAt.length === version.length
    for (let n = 0; same && n < version.length; n++) same = this.orderAt[n] === version[n]
    return same ? [...this.order] : this.rank()
  }

  private rank(): number[] {
    const u = this.scratch
    const {active} = this.state
    let numbers = true
    for (const n of active) numbers = !Number.isNaN((u[n] = this.state.utilisation(n))) && numbers
    if (!numbers) return [...active].sort((a, b) => u[b] - u[a] || a - b)
    // The last order is nearly this one (a move changes two nodes): sorting it again by
    // insertion takes one pass, where a sort afresh asks a closure n log n times. The
    // order (most utilised first, ties by index) is total: either way gives the same.
    const order = this.order.length === active.length ? [...this.order] : [...active]
    for (let i = 1; i < order.length; i++) {
      const n = order[i]
      let j = i - 1
      for (; j >= 0 && (u[n] > u[order[j]] || (u[n] === u[order[j]] && n < order[j])); j--) order[j + 1] = order[j]
      order[j + 1] = n
    }
    return order
  }

  /**
   * Where moves should start and end: the `count` most and least utilised active nodes
   * (they bound the spread), and the `count` with the most load above and below the band
   * (they hold what must move).
   */
  ends(count: number): {sources: number[]; targets: number[]} {
    const ranked = this.ranked()
    if (2 * count >= ranked.length) return {sources: ranked, targets: [...ranked].reverse()}
    // Each node's load above and below the band, weighed once (asked once per search step, on every node).
    const above = this.scratchAbove
    const below = this.scratchBelow
    for (const n of ranked) {
      const u = this.state.utilisation(n)
      above[n] = this.share[n] * Math.max(0, u - this.high)
      below[n] = this.share[n] * Math.max(0, this.low - u)
    }
    const targets: number[] = []
    for (let i = ranked.length - 1; i >= ranked.length - count; i--) targets.push(ranked[i])
    return {sources: withHeaviest(ranked.slice(0, count), ranked, above, count), targets: withHeaviest(targets, ranked, below, count)}
  }

  /**
   * A move from a node that does not shed to one that does not take never betters the
   * balance (`betterBalance`): neither is the node that bounds the spread on its side, so
   * it cannot narrow, and load leaving a node at or below the band's top, or arriving on
   * one at or above its bottom, only adds excess. The searches pass such pairs over
   * without weighing a unit; two nodes inside the band, neither the most nor the least
   * utilised, are such a pair both ways.
   */
  sheds(n: number): boolean {
    return n === this.top[0] || this.state.utilisation(n) > this.high
  }

  /** See `sheds`. */
  takes(n: number): boolean {
    return n === this.bottom[0] || this.state.utilisation(n) < this.low
  }

  /**
   * Whether a move from `from` to `to` may narrow the spread: only one off the most
   * utilised node or onto the least may (otherwise the one stays as high and the other as
   * low; `floorSpread` is then the spread, to the bit).
   */
  boundsSpread(from: number, to: number): boolean {
    return from === this.top[0] || to === this.bottom[0]
  }

  /** The nodes `boundsSpread` names as the most and the least utilised (-1 when there is none). */
  get most(): number {
    return this.top.length > 0 ? this.top[0] : -1
  }

  get least(): number {
    return this.bottom.length > 0 ? this.bottom[0] : -1
  }

  /** Points a utilisation lies outside the band. */
  outside(u: number): number {
    return u > this.high ? u - this.high : u < this.low ? this.low - u : 0
  }

  /** The balance after moving `load` from node `from` to node `to`. */
  evaluate(load: Load, from: number, to: number): Balance {
    return this.evaluateInto({spread: 0, phi: 0}, load, from, to)
  }

  /** `evaluate` written into `out`, which it returns: for searches that weigh many moves and keep few. */
  evaluateInto(out: Balance, load: Load, from: number, to: number): Balance {
    const s = this.state
    const fromActive = s.model.nodes[from].role === 'active'
    const toActive = s.model.nodes[to].role === 'active'
    let max = -Infinity
    let min = Infinity
    let phi = this.phi
    if (fromActive) {
      const before = s.utilisation(from)
      const after = s.utilisationWith(from, load, -1)
      phi += this.share[from] * (this.outside(after) - this.outside(before))
      max = Math.max(max, after)
      min = Math.min(min, after)
    }
    if (toActive) {
      const before = s.utilisation(to)
      const after = s.utilisationWith(to, load, 1)
      phi += this.share[to] * (this.outside(after) - this.outside(before))
      max = Math.max(max, after)
      min = Math.min(min, after)
    }
    const high = other(this.top, from, to)
    const low = other(this.bottom, from, to)
    if (high >= 0) max = Math.max(max, s.utilisation(high))
    if (low >= 0) min = Math.min(min, s.utilisation(low))
    const count = s.active.length
    out.spread = count < 2 || max === -Infinity ? 0 : max - min
    out.phi = Math.max(0, phi)
    return out
  }

  /**
   * The change in excess `evaluate` adds for moving `load` from `from` to `to`, both
   * active: the two nodes' alone, whatever the others (and but for rounding, whatever the
   * excess now), for what holds while they stand (StillPairs).
   */
  excessChange(load: Load, from: number, to: number): number {
    const s = this.state
    const shed = this.share[from] * (this.outside(s.utilisationWith(from, load, -1)) - this.outside(s.utilisation(from)))
    return shed + this.share[to] * (this.outside(s.utilisationWith(to, load, 1)) - this.outside(s.utilisation(to)))
  }

  /**
   * The spread `evaluate` gives for moving `load` from `from` to `to`, both active, the
   * same to the last bit, without the excess: `high` and `low` are the utilisations of
   * the most and least utilised other nodes (NaN when there is none), as `others` gives
   * them for the pair. For searches that weigh the spread alone over many units.
   */
  spreadAfter(load: Load, from: number, to: number, high: number, low: number): number {
    const s = this.state
    const afterFrom = s.utilisationWith(from, load, -1)
    const afterTo = s.utilisationWith(to, load, 1)
    let max = Math.max(afterFrom, afterTo)
    let min = Math.min(afterFrom, afterTo)
    if (!Number.isNaN(high)) max = Math.max(max, high)
    if (!Number.isNaN(low)) min = Math.min(min, low)
    return max - min
  }

  /** The utilisations of the most and least utilised active nodes other than `a` and `b` (NaN when none), for `spreadAfter`. */
  others(a: number, b: number): {high: number; low: number} {
    return {high: this.otherHigh(a, b), low: this.otherLow(a, b)}
  }

  /** The `high` of `others`, alone (no object for a search that asks it of every pair). */
  otherHigh(a: number, b: number): number {
    const high = other(this.top, a, b)
    return high < 0 ? NaN : this.state.utilisation(high)
  }

  /** The `low` of `others`, alone. */
  otherLow(a: number, b: number): number {
    const low = other(this.bottom, a, b)
    return low < 0 ? NaN : this.state.utilisation(low)
  }

  /**
   * What no move from `from` to `to` (both active) of a unit holding at most `size`
   * points on `from` can get below: the spread of the other nodes widened by the two
   * (`to` only rises, `from` only falls: the most utilised node but `from` stays at
   * least as high, the least utilised but `to` at least as low; to the last bit, as
   * rounding keeps order), and the excess less what the two nodes can shed of their own
   * (a node's excess changes by at most the points that leave or arrive). For skipping
   * pairs that cannot beat a candidate. Of one unit's move only: a swap may lower `to`.
   */
  floor(from: number, to: number, size: number): Balance {
    return {spread: this.floorSpread(from, to), phi: this.floorPhi(from, to, size)}
  }

  /** The spread of `floor`, alone. */
  floorSpread(from: number, to: number): number {
    const s = this.state
    const high = other(this.top, from, to)
    const low = other(this.bottom, from, to)
    return high < 0 || low < 0 ? -Infinity : Math.max(s.utilisation(high), s.utilisation(to)) - Math.min(s.utilisation(low), s.utilisation(from))
  }

  /**
   * The excess of `floor`, alone: the least excess a move of `y` points off `from`
   * (0 < y ≤ size) holding `y'` points on `to` can leave, `y'` between `y` times the least
   * and the largest ratio of the two nodes' capacities. `from` only falls (it sheds excess
   * above the band, and gains what it drops below the band's bottom), `to` only rises. The
   * change is convex in `y` (each node's excess is convex in its load, and taking the best
   * `y'` for each `y` keeps it so), so its least is at an end or where one of the nodes
   * crosses an edge of the band. A node at the band's bottom that gives load to one below
   * only moves the shortfall: no move of the pair lessens the excess, and the bound says so.
   */
  floorPhi(from: number, to: number, size: number): number {
    const s = this.state
    const uFrom = s.utilisation(from)
    const uTo = s.utilisation(to)
    // Points the unit holds on `to` are at most `size` times the largest ratio of the two
    // nodes' capacities; a resource a node has none of makes utilisation jump: no bound.
    const outFrom = this.outside(uFrom)
    const outTo = this.outside(uTo)
    // Both inside the band: no move of the pair lessens the excess (nearly every pair of a packed band).
    if (outFrom === 0 && outTo === 0) return this.phi
    const ratio = this.ratio(from, to)
    if (ratio === Infinity) return this.phi - this.share[from] * outFrom - this.share[to] * outTo
    const least = this.lowRatio(from, to)
    // Where neither node can cross into new excess within `size` points (the source stays
    // above the band's bottom, the target below its top), both changes only fall as the
    // points grow: the least is at `size`, each node shedding what it can.
    if (uFrom - this.low >= size && (least === 0 || this.high - uTo >= size * least)) {
      return this.phi - this.share[from] * Math.min(Math.max(0, uFrom - this.high), size) - this.share[to] * Math.min(Math.max(0, this.low - uTo), size * ratio)
    }
    // No closure for the points tried: this is asked for nearly every pair of a search step.
    let change = this.shift(uFrom, uTo, size, least, ratio, from, to)
    change = this.lessAt(change, uFrom - this.high, size, uFrom, uTo, least, ratio, from, to)
    change = this.lessAt(change, uFrom - this.low, size, uFrom, uTo, least, ratio, from, to)
    change = this.lessAt(change, (this.low - uTo) / ratio, size, uFrom, uTo, least, ratio, from, to)
    if (least > 0) change = this.lessAt(change, (this.high - uTo) / least, size, uFrom, uTo, least, ratio, from, to)
    return this.phi + Math.min(0, change)
  }

  /** The lesser of `change` and the change at `y` points, when 0 < y < size (see `floorPhi`). */
  private lessAt(change: number, y: number, size: number, uFrom: number, uTo: number, least: number, most: number, from: number, to: number): number {
    return y > 0 && y < size ? Math.min(change, this.shift(uFrom, uTo, y, least, most, from, to)) : change
  }

  /**
   * The change in excess when `from`, at `uFrom`, falls by `y` points and `to`, at `uTo`,
   * rises by the points between `least * y` and `most * y` that leave it the least excess.
   */
  private shift(uFrom: number, uTo: number, y: number, least: number, most: number, from: number, to: number): number {
    const rise = most * y < this.low - uTo ? most * y : least * y > this.high - uTo ? least * y : Math.max(least * y, Math.min(most * y, this.low - uTo))
    return this.share[from] * (this.outside(uFrom - y) - this.outside(uFrom)) + this.share[to] * (this.outside(uTo + rise) - this.outside(uTo))
  }

  /** Whether `mixPair` and `mixEstimateInto` hold for moves between the two nodes: several resources weighed, both nodes active and each with some of each. */
  mixes(from: number, to: number): boolean {
    return this.hasEvery.length > 0 && this.hasEvery[from] === 1 && this.hasEvery[to] === 1
  }

  /**
   * Sets the pair of nodes whose moves `mixEstimateInto` estimates: from `from` to `to`,
   * where `mixes`. What the estimates share (the two nodes' points per unit, their
   * utilisations, the other nodes' excess and ends) is worked out once here: a search
   * estimates many of a pair's units in a row.
   */
  mixPair(from: number, to: number): void {
    const s = this.state
    const p = this.perUnit
    const a = from * 3
    const b = to * 3
    this.pair.fromMemory = p[a]
    this.pair.fromCpu = p[a + 1]
    this.pair.fromDisk = p[a + 2]
    this.pair.toMemory = p[b]
    this.pair.toCpu = p[b + 1]
    this.pair.toDisk = p[b + 2]
    this.pair.uFrom = s.utilisation(from)
    this.pair.uTo = s.utilisation(to)
    this.pair.shareFrom = this.share[from]
    this.pair.shareTo = this.share[to]
    // The excess but the two nodes'.
    this.pair.rest = this.phi - this.share[from] * this.outside(this.pair.uFrom) - this.share[to] * this.outside(this.pair.uTo)
    this.pair.high = this.otherHigh(from, to)
    this.pair.low = this.otherLow(from, to)
  }

  /**
   * The balance `evaluate` gives for moving `load` between the nodes of `mixPair`, into
   * `out`: the same but for rounding (the unit's points from its loads times the nodes'
   * points per unit, without division). Cheaper than `evaluateInto`, for passing over,
   * beyond the rounding, moves that cannot beat a candidate (balance.ts `losesSurely`).
   */
  mixEstimateInto(out: Balance, load: Load): Balance {
    const m = this.pair
    const afterFrom = m.uFrom - (load.memory * m.fromMemory + load.cpu * m.fromCpu + load.disk * m.fromDisk)
    const afterTo = m.uTo + (load.memory * m.toMemory + load.cpu * m.toCpu + load.disk * m.toDisk)
    out.phi = Math.max(0, m.rest + m.shareFrom * this.outside(afterFrom) + m.shareTo * this.outside(afterTo))
    let max = Math.max(afterFrom, afterTo)
    let min = Math.min(afterFrom, afterTo)
    if (!Number.isNaN(m.high)) max = Math.max(max, m.high)
    if (!Number.isNaN(m.low)) min = Math.min(min, m.low)
    out.spread = max - min
    return out
  }

  /**
   * What no move from `from` to `to` (both active) of a unit holding at least `size`
   * points on `from` can get the excess below: `from` falls by at least those points
   * (below the band's bottom, what it lacks there counts) and `to` rises by at least
   * those times the least ratio of the two nodes' capacities (above its top, what it
   * holds there counts). It grows with `size`: units sorted smallest first stop counting
   * once it passes a candidate's.
   */
  floorPhiAbove(from: number, to: number, size: number): number {
    const s = this.state
    const uFrom = s.utilisation(from)
    const uTo = s.utilisation(to)
    const shed = this.share[from] * (Math.max(0, this.low - uFrom + size) - this.outside(uFrom))
    const taken = this.share[to] * (Math.max(0, uTo + size * this.lowRatio(from, to) - this.high) - this.outside(uTo))
    return this.phi + shed + taken
  }

  /** The largest ratio of `from`'s capacity to `to`'s over the weighed resources; Infinity when either has none of one. */
  private ratio(from: number, to: number): number {
    return this.ratios[from * this.state.model.nodes.length + to]
  }

  /** The least such ratio; 0 when either has none of one. */
  private lowRatio(from: number, to: number): number {
    return this.lowRatios[from * this.state.model.nodes.length + to]
  }

  /**
   * The most points a unit on `from` may hold for its move to `to` (both active) not to
   * widen the spread, which `betterBalance` asks of every move it takes. After the move
   * the spread is at least the utilisation `from` falls to below the most utilised other
   * node, and at least the one `to` rises to above the least utilised other node; a
   * unit takes off `from` its points there and holds on `to` at least those times the
   * least ratio of the two nodes' capacities (utilisation is linear in load, and loads
   * are never negative). Below 0 when no unit may go; Infinity when nothing bounds it.
   * For skipping units too large to be weighed.
   */
  ceiling(from: number, to: number): number {
    const s = this.state
    // The spread a move may leave, beyond floating-point noise in the sums of utilisations.
    const widest = this.spread + EPSILON + 1e-6
    let most = Infinity
    const high = other(this.top, from, to)
    if (high >= 0) most = widest - s.utilisation(high) + s.utilisation(from)
    const low = other(this.bottom, from, to)
    if (low >= 0) {
      const room = widest + s.utilisation(low) - s.utilisation(to)
      if (room < 0) return -1
      const ratio = this.lowRatio(from, to)
      if (ratio > 0) most = Math.min(most, room / ratio)
    }
    return most
  }

  /**
   * The least spread `floor(from, to, size)` gives over every `to` (-Infinity when too few
   * nodes bound it): the most utilised node but `from` stays the highest, whatever the
   * target; the lowest is at most the least utilised node, or the second least when the
   * target is the least (and `from` is not).
   */
  spreadFloor(from: number): number {
    if (this.top.length < 3 || this.bottom.length < 3) return -Infinity
    // No closure: this is asked for every source of every search step.
    const highest = this.state.utilisation(this.top[0] === from ? this.top[1] : this.top[0])
    return highest - this.state.utilisation(this.bottom[0] === from ? this.bottom[0] : this.bottom[1])
  }

  /**
   * At least the ratio `floor` weighs a unit's points on `to` by, for a move from `from`
   * to any active node: the largest ratio of `from`'s capacity to the least of each
   * resource. Infinity where `floor` has no bound (a resource some node has none of).
   */
  ratioBound(from: number): number {
    const w = this.state.model.weights
    const a = this.state.model.nodes[from].capacity
    let ratio = 0
    for (const r of RESOURCES) {
      if (!w[r]) continue
      if (!(a[r] > 0 && this.leastCapacity[r] > 0)) return Infinity
      ratio = Math.max(ratio, a[r] / this.leastCapacity[r])
    }
    return ratio
  }

  /** Within the threshold, allowing for floating-point noise. */
  withinThreshold(spread = this.spread): boolean {
    return spread <= this.threshold + EPSILON
  }
}

/** The first of `nodes` that is neither `a` nor `b`, or -1. */
function other(nodes: readonly number[], a: number, b: number): number {
  for (const n of nodes) if (n !== a && n !== b) return n
  return -1
}

/**
 * `nodes`, then the `count` of `ranked` with the most `weight` (above 0, heaviest first,
 * ties to the lower index) that are not among them. The heaviest are kept in order as
 * they are found, in one pass: sorting every node with load past the band, on every
 * search step, cost more than the search's step over them.
 */
function withHeaviest(nodes: number[], ranked: readonly number[], weight: Float64Array, count: number): number[] {
  const heaviest: number[] = []
  for (const n of ranked) {
    if (!(weight[n] > 0) || (heaviest.length === count && !heavier(n, heaviest[count - 1], weight))) continue
    let k = Math.min(heaviest.length, count - 1)
    heaviest.length = k + 1
    for (; k > 0 && heavier(n, heaviest[k - 1], weight); k--) heaviest[k] = heaviest[k - 1]
    heaviest[k] = n
  }
  for (const n of heaviest) if (!nodes.includes(n)) nodes.push(n)
  return nodes
}

function heavier(a: number, b: number, weight: Float64Array): boolean {
  return weight[a] > weight[b] || (weight[a] === weight[b] && a < b)
}

/** Each model's capacity ratios (Objective.ratio, lowRatio): a plan's drafts share them. */
const ratioTables = new WeakMap<PlacementModel, {most: Float64Array; least: Float64Array}>()

/** Every pair's largest and least ratio of capacities over the weighed resources, made once per model. */
function capacityRatios(model: PlacementModel): {most: Float64Array; least: Float64Array} {
  const known = ratioTables.get(model)
  if (known) return known
  const count = model.nodes.length
  const most = new Float64Array(count * count)
  const least = new Float64Array(count * count)
  const w = model.weights
  for (let from = 0; from < count; from++) {
    const a = model.nodes[from].capacity
    for (let to = 0; to < count; to++) {
      const b = model.nodes[to].capacity
      let high = NaN
      let low = NaN
      for (const r of RESOURCES) {
        if (!w[r]) continue
        if (!(a[r] > 0 && b[r] > 0)) {
          high = Infinity
          low = 0
          break
        }
        const ratio = a[r] / b[r]
        high = Number.isNaN(high) ? ratio : Math.max(high, ratio)
        low = Number.isNaN(low) ? ratio : Math.min(low, ratio)
      }
      most[from * count + to] = Number.isNaN(high) ? 0 : high
      least[from * count + to] = Number.isNaN(low) ? 0 : low
    }
  }
  const tables = {most, least}
  ratioTables.set(model, tables)
  return tables
}

/** `Objective.perUnit` and `hasEvery`, for the active nodes (`evaluate` weighs no other): utilisation is linear in each resource's load (ClusterState.utilisationWith) where the node has some of it. */
function unitPoints(state: ClusterState, perUnit: Float64Array, hasEvery: Uint8Array): void {
  const w = state.model.weights
  const sum = w.memory + w.cpu + w.disk
  for (const n of state.active) {
    const node = state.model.nodes[n]
    let every = true
    RESOURCES.forEach((r, i) => {
      if (!w[r]) return
      if (node.capacity[r] > 0) perUnit[n * 3 + i] = (100 * w[r]) / sum / node.capacity[r]
      else every = false
    })
    hasEvery[n] = every ? 1 : 0
  }
}

function capacityShares(state: ClusterState): Float64Array {
  const {model, active} = state
  const w = model.weights
  const total = {memory: 0, cpu: 0, disk: 0}
  for (const n of active) addLoad(total, model.nodes[n].capacity, 1)
  const part = (n: number, r: keyof Load) => (total[r] > 0 ? model.nodes[n].capacity[r] / total[r] : 0)
  const shares = new Float64Array(model.nodes.length)
  for (const n of active) shares[n] = (w.memory * part(n, 'memory') + w.cpu * part(n, 'cpu') + w.disk * part(n, 'disk')) / (w.memory + w.cpu + w.disk)
  return shares
}

/** `a` is better balanced than `b`: a narrower spread, or the same spread and less excess. */
export function betterBalance(a: Balance, b: Balance): boolean {
  if (a.spread < b.spread - EPSILON) return true
  return a.spread <= b.spread + EPSILON && a.phi < b.phi - EPSILON
}

/** The load of several guests together. */
export function loadOf(state: ClusterState, guests: readonly number[]): Load {
  const total = {memory: 0, cpu: 0, disk: 0}
  for (const g of guests) addLoad(total, state.model.guests[g].load, 1)
  return total
}
