/**
 * Plans as runs: a plan document turned into what carryOut executes, where its journal
 * goes by default (next to the plan: plan.json → plan.journal.jsonl), and `--replan`:
 * planning again from the live cluster with the plan's embedded policy, the new plan
 * written next to the old one (plan.replanned.json) so that its run can be resumed.
 */
import {existsSync} from 'node:fs'
import {planIdentity} from '../apply/journal.js'
import type {LiveCheck} from '../apply/staleness.js'
import {prettyJson} from '../model/canonical.js'
import type {LoadedPlan, Plan} from '../model/plan.js'
import type {NormalizedPolicy} from '../model/policy.js'
import {ProxlbError} from '../model/problems.js'
import {snapshotFingerprint, type Snapshot} from '../model/snapshot.js'
import {planRebalance} from '../planner/index.js'
import type {PlanToRun} from './carry-out.js'
import {isoSeconds, now} from './clock.js'
import {writeFileAtomic} from './files.js'
import {VERSION} from './version.js'

export function planToRun(plan: Plan, policy: NormalizedPolicy, label: string): PlanToRun {
  return {moves: plan.moves, identity: planIdentity(plan), policy, cluster: plan.snapshot.cluster, label}
}

/** plan.json → plan.journal.jsonl (any other name: NAME.journal.jsonl). */
export function journalPathFor(planFile: string): string {
  return planFile.replace(/\.json$/i, '') + '.journal.jsonl'
}

export function replannedPathFor(planFile: string): string {
  return planFile.replace(/\.json$/i, '') + '.replanned.json'
}

/** Plans `snapshot` with `policy` the way `proxlb plan` would. */
export function planLive(snapshot: Snapshot, policy: NormalizedPolicy, policyHash: string): Plan {
  const fingerprint = snapshot.fingerprint ?? snapshotFingerprint(snapshot)
  return planRebalance(snapshot, policy, {
    createdAt: isoSeconds(now()),
    toolVersion: VERSION,
    snapshot: {fingerprint, takenAt: snapshot.takenAt, cluster: snapshot.cluster.name, ...(snapshot.source.endpoint ? {endpoint: snapshot.source.endpoint} : {})},
    policy: {document: policy, hash: policyHash},
  })
}

/** The replan hook for carryOut: a fresh plan from the live state, written next to the stale one; `shown` hears of it. */
export function replanner(planFile: string, loaded: LoadedPlan, shown: (plan: Plan, check: LiveCheck) => void) {
  return (live: Snapshot, check: LiveCheck) => {
    const fresh = planLive(live, loaded.policy, loaded.plan.policy.hash)
    const file = replannedPathFor(planFile)
    writeFileAtomic(file, prettyJson(fresh))
    shown(fresh, check)
    return {plan: planToRun(fresh, loaded.policy, file), journalPath: journalPathFor(file)}
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
