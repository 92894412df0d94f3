/**
 * Carrying out a plan on the live cluster: the sequence `apply`, `drain`, `balance` and the
 * web page share.
 *
 *   lock the cluster → read the journal (a resume: reconcile what was under way) → take a
 *   fresh snapshot → check the plan against it: made for this cluster, not stale (else
 *   refuse, or re-plan when asked), nobody else migrating → show it → dry run, or confirm
 *   → journal, execute (the lock kept alive, each request checked first), report → unlock
 *
 * What belongs to a terminal or a web page is injected (RunEffects): how the plan is
 * shown and confirmed, where the events go, the stop control, how the cluster is read.
 * The journal, the lock, the checks, the executor and the report are the same for every
 * caller. Nothing is written before the run is confirmed: a refused or declined run
 * leaves no journal behind.
 *
 * Inputs (RunSpec): the plan (PlanToRun), its journal file, resume or not, limits,
 * on-failure, timeouts, dry run, nodes no move may go to. Effects (RunEffects): the
 * client, readLive, events (the event stream's sink, opened once the plan is final),
 * show, confirm, replan, say/warn, control (stop: nothing new starts; abandon: stop
 * waiting), lock identity. Result (RunResult): the plan that ran, its journal, the
 * report (or the calls of a dry run). Refusals are typed errors (./errors.ts).
 */
import {randomBytes} from 'node:crypto'
import type {Move} from '../model/plan.js'
import type {NormalizedPolicy} from '../model/policy.js'
import {ProxlbError} from '../model/problems.js'
import type {Snapshot} from '../model/snapshot.js'
import type {ProxmoxClient} from '../proxmox/client.js'
import {type ApiCall, Migrator} from '../proxmox/migrator.js'
import {acquireClusterLock, type HeldLock, type LockSelf} from './cluster-lock.js'
import {checkRunPrivileges} from './privileges.js'
import {ClusterBusyError, EXIT_INCOMPLETE, ForeignPlanError, NotConfirmedError, RefusedError, StalePlanError, StoppedBeforeStartError} from './errors.js'
import type {ApplyEvent, EventSink} from './events.js'
import {type ExecutionReport, executeMoves, plannedCalls, reconcile, type RunControl} from './executor.js'
import {JournalFile, readJournalFile} from './journal-file.js'
import {checkJournalPlan, isSettled, moveStandings, type MoveStanding, type PlanIdentity, type RunOptions} from './journal.js'
import {checkAgainstLive, foreignPlan, type LiveCheck} from './staleness.js'

/** A plan as the executor needs it, whatever made it (a plan file, a drain, a restore, the service, the web page). */
export interface PlanToRun {
  moves: Move[]
  identity: PlanIdentity
  policy: NormalizedPolicy
  /** The cluster the plan was made for: refused on any other. */
  cluster: string
  /** For messages: `plan.json`, `the drain of pve3`. */
  label: string
}

export interface RunSpec {
  command: RunOptions['command']
  plan: PlanToRun
  journalPath: string
  resume: boolean
  /** Recorded in the journal. */
  planFile?: string
  drainNode?: string
  /** Default: the policy's limits. */
  parallel?: number
  perNode?: number
  onFailure: 'continue' | 'stop'
  migrationTimeoutSeconds: number
  /** Check and show the requests; send none, write nothing, take no lock. */
  dryRun: boolean
  /** Nodes no move may go to, with why (nodes being drained). */
  unavailable?: ReadonlyMap<string, string>
  /** The cluster as just read (drain, balance): used as the fresh state unless resuming. */
  live?: Snapshot
  /** How long the cluster lock lives without a heartbeat (default 2 min). */
  lockTtlMs?: number
}

export interface RunEffects {
  client: ProxmoxClient
  /** A fresh snapshot of the cluster. */
  readLive(): Promise<Snapshot>
  /** The sink of the run's events, opened once the plan to run is final; closed at the end. */
  events(plan: PlanToRun): EventSink
  /** Shows the plan that will run (after the checks, before the question). */
  show(plan: PlanToRun, check: LiveCheck, settled: ReadonlySet<number>): void
  /** Whether to go on with `toRun` migrations; false refuses (not confirmed). May throw its own refusal. */
  confirm(plan: PlanToRun, toRun: number): Promise<boolean>
  /** When the plan is stale: a plan made from the live state to run instead (with its journal), or undefined to refuse. */
  replan?(live: Snapshot, check: LiveCheck): {plan: PlanToRun; journalPath: string} | undefined
  /** Lines outside the event stream: what a resume found, a lock taken over. */
  say(line: string): void
  warn(line: string): void
  /** Stop requests: before the start they refuse the run (StoppedBeforeStartError), after it nothing new starts. */
  control: RunControl
  /** This machine and process, as the cluster lock records them. */
  self: LockSelf
  /** `proxlb 0.2.0`, for the journal. */
  tool: string
  /** Milliseconds since the epoch (default Date.now). */
  now?(): number
}

export interface RunResult {
  plan: PlanToRun
  journalPath: string
  /** Absent for a dry run. */
  report?: ExecutionReport
  /** A dry run: the requests it would send, in plan order. */
  calls?: {index: number; call: ApiCall}[]
}

export async function runPlan(spec: RunSpec, effects: RunEffects): Promise<RunResult> {
  const {client, control} = effects
  const now = effects.now ?? Date.now
  let plan = spec.plan
  let journalPath = spec.journalPath
  const runId = `${new Date(now()).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`
  const stopped = stopSignal(control)
  // A wait a stop request cuts short (reading the cluster, the question); what it leaves running may fail unheard.
  const step = <T>(work: Promise<T>): Promise<T> => {
    work.catch(() => {})
    return Promise.race([work, stopped.promise])
  }
  const checkpoint = async () => {
    if (control.stopping) await stopped.promise
  }
  let lock: HeldLock | undefined
  try {
    await checkpoint()
    // Before the lock: a run that may not migrate or lock is refused in one line, and a dry run says so.
    await step(checkRunPrivileges(client, plan, {dryRun: spec.dryRun, warn: effects.warn}))
    // A journal that cannot be resumed (or must not be overwritten) is refused before anything on the cluster changes, the lock included.
    runJournal(spec, plan, journalPath)
    // Taken to the end even when a stop comes meanwhile, so that it is given back.
    lock = spec.dryRun ? undefined : await acquireClusterLock(client, {run: runId, command: `proxlb ${spec.command} ${plan.label}`}, effects.self, {warn: effects.warn, now, ...(spec.lockTtlMs ? {ttlMs: spec.lockTtlMs} : {})})
    let noteLost: ((message: string) => void) | undefined
    lock?.keepAlive((reason) => {
      if (!control.stopping) noteLost?.(`${reason}; no new migration starts`)
      control.stop(reason)
    })
    // Read again under the lock: another run may have written it meanwhile.
    const existing = runJournal(spec, plan, journalPath)
    const migrator = new Migrator(client, {timeoutMs: spec.migrationTimeoutSeconds * 1000})
    let journal: JournalFile | undefined
    let standings: MoveStanding[] = plan.moves.map(() => ({phase: 'pending'}))
    let inFlight = new Map<number, string>()

    if (spec.resume && existing) {
      existing.warnings.forEach(effects.warn)
      if (!spec.dryRun) {
        journal = new JournalFile(journalPath, plan.identity, runId, existing)
        await checkpoint()
        const reconciled = await reconcile(plan.moves, moveStandings(existing.records, plan.moves.length), migrator, journal, effects.say)
        standings = reconciled.standings
        inFlight = reconciled.inFlight
      } else {
        standings = moveStandings(existing.records, plan.moves.length)
      }
    }

    const live = !spec.resume && spec.live ? spec.live : await step(effects.readLive())
    const foreign = foreignPlan(live, plan)
    if (foreign) throw new ForeignPlanError(foreign)
    const unavailable = spec.unavailable ?? new Map<string, string>()
    // A resume tries again what failed or was skipped before, where that is possible now.
    const retry = new Set(spec.resume ? standings.flatMap((s, i) => (s.phase === 'failed' || s.phase === 'skipped' ? [i] : [])) : [])
    const settledOrRunning = (s: readonly MoveStanding[]) => new Set(s.flatMap((st, i) => ((isSettled(st) && !retry.has(i)) || inFlight.has(i) ? [i] : [])))
    let check = checkAgainstLive(live, plan.moves, plan.policy, {skip: settledOrRunning(standings), inFlight: new Set(inFlight.keys()), unavailable})
    if (retry.size > 0) {
      const stays = new Map(check.changes.filter((c) => retry.has(c.index)).map((c) => [c.index, c.message]))
      check = {...check, changes: check.changes.filter((c) => !retry.has(c.index))}
      for (const index of retry) {
        const move = plan.moves[index]
        const before = standings[index] as Extract<MoveStanding, {phase: 'failed' | 'skipped'}>
        const label = `${move.name} (${move.vmid}) ${move.from} → ${move.to}`
        if (stays.has(index)) {
          retry.delete(index)
          effects.say(`${label}: ${before.phase} in an earlier run, and not tried again: ${stays.get(index)!.replace(/^.*?\(\d+\): /, '')}`)
        } else if (!check.alreadyThere.includes(index)) {
          effects.say(`${label}: ${before.phase} in an earlier run (${before.reason}); tried again`)
          standings[index] = {phase: 'pending'}
        }
      }
    }
    if (!check.quorate) throw new RefusedError(`cluster ${plan.cluster} has no quorum: Proxmox refuses every migration until it is quorate again; nothing was moved`)
    if (check.foreignMigrations.length > 0) {
      throw new ClusterBusyError(`a migration is already running in cluster ${plan.cluster} (another proxlb, the GUI or the HA manager); nothing was moved`, [
        ...check.foreignMigrations.map((g) => `  ${g.name} (${g.vmid}) on ${g.node} is locked (migrate)`),
        'wait until it has finished, then try again',
      ])
    }
    if (check.changes.length > 0) {
      const replanned = effects.replan?.(live, check)
      if (!replanned) throw staleError(plan, check)
      plan = replanned.plan
      await step(checkRunPrivileges(client, plan, {dryRun: spec.dryRun, warn: effects.warn}))
      journalPath = replanned.journalPath
      standings = plan.moves.map(() => ({phase: 'pending'}))
      check = checkAgainstLive(live, plan.moves, plan.policy, {unavailable})
      if (check.changes.length > 0) throw staleError(plan, check)
    }
    const skip = settledOrRunning(standings)
    for (const index of retry) if (standings[index].phase !== 'pending') skip.add(index)
    effects.show(plan, check, skip)
    const alreadyThere = new Set(check.alreadyThere)
    const toRun = plan.moves.filter((_, i) => !skip.has(i) && !alreadyThere.has(i)).length
    if (spec.dryRun) return {plan, journalPath, calls: plannedCalls(plan.moves, plan.policy.migration.restartTimeout, new Set([...skip, ...alreadyThere]))}
    if (toRun === 0 && inFlight.size === 0 && alreadyThere.size === 0 && !spec.resume) {
      return {plan, journalPath, report: {status: 'completed', outcomes: plan.moves.map(() => ({status: 'done', earlier: true, recovered: false})), bytesMoved: 0, durationMs: 0}}
    }
    if (toRun > 0 && !(await step(effects.confirm(plan, toRun)))) throw new NotConfirmedError('not confirmed; nothing was moved')
    await checkpoint()
    stopped.off()

    journal ??= new JournalFile(journalPath, plan.identity, runId, undefined)
    const parallel = spec.parallel ?? plan.policy.limits.parallel
    const perNode = Math.min(spec.perNode ?? plan.policy.limits.perNode, parallel)
    const sink = effects.events(plan)
    const emit = (event: ApplyEvent) => sink.emit(event)
    noteLost = (message) => emit({type: 'note', at: new Date(now()).toISOString(), message})
    try {
      const report = await executeMoves(
        {
          moves: plan.moves,
          standings,
          inFlight,
          alreadyThere,
          memory: check.memory,
          moveMemory: check.moveMemory,
          moveDisks: check.moveDisks,
          limits: {parallel, perNode},
          onFailure: spec.onFailure,
          restartTimeoutSeconds: plan.policy.migration.restartTimeout,
          runOptions: {
            command: spec.command,
            ...(spec.planFile ? {planFile: spec.planFile} : {}),
            ...(spec.drainNode ? {drainNode: spec.drainNode} : {}),
            moves: plan.moves.length,
            parallel,
            perNode,
            onFailure: spec.onFailure,
            migrationTimeoutSeconds: spec.migrationTimeoutSeconds,
            resume: spec.resume,
            host: effects.self.host,
            pid: effects.self.pid,
            tool: effects.tool,
          },
        },
        {
          migrator,
          journal,
          emit,
          now,
          control,
          preflight: async (move) => {
            const lost = await lock?.verify().catch(() => undefined)
            if (lost) return {stop: lost}
            const other = await migrator.interference(move).catch(() => undefined)
            if (!other) return undefined
            return other.kind === 'coming' ? {wait: other.reason} : {skip: `not started: ${other.reason}`}
          },
        },
      )
      return {plan, journalPath, report}
    } finally {
      noteLost = undefined
      sink.close()
      journal.close()
    }
  } finally {
    stopped.off()
    await lock?.release()
  }
}

/** Exit code of a finished run: 0 every move done, 3 not all. */
export function exitCodeOf(report: ExecutionReport | undefined): number {
  return !report || report.outcomes.every((o) => o.status === 'done') ? 0 : EXIT_INCOMPLETE
}

function staleError(plan: PlanToRun, check: LiveCheck): StalePlanError {
  const count = check.changes.length
  return new StalePlanError(`${plan.label} is stale: ${count === 1 ? 'one move no longer matches' : `${count} moves no longer match`} the live cluster; nothing was moved:`, [
    ...check.changes.map((c) => `  ${c.message}`),
    'make a new plan from the live cluster (proxlb plan --out FILE), or let apply plan again with the plan\'s policy: --replan',
  ])
}

/** A promise that rejects once a stop is requested (before the start), and the way to stop listening. */
function stopSignal(control: RunControl): {promise: Promise<never>; off(): void} {
  let reject: (error: Error) => void = () => {}
  const promise = new Promise<never>((_, r) => (reject = r))
  promise.catch(() => {})
  const fire = () => reject(new StoppedBeforeStartError(`${control.reason || 'stopped'}: stopped before anything moved`))
  const off = control.onStop(fire)
  if (control.stopping) fire()
  return {promise, off}
}

/**
 * The journal of the run `spec` asks for: for a resume, the interrupted run's, checked to be
 * this plan's; otherwise none, since a new run never writes over an earlier one's journal.
 */
function runJournal(spec: RunSpec, plan: PlanToRun, journalPath: string): ReturnType<typeof readJournalFile> {
  const existing = readJournalFile(journalPath)
  if (spec.resume) {
    if (!existing) throw new ProxlbError(`nothing to resume: no journal at ${journalPath} (give the journal of the interrupted run with --journal)`)
    checkJournalPlan(existing.records, plan.identity, plan.moves, journalPath, plan.label)
  } else if (existing && !spec.dryRun) {
    throw new RefusedError(`${journalPath} already holds a run of ${existing.records[0]?.plan.hash === plan.identity.hash ? 'this plan' : 'another plan'}; nothing was moved`, [
      'continue that run with --resume, or move the journal away (or give another with --journal) to start over',
    ])
  }
  return existing
}
