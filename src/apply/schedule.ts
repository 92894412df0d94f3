/**
 * Which migrations may start now: the executor's decisions, without its effects.
 *
 * A plan lists its moves in waves, and waves are what a reviewer reads. Running them as
 * barriers would make every wave wait for its slowest migration, so apply schedules
 * dynamically instead: whenever a slot frees, moves that may start, start. A move may
 * start when
 *
 * - fewer than `parallel` migrations run in the cluster, and fewer than `perNode` touch
 *   its source and its target;
 * - every earlier-wave move leaving its target node has ended (the plan put it in a later
 *   wave than a departure from where it goes: whatever it waits for, room or an apart
 *   rule, it gets);
 * - its target keeps within its memory limit while it arrives, counting the guests there
 *   now, every migration on its way there (a guest counts on its source until its
 *   migration ends, as in the plan's waves), and the memory of every move to that node
 *   that comes earlier in the plan and has not started yet. The last part is a
 *   reservation: a move never takes the room an earlier one was planned into, so when
 *   nothing runs the earliest waiting move can always start: no deadlock, whatever the
 *   migrations' durations and whatever order the startable moves are taken in.
 *
 * Among the moves that may start, those on the nodes with the most migration work left
 * go first (then the longer move, then plan order): a node's work can only run `perNode`
 * at a time, so starting it late makes a long tail with idle slots. Work is counted in
 * bytes to transfer, what a migration's time grows with.
 *
 * When a migration fails, its guest stays where it was; moves that needed the room it
 * would have made may then never fit: once nothing runs and nothing can start, the
 * earliest waiting move is given up with the reason, and the rest go on. Pure.
 */
import {formatBytes} from '../model/units.js'

export interface ScheduledMove {
  vmid: number
  from: string
  to: string
  wave: number
  /** Memory the guest occupies on a node, as the policy counts it (bytes). */
  memory: number
  /** Bytes the migration transfers: its share of the work on its two nodes. */
  bytes: number
}

export interface Limits {
  parallel: number
  perNode: number
}

export interface NodeMemory {
  /** Memory load now, as the policy counts it (bytes). */
  load: number
  /** Most memory load the node may carry (capacity minus headroom and reserve). */
  limit: number
}

type State = 'waiting' | 'running' | 'ended' | 'failed' | 'given-up' | 'held' | 'aside'

/** A move still to do, not running: waiting to start, held for a resume, or set aside. */
const PENDING: ReadonlySet<State> = new Set<State>(['waiting', 'held', 'aside'])

export interface GivenUp {
  index: number
  reason: string
}

export class Scheduler {
  private readonly state: State[]
  private readonly load = new Map<string, number>()
  private readonly incoming = new Map<string, number>()
  private readonly touching = new Map<string, number>()
  /** Bytes of the moves touching each node that have not ended. */
  private readonly work = new Map<string, number>()
  /** Memory of waiting moves to each node, by their position among the moves to it. */
  private readonly waitingTo = new Map<string, PrefixSums>()
  private readonly positionTo: number[]
  /** Moves leaving each node, by wave; `nextDeparture` skips those that ended. */
  private readonly departures = new Map<string, number[]>()
  private readonly nextDeparture = new Map<string, number>()
  private running = 0

  /**
   * `settled` lists moves that need no run (done or given up earlier); `inFlight` moves
   * that already run (a resumed run follows them): they hold their slots and memory.
   */
  constructor(
    private readonly moves: readonly ScheduledMove[],
    private readonly limits: Limits,
    private readonly memory: ReadonlyMap<string, NodeMemory>,
    settled: Iterable<number> = [],
    inFlight: Iterable<number> = [],
  ) {
    this.state = moves.map(() => 'waiting')
    for (const [node, m] of memory) this.load.set(node, m.load)
    const counts = new Map<string, number>()
    this.positionTo = moves.map((m) => {
      const position = counts.get(m.to) ?? 0
      counts.set(m.to, position + 1)
      return position
    })
    for (const [node, count] of counts) this.waitingTo.set(node, new PrefixSums(count))
    moves.forEach((m, i) => {
      this.waitingTo.get(m.to)!.add(this.positionTo[i], m.memory)
      this.add(this.work, m.from, m.bytes)
      this.add(this.work, m.to, m.bytes)
      this.departures.set(m.from, [...(this.departures.get(m.from) ?? []), i])
    })
    for (const list of this.departures.values()) list.sort((a, b) => moves[a].wave - moves[b].wave || a - b)
    for (const i of settled) this.leave(i, 'ended')
    for (const i of inFlight) this.begin(i)
  }

  /** Moves that start now; they count as running from here on. */
  next(): number[] {
    const candidates: number[] = []
    for (let i = 0; i < this.moves.length; i++) if (this.state[i] === 'waiting') candidates.push(i)
    const urgency = (i: number) => Math.max(this.work.get(this.moves[i].from) ?? 0, this.work.get(this.moves[i].to) ?? 0)
    candidates.sort((a, b) => urgency(b) - urgency(a) || this.moves[b].bytes - this.moves[a].bytes || a - b)
    const started: number[] = []
    for (const i of candidates) {
      if (this.running >= this.limits.parallel) break
      if (!this.mayStart(i)) continue
      this.begin(i)
      started.push(i)
    }
    return started
  }

  /**
   * When nothing runs and nothing may start though moves wait: the earliest waiting move,
   * given up with the reason (the caller records it and asks `next()` again).
   */
  stuck(): GivenUp | undefined {
    if (this.running > 0) return undefined
    const index = this.state.indexOf('waiting')
    if (index < 0 || this.mayStart(index)) return undefined
    const reason = this.whyWaiting(index)
    this.leave(index, 'given-up')
    return {index, reason}
  }

  /** The migration ended: ok (the guest is on its target) or not (it stayed on its source). */
  ended(index: number, ok: boolean): void {
    if (!this.stopRunning(index)) return
    const move = this.moves[index]
    if (ok) {
      this.add(this.load, move.to, move.memory)
      this.add(this.load, move.from, -move.memory)
    }
    this.leave(index, ok ? 'ended' : 'failed')
  }

  /** A move handed out by `next()` that did not start after all: it waits again, held (for a resume). */
  putBack(index: number): void {
    if (!this.stopRunning(index)) return
    this.waitingTo.get(this.moves[index].to)!.add(this.positionTo[index], this.moves[index].memory)
    this.state[index] = 'held'
  }

  /**
   * A move handed out by `next()` that must wait for something the schedule does not see
   * (room on a storage that proxlb's own copies may still take): it waits, and is not
   * handed out again until `offer`.
   */
  setAside(index: number): void {
    if (!this.stopRunning(index)) return
    this.waitingTo.get(this.moves[index].to)!.add(this.positionTo[index], this.moves[index].memory)
    this.state[index] = 'aside'
  }

  /** A move set aside may start again. */
  offer(index: number): void {
    if (this.state[index] === 'aside') this.state[index] = 'waiting'
  }

  /** Undoes what `begin` counted for a running move; false when it does not run. */
  private stopRunning(index: number): boolean {
    if (this.state[index] !== 'running') return false
    const move = this.moves[index]
    this.running--
    this.add(this.touching, move.from, -1)
    this.add(this.touching, move.to, -1)
    this.add(this.incoming, move.to, -move.memory)
    return true
  }

  /** No waiting move starts any more (--on-failure stop, or a signal); they stay waiting for a resume. */
  hold(): void {
    this.state.forEach((s, i) => {
      if (s === 'waiting' || s === 'aside') this.state[i] = 'held'
    })
  }

  get runningCount(): number {
    return this.running
  }

  /** Moves that neither ran nor were given up: still to do. */
  waiting(): number[] {
    return this.state.flatMap((s, i) => (PENDING.has(s) ? [i] : []))
  }

  get finished(): boolean {
    return this.running === 0 && !this.state.includes('waiting') && !this.state.includes('aside')
  }

  private mayStart(index: number): boolean {
    const move = this.moves[index]
    const touching = (node: string) => this.touching.get(node) ?? 0
    if (touching(move.from) >= this.limits.perNode || touching(move.to) >= this.limits.perNode) return false
    if (this.blockingDeparture(index) !== undefined) return false
    return this.roomFor(index) >= 0
  }

  /** An earlier-wave move leaving this move's target that has not ended yet. */
  private blockingDeparture(index: number): number | undefined {
    const move = this.moves[index]
    const list = this.departures.get(move.to)
    if (!list) return undefined
    let next = this.nextDeparture.get(move.to) ?? 0
    while (next < list.length && !this.unfinished(list[next])) next++
    this.nextDeparture.set(move.to, next)
    return next < list.length && this.moves[list[next]].wave < move.wave ? list[next] : undefined
  }

  private unfinished(index: number): boolean {
    const s = this.state[index]
    return s === 'running' || PENDING.has(s)
  }

  /** Memory left on the target after this move arrives, with everything ahead of it counted (negative: no room). */
  private roomFor(index: number): number {
    const move = this.moves[index]
    const node = this.memory.get(move.to)
    if (!node) return 0
    const reserved = this.waitingTo.get(move.to)!.before(this.positionTo[index])
    // A millionth of a byte of slack absorbs float noise in loads summed from fractions.
    return node.limit - ((this.load.get(move.to) ?? 0) + (this.incoming.get(move.to) ?? 0) + reserved + move.memory) + 1e-6
  }

  private whyWaiting(index: number): string {
    const move = this.moves[index]
    const departure = this.blockingDeparture(index)
    if (departure !== undefined) {
      const other = this.moves[departure]
      return `it waits for guest ${other.vmid} to leave ${other.from} first, which did not happen`
    }
    const node = this.memory.get(move.to)
    const load = (this.load.get(move.to) ?? 0) + (this.incoming.get(move.to) ?? 0)
    return `no room on ${move.to} any more: it would hold ${formatBytes(load + move.memory)} of its ${formatBytes(node?.limit ?? 0)} limit (a failed move earlier in the plan did not free what this one needed)`
  }

  private begin(index: number): void {
    const move = this.moves[index]
    this.state[index] = 'running'
    this.running++
    this.waitingTo.get(move.to)!.add(this.positionTo[index], -move.memory)
    this.add(this.touching, move.from, 1)
    this.add(this.touching, move.to, 1)
    this.add(this.incoming, move.to, move.memory)
  }

  /** The move is out of the schedule for good (ended, failed, given up, or settled before). */
  private leave(index: number, state: 'ended' | 'failed' | 'given-up'): void {
    const move = this.moves[index]
    if (PENDING.has(this.state[index])) this.waitingTo.get(move.to)!.add(this.positionTo[index], -move.memory)
    this.state[index] = state
    this.add(this.work, move.from, -move.bytes)
    this.add(this.work, move.to, -move.bytes)
  }

  private add(map: Map<string, number>, key: string, delta: number): void {
    map.set(key, (map.get(key) ?? 0) + delta)
  }
}

/** Sums of a prefix of values that change one at a time (a Fenwick tree): O(log n) either way. */
class PrefixSums {
  private readonly tree: number[]

  constructor(size: number) {
    this.tree = new Array<number>(size + 1).fill(0)
  }

  add(position: number, delta: number): void {
    for (let i = position + 1; i < this.tree.length; i += i & -i) this.tree[i] += delta
  }

  /** Sum of the values before `position`. */
  before(position: number): number {
    let sum = 0
    for (let i = position; i > 0; i -= i & -i) sum += this.tree[i]
    return sum
  }
}
