/**
 * Carrying out a plan on the live cluster: the sequence apply, drain and balance share.
 *
 *   lock the cluster → read the journal (a resume: reconcile what was under way) → take a
 *   fresh snapshot → check the plan against it (stale: refuse, or re-plan when asked) and
 *   refuse while someone else migrates → show it → dry run, or ask (or --yes) → journal,
 *   execute, report
 *
 * Effects live here (files, prompt, signals, the API); the decisions are in src/apply.
 * Nothing is written before the run is confirmed: a refused or declined run leaves no
 * journal behind.
 */
import {randomBytes} from 'node:crypto'
import {hostname} from 'node:os'
import {EXIT_INCOMPLETE, NotConfirmedError, RefusedError, StalePlanError, ClusterBusyError} from '../apply/errors.js'
import type {ApplyEvent} from '../apply/events.js'
import {type ExecutionReport, executeMoves, plannedCalls, reconcile, RunControl} from '../apply/executor.js'
import {JournalFile, readJournalFile} from '../apply/journal-file.js'
import {checkJournalPlan, isSettled, moveStandings, type MoveStanding, type PlanIdentity, type RunOptions} from '../apply/journal.js'
import {acquireClusterLock} from '../apply/lock.js'
import {checkRunPrivileges} from '../apply/privileges.js'
import {checkAgainstLive, type LiveCheck} from '../apply/staleness.js'
import type {Move} from '../model/plan.js'
import type {NormalizedPolicy} from '../model/policy.js'
import {ProxlbError} from '../model/problems.js'
import type {Snapshot} from '../model/snapshot.js'
import type {ProxmoxClient} from '../proxmox/client.js'
import {Migrator} from '../proxmox/migrator.js'
import {dryRunJson, renderDryRun, renderReport} from '../render/apply-events.js'
import {type RunView, runView, type ViewMode} from './apply-view.js'
import {canPrompt, confirm} from './confirm.js'
import {liveSnapshotWith} from './live-client.js'
import {lockPath, stateDir} from './state.js'
import {VERSION} from './version.js'

/** A plan as the executor needs it, whatever made it (a plan file, a drain, a restore, the service). */
export interface PlanToRun {
  moves: Move[]
  identity: PlanIdentity
  policy: NormalizedPolicy
  cluster: string
  /** For messages: `plan.json`, `the drain of pve3`. */
  label: string
}

export interface CarryOutOptions {
  command: RunOptions['command']
  planFile?: string
  drainNode?: string
  journalPath: string
  resume: boolean
  /** Default: the policy's limits. */
  parallel?: number
  perNode?: number
  onFailure: 'continue' | 'stop'
  migrationTimeoutSeconds: number
  yes: boolean
  dryRun: boolean
  view: ViewMode
  /** Where events go instead of the view `view` names (the balance service logs them). */
  viewer?: RunView
  /** Nodes no move may go to, with why (nodes being drained). */
  unavailable?: ReadonlyMap<string, string>
  /** The cluster as just read (drain, balance): used as the fresh state unless resuming. */
  live?: Snapshot
  /** When the plan is stale: a plan made from the live state to run instead (with its journal), or undefined to refuse. */
  replan?: (live: Snapshot, check: LiveCheck) => {plan: PlanToRun; journalPath: string} | undefined
  /** Shows the plan that will run (after the checks, before the question). */
  show(plan: PlanToRun, check: LiveCheck, settled: ReadonlySet<number>): void
  /** Stop requests from outside (the balance service handles its own signals); default: SIGINT/SIGTERM. */
  control?: RunControl
  /** Lines for the user outside the event stream (stderr). */
  say(line: string): void
  warn(line: string): void
  /** Printed output (stdout). */
  out(text: string): void
}

/** The report for people, after the run (not with --json: the events said it all). */
export function reportText(result: CarryOutResult, view: ViewMode): string | undefined {
  return result.report && view !== 'json' ? renderReport(result.report, result.plan.moves) : undefined
}

export interface CarryOutResult {
  plan: PlanToRun
  journalPath: string
  /** Absent for a dry run. */
  report?: ExecutionReport
}

/** Exit code of a finished run: 0 every move done, 3 not all. */
export function exitCodeOf(report: ExecutionReport | undefined): number {
  return !report || report.outcomes.every((o) => o.status === 'done') ? 0 : EXIT_INCOMPLETE
}

export async function carryOut(client: ProxmoxClient, initial: PlanToRun, options: CarryOutOptions): Promise<CarryOutResult> {
  let plan = initial
  let journalPath = options.journalPath
  await checkRunPrivileges(client, initial, options)
  const lock = options.dryRun ? undefined : acquireClusterLock(lockPath(stateDir(), plan.cluster), {command: `proxlb ${options.command}`, cluster: plan.cluster}, options.warn)
  // Interrupted before anything moves (reading the cluster, asking): leave no lock behind.
  const beforeRun = (signal: NodeJS.Signals) => {
    lock?.release()
    process.stderr.write(`\n${signal}: stopped before anything moved\n`)
    process.exit(signal === 'SIGINT' ? 130 : 143)
  }
  const guard = !options.control
  if (guard) {
    process.once('SIGINT', beforeRun)
    process.once('SIGTERM', beforeRun)
  }
  const unguard = () => {
    process.off('SIGINT', beforeRun)
    process.off('SIGTERM', beforeRun)
  }
  try {
    const existing = readJournalFile(journalPath)
    const migrator = new Migrator(client, {timeoutMs: options.migrationTimeoutSeconds * 1000})
    const runId = `${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`
    let journal: JournalFile | undefined
    let standings: MoveStanding[] = plan.moves.map(() => ({phase: 'pending'}))
    let inFlight = new Map<number, string>()

    if (options.resume) {
      if (!existing) throw new ProxlbError(`nothing to resume: no journal at ${journalPath} (give the journal of the interrupted run with --journal)`)
      checkJournalPlan(existing.records, plan.identity, plan.moves, journalPath, plan.label)
      existing.warnings.forEach(options.warn)
      if (!options.dryRun) {
        journal = new JournalFile(journalPath, plan.identity, runId, existing)
        const reconciled = await reconcile(plan.moves, moveStandings(existing.records, plan.moves.length), migrator, journal, options.say)
        standings = reconciled.standings
        inFlight = reconciled.inFlight
      } else {
        standings = moveStandings(existing.records, plan.moves.length)
      }
    } else if (existing && !options.dryRun) {
      throw new RefusedError(`${journalPath} already holds a run of ${existing.records[0]?.plan.hash === plan.identity.hash ? 'this plan' : 'another plan'}; nothing was moved`, [
        'continue that run with --resume, or move the journal away (or give another with --journal) to start over',
      ])
    }

    const live = !options.resume && options.live ? options.live : (await liveSnapshotWith(client, {cpuWindow: 'off'}, options.warn)).snapshot
    const settledOrRunning = (s: readonly MoveStanding[]) => new Set(s.flatMap((st, i) => (isSettled(st) || inFlight.has(i) ? [i] : [])))
    const unavailable = options.unavailable ?? new Map<string, string>()
    let check = checkAgainstLive(live, plan.moves, plan.policy, {skip: settledOrRunning(standings), inFlight: new Set(inFlight.keys()), unavailable})
    if (!check.quorate) throw new RefusedError(`cluster ${plan.cluster} has no quorum: Proxmox refuses every migration until it is quorate again; nothing was moved`)
    if (check.foreignMigrations.length > 0) {
      throw new ClusterBusyError(`a migration is already running in cluster ${plan.cluster} (another proxlb, the GUI or the HA manager); nothing was moved`, [
        ...check.foreignMigrations.map((g) => `  ${g.name} (${g.vmid}) on ${g.node} is locked (migrate)`),
        'wait until it has finished, then try again',
      ])
    }
    if (check.changes.length > 0) {
      const replanned = options.replan?.(live, check)
      if (!replanned) throw staleError(plan, check)
      plan = replanned.plan
      await checkRunPrivileges(client, plan, options)
      journalPath = replanned.journalPath
      standings = plan.moves.map(() => ({phase: 'pending'}))
      check = checkAgainstLive(live, plan.moves, plan.policy, {unavailable})
      if (check.changes.length > 0) throw staleError(plan, check)
    }
    const skip = settledOrRunning(standings)
    options.show(plan, check, skip)
    const alreadyThere = new Set(check.alreadyThere)
    const toRun = plan.moves.filter((_, i) => !skip.has(i) && !alreadyThere.has(i)).length
    if (options.dryRun) {
      const calls = plannedCalls(plan.moves, plan.policy.migration.restartTimeout, new Set([...skip, ...alreadyThere]))
      options.out(options.view === 'json' ? dryRunJson(calls, plan.moves) : renderDryRun(calls, plan.moves, client.endpoint))
      return {plan, journalPath}
    }
    if (toRun === 0 && inFlight.size === 0 && alreadyThere.size === 0 && !options.resume) return {plan, journalPath, report: {status: 'completed', outcomes: plan.moves.map(() => ({status: 'done', earlier: true, recovered: false})), bytesMoved: 0, durationMs: 0}}
    if (!options.yes && toRun > 0) await askToGo(plan, toRun)

    unguard()
    journal ??= new JournalFile(journalPath, plan.identity, runId, undefined)
    const parallel = options.parallel ?? plan.policy.limits.parallel
    const perNode = Math.min(options.perNode ?? plan.policy.limits.perNode, parallel)
    const view = options.viewer ?? runView(options.view, plan.label, plan.moves.length)
    const control = options.control ?? new RunControl()
    const removeSignals = options.control ? () => {} : stopOnSignals(control, view.emit.bind(view))
    try {
      const report = await executeMoves(
        {
          moves: plan.moves,
          standings,
          inFlight,
          alreadyThere,
          memory: check.memory,
          moveMemory: check.moveMemory,
          limits: {parallel, perNode},
          onFailure: options.onFailure,
          restartTimeoutSeconds: plan.policy.migration.restartTimeout,
          runOptions: {
            command: options.command,
            ...(options.planFile ? {planFile: options.planFile} : {}),
            ...(options.drainNode ? {drainNode: options.drainNode} : {}),
            moves: plan.moves.length,
            parallel,
            perNode,
            onFailure: options.onFailure,
            migrationTimeoutSeconds: options.migrationTimeoutSeconds,
            resume: options.resume,
            host: hostname(),
            pid: process.pid,
            tool: `proxlb ${VERSION}`,
          },
        },
        {migrator, journal, emit: (event: ApplyEvent) => view.emit(event), now: Date.now, control},
      )
      return {plan, journalPath, report}
    } finally {
      view.close()
      removeSignals()
      journal.close()
    }
  } finally {
    unguard()
    lock?.release()
  }
}

function staleError(plan: PlanToRun, check: LiveCheck): StalePlanError {
  const count = check.changes.length
  return new StalePlanError(`${plan.label} is stale: ${count === 1 ? 'one move no longer matches' : `${count} moves no longer match`} the live cluster; nothing was moved:`, [
    ...check.changes.map((c) => `  ${c.message}`),
    'make a new plan from the live cluster (proxlb plan --out FILE), or let apply plan again with the plan\'s policy: --replan',
  ])
}

async function askToGo(plan: PlanToRun, toRun: number): Promise<void> {
  if (!canPrompt()) throw new NotConfirmedError(`not confirmed: ${toRun} migration${toRun === 1 ? '' : 's'} would start, and there is no terminal to ask on; pass --yes to go ahead; nothing was moved`)
  const yes = await confirm(`Migrate ${toRun} guest${toRun === 1 ? '' : 's'} in cluster ${plan.cluster} now? [y/N] `)
  if (!yes) throw new NotConfirmedError('not confirmed; nothing was moved')
}

/**
 * First SIGINT/SIGTERM: no new migration starts, running ones are followed to their end.
 * Second: stop waiting (they go on in Proxmox; the journal keeps them for --resume).
 */
function stopOnSignals(control: RunControl, emit: (event: ApplyEvent) => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    const at = new Date().toISOString()
    if (!control.stopping) {
      control.stop(`interrupted by ${signal}`)
      emit({type: 'note', at, message: `${signal}: no new migration starts; waiting for the running ones to finish (${signal} again to stop waiting: they go on, and --resume picks them up)`})
    } else if (!control.abandoned) {
      control.abandon(`interrupted by ${signal}`)
      emit({type: 'note', at, message: `${signal} again: no longer waiting; the running migrations go on in Proxmox and stay in the journal for --resume`})
    }
  }
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
  return () => {
    process.off('SIGINT', handler)
    process.off('SIGTERM', handler)
  }
}
