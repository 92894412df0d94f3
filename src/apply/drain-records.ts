/**
 * Drain records in the state folder: a drain keeps its plan (drain-NODE.plan.json) and its
 * journal (drain-NODE.journal.jsonl), which say where every guest came from; the restore
 * reads them, journals its runs next to them (drain-NODE.restore-TIME.journal.jsonl) and,
 * once every guest that can come back is back, archives them (*.restored-TIME), so the
 * node can be drained again.
 *
 * While a record stands, its node is being drained: every command that plans treats it as
 * in maintenance (nothing is planned onto it), apply refuses moves to it. A record belongs
 * to the cluster its plan was made for; nodes of other clusters' records are not touched.
 */
import {existsSync, readdirSync, readFileSync, renameSync} from 'node:fs'
import {join} from 'node:path'
import type {JournalRecord} from './journal.js'
import {fileSafe} from './state-folder.js'

export interface DrainRecord {
  node: string
  plan: string
  journal: string
}

export function drainRecordOf(stateDir: string, node: string): DrainRecord {
  const base = join(stateDir, `drain-${fileSafe(node)}`)
  return {node, plan: `${base}.plan.json`, journal: `${base}.journal.jsonl`}
}

/** Where the runs of a restore that starts at `stamp` are journaled. */
export function restoreJournalOf(record: DrainRecord, stamp: string): string {
  return `${record.journal.replace(/\.journal\.jsonl$/, '')}.restore-${stamp}.journal.jsonl`
}

/**
 * Nodes of `cluster` with a drain on record (drained and not yet restored), each with why
 * no guest may go there, `except` one (the node a drain is about).
 */
export function drainedNodes(stateDir: string, cluster: string, except?: string): Map<string, string> {
  const drained = new Map<string, string>()
  if (!existsSync(stateDir)) return drained
  for (const file of readdirSync(stateDir).filter((f) => /^drain-.*\.journal\.jsonl$/.test(f) && !f.includes('.restore-')).sort()) {
    const first = firstRecord(join(stateDir, file))
    const node = first?.options?.drainNode
    if (!first || !node || node === except) continue
    // A record of another cluster's drain is that cluster's business; one whose plan cannot be read counts.
    const recorded = clusterOf(join(stateDir, file.replace(/\.journal\.jsonl$/, '.plan.json')))
    if (recorded !== undefined && recorded !== cluster) continue
    drained.set(node, `is being drained (since ${first.at.slice(0, 16).replace('T', ' ')} UTC): bring it back with proxlb drain ${node} --restore`)
  }
  return drained
}

/** The policy with the nodes being drained in maintenance: nothing is planned onto them. */
export function withDrainedInMaintenance<T extends {maintenance: {nodes: string[]}}>(policy: T, drained: ReadonlyMap<string, string>): T {
  const extra = [...drained.keys()].filter((n) => !policy.maintenance.nodes.includes(n))
  return extra.length ? {...policy, maintenance: {...policy.maintenance, nodes: [...policy.maintenance.nodes, ...extra]}} : policy
}

/** The one line a planning command says when drained nodes count as in maintenance. */
export function drainedNote(drained: ReadonlyMap<string, string>): string | undefined {
  if (drained.size === 0) return undefined
  const nodes = [...drained.keys()]
  return `${nodes.join(', ')} ${nodes.length === 1 ? 'is' : 'are'} being drained (proxlb drain ${nodes.length === 1 ? nodes[0] : 'NODE'} --restore brings ${nodes.length === 1 ? 'its' : 'their'} guests back): planned as in maintenance`
}

/** Renames the record's files to *.restored-`stamp`; returns the plan's new name. */
export function archiveDrainRecord(record: DrainRecord, stamp: string): string {
  for (const file of [record.plan, record.journal]) if (existsSync(file)) renameSync(file, `${file}.restored-${stamp}`)
  return `${record.plan}.restored-${stamp}`
}

/**
 * The first record of a journal, read without validating it (planning commands look at
 * records often and must start fast): what it says of the run, or undefined.
 */
function firstRecord(journal: string): Pick<JournalRecord, 'at' | 'options'> | undefined {
  try {
    const line = readFileSync(journal, 'utf8').split('\n', 1)[0]
    const record = JSON.parse(line) as Partial<JournalRecord>
    return typeof record.at === 'string' ? {at: record.at, ...(record.options ? {options: record.options} : {})} : undefined
  } catch {
    return undefined
  }
}

/** The cluster a recorded drain plan was made for (read without validating: only its name is needed). */
function clusterOf(planFile: string): string | undefined {
  try {
    const plan = JSON.parse(readFileSync(planFile, 'utf8')) as {snapshot?: {cluster?: unknown}}
    return typeof plan.snapshot?.cluster === 'string' ? plan.snapshot.cluster : undefined
  } catch {
    return undefined
  }
}
