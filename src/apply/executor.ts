/**
 * The executor: the one place where a plan's migrations happen. It starts the moves the
 * scheduler allows, journals every step (the start of a move is on disk before its request
 * is sent), follows each task to its end, verifies the guest on its target, and reports
 * every step as an event. Failures are the task's own words; by default the other moves go
 * on (`onFailure: stop` holds every move not yet started). Asked to stop, it starts nothing
 * more and waits for the running migrations; asked to abandon them, it stops waiting and
 * leaves them in the journal as running, for `--resume`.
 *
 * `reconcile` is the first half of a resume: it brings the journal's moves that were under
 * way when the last run ended up to date with the cluster, never sending a request whose
 * first copy may have arrived.
 *
 * Right before a move that copies local disks is sent, each storage it copies onto is
 * asked what it has free now: another writer (a backup, a guest filling its thin volume)
 * may have taken the room the plan counted on, and a migration into a full storage fails
 * half-copied, or, on a thin pool, fills the pool under every guest on it. Such a move is
 * skipped (a resume tries it again). When only what proxlb's own migrations to the same
 * storage may still write stands in the way, the move waits for one of them to end,
 * out of the schedule (its slot goes to other moves meanwhile).
 *
 * What to migrate and when is decided by ./schedule.ts; how a migration is done, by the
 * migrator. This module prints nothing and reads no clock but the one it is given.
 */
import type {Move} from '../model/plan.js'
import {type ApiCall, migrationCall, MigrationUncertain, type Migrator, type TaskEnd} from '../proxmox/migrator.js'
import {formatBytes} from '../model/units.js'
import type {ApplyEvent, EventMove, RunStatus} from './events.js'
import type {JournalSink} from './journal-file.js'
import {isSettled, moveRef, type MoveStanding, type RunOptions} from './journal.js'
import {type Limits, type NodeMemory, Scheduler} from './schedule.js'
import type {DiskNeed} from './staleness.js'

/** Stop requests from outside (signals, a stop button, a lost lock): stop starting moves; stop waiting for running ones. */
export class RunControl {
  private readonly abort = new AbortController()
  private readonly listeners = new Set<() => void>()
  stopping = false
  reason = ''

  /** No new move starts; running ones are followed to their end. */
  stop(reason: string): void {
    if (!this.stopping) this.reason = reason
    this.stopping = true
    for (const listener of [...this.listeners]) listener()
  }

  /** Stop waiting for running migrations too (they go on; the journal keeps them for --resume). */
  abandon(reason: string): void {
    this.stop(reason)
    this.abort.abort()
  }

  get abandoned(): boolean {
    return this.abort.signal.aborted
  }

  get signal(): AbortSignal {
    return this.abort.signal
  }

  /** Calls `listener` on every stop request from now on; returns what removes it. */
  onStop(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

/**
 * What is checked right before a migration request is sent: skip this move (it may run
 * later), wait for the migration someone else runs to the move's target, or stop the run.
 */
export type Preflight = {skip: string} | {wait: string} | {stop: string} | undefined

export interface ExecutorEffects {
  migrator: Migrator
  journal: JournalSink
  emit(event: ApplyEvent): void
  /** Milliseconds since the epoch. */
  now(): number
  control: RunControl
  /**
   * Asked right before each migration request, after the target and quorum checks:
   * someone else moving the guest skips the move, a lost cluster lock stops the run.
   */
  preflight?(move: Move, index: number): Promise<Preflight>
}

export type MoveOutcome =
  /** recovered: found done rather than seen done (a resume); alreadyThere: the guest was on its target before this run did anything. */
  | {status: 'done'; durationMs?: number; earlier: boolean; recovered: boolean; alreadyThere?: boolean}
  | {status: 'failed'; reason: string; earlier: boolean}
  | {status: 'skipped'; reason: string; earlier: boolean}
  /** Not started: the run stopped or was interrupted first. */
  | {status: 'pending'}
  /** Under way when the run ended; how it ends is for --resume to find out. */
  | {status: 'unknown'; reason: string}

export interface ExecutionReport {
  status: RunStatus
  outcomes: MoveOutcome[]
  /** Bytes transferred by the moves done in this run (the plan's estimates). */
  bytesMoved: number
  durationMs: number
}

export interface Execution {
  moves: readonly Move[]
  /** Where each move stands (from the journal; all pending for a new run). */
  standings: readonly MoveStanding[]
  /** Moves whose migration runs already (a resume): index → UPID to follow. */
  inFlight: ReadonlyMap<number, string>
  /** Moves found done before they ran (the guest was already on its target). */
  alreadyThere: ReadonlySet<number>
  memory: ReadonlyMap<string, NodeMemory>
  moveMemory: readonly number[]
  /** What each move's local disks need on its target's storages (staleness.ts). */
  moveDisks: readonly (readonly DiskNeed[])[]
  limits: Limits
  onFailure: 'continue' | 'stop'
  restartTimeoutSeconds: number
  /** What the run-started record says of the run. */
  runOptions: RunOptions
}

export function eventMove(move: Move, index: number): EventMove {
  return {...moveRef(move, index), bytes: move.bytes}
}

/** The API calls a run would make, in plan order: what --dry-run shows. */
export function plannedCalls(moves: readonly Move[], restartTimeoutSeconds: number, skip: ReadonlySet<number> = new Set()): {index: number; call: ApiCall}[] {
  return moves.flatMap((move, index) => (skip.has(index) ? [] : [{index, call: migrationCall(move, restartTimeoutSeconds)}]))
}

export async function executeMoves(execution: Execution, effects: ExecutorEffects): Promise<ExecutionReport> {
  const {moves, limits} = execution
  const {migrator, journal, emit, now, control} = effects
  const started = now()
  const at = () => new Date(now()).toISOString()
  const outcomes: MoveOutcome[] = execution.standings.map((standing) => earlierOutcome(standing))
  let bytesMoved = 0
  let stoppedByFailure = false
  let lostTrack = false

  const settled = new Set<number>()
  outcomes.forEach((o, i) => {
    if (o.status !== 'pending') settled.add(i)
  })
  journal.write({event: 'run-started', options: execution.runOptions})
  emit({type: 'run-started', at: at(), moves: moves.length, bytes: moves.reduce((s, m) => s + m.bytes, 0), parallel: limits.parallel, perNode: limits.perNode, resumed: execution.runOptions.resume, settled: settled.size, alreadyThere: execution.alreadyThere.size})

  for (const index of execution.alreadyThere) {
    const move = moves[index]
    journal.write({event: 'move-verified', move: moveRef(move, index), node: move.to, recovered: true, reason: 'the guest was already on its target'})
    outcomes[index] = {status: 'done', earlier: false, recovered: true, alreadyThere: true}
    settled.add(index)
    emit({type: 'move-done', at: at(), move: eventMove(move, index), durationMs: 0, recovered: true})
  }

  const scheduler = new Scheduler(
    moves.map((m, i) => ({vmid: m.vmid, from: m.from, to: m.to, wave: m.wave, memory: execution.moveMemory[i], bytes: m.bytes})),
    limits,
    execution.memory,
    settled,
    execution.inFlight.keys(),
  )
  const running = new Map<number, Promise<void>>()
  // Moves copying disks now (or about to: their room was found): what they still write is held on their target's storages.
  const copying = new Set<number>(execution.inFlight.keys())
  const diskBytes = (index: number, storage: string) => execution.moveDisks[index].reduce((sum, n) => sum + (n.storage === storage ? n.bytes : 0), 0)

  // Moves set aside until one of these copies ends (roomForDisks), and those that were told so.
  const aside = new Map<number, Set<number>>()
  const toldAside = new Set<number>()

  /**
   * Whether the move's disks fit its target's storages now: undefined when they do (their
   * room is held from then on), a skip when they do not. When they would but for what
   * proxlb's own copies to the same storage may still write (how much of that the
   * storage's figures hold already, it cannot say: a thick volume is allocated whole at
   * the start, a thin one as it is written), the move is set aside until one of those
   * copies ends, and looked at again then; its slot goes to other moves meanwhile.
   */
  async function roomForDisks(index: number): Promise<Preflight | {aside: Set<number>}> {
    const move = moves[index]
    const needs = execution.moveDisks[index]
    const found = await Promise.all(needs.map((need) => migrator.storageNow(move.to, need.storage).catch((error: Error) => error)))
    const waitFor = new Set<number>()
    for (let i = 0; i < needs.length; i++) {
      const {storage, bytes, reserve} = needs[i]
      const now = found[i]
      const where = `storage ${storage} on ${move.to}`
      if (now instanceof Error) return {skip: `not started: cannot read ${where}: ${now.message}`}
      if (now === undefined) continue
      if (!now.active) return {skip: `not started: ${where} is not active now`}
      // The storage's own free figure can be less than its size less its use: the smaller counts, as in planning.
      const free = Math.min(now.avail, now.total - now.used) - reserve
      const ours = [...copying].filter((j) => moves[j].to === move.to && diskBytes(j, storage) > 0)
      const held = ours.reduce((sum, j) => sum + diskBytes(j, storage), 0)
      if (bytes <= free - held + 1e-6) continue
      if (bytes > free + 1e-6 || ours.length === 0) {
        return {skip: `not started: ${where} has ${formatBytes(Math.max(0, free))} free now${reserve > 0 ? ` above its reserve of ${formatBytes(reserve)}` : ''}; its disks need ${formatBytes(bytes)}`}
      }
      for (const j of ours) waitFor.add(j)
      if (!toldAside.has(index)) emit({type: 'note', at: at(), message: `${move.name} (${move.vmid}) waits for proxlb's copies to ${where} to end: ${formatBytes(free)} free now, ${formatBytes(held)} of it perhaps still theirs; its disks need ${formatBytes(bytes)}`})
    }
    if (waitFor.size > 0) {
      toldAside.add(index)
      return {aside: waitFor}
    }
    if (needs.length > 0) copying.add(index)
    return undefined
  }

  async function settle(index: number, end: TaskEnd, since: number): Promise<void> {
    const move = moves[index]
    const ref = moveRef(move, index)
    const durationMs = Math.max(0, Math.round(now() - since))
    if (end.kind === 'unknown') {
      // Nothing is journaled: the move stays under way, and a resume follows its task.
      outcomes[index] = {status: 'unknown', reason: end.reason}
      if (!control.abandoned) lostTrack = true
      scheduler.hold()
      emit({type: 'move-unknown', at: at(), move: eventMove(move, index), reason: end.reason})
      return
    }
    if (end.kind === 'failed') {
      journal.write({event: 'move-finished', move: ref, outcome: 'failed', reason: end.reason, durationMs, ...(end.upid ? {upid: end.upid} : {})})
      return fail(index, end.reason, durationMs)
    }
    journal.write({event: 'move-finished', move: ref, outcome: 'ok', durationMs, ...(end.upid ? {upid: end.upid} : {})})
    const seen = await migrator.verify(move).catch((error: Error) => ({ok: false as const, reason: `cannot check where it is: ${error.message}`, node: undefined}))
    if (!seen.ok) {
      journal.write({event: 'move-verified', move: ref, node: seen.node ?? 'unknown', reason: seen.reason})
      return fail(index, seen.reason, durationMs)
    }
    journal.write({event: 'move-verified', move: ref, node: seen.node})
    scheduler.ended(index, true)
    bytesMoved += move.bytes
    outcomes[index] = {status: 'done', durationMs, earlier: false, recovered: false}
    emit({type: 'move-done', at: at(), move: eventMove(move, index), durationMs, recovered: false})
  }

  function fail(index: number, reason: string, durationMs: number): void {
    scheduler.ended(index, false)
    outcomes[index] = {status: 'failed', reason, earlier: false}
    emit({type: 'move-failed', at: at(), move: eventMove(moves[index], index), reason, durationMs})
    if (execution.onFailure === 'stop' && !stoppedByFailure) {
      stoppedByFailure = true
      scheduler.hold()
      emit({type: 'note', at: at(), message: `${moves[index].name} (${moves[index].vmid}) failed and --on-failure is stop: no other move starts; running ones are followed to their end`})
    }
  }

  async function follow(index: number, upid: string, since: number): Promise<void> {
    const move = moves[index]
    const end = await migrator.follow(move, upid, since, (real) => {
      journal.write({event: 'move-accepted', move: moveRef(move, index), upid: real})
      emit({type: 'move-accepted', at: at(), move: eventMove(move, index), upid: real})
    }, control.signal, (p) => emit({type: 'move-progress', at: at(), move: eventMove(move, index), ...p}))
    await settle(index, end, since)
  }

  // Room on storages is given in the order moves start (the plan's), not in the order the
  // cluster's answers to their checks come back: each move's turn waits for the one before.
  let roomTurn: Promise<void> = Promise.resolve()

  async function run(index: number): Promise<void> {
    const move = moves[index]
    const call = migrationCall(move, execution.restartTimeoutSeconds)
    const since = now()
    const before = roomTurn
    let done!: () => void
    roomTurn = new Promise<void>((resolve) => (done = resolve))
    let check: Awaited<ReturnType<typeof roomForDisks>> | Preflight
    try {
      const blocked = await migrator.blocker(move).catch(() => undefined)
      check = blocked ? {skip: `not started: ${blocked}`} : ((await effects.preflight?.(move, index)) ?? (await before.then(() => roomForDisks(index))))
    } finally {
      done()
    }
    if (check && 'aside' in check) {
      // Nothing is sent: the move waits out of the schedule until one of these copies ends.
      scheduler.setAside(index)
      aside.set(index, check.aside)
      return
    }
    if (check && 'stop' in check) {
      // Nothing is sent and nothing more starts: the move waits for a resume.
      scheduler.putBack(index)
      if (!control.stopping) emit({type: 'note', at: at(), message: `${check.stop}; no new migration starts`})
      control.stop(check.stop)
      return
    }
    if (check && 'wait' in check) {
      // Nothing is sent: the guest is on its way already (moved along with its HA group).
      emit({type: 'note', at: at(), message: `${move.name} (${move.vmid}): ${check.wait}; not sent again, waiting for it to arrive`})
      const end = await migrator.arrival(move, since, control.signal)
      if (end.kind === 'ok') {
        journal.write({event: 'move-verified', move: moveRef(move, index), node: move.to, recovered: true, reason: check.wait})
        scheduler.ended(index, true)
        outcomes[index] = {status: 'done', earlier: false, recovered: true, alreadyThere: true}
        emit({type: 'move-done', at: at(), move: eventMove(move, index), durationMs: Math.round(now() - since), recovered: true})
        return
      }
      scheduler.ended(index, false)
      // Told to stop waiting: the move stays to do, for a resume.
      if (end.kind === 'unknown') return
      const reason = `not started: ${check.wait}, and ${end.reason}`
      journal.write({event: 'move-skipped', move: moveRef(move, index), reason})
      outcomes[index] = {status: 'skipped', reason, earlier: false}
      emit({type: 'move-skipped', at: at(), move: eventMove(move, index), reason})
      return
    }
    if (check) {
      // Nothing is sent: the move is skipped (a resume tries it again), and moves that needed it may wait in vain (the scheduler says so).
      journal.write({event: 'move-skipped', move: moveRef(move, index), reason: check.skip})
      scheduler.ended(index, false)
      outcomes[index] = {status: 'skipped', reason: check.skip, earlier: false}
      emit({type: 'move-skipped', at: at(), move: eventMove(move, index), reason: check.skip})
      return
    }
    emit({type: 'move-started', at: at(), move: eventMove(move, index)})
    journal.write({event: 'move-started', move: moveRef(move, index), request: call})
    let upid: string
    try {
      upid = await migrator.request(call, move, since)
    } catch (error) {
      const reason = (error as Error).message
      // Perhaps sent: the journal keeps the move started, and a resume finds out.
      if (error instanceof MigrationUncertain) return settle(index, {kind: 'unknown', upid: '', reason}, since)
      journal.write({event: 'move-finished', move: moveRef(move, index), outcome: 'failed', reason, durationMs: Math.round(now() - since)})
      return fail(index, reason, Math.round(now() - since))
    }
    journal.write({event: 'move-accepted', move: moveRef(move, index), upid})
    emit({type: 'move-accepted', at: at(), move: eventMove(move, index), upid})
    await follow(index, upid, since)
  }

  const track = (index: number, work: Promise<void>) => {
    running.set(
      index,
      work
        .catch((error: Error) => {
          // A failure of proxlb itself (the journal cannot be written): nothing more may start.
          control.stop(error.message)
          outcomes[index] = {status: 'unknown', reason: error.message}
          throw error
        })
        .finally(() => {
          running.delete(index)
          copying.delete(index)
          for (const [waiting, copies] of aside) {
            if (!copies.has(index)) continue
            aside.delete(waiting)
            scheduler.offer(waiting)
          }
        }),
    )
  }

  for (const [index, upid] of execution.inFlight) {
    const standing = execution.standings[index]
    const since = ('at' in standing ? Date.parse(standing.at) : NaN) || now()
    track(index, follow(index, upid, since))
  }

  let wake: (() => void) | undefined
  const unlisten = control.onStop(() => wake?.())
  let fatal: Error | undefined
  for (;;) {
    if (control.stopping) scheduler.hold()
    for (const index of scheduler.next()) track(index, run(index))
    if (running.size === 0) {
      const stuck = control.stopping ? undefined : scheduler.stuck()
      if (!stuck) break
      const move = moves[stuck.index]
      journal.write({event: 'move-skipped', move: moveRef(move, stuck.index), reason: stuck.reason})
      outcomes[stuck.index] = {status: 'skipped', reason: stuck.reason, earlier: false}
      emit({type: 'move-skipped', at: at(), move: eventMove(move, stuck.index), reason: stuck.reason})
      continue
    }
    await Promise.race([...running.values(), new Promise<void>((resolve) => (wake = resolve))]).catch((error: Error) => {
      fatal ??= error
    })
    wake = undefined
  }
  unlisten()

  const count = (status: MoveOutcome['status']) => outcomes.filter((o) => o.status === status).length
  const pending = count('pending') + count('unknown')
  const status: RunStatus = pending === 0 ? 'completed' : stoppedByFailure && !control.stopping && !lostTrack ? 'stopped' : 'interrupted'
  const summary = {status, done: count('done'), failed: count('failed'), skipped: count('skipped'), pending}
  const durationMs = Math.round(now() - started)
  const reason = status === 'interrupted' ? control.reason || (lostTrack ? 'proxlb lost contact with the cluster while migrations ran' : 'interrupted') : undefined
  try {
    journal.write({event: 'run-ended', summary, durationMs, ...(reason ? {reason} : {})})
  } catch (error) {
    fatal ??= error as Error
  }
  emit({type: 'run-ended', at: at(), ...summary, bytesMoved, durationMs})
  if (fatal) throw fatal
  return {status, outcomes, bytesMoved, durationMs}
}

/** A settled move's outcome as an earlier run left it; pending for the others. */
function earlierOutcome(standing: MoveStanding): MoveOutcome {
  switch (standing.phase) {
    case 'verified':
      return {status: 'done', earlier: true, recovered: false, ...(standing.durationMs !== undefined ? {durationMs: standing.durationMs} : {})}
    case 'failed':
      return {status: 'failed', reason: standing.reason, earlier: true}
    case 'skipped':
      return {status: 'skipped', reason: standing.reason, earlier: true}
    default:
      return {status: 'pending'}
  }
}

/** What a resume found for one move that was under way when the last run ended. */
export type Reconciled =
  | {kind: 'follow'; upid: string}
  | {kind: 'done'}
  | {kind: 'failed'; reason: string}
  /** Its request never reached Proxmox: it runs again like any waiting move. */
  | {kind: 'not-sent'}

/**
 * Brings the moves the journal leaves under way up to date with the cluster: a task with
 * a UPID is followed; a request without one is looked for in the source node's task list
 * and in the guest's place and lock before it may ever be sent again; a finished move is
 * verified. Writes what it finds to the journal (marked recovered) and returns the moves
 * to follow and the standings from here on.
 */
export async function reconcile(
  moves: readonly Move[],
  standings: readonly MoveStanding[],
  migrator: Migrator,
  journal: JournalSink,
  note: (message: string) => void,
): Promise<{standings: MoveStanding[]; inFlight: Map<number, string>}> {
  const next = [...standings]
  const inFlight = new Map<number, string>()
  for (let index = 0; index < moves.length; index++) {
    const standing = standings[index]
    if (standing.phase === 'pending' || isSettled(standing)) continue
    const move = moves[index]
    const ref = moveRef(move, index)
    const label = `${move.name} (${move.vmid}) ${move.from} → ${move.to}`
    const result = await reconcileOne(move, standing, migrator)
    const when = new Date().toISOString()
    switch (result.kind) {
      case 'follow':
        if (standing.phase !== 'accepted' || standing.upid !== result.upid) journal.write({event: 'move-accepted', move: ref, upid: result.upid, recovered: true})
        inFlight.set(index, result.upid)
        next[index] = {phase: 'accepted', at: standing.at, upid: result.upid}
        note(`${label}: its migration ${standing.phase === 'accepted' ? 'was running' : 'was found in the task list'} (${result.upid}); following it`)
        break
      case 'done':
        journal.write({event: 'move-verified', move: ref, node: move.to, recovered: true, reason: 'found on its target by a resumed run'})
        next[index] = {phase: 'verified', at: when, node: move.to}
        note(`${label}: done (the guest is on ${move.to})`)
        break
      case 'failed':
        journal.write({event: 'move-finished', move: ref, outcome: 'failed', reason: result.reason, recovered: true})
        next[index] = {phase: 'failed', at: when, reason: result.reason}
        note(`${label}: failed: ${result.reason}`)
        break
      case 'not-sent':
        next[index] = {phase: 'pending'}
        note(`${label}: its request never reached Proxmox (no task, the guest unlocked on ${move.from}); it runs again`)
        break
    }
  }
  return {standings: next, inFlight}
}

/** How long after a request was journaled a resume waits before it may conclude the request never arrived. */
const REQUEST_GRACE_MS = 2000

async function reconcileOne(move: Move, standing: MoveStanding, migrator: Migrator): Promise<Reconciled> {
  let place: {node: string; lock?: string} | undefined
  if (standing.phase === 'accepted' && standing.upid) return {kind: 'follow', upid: standing.upid}
  if (standing.phase === 'finished') {
    const seen = await migrator.verify(move)
    return seen.ok ? {kind: 'done'} : {kind: 'failed', reason: seen.reason}
  }
  // started, no UPID: did the request arrive? A request still on its way when proxlb died gets a moment to land.
  const since = Date.parse(standing.phase === 'started' || standing.phase === 'accepted' ? standing.at : '') || Date.now()
  const young = REQUEST_GRACE_MS - (Date.now() - since)
  if (young > 0) await new Promise((resolve) => setTimeout(resolve, young))
  const task = await migrator.findTask(move, since)
  if (task) return {kind: 'follow', upid: task.upid}
  place = (await migrator.places()).get(move.vmid)
  if (!place) return {kind: 'failed', reason: `guest ${move.vmid} no longer exists`}
  if (place.node === move.to && !place.lock) return {kind: 'done'}
  if (place.node !== move.from) return {kind: 'failed', reason: `guest ${move.vmid} is on ${place.node} now, moved by someone else`}
  if (place.lock) return {kind: 'failed', reason: `guest ${move.vmid} is locked (${place.lock}) on ${move.from} by a task proxlb cannot find: check the node's task list; proxlb does not send the request again`}
  return {kind: 'not-sent'}
}
