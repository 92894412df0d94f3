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

  constructor(draft: Draft) {
    this.draft = draft
  }

  /** The units on `node`, smallest first (ties: lowest guest index). */
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
