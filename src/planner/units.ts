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
import type {Load} from '../policy/compile.js'
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
  private readonly cache = new Map<number, {version: number; units: Sized[]}>()
  /** Guests in a together group (preferences included): their units change as members come and go. */
  private readonly grouped: Uint8Array
  /** Scratch marks for finding a node's new guests. */
  private readonly seen: Int32Array
  private stamp = 0

  constructor(draft: Draft) {
    this.draft = draft
    const {model} = draft
    this.grouped = Uint8Array.from(model.guests, (g) => (draft.groups.group(g.index, 'soft').length > 1 ? 1 : 0))
    this.seen = new Int32Array(model.guests.length)
  }

  /** The units on `node`, smallest first (ties: lowest guest index). */
  on(node: number): Sized[] {
    const {state} = this.draft
    const cached = this.cache.get(node)
    if (cached && cached.version === state.version[node]) return cached.units
    const units = (cached && this.updated(node, cached.units)) ?? this.built(node)
    this.cache.set(node, {version: state.version[node], units})
    return units
  }

  private built(node: number): Sized[] {
    const {state} = this.draft
    const units: Sized[] = []
    // A group's unit is made once, for the first of its members met: a node holding many
    // guests of one group made it again for each of them.
    const groups = new Set<readonly number[]>()
    for (const g of state.guestsOn(node)) {
      let unit = [g]
      if (this.grouped[g]) {
        const group = this.draft.groups.group(g, 'soft')
        if (groups.has(group)) continue
        groups.add(group)
        unit = this.draft.unit(g, 'soft')
      }
      const sized = this.sized(node, unit)
      if (sized) units.push(sized)
    }
    return units.sort(bySize)
  }

  /**
   * The list of a node after some guests left and others arrived, none of them in a
   * together group (so every unit that stays is what it was): no sort. Undefined when one
   * of them is in a group.
   */
  private updated(node: number, before: readonly Sized[]): Sized[] | undefined {
    const {state} = this.draft
    const stamp = ++this.stamp
    const units: Sized[] = []
    for (const s of before) {
      let staying = 0
      for (const m of s.unit) {
        this.seen[m] = stamp
        if (state.nodeOf(m) === node) staying++
      }
      if (staying === s.unit.length) units.push(s)
      else if (staying > 0) return undefined
    }
    for (const g of state.guestsOn(node)) {
      if (this.seen[g] === stamp) continue
      if (this.grouped[g]) return undefined
      const sized = this.sized(node, [g])
      if (sized) units.splice(firstIndex(units.length, (i) => bySize(units[i], sized) > 0), 0, sized)
    }
    return units
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

function bySize(a: Sized, b: Sized): number {
  return a.size - b.size || a.unit[0] - b.unit[0]
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
