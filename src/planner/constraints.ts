/**
 * Whether one guest may go to a node now, under the hard rules: for code outside the
 * search that places guests itself (simulate's what-ifs place new guests one by one).
 *
 * The same checks every single migration of a plan passes (schedule.ts): the target
 * receives guests, the guest may run there (pins, Proxmox's allowed nodes), the target
 * keeps its memory within its limit and has room for copied local disks, and no strict
 * apart rule gets two guests on one node. Asked against the state as it is, so guests
 * placed one after another add up. It does not ask whether the guest may move at all
 * (a new guest has no node yet) nor about together groups, which move as units.
 */
import {placementRules} from './rules/index.js'
import type {PlacementRule} from './rules/rule.js'
import {TogetherGroups} from './rules/together.js'
import type {ClusterState} from './state.js'

export class Constraints {
  private readonly state: ClusterState
  private readonly checks: PlacementRule[]

  /** `rules`: the model's placement rules, when the caller has them already. */
  constructor(state: ClusterState, rules: readonly PlacementRule[] = placementRules(state.model, new TogetherGroups(state.model))) {
    this.state = state
    this.checks = rules.filter((rule) => rule.perMigration)
  }

  /** Why `guest` may not go to `target` now, or undefined when it may; `quiet`: see PlacementRule.refuse. */
  refusal(guest: number, target: number, quiet = false): string | undefined {
    if (this.state.nodeOf(guest) === target) return 'it is already there'
    for (const rule of this.checks) {
      const why = rule.refuse(this.state, [guest], target, 'hard', quiet)
      if (why) return why
    }
    return undefined
  }

  canPlace(guest: number, target: number): boolean {
    return this.refusal(guest, target, true) === undefined
  }
}
