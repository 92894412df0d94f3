/**
 * The decisions of a drain and of its restore, shared by `proxlb drain` and the web page:
 * the evacuation plan of a node under the policy (the other nodes being drained kept in
 * maintenance), the guests that cannot leave, the refusals before anything moves, and the
 * plan that brings the guests back. No terminal, no HTTP: the caller reads the cluster,
 * shows what is proposed, and carries the plan out with runPlan.
 */
import {existsSync} from 'node:fs'
import {sha256Of} from '../model/canonical.js'
import {type LoadedPlan, type Plan, readPlan} from '../model/plan.js'
import type {NormalizedPolicy} from '../model/policy.js'
import {ProxlbError} from '../model/problems.js'
import type {Snapshot} from '../model/snapshot.js'
import {type DrainCheck, drainPolicy, type DrainRules, drainRules, drainScope, guestsLeftBehind, type RestorePlan, restoreMoves, restorePolicy} from './drain.js'
import {type DrainRecord, drainedNodes, drainRecordOf, withDrainedInMaintenance} from './drain-records.js'
import {DrainBlockedError, RefusedError} from './errors.js'
import {readJournalFile} from './journal-file.js'
import {checkJournalPlan, isSettled, type MoveStanding, moveStandings, planIdentity} from './journal.js'
import {planSnapshot} from './plans.js'
import type {PlanToRun} from './run.js'

export interface DrainProposal {
  node: string
  plan: Plan
  /** The policy with the node (and the others being drained) in maintenance. */
  policy: NormalizedPolicy
  /** Other nodes being drained, with why no guest may go there. */
  others: Map<string, string>
  left: DrainCheck
  rules: DrainRules
  record: DrainRecord
}

/** The evacuation of `node` from the live cluster: what would move, what would stay and why. */
export function proposeDrain(live: Snapshot, node: string, policy: NormalizedPolicy, stateDir: string, tool: {createdAt: string; version: string}): DrainProposal {
  const names = live.nodes.map((n) => n.name)
  if (!names.includes(node)) throw new ProxlbError(`no node "${node}" in cluster ${live.cluster.name} (it has ${names.join(', ')})`)
  const others = drainedNodes(stateDir, live.cluster.name, node)
  const drained = drainPolicy(withDrainedInMaintenance(policy, others), node)
  const plan = planSnapshot(live, drained, sha256Of(drained), tool, drainScope(node))
  return {node, plan, policy: drained, others, left: guestsLeftBehind(live, drained, plan, node), rules: drainRules(live, drained, plan, node), record: drainRecordOf(stateDir, node)}
}

/**
 * Why the drain may not start (guests that cannot leave, unless forced; a drain on record
 * already), or undefined when it may.
 */
export function drainRefusal(proposal: DrainProposal, {force, dryRun}: {force: boolean; dryRun: boolean}, how: {force: string; restore: string; resume: string}): RefusedError | undefined {
  const {node, left, record} = proposal
  if (left.stuck.length > 0 && !force) {
    return new DrainBlockedError(`${node} cannot be emptied: ${left.stuck.length} running guest${left.stuck.length === 1 ? '' : 's'} cannot leave it; nothing was moved`, [
      ...left.stuck.map((g) => `  ${g.name} (${g.vmid}): ${g.reason}`),
      `move or shut them down yourself, or ${how.force} to drain the others and leave these`,
    ])
  }
  // A dry run shows the requests of a drain even when a record stands.
  if (existsSync(record.journal) && !dryRun) {
    return new RefusedError(`${node} has a drain record already (${record.journal}); nothing was moved`, [
      `bring its guests back first (${how.restore}), continue an interrupted drain (${how.resume}), or remove ${record.plan} and ${record.journal}`,
    ])
  }
  return undefined
}

/** The recorded drain of `node`, checked to be restorable: its plan and how far its journal got. */
export function recordedDrain(node: string, stateDir: string, read: (file: string) => Uint8Array, how: {resume: string}): {record: DrainRecord; drain: LoadedPlan; standings: MoveStanding[]} {
  const record = drainRecordOf(stateDir, node)
  if (!existsSync(record.plan)) {
    throw new ProxlbError(`nothing to restore: no drain of ${node} is recorded in ${stateDir} (a drain of ${node} records where its guests came from)`)
  }
  const drain = readPlan(read(record.plan), record.plan)
  const records = readJournalFile(record.journal)?.records ?? []
  checkJournalPlan(records, planIdentity(drain.plan), drain.plan.moves, record.journal, record.plan)
  const standings = moveStandings(records, drain.plan.moves.length)
  if (standings.some((s) => s.phase !== 'pending' && !isSettled(s))) {
    throw new RefusedError(`the drain of ${node} has migrations under way in its journal; nothing was moved`, [`continue it first: ${how.resume}`])
  }
  return {record, drain, standings}
}

export interface RestoreProposal {
  restore: RestorePlan
  run: PlanToRun
}

/** What a restore of `node` would move back now (with `policy`, else the drain's own without the node in maintenance). */
export function proposeRestore(live: Snapshot, node: string, recorded: {drain: LoadedPlan; standings: MoveStanding[]}, policy?: NormalizedPolicy): RestoreProposal {
  const chosen = policy ?? restorePolicy(recorded.drain.policy, undefined, node)
  const restore = restoreMoves(live, chosen, recorded.drain.plan, recorded.standings, node)
  if (restore.blocked) throw new RefusedError(`cannot restore ${node}: ${restore.blocked}; nothing was moved`)
  const identity = {hash: sha256Of({restore: node, drain: planIdentity(recorded.drain.plan).hash, moves: restore.moves}), snapshot: live.fingerprint ?? sha256Of(live), policy: sha256Of(chosen)}
  return {restore, run: {moves: restore.moves, identity, policy: chosen, cluster: live.cluster.name, label: `the restore of ${node}`}}
}

/** Whether, once its moves are done, a restore leaves nothing to wait for: every guest that can come back is back (or gone). */
export function restoreCompletes(restore: RestorePlan): boolean {
  return restore.staying.every((g) => /^it is on .* already$|^it no longer exists$/.test(g.reason))
}
