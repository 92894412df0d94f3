/**
 * Plans as runs: a plan document turned into what carryOut executes, where its journal
 * goes by default (next to the plan: plan.json → plan.journal.jsonl), and `--replan`:
 * planning again from the live cluster with the plan's embedded policy, the new plan
 * written next to the old one (plan.replanned.json) so that its run can be resumed.
 */
import {existsSync} from 'node:fs'
import {drainedNote, withDrainedInMaintenance} from '../apply/drain-records.js'
import {planSnapshot, planToRun} from '../apply/plans.js'
import type {LiveCheck} from '../apply/staleness.js'
import {prettyJson, sha256Of} from '../model/canonical.js'
import type {LoadedPlan, Plan} from '../model/plan.js'
import type {NormalizedPolicy} from '../model/policy.js'
import {ProxlbError} from '../model/problems.js'
import type {Snapshot} from '../model/snapshot.js'
import type {CalmInput, PlanScope} from '../planner/index.js'
import {isoSeconds, now} from './clock.js'
import {writeFileAtomic} from './files.js'
import {VERSION} from './version.js'

export {planToRun}

/** plan.json → plan.journal.jsonl (any other name: NAME.journal.jsonl). */
export function journalPathFor(planFile: string): string {
  return planFile.replace(/\.json$/i, '') + '.journal.jsonl'
}

export function replannedPathFor(planFile: string): string {
  return planFile.replace(/\.json$/i, '') + '.replanned.json'
}

/** Plans `snapshot` with `policy` the way `proxlb plan` would (only the guests of `scope`'s nodes, when given; with the balance service's memory, `calm`). */
export function planLive(snapshot: Snapshot, policy: NormalizedPolicy, policyHash: string, scope?: PlanScope, calm?: CalmInput): Plan {
  return planSnapshot(snapshot, policy, policyHash, {createdAt: isoSeconds(now()), version: VERSION}, scope, calm)
}

/**
 * The replan hook for carryOut: a fresh plan from the live state with the plan's policy
 * (the nodes being drained in maintenance, said in one line), written next to the stale
 * one; `shown` hears of it.
 */
export function replanner(planFile: string, loaded: LoadedPlan, drained: ReadonlyMap<string, string>, say: (line: string) => void, shown: (plan: Plan, check: LiveCheck) => void) {
  return (live: Snapshot, check: LiveCheck) => {
    const note = drainedNote(drained)
    if (note) say(note)
    const policy = withDrainedInMaintenance(loaded.policy, drained)
    const fresh = planLive(live, policy, policy === loaded.policy ? loaded.plan.policy.hash : sha256Of(policy))
    const file = replannedPathFor(planFile)
    writeFileAtomic(file, prettyJson(fresh))
    shown(fresh, check)
    return {plan: planToRun(fresh, policy, file), journalPath: journalPathFor(file)}
  }
}

/** A resume needs a journal; a replanned run keeps its own, next to the new plan. */
export function checkResumable(planFile: string, journal: string): void {
  if (existsSync(journal)) return
  const replanned = replannedPathFor(planFile)
  if (existsSync(replanned) && existsSync(journalPathFor(replanned))) {
    throw new ProxlbError(`nothing to resume for ${planFile}: the last run was replanned; resume it with proxlb apply ${replanned} --resume`)
  }
  throw new ProxlbError(`nothing to resume: no journal at ${journal} (give the journal of the interrupted run with --journal)`)
}
