/**
 * The movable units on each node, by size: what balancing picks its moves from.
 *
 * A unit is a guest with what moves as one with it (its together group's members on
 * its node, preferences included). Its size is the utilisation points it holds on its
 * node; its volume, that size weighed by the node's share of the cluster's capacity,
 * compares units across nodes of different sizes (the load it carries). Lists are
 * rebuilt only when a node's guests change. Units holding a guest that cannot move are
 * left out.
 * Not for choosing moves: balance.ts and window.ts do that.
 */
import type {Load, PlacementModel} from '../policy/compile.js'
import type {Draft} from './draft.js'
import {loadOf} from './objective.js'

export interface Sized {
  unit: number[]
  load: Load
  /** Points the unit holds on its node. */
  size: number
  /** Bytes its migration transfers. */
  bytes: number
}

export class UnitsBySize {
  private readonly draft: Draft
  /** By node index (an array, not a map: asked for every source of every search step). */
  private readonly cache: (Cached | undefined)[]
  /** Guests in a together group (preferences included): their units change as members come and go. */
  private readonly grouped: Uint8Array
  /** Scratch marks for finding a node's new guests. */
  private readonly seen: Int32Array
  private stamp = 0
  /** The last unit made of each guest alone, and the node it was sized on. */
  private readonly singles = new Map<number, {node: number; sized: Sized | undefined}>()

  private static readonly drafts = new WeakMap<Draft, UnitsBySize>()

  /** The draft's lists, kept for its whole search: each round updates what the last left instead of making them all again. */
  static of(draft: Draft): UnitsBySize {
    let units = UnitsBySize.drafts.get(draft)
    if (!units) UnitsBySize.drafts.set(draft, (units = new UnitsBySize(draft)))
    return units
  }

  constructor(draft: Draft) {
    this.draft = draft
    const {model} = draft
    this.grouped = Uint8Array.from(model.guests, (g) => (draft.groups.group(g.index, 'soft').length > 1 ? 1 : 0))
    this.seen = new Int32Array(model.guests.length)
    this.cache = new Array<Cached | undefined>(model.nodes.length).fill(undefined)
    draft.state.keepJournals()
  }

  /** The units on `node`, smallest first (ties: lowest guest index). */
  on(node: number): Sized[] {
    const {state} = this.draft
    const cached = this.cache[node]
    if (cached && cached.version === state.version[node]) return cached.units
    const units = cached ? (this.moved(node, cached) ?? this.updated(node, cached.units)) : this.built(node)
    // Every field from the start: one shape for every entry.
    this.cache[node] = {version: state.version[node], units, epoch: state.journalsAt, length: state.journalLength(node), first: undefined}
    return units
  }

  /**
   * The unit on `node` that a tie between moves goes to (balance.ts `better`): the fewest
   * guests, then the fewest bytes, then the lowest vmid; undefined when there is none.
   * Kept with the node's list.
   */
  firstOnTies(node: number): Sized | undefined {
    const units = this.on(node)
    const cached = this.cache[node]!
    if (cached.first !== undefined) return cached.first ?? undefined
    const {guests} = this.draft.model
    let first: Sized | undefined
    for (const s of units) if (!first || onTies(guests, s, first) < 0) first = s
    cached.first = first ?? null
    return first
  }

  private built(node: number): Sized[] {
    return this.made(node, this.draft.state.guestsOn(node)).sort(bySize)
  }

  /** The units on `node` of `guests` (all on it), each group's once. */
  private made(node: number, guests: readonly number[]): Sized[] {
    const units: Sized[] = []
    // A group's unit is made once, for the first of its members met: a node holding many
    // guests of one group made it again for each of them.
    const groups = new Set<readonly number[]>()
    for (const g of guests) {
      let sized: Sized | undefined
      if (this.grouped[g]) {
        const group = this.draft.groups.group(g, 'soft')
        if (groups.has(group)) continue
        groups.add(group)
        sized = this.sized(node, this.draft.unit(g, 'soft'))
      } else sized = this.single(node, g)
      if (sized) units.push(sized)
    }
    return units
  }

  /**
   * The list of a node after some guests left and others arrived: the units that stay as
   * they were are kept in their order, and only the units of the guests that arrived, and
   * of groups that lost or gained a member here, are made again and put in their place.
   */
  private updated(node: number, before: readonly Sized[]): Sized[] {
    const {state} = this.draft
    const stamp = ++this.stamp
    const redo: number[] = []
    let units: Sized[] = []
    for (const s of before) {
      const {unit} = s
      let staying = 0
      for (const m of unit) {
        this.seen[m] = stamp
        if (state.nodeOf(m) === node) staying++
      }
      if (staying === unit.length) units.push(s)
      else for (const m of unit) if (state.nodeOf(m) === node) redo.push(m)
    }
    const changed = new Set<readonly number[]>()
    for (const g of state.guestsOn(node)) {
      if (this.seen[g] === stamp) continue
      redo.push(g)
      if (this.grouped[g]) changed.add(this.draft.groups.group(g, 'soft'))
    }
    // A group that gained a member here is made again, whole.
    if (changed.size > 0) {
      units = units.filter((s) => {
        const stays = !(this.grouped[s.unit[0]] && changed.has(this.draft.groups.group(s.unit[0], 'soft')))
        if (!stays) redo.push(...s.unit)
        return stays
      })
    }
    if (redo.length === 0) return units
    const made = this.made(node, redo)
    if (made.length > 8) return merged(units, made.sort(bySize))
    for (const sized of made) units.splice(firstIndex(units.length, (i) => bySize(units[i], sized) > 0), 0, sized)
    return units
  }

  /**
   * The list of a node after a few guests not in together groups came and went, found
   * from the state's journal of moves: each such guest's unit is taken out of the list
   * where its size puts it, and put back in where it is on the node now. The same list
   * `updated` makes (a total order), without walking the node's units and guests;
   * undefined when the journal cannot tell, or when a grouped guest or many moves are in
   * it, for `updated` to do.
   */
  private moved(node: number, cached: Cached): Sized[] | undefined {
    const {state} = this.draft
    const journal = state.movesSince(node, cached.epoch, cached.length)
    if (journal === undefined || journal.length - cached.length > MOVED_MOST) return undefined
    const stamp = ++this.stamp
    const touched: number[] = []
    for (let i = cached.length; i < journal.length; i++) {
      const g = journal[i]
      if (this.seen[g] === stamp) continue
      if (this.grouped[g]) return undefined
      this.seen[g] = stamp
      touched.push(g)
    }
    const units = cached.units.slice()
    const {model} = this.draft
    for (const g of touched) {
      // Where the guest's unit on this node is, when it is in the list (its size there is fixed).
      const guest = model.guests[g]
      const size = guest.movable ? state.pointsOf(node, guest.load) : 0
      if (size > 0) {
        const at = firstIndex(units.length, (i) => (units[i].size - size || units[i].unit[0] - g) >= 0)
        if (at < units.length && units[at].unit[0] === g) units.splice(at, 1)
      }
      if (state.nodeOf(g) !== node) continue
      const sized = this.single(node, g)
      if (sized) units.splice(firstIndex(units.length, (i) => bySize(units[i], sized) > 0), 0, sized)
    }
    return units
  }

  /** A guest alone, sized on `node`: the same for as long as it is there, so made once per node it visits. */
  private single(node: number, guest: number): Sized | undefined {
    const known = this.singles.get(guest)
    if (known && known.node === node) return known.sized
    const sized = this.sized(node, [guest])
    this.singles.set(guest, {node, sized})
    return sized
  }

  /** A unit with its size on `node`, or undefined when it cannot move or weighs nothing there. */
  private sized(node: number, unit: number[]): Sized | undefined {
    const {state, model} = this.draft
    if (unit.some((m) => !model.guests[m].movable)) return undefined
    const load = unit.length === 1 ? model.guests[unit[0]].load : loadOf(state, unit)
    const size = state.pointsOf(node, load)
    return size > 0 ? {unit, load, size, bytes: unit.reduce((sum, m) => sum + model.guests[m].bytes, 0)} : undefined
  }
}

/**
 * The order a tie of excess and spread between moves goes by (balance.ts `better`): fewer
 * guests, then fewer bytes (whole numbers: a tie within `better`'s noise is equality),
 * then the lower vmid of the first guest. Below 0 when `a` comes first.
 */
export function onTies(guests: PlacementModel['guests'], a: Pick<Sized, 'unit' | 'bytes'>, b: Pick<Sized, 'unit' | 'bytes'>): number {
  return a.unit.length - b.unit.length || a.bytes - b.bytes || guests[a.unit[0]].vmid - guests[b.unit[0]].vmid
}

interface Cached {
  /** The node's version the list is of. */
  version: number
  units: Sized[]
  /** The state's journal of the node then (ClusterState.movesSince). */
  epoch: number
  length: number
  /** The unit ties go to (firstOnTies); null: none. */
  first?: Sized | null
}

/** Past this many moves since a list was made, walking the node is quicker than reading them. */
const MOVED_MOST = 32

function bySize(a: Sized, b: Sized): number {
  return a.size - b.size || a.unit[0] - b.unit[0]
}

/** Two lists sorted by `bySize` as one (a total order: the same as sorting them together). */
function merged(a: readonly Sized[], b: readonly Sized[]): Sized[] {
  const out: Sized[] = new Array(a.length + b.length)
  let i = 0
  let j = 0
  let k = 0
  while (i < a.length && j < b.length) out[k++] = bySize(a[i], b[j]) <= 0 ? a[i++] : b[j++]
  while (i < a.length) out[k++] = a[i++]
  while (j < b.length) out[k++] = b[j++]
  return out
}

/** The first index in [0, count) where `test` holds, `test` being false then true along it; count when nowhere. */
export function firstIndex(count: number, test: (index: number) => boolean): number {
  let low = 0
  let high = count
  while (low < high) {
    const mid = (low + high) >> 1
    if (test(mid)) high = mid
    else low = mid + 1
  }
  return low
}
