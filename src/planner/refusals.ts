/**
 * Refusals remembered while they hold, so that the search asks the rules again only
 * about nodes whose guests changed. Pure bookkeeping over a draft's state.
 */
import type {Draft} from './draft.js'
import {REFUSED_LASTING} from './rules/rule.js'

/**
 * The moves of units onto targets the rules refused (preferences included), each with
 * the node the unit was on and the versions of the two nodes then: while the unit is on
 * that node and neither node's guests changed, every rule (all of them `local`) would
 * refuse it again, so it is passed over before it is even weighed. Kept per draft for
 * the whole search: a node's version only grows. Versions are counted node by node, so
 * the node is kept too: a unit that moved on to a node whose version happens to be the
 * same number is asked again. Only for units as UnitsBySize lists them (a guest's unit
 * with preferences on its node), which their first guest and their node's version tell
 * apart, and guests in no together group.
 *
 * A guest alone refused for good (rule.ts REFUSED_LASTING: its pins exclude the target, or
 * its disks find no storage or no room there) is remembered longer: for as long as the
 * target's storages give back no space, wherever the guest goes and whatever arrives. On a
 * cluster whose local storages are full, the node everything is sent to changes with every
 * move, and what was refused there was asked again thousands of times.
 */
export class Refusals {
  private static readonly drafts = new WeakMap<Draft, Refusals | null>()
  /** Largest guests × nodes remembered (four 4-byte numbers each). */
  private static readonly LIMIT = 1 << 22
  private readonly draft: Draft
  private readonly nodes: number
  /** By guest × nodes + target: the target's version + 1 when refused (0: nothing known), the unit's node and that node's version. */
  private readonly target: Int32Array
  private readonly from: Int32Array
  private readonly source: Int32Array
  /** By guest × nodes + target: the target's ClusterState.freed + 1 when the guest alone was refused for good (0: nothing known). */
  private readonly lasting: Int32Array

  private constructor(draft: Draft) {
    this.draft = draft
    this.nodes = draft.model.nodes.length
    this.target = new Int32Array(draft.model.guests.length * this.nodes)
    this.from = new Int32Array(draft.model.guests.length * this.nodes)
    this.source = new Int32Array(draft.model.guests.length * this.nodes)
    this.lasting = new Int32Array(draft.model.guests.length * this.nodes)
  }

  static of(draft: Draft): Refusals | undefined {
    let memo = Refusals.drafts.get(draft)
    if (memo === undefined) {
      const fits = draft.model.guests.length * draft.model.nodes.length <= Refusals.LIMIT
      memo = fits && draft.rules.every((r) => r.local) ? new Refusals(draft) : null
      Refusals.drafts.set(draft, memo)
    }
    return memo ?? undefined
  }

  refused(unit: readonly number[], source: number, target: number): boolean {
    const key = unit[0] * this.nodes + target
    const {version, freed} = this.draft.state
    if (this.target[key] === version[target] + 1 && this.from[key] === source && this.source[key] === version[source]) return true
    return unit.length === 1 && this.lasting[key] === freed[target] + 1
  }

  /** Notes `why`, a quiet refusal of `unit` from `source` onto `target` (REFUSED_LASTING for a guest alone: remembered longer). */
  note(unit: readonly number[], source: number, target: number, why?: string): void {
    const key = unit[0] * this.nodes + target
    const {version, freed} = this.draft.state
    this.target[key] = version[target] + 1
    this.from[key] = source
    this.source[key] = version[source]
    if (why === REFUSED_LASTING && unit.length === 1) this.lasting[key] = freed[target] + 1
  }
}
