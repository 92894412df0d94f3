/**
 * Plans as runs: a plan document turned into what runPlan executes, and plans made from a
 * live snapshot the way `proxlb plan` makes them (the caller gives the time and the tool
 * version: this module reads no clock). Pure.
 */
import type {Plan} from '../model/plan.js'
import type {NormalizedPolicy} from '../model/policy.js'
import {snapshotFingerprint, type Snapshot} from '../model/snapshot.js'
import {type CalmInput, planRebalance, type PlanScope} from '../planner/index.js'
import {planIdentity} from './journal.js'
import type {PlanToRun} from './run.js'

export function planToRun(plan: Plan, policy: NormalizedPolicy, label: string): PlanToRun {
  return {moves: plan.moves, identity: planIdentity(plan), policy, cluster: plan.snapshot.cluster, label}
}

/** Plans `snapshot` with `policy` (only the guests of `scope`'s nodes, when given). */
export function planSnapshot(snapshot: Snapshot, policy: NormalizedPolicy, policyHash: string, tool: {createdAt: string; version: string}, scope?: PlanScope, calm?: CalmInput): Plan {
  const fingerprint = snapshot.fingerprint ?? snapshotFingerprint(snapshot)
  return planRebalance(
    snapshot,
    policy,
    {
      createdAt: tool.createdAt,
      toolVersion: tool.version,
      snapshot: {fingerprint, takenAt: snapshot.takenAt, cluster: snapshot.cluster.name, ...(snapshot.source.endpoint ? {endpoint: snapshot.source.endpoint} : {})},
      policy: {document: policy, hash: policyHash},
    },
    scope,
    calm,
  )
}
