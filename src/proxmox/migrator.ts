/**
 * One migration through the Proxmox VE API, from the request to the guest seen on its
 * target: the effectful half of apply (which migrations, when and in what order is decided
 * in src/apply).
 *
 * - `request` POSTs `/nodes/{source}/{qemu|lxc}/{vmid}/migrate` with the parameters the
 *   plan's method asks for and returns the task id (UPID). A request is never sent twice
 *   blindly: when it fails without a clear refusal (no answer, a gateway error), the
 *   source node's task list and the guest's lock say whether it was carried out; only
 *   when neither shows a migration is it sent again.
 * - `follow` polls the task until it ends, more often when it is young; for an HA-managed
 *   guest the POST only starts a short `hamigrate` task, after which the HA manager runs
 *   the real `qmigrate`/`vzmigrate` on the source node: that one is found and followed.
 *   A failed task is reported with its own reason, from its log. A task running past the
 *   timeout is stopped. When the cluster stops answering, the end is reported unknown
 *   rather than guessed: a resumed run picks it up.
 * - `verify` looks where the guest is once its task ended.
 * - `interference`, asked right before a request, looks for someone else at the guest:
 *   the HA manager migrating it, a task running for it, an HA request not acted on yet.
 */
import type {Move} from '../model/plan.js'
import {apiPath, type ProxmoxClient, type Query} from './client.js'
import {ApiError, ConnectionError, NodeUnreachableError, PermissionError, ProxmoxError} from './errors.js'
import {parseUpid, readTaskList, type TaskSummary, taskSucceeded, type TransferProgress, transferProgress} from './tasks.js'

/** How often a running migration's log is read for its progress. */
const PROGRESS_EVERY_MS = 2_000

/** What a migration needs to know of its move. */
export type MigrationMove = Pick<Move, 'vmid' | 'name' | 'type' | 'from' | 'to' | 'method' | 'withLocalDisks'>

/** Someone else is at the guest: `busy` (leave it alone) or `coming` (migrating it to where the move wants it). */
export interface Interference {
  kind: 'busy' | 'coming'
  reason: string
}

/** An API request, as dry runs show it and journals record it. */
export interface ApiCall {
  method: 'POST'
  path: string
  params: Record<string, string | number | boolean>
}

/** The migrate request for a move: live for running VMs, restart for running containers, offline otherwise. */
export function migrationCall(move: MigrationMove, restartTimeoutSeconds: number): ApiCall {
  const params: ApiCall['params'] = {target: move.to}
  if (move.method === 'online') {
    params.online = true
    if (move.withLocalDisks) params['with-local-disks'] = true
  } else if (move.method === 'restart') {
    params.restart = true
    params.timeout = restartTimeoutSeconds
  }
  return {method: 'POST', path: apiPath`/nodes/${move.from}/${move.type}/${move.vmid}/migrate`, params}
}

export interface GuestPlace {
  node: string
  lock?: string
  status: string
}

export type TaskEnd =
  | {kind: 'ok'; upid: string}
  | {kind: 'failed'; upid?: string; reason: string}
  /** Nobody can tell how it ended (the cluster stopped answering, or proxlb was told to stop waiting). */
  | {kind: 'unknown'; upid: string; reason: string}

export interface MigratorOptions {
  /** Most time one migration may take; then it is stopped and counted failed. */
  timeoutMs: number
  /** How long the HA manager may take to start the migration it was asked for (default 2 min). */
  haStartMs?: number
  /** Shortest and longest wait between two looks at a running task (default 50 ms, 2 s). */
  pollMinMs?: number
  pollMaxMs?: number
  /** Tasks started this much before proxlb's clock still count as its own (node clocks differ; default 120 s). */
  clockSlackSeconds?: number
  now?: () => number
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
}

/** The request was answered with a refusal: nothing was started. */
export class MigrationRefused extends ProxmoxError {}

/** Whether the request arrived cannot be told now: it must not be sent again, and a resume looks again. */
export class MigrationUncertain extends ProxmoxError {}

const MIGRATION_TASKS = new Set(['qmigrate', 'vzmigrate'])
const POST_ATTEMPTS = 3
/** Tasks that run beside a guest without holding it: an open console. */
const CONSOLE_TASKS = new Set(['vncproxy', 'vncshell', 'spiceproxy', 'spiceshell', 'termproxy'])
/** How long after an HA migration request the HA manager may still act on it (it does within one CRM round, 10 s). */
const HA_REQUEST_WINDOW_SECONDS = 60

/** A storage as it reports itself (bytes). */
export interface StorageNow {
  active: boolean
  total: number
  used: number
  avail: number
}

export class Migrator {
  private readonly now: () => number
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  private readonly pollMinMs: number
  private readonly pollMaxMs: number
  private readonly haStartMs: number
  private readonly slack: number

  constructor(
    private readonly client: ProxmoxClient,
    private readonly options: MigratorOptions,
  ) {
    this.now = options.now ?? Date.now
    this.sleep = options.sleep ?? abortableSleep
    this.pollMinMs = options.pollMinMs ?? 50
    this.pollMaxMs = options.pollMaxMs ?? 2000
    this.haStartMs = options.haStartMs ?? 120_000
    this.slack = options.clockSlackSeconds ?? 120
  }

  /** Where every guest is now, by vmid (one cluster-wide read, served by any node that answers). */
  async places(): Promise<Map<number, GuestPlace>> {
    const resources = await this.client.get<unknown>('/cluster/resources', {type: 'vm'})
    const places = new Map<number, GuestPlace>()
    for (const r of Array.isArray(resources) ? (resources as Record<string, unknown>[]) : []) {
      const vmid = Number(r?.vmid)
      if (!Number.isInteger(vmid) || typeof r.node !== 'string') continue
      places.set(vmid, {node: r.node, status: typeof r.status === 'string' ? r.status : 'unknown', ...(typeof r.lock === 'string' && r.lock ? {lock: r.lock} : {})})
    }
    return places
  }

  async place(vmid: number): Promise<GuestPlace | undefined> {
    return (await this.places()).get(vmid)
  }

  /**
   * A storage of a node as it reports itself now (pve-storage's status of one storage):
   * whether it is active, its size, what is used and what is free; undefined when this
   * identity may not see it (no Datastore.Audit or Datastore.AllocateSpace on it).
   */
  async storageNow(node: string, storage: string): Promise<StorageNow | undefined> {
    const status = await this.client.get<Record<string, unknown> | null>(apiPath`/nodes/${node}/storage/${storage}/status`).catch(unlessForbidden)
    if (!status) return undefined
    const bytes = (value: unknown) => Math.max(0, Number(value ?? 0) || 0)
    // `active` is optional in the schema: a storage that does not say is taken as active, as its figures then are.
    return {active: status.active === undefined || Number(status.active) === 1, total: bytes(status.total), used: bytes(status.used), avail: bytes(status.avail)}
  }

  /** Why the move cannot be sent now (the target is offline, no quorum), or undefined when it can. */
  async blocker(move: MigrationMove): Promise<string | undefined> {
    const status = await this.client.get<unknown>('/cluster/status')
    const entries = Array.isArray(status) ? (status as Record<string, unknown>[]) : []
    const cluster = entries.find((e) => e?.type === 'cluster')
    if (cluster && cluster.quorate !== 1 && cluster.quorate !== '1') return 'the cluster has lost quorum'
    const target = entries.find((e) => e?.type === 'node' && e.name === move.to)
    if (target && target.online !== 1 && target.online !== '1') return `the target ${move.to} is offline`
    return undefined
  }

  /**
   * Whether someone else is moving or working on the guest right now, asked right before
   * its migration request: the HA manager migrating or relocating it, a task running for
   * it on its node (a migration, a backup, a clone ...; consoles do not count), or an HA
   * migration request for it in the cluster's recent tasks that the HA manager may not
   * have acted on yet. `coming` when the HA manager moves it (or has moved it) where the
   * move wants it: along with a guest of its resource-affinity group, most often.
   * Undefined when nothing is in the way. A check this identity may not make (no
   * Sys.Audit) is left out.
   */
  async interference(move: MigrationMove): Promise<Interference | undefined> {
    const sid = `${move.type === 'lxc' ? 'ct' : 'vm'}:${move.vmid}`
    const manager = await this.client.get<{manager_status?: {service_status?: Record<string, {state?: string; target?: string; node?: string}>}}>('/cluster/ha/status/manager_status').catch(unlessForbidden)
    const service = manager?.manager_status?.service_status?.[sid]
    if (service?.state === 'migrate' || service?.state === 'relocate') {
      const doing = `the HA manager is ${service.state === 'migrate' ? 'migrating' : 'relocating'} it already${service.target ? ` (to ${service.target})` : ''}`
      // Moved along with a guest of its resource-affinity group, most often: where the plan wants it.
      return service.target === move.to && service.state === 'migrate' ? {kind: 'coming', reason: doing} : {kind: 'busy', reason: doing}
    }
    if (service?.node === move.to) return {kind: 'coming', reason: `the HA manager has moved it to ${move.to} already`}
    const active = await this.taskList(move.from, {vmid: move.vmid, source: 'active'}).catch(unlessForbidden)
    const task = active?.find((t) => t.id === String(move.vmid) && !CONSOLE_TASKS.has(t.type))
    if (task) return {kind: 'busy', reason: `a ${task.type} task of ${task.user} runs for it on ${move.from} (${task.upid})`}
    const recent = await this.client.get<unknown>('/cluster/tasks').catch(unlessForbidden)
    const since = Math.floor(this.now() / 1000) - HA_REQUEST_WINDOW_SECONDS
    const tasks = readTaskList(recent ?? []).filter((t) => t.id === String(move.vmid))
    // A request is done with once the HA manager started the migration it asked for.
    const request = tasks.find((t) => (t.type === 'hamigrate' || t.type === 'harelocate') && t.starttime >= since && !tasks.some((m) => MIGRATION_TASKS.has(m.type) && m.starttime >= t.starttime))
    if (request) return {kind: 'busy', reason: `an HA ${request.type === 'hamigrate' ? 'migration' : 'relocation'} of it was requested by ${request.user} at ${new Date(request.starttime * 1000).toISOString().slice(11, 19)} UTC, which the HA manager may still carry out`}
    return undefined
  }

  /**
   * Waits until a guest someone else migrates (the HA manager, along with its group) is on
   * the move's target and unlocked: ok, or failed with where it is once that migration
   * ended elsewhere or took longer than the migration timeout.
   */
  async arrival(move: MigrationMove, since: number, signal?: AbortSignal): Promise<TaskEnd> {
    const deadline = since + this.options.timeoutMs
    let sawLock = false
    for (;;) {
      if (signal?.aborted) return {kind: 'unknown', upid: '', reason: 'proxlb stopped waiting for it'}
      const place = await this.place(move.vmid).catch(() => undefined)
      if (place?.node === move.to && !place.lock) return {kind: 'ok', upid: ''}
      if (place?.lock === 'migrate') sawLock = true
      else if (sawLock || (place && place.node !== move.from)) return {kind: 'failed', reason: `the HA manager's migration of it ended with ${describePlace(move, place)}`}
      if (this.now() >= deadline) return {kind: 'failed', reason: `the HA manager's migration of it did not end within ${formatSeconds(this.options.timeoutMs)}`}
      await this.sleep(this.pollDelay(since), signal)
    }
  }

  /**
   * Sends the migrate request and returns the UPID of the task that carries it out.
   * `since` (ms) is when the move began: tasks from then on are this move's.
   * Throws MigrationRefused when Proxmox refused (nothing started), or the client's error
   * when it cannot be told whether the request arrived (never resent then).
   */
  async request(call: ApiCall, move: MigrationMove, since: number): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      let failure: ProxmoxError
      try {
        const upid = await this.client.post<unknown>(call.path, call.params)
        if (typeof upid === 'string' && parseUpid(upid)) return upid
        throw new MigrationRefused(`POST ${call.path} answered without a task id (${JSON.stringify(upid)})`)
      } catch (error) {
        if (!(error instanceof ProxmoxError) || error instanceof MigrationRefused || error instanceof MigrationUncertain) throw error
        failure = error
      }
      // A clear answer from the node that would run it: refused, nothing started.
      if (failure instanceof ApiError && (failure.status < 500 || failure.status === 501)) throw new MigrationRefused(failure.message)
      // The node could not even be reached: nothing was delivered.
      if (failure instanceof NodeUnreachableError && failure.status === 595) throw new MigrationRefused(failure.message)
      if (failure instanceof ConnectionError && !failure.maybeSent) throw new MigrationRefused(failure.message)
      // Otherwise it may have arrived: look before sending anything again (and never when looking fails).
      let place: GuestPlace | undefined
      try {
        const task = await this.findTask(move, since)
        if (task) return task.upid
        place = await this.place(move.vmid)
      } catch (error) {
        throw new MigrationUncertain(`${failure.message}; whether it arrived cannot be checked (${(error as Error).message}), so proxlb does not send it again`)
      }
      if (place?.lock === 'migrate') {
        // Something migrates the guest, and no task of this move shows it: do not resend, let a resume look again.
        throw new MigrationUncertain(`${failure.message}; afterwards ${describePlace(move, place)}, so proxlb does not send it again`)
      }
      // Moved elsewhere by a task that is not this client's: the request started nothing.
      if (place && place.node !== move.from) throw new MigrationRefused(`${failure.message}; ${describePlace(move, place)} now, moved by someone else`)
      if (!place || place.lock) throw new MigrationRefused(`${failure.message}; afterwards ${describePlace(move, place)}`)
      const transient = failure instanceof ConnectionError || (failure instanceof ApiError && failure.status >= 500)
      if (!transient || attempt >= POST_ATTEMPTS) throw new MigrationRefused(failure.message)
      await this.sleep(100 * 2 ** attempt)
    }
  }

  /**
   * The migration task this client started for this move on its source node since `since`
   * (ms): a running or ended qmigrate/vzmigrate, else the hamigrate that asked the HA
   * manager for one (following it finds the HA manager's task); undefined if none. Tasks
   * of other users are someone else's migrations, never this move's.
   */
  async findTask(move: MigrationMove, since: number): Promise<TaskSummary | undefined> {
    const tasks = await this.taskList(move.from, {vmid: move.vmid, source: 'all', since: Math.floor(since / 1000) - this.slack, limit: 50})
    const ours = tasks.filter((t) => t.id === String(move.vmid) && t.user === this.client.taskOwner)
    return ours.find((t) => MIGRATION_TASKS.has(t.type)) ?? ours.find((t) => t.type === 'hamigrate')
  }

  /**
   * Follows a task to its end. `onTask` hears of the real migration task an hamigrate led
   * to. `signal` stops the waiting (the task goes on): the end is then unknown.
   */
  async follow(move: MigrationMove, upid: string, since: number, onTask?: (upid: string) => void, signal?: AbortSignal, onProgress?: (progress: TransferProgress) => void): Promise<TaskEnd> {
    const deadline = since + this.options.timeoutMs
    let current = upid
    let unreachableSince: number | undefined
    // The task log is read on from where it was left, every few seconds, for its progress lines.
    let logRead = {upid, lines: 0, at: -Infinity}
    for (;;) {
      if (signal?.aborted) return {kind: 'unknown', upid: current, reason: 'proxlb stopped waiting for it'}
      const task = parseUpid(current)
      if (!task) return {kind: 'failed', reason: `not a task id: ${current}`}
      let status: {status?: string; exitstatus?: string}
      try {
        status = await this.client.get(apiPath`/nodes/${task.node}/tasks/${current}/status`)
        unreachableSince = undefined
      } catch (error) {
        if (!(error instanceof ProxmoxError)) throw error
        if (error instanceof ApiError && error.status < 500) return {kind: 'unknown', upid: current, reason: `proxlb cannot follow its task: ${error.message}`}
        // The node (or the whole API) does not answer: maybe the migration ended before it went.
        const place = await this.place(move.vmid).catch(() => undefined)
        if (place && place.node === move.to && !place.lock) return {kind: 'ok', upid: current}
        unreachableSince ??= this.now()
        if (this.now() >= deadline || this.now() - unreachableSince > 60_000) {
          return {kind: 'unknown', upid: current, reason: `${error.message}; ${describePlace(move, place)}`}
        }
        await this.sleep(this.pollMaxMs, signal)
        continue
      }
      if (status.status !== 'stopped') {
        if (this.now() >= deadline) return this.stopOverdue(move, current)
        if (onProgress && this.now() - logRead.at >= PROGRESS_EVERY_MS) {
          if (logRead.upid !== current) logRead = {upid: current, lines: 0, at: -Infinity}
          logRead = await this.readProgress(task.node, logRead, onProgress)
        }
        await this.sleep(this.pollDelay(since), signal)
        continue
      }
      const exit = status.exitstatus ?? 'unknown'
      if (!taskSucceeded(exit)) return {kind: 'failed', upid: current, reason: await this.failureReason(task.node, current, exit)}
      if (task.type !== 'hamigrate') return {kind: 'ok', upid: current}
      const real = await this.awaitHaMigration(move, task.starttime * 1000, deadline, signal)
      if (real.kind !== 'task') return real.end
      current = real.upid
      onTask?.(current)
    }
  }

  /** Where the guest is after its task ended: on the target, or why not. */
  async verify(move: MigrationMove): Promise<{ok: true; node: string} | {ok: false; reason: string; node?: string}> {
    let place: GuestPlace | undefined
    for (let attempt = 0; attempt < 5; attempt++) {
      place = await this.place(move.vmid)
      if (place?.node === move.to) return {ok: true, node: move.to}
      await this.sleep(200 * 2 ** attempt)
    }
    return {ok: false, reason: `its task ended without error, but ${describePlace(move, place)}`, ...(place ? {node: place.node} : {})}
  }

  /** Asks the node to stop a task (DELETE), e.g. a migration past its time. */
  async stop(upid: string): Promise<void> {
    const task = parseUpid(upid)
    if (task) await this.client.delete(apiPath`/nodes/${task.node}/tasks/${upid}`)
  }

  /** The reason a task failed, in its own words: its last ERROR line, else its exit status. */
  async failureReason(node: string, upid: string, exitstatus: string): Promise<string> {
    try {
      // The closing `TASK ERROR: ...` line only repeats the exit status; the line before it says why.
      const lines = (await this.logTail(node, upid)).filter((t) => !t.startsWith('TASK '))
      const error = lines.map((t) => /ERROR: (.*)$/.exec(t)?.[1]?.trim()).filter((t): t is string => !!t).at(-1)
      if (error) return error
    } catch {
      // The log is only the better explanation; the exit status stays true.
    }
    return exitstatus
  }

  /** The task log's lines after those read already; the last progress line among them, if any, is told. */
  private async readProgress(node: string, read: {upid: string; lines: number; at: number}, onProgress: (progress: TransferProgress) => void): Promise<{upid: string; lines: number; at: number}> {
    try {
      const lines = await this.client.get<unknown>(apiPath`/nodes/${node}/tasks/${read.upid}/log`, {start: read.lines, limit: 1000})
      const texts = (Array.isArray(lines) ? lines : []).map((l) => String((l as {t?: unknown})?.t ?? ''))
      const progress = texts.map(transferProgress).filter((p): p is TransferProgress => p !== undefined).at(-1)
      if (progress) onProgress(progress)
      return {upid: read.upid, lines: read.lines + texts.length, at: this.now()}
    } catch {
      // Progress is a courtesy: the task's status decides, and is read on.
      return {...read, at: this.now()}
    }
  }

  /** The last lines of a task's log (the API pages it; the client keeps only the page). */
  private async logTail(node: string, upid: string): Promise<string[]> {
    const path = apiPath`/nodes/${node}/tasks/${upid}/log`
    const page = 1000
    let tail: string[] = []
    for (let start = 0; start < 50 * page; start += page) {
      const lines = await this.client.get<unknown>(path, {start, limit: page})
      const texts = (Array.isArray(lines) ? lines : []).map((l) => String((l as {t?: unknown})?.t ?? ''))
      tail = [...tail, ...texts].slice(-50)
      if (texts.length < page) break
    }
    return tail
  }

  private async stopOverdue(move: MigrationMove, upid: string): Promise<TaskEnd> {
    const limit = `did not finish within ${formatSeconds(this.options.timeoutMs)}`
    try {
      await this.stop(upid)
    } catch (error) {
      return {kind: 'unknown', upid, reason: `${limit}, and stopping it failed: ${(error as Error).message}`}
    }
    const task = parseUpid(upid)!
    for (let i = 0; i < 60; i++) {
      const status = await this.client.get<{status?: string}>(apiPath`/nodes/${task.node}/tasks/${upid}/status`).catch(() => undefined)
      if (status?.status === 'stopped') {
        const place = await this.place(move.vmid).catch(() => undefined)
        if (place?.node === move.to) return {kind: 'ok', upid}
        return {kind: 'failed', upid, reason: `${limit} (--migration-timeout): proxlb stopped the task; ${describePlace(move, place)}`}
      }
      await this.sleep(1000)
    }
    return {kind: 'unknown', upid, reason: `${limit}; proxlb asked to stop the task, but it still runs`}
  }

  /** After an hamigrate: the qmigrate/vzmigrate the HA manager started, or how the wait ended. */
  private async awaitHaMigration(move: MigrationMove, since: number, deadline: number, signal?: AbortSignal): Promise<{kind: 'task'; upid: string} | {kind: 'end'; end: TaskEnd}> {
    const gaveUp = Math.min(deadline, this.now() + this.haStartMs)
    let sawLock = false
    for (;;) {
      if (signal?.aborted) return {kind: 'end', end: {kind: 'unknown', upid: '', reason: 'proxlb stopped waiting for the HA manager'}}
      const tasks = await this.taskList(move.from, {vmid: move.vmid, source: 'all', since: Math.floor(since / 1000) - this.slack, limit: 50}).catch(() => [])
      const real = tasks.find((t) => t.id === String(move.vmid) && MIGRATION_TASKS.has(t.type) && t.starttime * 1000 >= since - this.slack * 1000)
      if (real) return {kind: 'task', upid: real.upid}
      // Without the right to read the HA manager's tasks, the guest's place and lock tell the story.
      const place = await this.place(move.vmid).catch(() => undefined)
      if (place?.node === move.to && !place.lock) return {kind: 'end', end: {kind: 'ok', upid: ''}}
      if (place?.lock === 'migrate') sawLock = true
      else if (sawLock) return {kind: 'end', end: {kind: 'failed', reason: `the HA manager's migration ended with the guest still on ${place?.node ?? 'an unknown node'} (its task log on ${move.from} says why)`}}
      const blocked = await this.blocker(move).catch(() => undefined)
      if (blocked) return {kind: 'end', end: {kind: 'failed', reason: `the HA manager will not migrate it: ${blocked}`}}
      if (this.now() >= gaveUp) {
        return {kind: 'end', end: {kind: 'failed', reason: `the HA manager did not start the migration within ${formatSeconds(gaveUp - since)} (it ignores requests its rules forbid: target offline or in maintenance, node affinity, resource affinity)`}}
      }
      await this.sleep(Math.min(500, this.pollDelay(since)), signal)
    }
  }

  private async taskList(node: string, query: Query): Promise<TaskSummary[]> {
    return readTaskList(await this.client.get<unknown>(apiPath`/nodes/${node}/tasks`, query))
  }

  /** Young tasks are looked at often, old ones rarely: the wait stays a small share of the task's time. */
  private pollDelay(since: number): number {
    return Math.max(this.pollMinMs, Math.min(this.pollMaxMs, (this.now() - since) / 16))
  }
}

/** A check this identity may not make counts as nothing found; any other failure stands. */
function unlessForbidden(error: unknown): undefined {
  if (error instanceof PermissionError) return undefined
  throw error
}

function describePlace(move: MigrationMove, place: GuestPlace | undefined): string {
  if (!place) return `guest ${move.vmid} could not be found`
  const lock = place.lock ? `, locked (${place.lock})` : ''
  if (place.node === move.from) return `guest ${move.vmid} is still on ${move.from}${lock}`
  if (place.node === move.to) return `guest ${move.vmid} is on ${move.to}${lock}`
  return `guest ${move.vmid} is on ${place.node}${lock}`
}

function formatSeconds(ms: number): string {
  const s = Math.round(ms / 1000)
  return s >= 3600 && s % 3600 === 0 ? `${s / 3600} h` : s >= 60 && s % 60 === 0 ? `${s / 60} min` : `${s} s`
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, {once: true})
  })
}
