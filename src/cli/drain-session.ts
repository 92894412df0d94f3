/**
 * `proxlb drain NODE` and `proxlb drain NODE --restore`, around carryOut: the terminal's
 * side of a drain. The decisions are src/apply/drain.ts's, the records (the drain's plan
 * and journal in the state folder, which say where every guest came from)
 * src/apply/drain-records.ts's.
 */
import {existsSync} from 'node:fs'
import {archiveDrainRecord, type DrainRecord, drainRecordOf, restoreJournalOf} from '../apply/drain-records.js'
import {drainRefusal, proposeDrain, proposeRestore, recordedDrain, restoreCompletes} from '../apply/drain-session.js'
import {prettyJson} from '../model/canonical.js'
import {readPlan} from '../model/plan.js'
import type {LoadedPolicy} from '../model/policy.js'
import {ProxlbError} from '../model/problems.js'
import type {ProxmoxClient} from '../proxmox/client.js'
import {renderDrainDone, renderDrainRules, renderLeftBehind, renderRestore} from '../render/drain-text.js'
import {renderPlanText} from '../render/plan-text.js'
import {type CarryOutOptions, type CarryOutResult, carryOut, exitCodeOf, reportText} from './carry-out.js'
import {isoSeconds, now} from './clock.js'
import {INPUT_LIMITS, readInputFile, writeFileAtomic} from './files.js'
import type {Loaded} from './inputs.js'
import {planToRun} from './plan-run.js'
import {liveSnapshotWith} from './live-client.js'
import {stateDir, stateDirPath} from './state.js'
import {VERSION} from './version.js'

export type SessionOptions = Omit<CarryOutOptions, 'command' | 'journalPath' | 'resume' | 'show' | 'live' | 'drainNode' | 'planFile' | 'replan'>

function recordOf(node: string): DrainRecord {
  return drainRecordOf(stateDir(), node)
}

/** Plans the evacuation of `node`, shows it, and carries it out; resolves to the exit code. */
export async function drainNode(client: ProxmoxClient, node: string, policy: Loaded<LoadedPolicy>, flags: {planOnly: boolean; force: boolean; resume: boolean; detailedExitcode?: boolean}, options: SessionOptions): Promise<number> {
  if (flags.resume) return resumeDrain(client, node, recordOf(node), options)
  const live = (await liveSnapshotWith(client, {cpuWindow: 'off'}, options.warn)).snapshot
  const proposal = proposeDrain(live, node, policy.value.policy, stateDirPath(), {createdAt: isoSeconds(now()), version: VERSION})
  const {plan, left, rules, others, record, policy: drained} = proposal
  if (options.view !== 'json') {
    options.out(renderPlanText(plan, {snapshot: `live snapshot of ${client.endpoint}`, policy: `${policy.label} with ${node} in maintenance${others.size ? ` (and ${[...others.keys()].join(', ')}, being drained)` : ''}`}))
    options.out(renderLeftBehind(node, left) + renderDrainRules(node, rules))
  } else if (flags.planOnly) options.out(prettyJson(plan))
  // Like plan --detailed-exitcode: 0 nothing to move, 2 migrations planned.
  if (flags.planOnly) return flags.detailedExitcode && plan.moves.length > 0 ? 2 : 0
  const refusal = drainRefusal(proposal, {force: flags.force, dryRun: options.dryRun}, {force: 'pass --force', restore: `proxlb drain ${node} --restore`, resume: '--resume'})
  if (refusal) throw refusal
  if (!options.dryRun) stateDir()
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
  if (result.report && options.view !== 'json') options.out(renderDrainDone(node, exitCodeOf(result.report) === 0, left))
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
  if (result.report && options.view !== 'json') options.out(renderDrainDone(node, exitCodeOf(result.report) === 0))
  return exitCodeOf(result.report)
}

/** Moves back what the recorded drain of `node` moved away; resolves to the exit code. */
export async function restoreNode(client: ProxmoxClient, node: string, policy: Loaded<LoadedPolicy> | undefined, options: SessionOptions): Promise<number> {
  const recorded = recordedDrain(node, stateDir(), (file) => readInputFile(file, 'drain record', INPUT_LIMITS.json), {resume: `proxlb drain ${node} --resume`})
  const {record} = recorded
  const live = (await liveSnapshotWith(client, {cpuWindow: 'off'}, options.warn)).snapshot
  const {restore, run} = proposeRestore(live, node, recorded, policy?.value.policy)
  if (options.view !== 'json') options.out(renderRestore(node, restore))
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
  const result = await carryOut(client, run, {
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
  if (!options.dryRun && code === 0 && restoreCompletes(restore)) {
    const archived = archiveDrainRecord(record, stamp)
    if (options.view !== 'json') options.out(`${node} has its guests back; the drain record is archived (${archived}).\n`)
  }
  return code
}

function report(result: CarryOutResult, options: SessionOptions): void {
  const text = reportText(result, options.view)
  if (text) options.out(text)
}
