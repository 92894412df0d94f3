/**
 * `proxlb drain NODE` and `proxlb drain NODE --restore`, around carryOut: the terminal's
 * side of a drain. The decisions are src/apply/drain.ts's, the records (the drain's plan
 * and journal in the state folder, which say where every guest came from)
 * src/apply/drain-records.ts's.
 */
import {existsSync} from 'node:fs'
import {drainPolicy, drainRules, drainScope, guestsLeftBehind, restoreMoves, restorePolicy} from '../apply/drain.js'
import {archiveDrainRecord, type DrainRecord, drainRecordOf, restoreJournalOf, withDrainedInMaintenance} from '../apply/drain-records.js'
import {DrainBlockedError, RefusedError} from '../apply/errors.js'
import {readJournalFile} from '../apply/journal-file.js'
import {checkJournalPlan, isSettled, moveStandings, planIdentity} from '../apply/journal.js'
import {prettyJson, sha256Of} from '../model/canonical.js'
import {readPlan} from '../model/plan.js'
import type {LoadedPolicy} from '../model/policy.js'
import {ProxlbError} from '../model/problems.js'
import type {ProxmoxClient} from '../proxmox/client.js'
import {renderDrainDone, renderDrainRules, renderLeftBehind, renderRestore} from '../render/drain-text.js'
import {renderPlanText} from '../render/plan-text.js'
import {type CarryOutOptions, type CarryOutResult, carryOut, exitCodeOf, reportText} from './carry-out.js'
import {INPUT_LIMITS, readInputFile, writeFileAtomic} from './files.js'
import type {Loaded} from './inputs.js'
import {planLive, planToRun} from './plan-run.js'
import {liveSnapshotWith} from './live-client.js'
import {drainedNodes} from './drains.js'
import {stateDir} from './state.js'

export type SessionOptions = Omit<CarryOutOptions, 'command' | 'journalPath' | 'resume' | 'show' | 'live' | 'drainNode' | 'planFile' | 'replan'>

function recordOf(node: string): DrainRecord {
  return drainRecordOf(stateDir(), node)
}

/** Plans the evacuation of `node`, shows it, and carries it out; resolves to the exit code. */
export async function drainNode(client: ProxmoxClient, node: string, policy: Loaded<LoadedPolicy>, flags: {planOnly: boolean; force: boolean; resume: boolean; detailedExitcode?: boolean}, options: SessionOptions): Promise<number> {
  if (flags.resume) return resumeDrain(client, node, recordOf(node), options)
  const live = (await liveSnapshotWith(client, {cpuWindow: 'off'}, options.warn)).snapshot
  const names = live.nodes.map((n) => n.name)
  if (!names.includes(node)) throw new ProxlbError(`no node "${node}" in cluster ${live.cluster.name} (it has ${names.join(', ')})`)
  const others = drainedNodes(live.cluster.name, node)
  const drained = drainPolicy(withDrainedInMaintenance(policy.value.policy, others), node)
  const plan = planLive(live, drained, sha256Of(drained), drainScope(node))
  const left = guestsLeftBehind(live, drained, plan, node)
  const rules = drainRules(live, drained, plan, node)
  if (options.view !== 'json') {
    options.out(renderPlanText(plan, {snapshot: `live snapshot of ${client.endpoint}`, policy: `${policy.label} with ${node} in maintenance${others.size ? ` (and ${[...others.keys()].join(', ')}, being drained)` : ''}`}))
    options.out(renderLeftBehind(node, left) + renderDrainRules(node, rules))
  } else if (flags.planOnly) options.out(prettyJson(plan))
  // Like plan --detailed-exitcode: 0 nothing to move, 2 migrations planned.
  if (flags.planOnly) return flags.detailedExitcode && plan.moves.length > 0 ? 2 : 0
  const record = recordOf(node)
  if (left.stuck.length > 0 && !flags.force) {
    throw new DrainBlockedError(`${node} cannot be emptied: ${left.stuck.length} running guest${left.stuck.length === 1 ? '' : 's'} cannot leave it; nothing was moved`, [
      ...left.stuck.map((g) => `  ${g.name} (${g.vmid}): ${g.reason}`),
      'move or shut them down yourself, or pass --force to drain the others and leave these',
    ])
  }
  if (existsSync(record.journal) && !options.dryRun) {
    throw new RefusedError(`${node} has a drain record already (${record.journal}); nothing was moved`, [
      `bring its guests back first (proxlb drain ${node} --restore), continue an interrupted drain (--resume), or remove ${record.plan} and ${record.journal}`,
    ])
  }
  if (!options.dryRun) writeFileAtomic(record.plan, prettyJson(plan))
  const result = await carryOut(client, planToRun(plan, drained, `the drain of ${node}`), {
    ...options,
    command: 'drain',
    drainNode: node,
    journalPath: record.journal,
    resume: false,
    live,
    unavailable: others,
    show: () => {},
  })
  report(result, options)
  if (result.report && options.view !== 'json') options.out(renderDrainDone(node, exitCodeOf(result.report) === 0, left.stuck))
  return exitCodeOf(result.report)
}

async function resumeDrain(client: ProxmoxClient, node: string, record: DrainRecord, options: SessionOptions): Promise<number> {
  if (!existsSync(record.plan)) throw new ProxlbError(`nothing to resume: no drain of ${node} is recorded in ${stateDir()}`)
  const loaded = readPlan(readInputFile(record.plan, 'drain record', INPUT_LIMITS.json), record.plan)
  const result = await carryOut(client, planToRun(loaded.plan, loaded.policy, `the drain of ${node}`), {
    ...options,
    command: 'drain',
    drainNode: node,
    journalPath: record.journal,
    resume: true,
    show: () => {},
  })
  report(result, options)
  if (result.report && options.view !== 'json') options.out(renderDrainDone(node, exitCodeOf(result.report) === 0, []))
  return exitCodeOf(result.report)
}

/** Moves back what the recorded drain of `node` moved away; resolves to the exit code. */
export async function restoreNode(client: ProxmoxClient, node: string, policy: Loaded<LoadedPolicy> | undefined, options: SessionOptions): Promise<number> {
  const record = recordOf(node)
  if (!existsSync(record.plan)) {
    throw new ProxlbError(`nothing to restore: no drain of ${node} is recorded in ${stateDir()} (proxlb drain ${node} records where its guests came from)`)
  }
  const drain = readPlan(readInputFile(record.plan, 'drain record', INPUT_LIMITS.json), record.plan)
  const journal = readJournalFile(record.journal)
  const records = journal?.records ?? []
  checkJournalPlan(records, planIdentity(drain.plan), drain.plan.moves, record.journal, record.plan)
  const standings = moveStandings(records, drain.plan.moves.length)
  if (standings.some((s) => s.phase !== 'pending' && !isSettled(s))) {
    throw new RefusedError(`the drain of ${node} has migrations under way in its journal; nothing was moved`, [`continue it first: proxlb drain ${node} --resume`])
  }
  const live = (await liveSnapshotWith(client, {cpuWindow: 'off'}, options.warn)).snapshot
  const chosen = policy?.value.policy ?? restorePolicy(drain.policy, undefined, node)
  const restore = restoreMoves(live, chosen, drain.plan, standings, node)
  if (restore.blocked) throw new RefusedError(`cannot restore ${node}: ${restore.blocked}; nothing was moved`)
  if (options.view !== 'json') options.out(renderRestore(node, restore))
  const identity = {hash: sha256Of({restore: node, drain: planIdentity(drain.plan).hash, moves: restore.moves}), snapshot: live.fingerprint ?? sha256Of(live), policy: sha256Of(chosen)}
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
  const result = await carryOut(client, {moves: restore.moves, identity, policy: chosen, cluster: live.cluster.name, label: `the restore of ${node}`}, {
    ...options,
    command: 'restore',
    drainNode: node,
    journalPath: restoreJournalOf(record, stamp),
    resume: false,
    live,
    show: () => {},
  })
  report(result, options)
  const code = exitCodeOf(result.report)
  // Done with the record when every guest that can come back is back (or gone): the node may be drained again.
  const waiting = restore.staying.filter((g) => !/^it is on .* already$|^it no longer exists$/.test(g.reason))
  if (!options.dryRun && code === 0 && waiting.length === 0) {
    const archived = archiveDrainRecord(record, stamp)
    if (options.view !== 'json') options.out(`${node} has its guests back; the drain record is archived (${archived}).\n`)
  }
  return code
}

function report(result: CarryOutResult, options: SessionOptions): void {
  const text = reportText(result, options.view)
  if (text) options.out(text)
}
