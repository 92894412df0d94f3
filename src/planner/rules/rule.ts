/**
 * What every placement rule is made of, so that the search treats them all alike.
 *
 * A rule says three things: which moves it forbids (`refuse`, asked for every move the
 * search considers, against the state as it is at that moment), which of its guests or
 * nodes are wrong now (`violations`), and how to put them right with the fewest moves
 * (`repair`). What it could not repair it explains as a plan warning (`explain`).
 * Preferences (non-strict rules) are the same rules asked with `strict` false: they
 * refuse moves only at the `soft` level, and their repairs are honoured where they cost
 * no hard rule.
 * Rules never enforce budgets or pick targets themselves: the draft does that for all.
 */
import type {PlanWarning} from '../../model/plan.js'
import type {ModelRule} from '../../policy/compile.js'
import type {Draft} from '../draft.js'
import type {ClusterState} from '../state.js'

/** A refusal not put into words: what `refuse` may answer when asked `quiet`ly. */
export const REFUSED = 'refused'

/**
 * A quiet refusal of a guest alone that holds whatever moves, as long as the target's
 * storages give back no space (ClusterState.freed): a node its pins exclude, a storage the
 * target lacks, disabled, without its content or without room. The search may remember it
 * past the moves that change what the two nodes hold (refusals.ts).
 */
export const REFUSED_LASTING = 'refused, lastingly'

/** hard: strict rules only; soft: strict rules and preferences. */
export type Level = 'hard' | 'soft'

export type RuleKind = 'together' | 'maintenance' | 'pin' | 'apart' | 'capacity' | 'storage'

export interface Violation {
  kind: RuleKind
  /** The policy, tag or HA rule broken, if the violation belongs to one. */
  rule?: ModelRule
  strict: boolean
  /** Guests concerned (indexes, ascending). */
  guests: number[]
  /** Nodes concerned (indexes, ascending). */
  nodes: number[]
  /** The fewest moves that could repair it: how much it counts when plans are compared. */
  size: number
}

export interface PlacementRule {
  readonly kind: RuleKind
  /**
   * Checked for every single migration when the moves are put in order (true), or only
   * for whole units while planning (false: a together group migrates member by member).
   */
  readonly perMigration: boolean
  /**
   * `refuse` reads nothing but the unit, the guests on the unit's own node and the guests
   * (and so the load) on the target: its answer holds as long as those two nodes' guests
   * stay the same, and the search may remember it until they change. A rule without it
   * is asked every time.
   */
  readonly local?: boolean
  /**
   * Why moving `unit` (guests that move as one) onto `target` now breaks the rule, or
   * undefined. `quiet`: the caller asks only whether (the searches ask millions of times,
   * and mostly hear no), so any refusal may be REFUSED instead of its reason in words.
   */
  refuse(state: ClusterState, unit: readonly number[], target: number, level: Level, quiet?: boolean): string | undefined
  /**
   * What is wrong now: strict rules when `strict`, else preferences. With `guests`, only
   * what could concern them: the violations naming one of them and those naming no guest,
   * in the order they come without (explaining a plan asks this after every move).
   */
  violations(state: ClusterState, strict: boolean, guests?: readonly number[]): Violation[]
  /** Moves that repair the violations, fewest first. */
  repair(draft: Draft, strict: boolean): void
  /** The warning for a violation left when the search is done. */
  explain(draft: Draft, violation: Violation): PlanWarning
}
