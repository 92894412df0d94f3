/* Generated from schemas/replay.v1.json by scripts/gen-types.js (npm run gen:types). Do not edit by hand. */

/**
 * What proxlb simulate --cycles N --json prints: the balance service replayed on a snapshot under drifting load, cycle by cycle, next to a greedy ProxLB-like balancer on the same drift.
 */
export interface Replay {
  /**
   * The format and its version: always proxlb.replay/v1 for this schema.
   */
  format: 'proxlb.replay/v1'
  /**
   * The cluster name in the snapshot.
   */
  cluster: string
  /**
   * The snapshot replayed.
   */
  snapshot: {
    /**
     * The snapshot as given (or the bundled demo).
     */
    label: string
    /**
     * When it was taken: the replay's first cycle.
     */
    takenAt: string
  }
  /**
   * The policy with the balance service's calm defaults filled in, as proxlb replayed it.
   */
  policy: {
    /**
     * The policy file as given (or the bundled default).
     */
    label: string
    /**
     * The policy name, when it has one.
     */
    name?: string
    /**
     * balance.threshold, in points.
     */
    threshold: number
    /**
     * balance.margin, in points (the service default when the policy says nothing).
     */
    margin: number
    /**
     * balance.minGain, in points per GiB moved.
     */
    minGain: number
    /**
     * balance.persistence, in cycles.
     */
    persistence: number
    /**
     * balance.window: proxlb planned from the load averaged over the RRD window before each cycle (hour: 70 minutes, day: 35 hours), each guest counted where it was; absent when it planned from each cycle's sample.
     */
    window?: 'hour' | 'day'
  }
  /**
   * How load drifted (fractions: 0.05 for 5 %).
   */
  drift: {
    /**
     * Most step of the random walk per cycle.
     */
    walk: number
    /**
     * Amplitude of the daily wave.
     */
    daily: number
    /**
     * Most independent wobble per cycle.
     */
    jitter: number
    /**
     * Seed of the random parts.
     */
    seed: number
  }
  /**
   * Cycles replayed (--cycles).
   */
  cycles: number
  /**
   * Seconds between two cycles (--every).
   */
  everySeconds: number
  /**
   * limits.cooldown as replayed, in seconds.
   */
  cooldownSeconds: number
  /**
   * proxlb, then the greedy balancer.
   */
  runs: Run[]
}
/**
 * One balancer replayed on the drift.
 *
 * This interface was referenced by `Replay`'s JSON-Schema
 * via the `definition` "Run".
 */
export interface Run {
  /**
   * proxlb (the balance service) or greedy (ProxLB-like: moves whenever the spread exceeds the threshold, no cooldown, no rules).
   */
  strategy: 'proxlb' | 'greedy'
  /**
   * Every cycle, in order.
   */
  cycles: Cycle[]
  totals: Totals
}
/**
 * One cycle of a run.
 *
 * This interface was referenced by `Replay`'s JSON-Schema
 * via the `definition` "Cycle".
 */
export interface Cycle {
  /**
   * Its number, from 1.
   */
  cycle: number
  /**
   * Its simulated time, ISO-8601 UTC.
   */
  at: string
  /**
   * false: outside every balance.during window, no cycle ran.
   */
  ran: boolean
  /**
   * The spread the cycle found, in points.
   */
  spreadBefore: number
  /**
   * The spread after its migrations.
   */
  spreadAfter: number
  /**
   * Its migrations, in plan order.
   */
  moves: {
    /**
     * The guest.
     */
    vmid: number
    /**
     * Its name.
     */
    name: string
    /**
     * The node it left.
     */
    from: string
    /**
     * The node it went to.
     */
    to: string
    /**
     * Why it moved (the plan's reason; balance for the greedy).
     */
    reason: string
  }[]
  /**
   * Why proxlb's balancing held back (the plan's balance.held).
   */
  held?: 'margin' | 'persistence' | 'not-worth-it'
  /**
   * proxlb's plan said a second pass may move more.
   */
  secondPass?: true
  /**
   * proxlb's plan left a rule broken.
   */
  unsatisfied?: true
}
/**
 * What a run did over the whole replay.
 *
 * This interface was referenced by `Replay`'s JSON-Schema
 * via the `definition` "Totals".
 */
export interface Totals {
  /**
   * Migrations in all.
   */
  moves: number
  /**
   * Migrations after the first cycle that ran.
   */
  movesAfterFirst: number
  /**
   * Cycles that migrated at least one guest.
   */
  cyclesWithMoves: number
  /**
   * Guests migrated more than once, most first.
   */
  movedMoreThanOnce: {
    /**
     * The guest.
     */
    vmid: number
    /**
     * Its name.
     */
    name: string
    /**
     * Its migrations.
     */
    moves: number
  }[]
  /**
   * Migrations of a guest within the cooldown of its previous one.
   */
  movedAgainWithinCooldown: number
  /**
   * Of those, back to the node it had left.
   */
  movedBackWithinCooldown: number
  /**
   * The spread each cycle found, before it moved anything.
   */
  spread: {
    /**
     * Mean over the cycles.
     */
    mean: number
    /**
     * Highest.
     */
    max: number
    /**
     * After the last cycle.
     */
    last: number
  }
}
