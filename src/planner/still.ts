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
  /** 32-bit words in a row of `passed` bits: one bit per target. */
  readonly words: number
  /**
   * By source × words + target / 32, a bit for each pair a search passes over whatever
   * the best and the balance, but for the least utilised node as the target (see
   * `passed`): for the search over every unit REFUSED or STILL, for the searches with a
   * window WINDOW_REFUSED too. A node's bits are cleared when its version changes.
   */
  private readonly passedEvery: Int32Array
  private readonly passedWindow: Int32Array
  /** Each node's version the bits are for, and the state's count of changes then. */
  private readonly synced: Int32Array
  private syncedAt: number

  private constructor(draft: Draft) {
    this.draft = draft
    this.nodes = draft.model.nodes.length
    this.source = new Int32Array(this.nodes * this.nodes)
    this.target = new Int32Array(this.nodes * this.nodes)
    this.found = new Uint8Array(this.nodes * this.nodes)
    this.triedAt = new Int32Array(this.nodes * this.nodes)
    this.words = (this.nodes + 31) >> 5
    this.passedEvery = new Int32Array(this.nodes * this.words)
    this.passedWindow = new Int32Array(this.nodes * this.words)
    this.synced = Int32Array.from(draft.state.version)
    this.syncedAt = draft.state.changes
  }

  /**
   * The `passed` bits of every pair, as the nodes are now (the search over every unit's, or
   * the searches with a window's): a source's row is at source × words. A pair whose bit is
   * set is passed over by `known` unless one of its nodes bounds the spread; a search
   * from the most utilised node asks `known` of every pair, and one onto the least
   * utilised asks it too. Each step changes two nodes: a search from a node visits the
   * few pairs nothing is known of, instead of a hundred.
   */
  passed(every: boolean): Int32Array {
    const {state} = this.draft
    if (state.changes !== this.syncedAt) this.sync()
    return every ? this.passedEvery : this.passedWindow
  }

  /** Clears the bits of the nodes whose version changed since they were set. */
  private sync(): void {
    const {version, changes} = this.draft.state
    const {nodes, words, passedEvery, passedWindow, synced} = this
    this.syncedAt = changes
    for (let n = 0; n < nodes; n++) {
      if (synced[n] === version[n]) continue
      synced[n] = version[n]
      passedEvery.fill(0, n * words, (n + 1) * words)
      passedWindow.fill(0, n * words, (n + 1) * words)
      const keep = ~(1 << (n & 31))
      for (let at = n >> 5; at < passedEvery.length; at += words) {
        passedEvery[at] &= keep
        passedWindow[at] &= keep
      }
    }
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

  /** Whether TRIED holds of the pair, `known` as `known` answers of it now: found while the two nodes stand, with `noted` refusals of it noted, as now. */
  tried(known: number, source: number, target: number, noted: number): boolean {
    return (known & TRIED) !== 0 && this.triedAt[source * this.nodes + target] === noted
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
    const found = (this.found[pair] = known | what)
    // Bits only for nodes whose versions the bits are for (the others are cleared at the next sync).
    if (this.synced[source] !== version[source] || this.synced[target] !== version[target]) return
    const at = source * this.words + (target >> 5)
    const bit = 1 << (target & 31)
    if ((found & (REFUSED | STILL)) !== 0) this.passedEvery[at] |= bit
    if ((found & (REFUSED | STILL | WINDOW_REFUSED)) !== 0) this.passedWindow[at] |= bit
  }
}
