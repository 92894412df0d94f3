/**
 * `proxlb drain NODE` and `proxlb drain NODE --restore`, around carryOut.
 *
 * A drain keeps a record in the state folder: its plan (drain-NODE.plan.json) and its
 * journal (drain-NODE.journal.jsonl), which say where every guest came from. `--restore`
 * reads them and moves back the guests the drain moved, where that is still valid; its
 * runs journal next to the record (drain-NODE.restore-TIME.journal.jsonl). When every
 * guest that can come back is back, the record is archived (renamed *.restored-TIME), so
 * the node can be drained again.
 */
import {existsSync, readdirSync, renameSync} from 'node:fs'
import {join} from 'node:path'
import {drainPolicy, guestsLeftBehind, restoreMoves, restorePolicy} from '../apply/drain.js'
import {DrainBlockedError, RefusedError} from '../apply/errors.js'
import {readJournalFile} from '../apply/journal-file.js'
import {checkJournalPlan, isSettled, moveStandings, planIdentity} from '../apply/journal.js'
import {prettyJson, sha256Of} from '../model/canonical.js'
import {readPlan} from '../model/plan.js'
import type {LoadedPolicy} from '../model/policy.js'
import {ProxlbError} from '../model/problems.js'
import type {ProxmoxClient} from '../proxmox/client.js'
import {renderDrainDone, renderLeftBehind, renderRestore} from '../render/drain-text.js'
import {renderPlanText} from '../render/plan-text.js'
import {type CarryOutOptions, type CarryOutResult, carryOut, exitCodeOf, reportText} from './carry-out.js'
import {INPUT_LIMITS, readInputFile, writeFileAtomic} from './files.js'
import type {Loaded} from './inputs.js'
import {planLive, planToRun} from './plan-run.js'
import {liveSnapshotWith} from './live-client.js'
import {fileSafe, stateDir, stateDirPath} from './state.js'

export type SessionOptions = Omit<CarryOutOptions, 'command' | 'journalPath' | 'resume' | 'show' | 'live' | 'drainNode' | 'planFile' | 'replan'>

interface DrainRecord {
  plan: string
  journal: string
}

/**
 * Nodes with a drain on record (drained and not yet restored), with why no guest may go
 * there: apply refuses such moves, balance and other drains treat them as in maintenance.
 */
export function drainedNodes(except?: string): Map<string, string> {
  const dir = stateDirPath()
  const drained = new Map<string, string>()
  if (!existsSync(dir)) return drained
  for (const file of readdirSync(dir).filter((f) => /^drain-.*\.journal\.jsonl$/.test(f) && !f.includes('.restore-'))) {
    const first = readJournalFile(join(dir, file))?.records[0]
    const node = first?.options?.drainNode
    if (node && node !== except) drained.set(node, `is being drained (since ${first.at.slice(0, 16).replace('T', ' ')} UTC): bring it back with proxlb drain ${node} --restore`)
  }
  return drained
}

/** The policy with the nodes being drained in maintenance: nothing is planned onto them. */
export function withDrainedInMaintenance<T extends {maintenance: {nodes: string[]}}>(policy: T, drained: ReadonlyMap<string, string>): T {
  const extra = [...drained.keys()].filter((n) => !policy.maintenance.nodes.includes(n))
  return extra.length ? {...policy, maintenance: {...policy.maintenance, nodes: [...policy.maintenance.nodes, ...extra]}} : policy
}

function recordOf(node: string): DrainRecord {
  const base = join(stateDir(), `drain-${fileSafe(node)}`)
  return {plan: `${base}.plan.json`, journal: `${base}.journal.jsonl`}
}

/** Plans the evacuation of `node`, shows it, and carries it out; resolves to the exit code. */
export async function drainNode(client: ProxmoxClient, node: string, policy: Loaded<LoadedPolicy>, flags: {planOnly: boolean; force: boolean; resume: boolean}, options: SessionOptions): Promise<number> {
  if (flags.resume) return resumeDrain(client, node, recordOf(node), options)
  const live = (await liveSnapshotWith(client, {cpuWindow: 'off'}, options.warn)).snapshot
  const names = live.nodes.map((n) => n.name)
  if (!names.includes(node)) throw new ProxlbError(`no node "${node}" in cluster ${live.cluster.name} (it has ${names.join(', ')})`)
  const others = drainedNodes(node)
  const drained = drainPolicy(withDrainedInMaintenance(policy.value.policy, others), node)
  const plan = planLive(live, drained, sha256Of(drained))
  const left = guestsLeftBehind(live, drained, plan, node)
  if (options.view !== 'json') {
    options.out(renderPlanText(plan, {snapshot: `live snapshot of ${client.endpoint}`, policy: `${policy.label} with ${node} in maintenance`}))
    options.out(renderLeftBehind(node, left))
  }
  if (flags.planOnly) return 0
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
    journalPath: `${record.journal.replace(/\.journal\.jsonl$/, '')}.restore-${stamp}.journal.jsonl`,
    resume: false,
    live,
    show: () => {},
  })
  report(result, options)
  const code = exitCodeOf(result.report)
  // Done with the record when every guest that can come back is back (or gone): the node may be drained again.
  const waiting = restore.staying.filter((g) => !/^it is on .* already$|^it no longer exists$/.test(g.reason))
  if (!options.dryRun && code === 0 && waiting.length === 0) {
    for (const file of [record.plan, record.journal]) if (existsSync(file)) renameSync(file, `${file}.restored-${stamp}`)
    if (options.view !== 'json') options.out(`${node} has its guests back; the drain record is archived (${record.plan}.restored-${stamp}).\n`)
  }
  return code
}

function report(result: CarryOutResult, options: SessionOptions): void {
  const text = reportText(result, options.view)
  if (text) options.out(text)
}
