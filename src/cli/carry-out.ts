/**
 * Carrying out a plan from a terminal (apply, drain, balance): src/apply/run.ts with the
 * effects that belong to a command line. The question on the terminal (or --yes), the
 * live or plain view of the events (or JSON), SIGINT/SIGTERM as stop requests (the first:
 * nothing new starts, or nothing starts at all before the run began; the second: stop
 * waiting), the dry run printed. Everything else is the shared orchestration's.
 */
import {NotConfirmedError, StoppedBeforeStartError} from '../apply/errors.js'
import type {ApplyEvent, EventSink} from '../apply/events.js'
import {thisProcess} from '../apply/cluster-lock.js'
import {RunControl} from '../apply/executor.js'
import type {RunOptions} from '../apply/journal.js'
import {exitCodeOf, type PlanToRun, runPlan, type RunResult} from '../apply/run.js'
import type {LiveCheck} from '../apply/staleness.js'
import {ProxlbError} from '../model/problems.js'
import type {Snapshot} from '../model/snapshot.js'
import type {ProxmoxClient} from '../proxmox/client.js'
import {dryRunJson, renderDryRun, renderReport} from '../render/apply-events.js'
import {type RunView, runView, type ViewMode} from './apply-view.js'
import {canPrompt, confirm} from './confirm.js'
import {liveSnapshotWith} from './live-client.js'
import {VERSION} from './version.js'

export type {PlanToRun} from '../apply/run.js'
export {exitCodeOf}

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

export type CarryOutResult = RunResult

/** The report for people, after the run (not with --json: the events said it all). */
export function reportText(result: CarryOutResult, view: ViewMode): string | undefined {
  return result.report && view !== 'json' ? renderReport(result.report, result.plan.moves) : undefined
}

export async function carryOut(client: ProxmoxClient, plan: PlanToRun, options: CarryOutOptions): Promise<CarryOutResult> {
  const control = options.control ?? new RunControl()
  let sink: EventSink | undefined
  let signalled: NodeJS.Signals | undefined
  const removeSignals = options.control ? () => {} : stopOnSignals(control, (event) => sink?.emit(event), (signal) => (signalled ??= signal))
  try {
    const result = await runPlan(
      {
        command: options.command,
        plan,
        journalPath: options.journalPath,
        resume: options.resume,
        ...(options.planFile ? {planFile: options.planFile} : {}),
        ...(options.drainNode ? {drainNode: options.drainNode} : {}),
        ...(options.parallel !== undefined ? {parallel: options.parallel} : {}),
        ...(options.perNode !== undefined ? {perNode: options.perNode} : {}),
        onFailure: options.onFailure,
        migrationTimeoutSeconds: options.migrationTimeoutSeconds,
        dryRun: options.dryRun,
        ...(options.unavailable ? {unavailable: options.unavailable} : {}),
        ...(options.live ? {live: options.live} : {}),
        ...lockTtl(process.env),
      },
      {
        client,
        readLive: async () => (await liveSnapshotWith(client, {cpuWindow: 'off'}, options.warn)).snapshot,
        events: (final) => (sink = options.viewer ?? runView(options.view, final.label, final.moves.length)),
        show: options.show,
        confirm: (final, toRun) => (options.yes ? Promise.resolve(true) : askToGo(final, toRun, control)),
        ...(options.replan ? {replan: options.replan} : {}),
        say: options.say,
        warn: options.warn,
        control,
        self: thisProcess(),
        tool: `proxlb ${VERSION}`,
      },
    )
    if (result.calls) options.out(options.view === 'json' ? dryRunJson(result.calls, result.plan.moves) : renderDryRun(result.calls, result.plan.moves, client.endpoint))
    return result
  } catch (error) {
    if (error instanceof StoppedBeforeStartError && signalled) {
      const code = signalled === 'SIGINT' ? 130 : 143
      // The lock is given back; reads still under way (a snapshot) are not waited for.
      setTimeout(() => process.exit(code), 200).unref()
      throw new ProxlbError(`${signalled}: stopped before anything moved`, code)
    }
    throw error
  } finally {
    removeSignals()
  }
}

async function askToGo(plan: PlanToRun, toRun: number, control: RunControl): Promise<boolean> {
  if (!canPrompt()) throw new NotConfirmedError(`not confirmed: ${toRun} migration${toRun === 1 ? '' : 's'} would start, and there is no terminal to ask on; pass --yes to go ahead; nothing was moved`)
  // A signal at the question withdraws it: the terminal is given back at once.
  const asked = new AbortController()
  const off = control.onStop(() => asked.abort())
  try {
    return await confirm(`Migrate ${toRun} guest${toRun === 1 ? '' : 's'} in cluster ${plan.cluster} now? [y/N] `, process.stdin, process.stderr, asked.signal)
  } finally {
    off()
  }
}

/** PROXLB_LOCK_TTL (seconds, or 90s, 5m): how long the cluster lock lives without a heartbeat. */
function lockTtl(env: NodeJS.ProcessEnv): {lockTtlMs?: number} {
  const text = env.PROXLB_LOCK_TTL?.trim()
  if (!text) return {}
  const m = /^([1-9][0-9]*)\s*(s|m)?$/.exec(text)
  if (!m) throw new ProxlbError(`PROXLB_LOCK_TTL=${text}: expected a duration such as 120s or 5m`)
  return {lockTtlMs: Number(m[1]) * (m[2] === 'm' ? 60_000 : 1000)}
}

/**
 * First SIGINT/SIGTERM: no new migration starts (before the start: nothing starts), running
 * ones are followed to their end. Second: stop waiting (they go on in Proxmox; the journal
 * keeps them for --resume).
 */
function stopOnSignals(control: RunControl, emit: (event: ApplyEvent) => void, seen: (signal: NodeJS.Signals) => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    const at = new Date().toISOString()
    seen(signal)
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
