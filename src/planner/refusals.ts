/**
 * Refusals remembered while they hold, so that the search asks the rules again only
 * about nodes whose guests changed. Pure bookkeeping over a draft's state.
 */
import type {Draft} from './draft.js'

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
 */
export class Refusals {
  private static readonly drafts = new WeakMap<Draft, Refusals | null>()
  /** Largest guests × nodes remembered (three 4-byte numbers each). */
  private static readonly LIMIT = 1 << 22
  private readonly draft: Draft
  private readonly nodes: number
  /** By guest × nodes + target: the target's version + 1 when refused (0: nothing known), the unit's node and that node's version. */
  private readonly target: Int32Array
  private readonly from: Int32Array
  private readonly source: Int32Array

  private constructor(draft: Draft) {
    this.draft = draft
    this.nodes = draft.model.nodes.length
    this.target = new Int32Array(draft.model.guests.length * this.nodes)
    this.from = new Int32Array(draft.model.guests.length * this.nodes)
    this.source = new Int32Array(draft.model.guests.length * this.nodes)
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
    const {version} = this.draft.state
    return this.target[key] === version[target] + 1 && this.from[key] === source && this.source[key] === version[source]
  }

  note(unit: readonly number[], source: number, target: number): void {
    const key = unit[0] * this.nodes + target
    const {version} = this.draft.state
    this.target[key] = version[target] + 1
    this.from[key] = source
    this.source[key] = version[source]
  }
}
