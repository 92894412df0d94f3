/**
 * Pairs of nodes no move between which can better the balance while neither changes, so
 * that the band way's searches pass them over without a bound worked out. Pure
 * bookkeeping over a draft's state, as refusals.ts is.
 */
import type {Draft} from './draft.js'

/** What is known of a pair (StillPairs.known), as bits. */
export const STILL = 1
/** The few units of the pair's window (balance.ts) are all refused: a search with a reach weighs none of them. */
export const WINDOW_REFUSED = 2
/** Every unit on the source is refused onto the target (as Refusals remembers) or finds no memory there: no search weighs any. */
export const REFUSED = 4
/** A unit that may go may lessen the excess (balance.ts settleOpen), while the refusals noted of the pair are as many as `tried` keeps. */
export const TRIED = 8

/**
 * What the searches found of pairs of a draft's nodes, each with the versions of its two
 * nodes then, for as long as both stand (a node frees space only as guests leave it, which
 * changes its version):
 * - STILL: no unit's move lessens the excess beyond noise (Objective.floorPhi, for the
 *   source's largest unit that may go there, or the change each unit's move makes);
 * - WINDOW_REFUSED: the rules refuse every unit of the pair's window (its few units around
 *   the size that fits the gap, which the two nodes' utilisations alone set), as Refusals
 *   remembers them while the two nodes stand;
 * - REFUSED: they refuse every unit on the source (for good, or while the two nodes stand),
 *   or the target has no memory for it;
 * - TRIED: a unit that may go lessens the excess, while no more refusals of the pair are
 *   noted (Refusals.notedOf): the band way does not look for STILL again.
 *
 * A still pair stays so while both nodes stand: the excess a move changes is the two
 * nodes' alone (their utilisations, the band's edges and the shares of capacity, which a
 * draft keeps), and the units that may go only become fewer as refusals are noted. Its
 * moves never better the balance (`betterBalance`) unless one of the two nodes bounds the
 * spread (Objective.boundsSpread), which the searches ask afresh: whatever else moved,
 * whatever the best so far, the pair has no move to weigh. Nor has a search with a reach
 * of a pair whose window is refused, nor any search of a refused pair.
 *
 * In a band way's long tail on a cluster whose storage refuses most moves, each step lifts
 * the least utilised node a hair and leaves the excess as it was, and thousands of pairs
 * were bounded again at every step; only the pairs of the two nodes a step moved between
 * change.
 */
export class StillPairs {
  private static readonly drafts = new WeakMap<Draft, StillPairs>()
  private readonly draft: Draft
  private readonly nodes: number
  /** By source × nodes + target: the source's version + 1 when something was found of the pair (0: nothing known), the target's version, and what was found. */
  private readonly source: Int32Array
  private readonly target: Int32Array
  private readonly found: Uint8Array
  /** By source × nodes + target: the refusals noted of the pair (Refusals.notedOf) when TRIED was found. */
  private readonly triedAt: Int32Array

  private constructor(draft: Draft) {
    this.draft = draft
    this.nodes = draft.model.nodes.length
    this.source = new Int32Array(this.nodes * this.nodes)
    this.target = new Int32Array(this.nodes * this.nodes)
    this.found = new Uint8Array(this.nodes * this.nodes)
    this.triedAt = new Int32Array(this.nodes * this.nodes)
  }

  static of(draft: Draft): StillPairs {
    let still = StillPairs.drafts.get(draft)
    if (!still) StillPairs.drafts.set(draft, (still = new StillPairs(draft)))
    return still
  }

  /** What was found of the pair from `source` to `target` (STILL, WINDOW_REFUSED, REFUSED) and holds: neither node changed since. */
  known(source: number, target: number): number {
    const pair = source * this.nodes + target
    const {version} = this.draft.state
    return this.source[pair] === version[source] + 1 && this.target[pair] === version[target] ? this.found[pair] : 0
  }

  /** Whether TRIED holds of the pair: found while the two nodes stand, with `noted` refusals of it noted, as now. */
  tried(source: number, target: number, noted: number): boolean {
    return (this.known(source, target) & TRIED) !== 0 && this.triedAt[source * this.nodes + target] === noted
  }

  /** Notes TRIED of the pair with `noted` refusals of it noted. */
  noteTried(source: number, target: number, noted: number): void {
    this.note(source, target, TRIED)
    this.triedAt[source * this.nodes + target] = noted
  }

  /** Notes `what` (STILL, WINDOW_REFUSED, REFUSED) of the pair from `source` to `target`, as the nodes are now. */
  note(source: number, target: number, what: number): void {
    const pair = source * this.nodes + target
    const {version} = this.draft.state
    const known = this.known(source, target)
    this.source[pair] = version[source] + 1
    this.target[pair] = version[target]
    this.found[pair] = known | what
  }
}
