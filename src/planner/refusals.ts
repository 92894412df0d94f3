/**
 * Refusals remembered while they hold, so that the search asks the rules again only
 * about nodes whose guests changed. Pure bookkeeping over a draft's state.
 */
import type {Draft} from './draft.js'
import {REFUSED_LASTING} from './rules/rule.js'
import type {Sized} from './units.js'

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
 * A unit refused for good (rule.ts REFUSED_LASTING: a pin of one of its guests excludes the
 * target, or their disks find no storage or no room there) is remembered longer: for as
 * long as the target's storages give back no space, wherever the unit goes and whatever
 * arrives, while it is made of the same guests. On a cluster whose local storages are full,
 * the node everything is sent to changes with every move, and what was refused there was
 * asked again thousands of times: in the band way's tail, together groups' units most of
 * all (45,000 of one plan's 190,000 asks of the rules, when only guests alone were kept).
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
  /**
   * By a unit's first guest, then target: the target's ClusterState.freed + 1 when the unit
   * was refused for good (0: nothing known); a guest's row made with its first such
   * refusal. Most clusters have few or none, and a draft is made for every way of the search.
   */
  private readonly lasting: (Int32Array | undefined)[]
  /**
   * By guest: the guests of the unit its `lasting` row is for, when more than itself
   * (undefined: the guest alone). A unit of other guests refused for good starts the row again.
   */
  private readonly lastingUnit: (readonly number[] | undefined)[]
  /** By source × nodes + target: refusals for good noted of units on the source (what `open` was made with). Made with the first. */
  private lastingNoted = new Int32Array(0)
  /** By source × nodes + target: refusals noted of units on the source onto the target, ever (`notedOf`). */
  private readonly noted: Int32Array
  /** By source × nodes + target: what `open` answers (see there), made lazily. */
  private openOf: (OpenUnits | undefined)[] = []

  private constructor(draft: Draft) {
    this.draft = draft
    this.nodes = draft.model.nodes.length
    this.target = new Int32Array(draft.model.guests.length * this.nodes)
    this.from = new Int32Array(draft.model.guests.length * this.nodes)
    this.source = new Int32Array(draft.model.guests.length * this.nodes)
    this.lasting = new Array<Int32Array | undefined>(draft.model.guests.length).fill(undefined)
    this.lastingUnit = new Array<readonly number[] | undefined>(draft.model.guests.length).fill(undefined)
    this.noted = new Int32Array(this.nodes * this.nodes)
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
    return this.forGood(unit, target, freed[target])
  }

  /** `refused` answers yes, and will for as long as the target gives back no space (ClusterState.freed): a refusal for good holds. */
  refusedForGood(unit: readonly number[], target: number): boolean {
    return this.forGood(unit, target, this.draft.state.freed[target])
  }

  /** `unit` was refused onto `target` for good while the target's ClusterState.freed was `freed`. */
  private forGood(unit: readonly number[], target: number, freed: number): boolean {
    return this.lasting[unit[0]]?.[target] === freed + 1 && sameGuests(this.lastingUnit[unit[0]], unit)
  }

  /** Notes `why`, a quiet refusal of `unit` from `source` onto `target` (REFUSED_LASTING: remembered longer). */
  note(unit: readonly number[], source: number, target: number, why?: string): void {
    const key = unit[0] * this.nodes + target
    const {version, freed} = this.draft.state
    this.target[key] = version[target] + 1
    this.from[key] = source
    this.source[key] = version[source]
    this.noted[source * this.nodes + target]++
    if (why === REFUSED_LASTING) {
      if (this.lastingNoted.length === 0) {
        this.lastingNoted = new Int32Array(this.nodes * this.nodes)
        this.openOf = new Array<OpenUnits | undefined>(this.nodes * this.nodes).fill(undefined)
      }
      const g = unit[0]
      const lasting = (this.lasting[g] ??= new Int32Array(this.nodes))
      // What the row knew was of other guests: forgotten (it still holds, and `open` tables made with it stay true).
      if (!sameGuests(this.lastingUnit[g], unit)) {
        lasting.fill(0)
        this.lastingUnit[g] = unit.length === 1 ? undefined : unit.slice()
      }
      lasting[target] = freed[target] + 1
      this.lastingNoted[source * this.nodes + target]++
    }
  }

  /** How many refusals were noted of units on `source` onto `target`: while it and the two nodes stand, what the memo answers of the pair stands. */
  notedOf(source: number, target: number): number {
    return this.noted[source * this.nodes + target]
  }

  /**
   * Where in `list`, the units on `source` smallest first (UnitsBySize.on), the units not
   * known to be refused for good onto `target` are: for each place, the place of the first
   * such unit from there on (`next`, the list's length past the last), and one past the
   * last of them (`end`). A search over the list's units may step from one to the next
   * past those without asking each, and bound the pair by its largest unit that may go
   * (none: the pair is passed over at once). Undefined when none of the pair's refusals is
   * for good. Made again when the list changed, the target freed space or more refusals for
   * good were noted: between steps of the band way, the lists of two nodes change and one
   * node frees space, so nearly every pair's stands. (Refusals while the two nodes stand
   * are not counted in: made again whenever the target changed, it cost more than it saved.)
   *
   * Where the pair's refusals for good are few against the list (FEW_LASTING), only the
   * first such unit (`first`) and `end` are found, from either end, and `next` is
   * undefined: the search asks each unit. Tables made again for every pair of a source
   * whose list changed cost packed clusters with a few pins some 10 %.
   */
  open(list: readonly Sized[], source: number, target: number): OpenUnits | undefined {
    if (this.lastingNoted.length === 0) return undefined
    const pair = source * this.nodes + target
    const noted = this.lastingNoted[pair]
    if (noted === 0) return undefined
    const freed = this.draft.state.freed[target]
    let open = this.openOf[pair]
    if (open && open.list === list && open.freed === freed && open.noted === noted) return open
    const few = noted * FEW_LASTING < list.length
    if (!open || (!few && open.table.length <= list.length)) {
      open = this.openOf[pair] = {list, freed, noted, first: 0, end: 0, next: undefined, table: few ? NO_TABLE : new Int32Array(list.length + 1 + (list.length >> 2))}
    } else {
      open.list = list
      open.freed = freed
      open.noted = noted
    }
    if (few) {
      let end = list.length
      while (end > 0 && this.forGood(list[end - 1].unit, target, freed)) end--
      let first = 0
      while (first < end && this.forGood(list[first].unit, target, freed)) first++
      open.first = end === 0 ? list.length : first
      open.end = end
      open.next = undefined
      return open
    }
    const next = (open.next = open.table)
    next[list.length] = list.length
    let end = 0
    for (let i = list.length - 1; i >= 0; i--) {
      if (this.forGood(list[i].unit, target, freed)) next[i] = next[i + 1]
      else {
        next[i] = i
        end ||= i + 1
      }
    }
    open.first = next[0]
    open.end = end
    return open
  }
}

/** `unit` is made of `guests` (undefined: its first guest alone), in any order. */
function sameGuests(guests: readonly number[] | undefined, unit: readonly number[]): boolean {
  if (guests === undefined) return unit.length === 1
  if (guests.length !== unit.length) return false
  for (const g of unit) if (!guests.includes(g)) return false
  return true
}

/** See `Refusals.open`. */
export interface OpenUnits {
  list: readonly Sized[]
  freed: number
  noted: number
  /** The first unit not refused for good (the list's length when none is). */
  first: number
  end: number
  /** The table of the next such unit from each place; undefined where the refusals are few. */
  next: Int32Array | undefined
  /** The array `next` is made in, kept for the pair. */
  table: Int32Array
}

/** A pair's refusals for good are few (Refusals.open) when this many times their count is under the list's length. */
const FEW_LASTING = 8

const NO_TABLE = new Int32Array(0)
