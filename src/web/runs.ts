/**
 * Runs started from the web page: the same runPlan as `proxlb apply`, with the effects of
 * a server. The click on "Apply" is the confirmation; the events are kept in memory (so
 * a page opened later, or reopened after its tab was closed, sees the whole run) and
 * pushed to every page that listens; "Stop" is the first Ctrl-C of a terminal (nothing
 * new starts, running migrations are followed to their end). A run uses a client of its
 * own acting as the user who started it, so that it goes on after a logout.
 *
 * One run at a time per server: the cluster lock refuses a second anyway, this says so
 * before anything is read. Runs are forgotten when the server stops; their journals stay.
 */
import {randomBytes} from 'node:crypto'
import {thisProcess} from '../apply/cluster-lock.js'
import {RefusedError} from '../apply/errors.js'
import type {ApplyEvent} from '../apply/events.js'
import {type ExecutionReport, RunControl} from '../apply/executor.js'
import {exitCodeOf, type PlanToRun, runPlan, type RunResult, type RunSpec} from '../apply/run.js'
import {ProxlbError} from '../model/problems.js'
import type {Snapshot} from '../model/snapshot.js'
import type {ProxmoxClient} from '../proxmox/client.js'
import {eventLine, renderReport} from '../render/apply-events.js'

export type RunKind = 'rebalance' | 'drain' | 'restore'

export interface WebRun {
  id: string
  kind: RunKind
  label: string
  /** Who started it. */
  user: string
  startedAt: string
  plan: PlanToRun
  journalPath: string
  state: 'starting' | 'running' | 'finished' | 'failed'
  events: {event: ApplyEvent; line: string}[]
  /** The one line of a run refused or failed before or while it ran. */
  error?: string
  report?: ExecutionReport
  /** The report as text, once finished. */
  reportText?: string
  control: RunControl
}

export interface RunRequest {
  kind: RunKind
  user: string
  client: ProxmoxClient
  spec: Omit<RunSpec, 'dryRun' | 'onFailure' | 'migrationTimeoutSeconds'>
  readLive(client: ProxmoxClient): Promise<Snapshot>
  tool: string
  /** After a finished run (archiving a restored drain record). */
  after?(result: RunResult): void
}

/** Finished runs kept in memory (with their events) for their pages. */
const KEPT_RUNS = 20

type Listener = (item: {event: ApplyEvent; line: string} | 'end') => void

export class RunRegistry {
  private readonly runs = new Map<string, WebRun>()
  private readonly listeners = new Map<string, Set<Listener>>()

  constructor(
    private readonly log: (line: string) => void,
    private readonly options: {migrationTimeoutSeconds: number; onFailure: 'continue' | 'stop'} = {migrationTimeoutSeconds: 3600, onFailure: 'continue'},
  ) {}

  get(id: string): WebRun | undefined {
    return this.runs.get(id)
  }

  /** The run under way, if any. */
  active(): WebRun | undefined {
    return [...this.runs.values()].find((r) => r.state === 'starting' || r.state === 'running')
  }

  all(): WebRun[] {
    return [...this.runs.values()].reverse()
  }

  /**
   * Starts a run; resolves once it is under way (its first migration about to start), or
   * rejects with the refusal when it is refused before anything moved (privileges, a stale
   * plan, the cluster busy or locked). The run itself goes on in the background.
   */
  start(request: RunRequest): Promise<WebRun> {
    const busy = this.active()
    if (busy) return Promise.reject(new RefusedError(`${busy.label} is under way (started by ${busy.user}); wait until it has finished, then try again`))
    const run: WebRun = {
      id: `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`,
      kind: request.kind,
      label: request.spec.plan.label,
      user: request.user,
      startedAt: new Date().toISOString(),
      plan: request.spec.plan,
      journalPath: request.spec.journalPath,
      state: 'starting',
      events: [],
      control: new RunControl(),
    }
    this.runs.set(run.id, run)
    // The journals keep every run; memory keeps the last few, for their pages.
    for (const old of [...this.runs.values()].filter((r) => r.state === 'finished' || r.state === 'failed').slice(0, -KEPT_RUNS)) this.runs.delete(old.id)
    this.log(`run ${run.id}: ${run.label} started by ${run.user}`)
    let began: (run: WebRun) => void = () => {}
    let refused: (error: Error) => void = () => {}
    const underWay = new Promise<WebRun>((resolve, reject) => {
      began = resolve
      refused = reject
    })
    const client = request.client
    void runPlan(
      {...request.spec, dryRun: false, onFailure: this.options.onFailure, migrationTimeoutSeconds: this.options.migrationTimeoutSeconds},
      {
        client,
        readLive: () => request.readLive(client),
        events: (final) => {
          run.plan = final
          run.state = 'running'
          began(run)
          return {emit: (event) => this.emit(run, event), close: () => {}}
        },
        show: () => {},
        confirm: () => Promise.resolve(true),
        say: (line) => this.note(run, line),
        warn: (line) => this.note(run, line),
        control: run.control,
        self: thisProcess(),
        tool: request.tool,
      },
    )
      .then((result) => {
        run.state = 'finished'
        run.report = result.report
        if (result.report) run.reportText = renderReport(result.report, result.plan.moves)
        else run.reportText = 'Nothing to do: every guest is where the plan puts it.\n'
        began(run)
        request.after?.(result)
        this.log(`run ${run.id}: ${run.label} ended, ${exitCodeOf(result.report) === 0 ? 'every move done' : 'not every move done'}`)
      })
      .catch((error: Error) => {
        run.state = 'failed'
        run.error = errorLines(error)
        this.log(`run ${run.id}: ${run.label} refused or failed: ${run.error}`)
        // Refused before it began: the page that asked shows why; nobody needs the run itself.
        if (run.events.length === 0) this.runs.delete(run.id)
        refused(error)
      })
      .finally(() => {
        void client.close().catch(() => {})
        for (const listener of this.listeners.get(run.id) ?? []) listener('end')
        this.listeners.delete(run.id)
      })
    return underWay
  }

  /** Calls `listener` with every event of the run after the `after` first, then 'end'; returns what removes it. */
  listen(run: WebRun, after: number, listener: Listener): () => void {
    for (const item of run.events.slice(after)) listener(item)
    if (run.state === 'finished' || run.state === 'failed') {
      listener('end')
      return () => {}
    }
    let set = this.listeners.get(run.id)
    if (!set) this.listeners.set(run.id, (set = new Set()))
    set.add(listener)
    return () => set.delete(listener)
  }

  stop(run: WebRun, by: string): void {
    if (run.control.stopping) return
    const reason = `stopped from the web page by ${by}`
    run.control.stop(reason)
    this.emit(run, {type: 'note', at: new Date().toISOString(), message: `${reason}: no new migration starts; the running ones are followed to their end`})
  }

  /** Stops every run (the server is shutting down): nothing new starts. */
  stopAll(reason: string): void {
    for (const run of this.runs.values()) if (run.state === 'running' || run.state === 'starting') run.control.stop(reason)
  }

  private note(run: WebRun, message: string): void {
    this.emit(run, {type: 'note', at: new Date().toISOString(), message})
  }

  private emit(run: WebRun, event: ApplyEvent): void {
    const item = {event, line: eventLine(event, run.plan.moves.length)}
    run.events.push(item)
    for (const listener of this.listeners.get(run.id) ?? []) listener(item)
  }
}

/** An error as the one line a page shows: the message, then its hints. */
export function errorLines(error: Error): string {
  return error instanceof ProxlbError ? error.lines().join('\n') : error.message
}
