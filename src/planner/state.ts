/**
 * The cluster as the planner sees it while searching: where each guest is, where it
 * started, and what each node carries. Loads and per-node guest lists are kept up to
 * date move by move, so asking a node's utilisation or its guests costs O(1).
 * Mutable for speed and owned by one search at a time; the placement model it is built
 * from stays untouched. Knows nothing of rules: it only places guests.
 */
import type {Load, ModelNode, PlacementModel} from '../policy/compile.js'
import {counted, storageOn, volumeNeed} from '../policy/storage.js'

export class ClusterState {
  readonly model: PlacementModel
  /** Node index of each guest now, by guest index. */
  readonly placement: Int32Array
  /** Node index of each guest in the snapshot. */
  readonly origin: Int32Array
  /** Load of each node (host base plus guests), by node index. */
  readonly loads: readonly NodeLoad[]
  /** Guests on each node, in no particular order. */
  private readonly members: number[][]
  /** Position of each guest in its node's `members`. */
  private readonly slot: Int32Array
  /** Nodes that give and receive guests, ascending. */
  readonly active: readonly number[]
  /**
   * Bytes each counted storage holds now (by storage index; empty without a storage model):
   * what it reported, plus the volumes copied onto it, less what leaving volumes are known to free.
   */
  readonly storageUsed: Float64Array
  /** How often each node's guests changed: what caches about a node compare against. */
  readonly version: Int32Array
  /**
   * How often each node's storages gave back space (a guest with local volumes left it):
   * what refusals that hold while a target's room only shrinks compare against (rule.ts
   * REFUSED_LASTING). A guest arriving takes room; only one leaving frees it.
   */
  readonly freed: Int32Array
  /** How often any node's guests changed: what caches about the whole cluster compare against. */
  changes = 0
  /**
   * The guests that left or arrived at each node, in turn, by node index: what a cache
   * that kept a node's guests at some length of it reads to learn what changed there since
   * (see `movesSince`). Kept only once asked for (keepJournals): the states that put
   * moves in order make as many moves as the search, and nobody reads theirs.
   */
  private journals: number[][] | undefined
  /** Changes when the journals no longer tell every move since a length they had (copyFrom, or a long search). */
  private journalEpoch = 0
  /** Entries in all journals. */
  private journaled = 0
  private readonly weightSum: number
  /** Each node's utilisation, as of the version in `measuredAt` (-1: not yet). */
  private readonly measured: Float64Array
  private readonly measuredAt: Int32Array
  /** What `sameGuestsAs` noted: the other state, its nodes' versions then, and this state's. */
  private twin: {of: ClusterState; theirs: Int32Array; mine: Int32Array} | undefined

  constructor(model: PlacementModel) {
    this.model = model
    const n = model.nodes.length
    // Plain loops: TypedArray.from with a mapping function walks an iterator, and took most
    // of a state's making on 12,000 guests (simulate's resilience makes one per node lost).
    const {guests} = model
    this.placement = new Int32Array(guests.length)
    this.loads = model.nodes.map((node) => new NodeLoad(node.base))
    this.members = Array.from({length: n}, () => [])
    this.slot = new Int32Array(guests.length)
    for (let i = 0; i < guests.length; i++) {
      const g = guests[i]
      this.placement[i] = g.node
      this.loads[g.node].add(g.load, 1)
      this.slot[g.index] = this.members[g.node].push(g.index) - 1
    }
    this.origin = this.placement.slice()
    this.active = model.nodes.filter((node) => node.role === 'active').map((node) => node.index)
    this.version = new Int32Array(n)
    this.storageUsed = Float64Array.from(model.storage?.storages ?? [], (s) => s.used)
    this.freed = new Int32Array(n)
    const w = model.weights
    this.weightSum = w.memory + w.cpu + w.disk
    this.measured = new Float64Array(n)
    this.measuredAt = new Int32Array(n).fill(-1)
    this.twin = undefined
  }

  clone(): ClusterState {
    const copy = Object.create(ClusterState.prototype) as ClusterState
    Object.assign(copy, {
      model: this.model,
      placement: Int32Array.from(this.placement),
      origin: this.origin,
      loads: this.loads.map((l) => new NodeLoad(l)),
      members: this.members.map((m) => [...m]),
      slot: Int32Array.from(this.slot),
      active: this.active,
      version: Int32Array.from(this.version),
      changes: this.changes,
      storageUsed: Float64Array.from(this.storageUsed),
      freed: Int32Array.from(this.freed),
      weightSum: this.weightSum,
      measured: Float64Array.from(this.measured),
      measuredAt: Int32Array.from(this.measuredAt),
      journals: undefined,
      journalEpoch: 0,
      journaled: 0,
      twin: undefined,
    })
    return copy
  }

  /**
   * Makes this state hold what `other`, a state of the same model, holds, every node at a
   * version this state never had (so that what a cache keeps about one of its nodes at a
   * version no longer holds): a state to reuse where a clone would be made and dropped.
   *
   * After `sameGuestsAs(other)`, and while this state made no move since, a node whose
   * guests `other` did not change since either keeps its list of guests as it is: the
   * same guests, perhaps in another order (lists are in no particular order). Its load is
   * copied all the same, to the bit. Putting moves in order copies the draft's state
   * after each reroute, and reroutes change a few nodes.
   */
  copyFrom(other: ClusterState): void {
    const twin = this.twin
    this.twin = undefined
    const few = twin !== undefined && twin.of === other && sameNumbers(twin.mine, this.version)
    if (!few) this.placement.set(other.placement)
    for (let n = 0; n < this.loads.length; n++) {
      const to = this.loads[n]
      const from = other.loads[n]
      to.memory = from.memory
      to.cpu = from.cpu
      to.disk = from.disk
      if (few && twin.theirs[n] === other.version[n]) continue
      const mine = this.members[n]
      const theirs = other.members[n]
      mine.length = theirs.length
      for (let i = 0; i < theirs.length; i++) mine[i] = theirs[i]
      if (!few) continue
      // A guest that came or went is on a node whose list is copied: its node and place there follow.
      for (let i = 0; i < theirs.length; i++) {
        this.placement[theirs[i]] = n
        this.slot[theirs[i]] = i
      }
    }
    if (!few) this.slot.set(other.slot)
    this.storageUsed.set(other.storageUsed)
    for (let n = 0; n < this.freed.length; n++) this.freed[n]++
    let newest = 0
    for (let n = 0; n < this.version.length; n++) newest = Math.max(newest, this.version[n])
    this.version.fill(newest + 1)
    this.changes++
    this.restartJournals()
  }

  /**
   * Notes that each node of this state holds the guests `other`'s holds, as `copyFrom`
   * may use: putting moves in order ends with every guest where the draft's state has it.
   */
  sameGuestsAs(other: ClusterState): void {
    this.twin = {of: other, theirs: Int32Array.from(other.version), mine: Int32Array.from(this.version)}
  }

  private restartJournals(): void {
    if (this.journals) for (const journal of this.journals) journal.length = 0
    this.journalEpoch++
    this.journaled = 0
  }

  /** Keeps the journals from now on (see `movesSince`). */
  keepJournals(): void {
    if (this.journals) return
    this.journals = Array.from({length: this.version.length}, () => [])
    this.journalEpoch++
  }

  /** The epoch of the journals (see `movesSince`). */
  get journalsAt(): number {
    return this.journalEpoch
  }

  /**
   * The guests that left or arrived at `node` since its journal was `length` long at
   * `epoch`: from index `length` to the end of what it returns (a live view: read it
   * before moving guests), a guest once per move; undefined when the journal no longer
   * tells them all, or is not kept.
   */
  movesSince(node: number, epoch: number, length: number): readonly number[] | undefined {
    const journal = this.journals?.[node]
    return journal !== undefined && epoch === this.journalEpoch && length <= journal.length ? journal : undefined
  }

  /** The length of `node`'s journal now (0 when not kept). */
  journalLength(node: number): number {
    return this.journals?.[node].length ?? 0
  }

  nodeOf(guest: number): number {
    return this.placement[guest]
  }

  /** Guests on a node now (a live view: copy it before moving guests while iterating). */
  guestsOn(node: number): readonly number[] {
    return this.members[node]
  }

  /** Puts a guest on `target`; its load follows it. */
  move(guest: number, target: number): void {
    const from = this.placement[guest]
    if (from === target) return
    const load = this.model.guests[guest].load
    this.loads[from].add(load, -1)
    this.loads[target].add(load, 1)
    const list = this.members[from]
    const last = list.pop()!
    if (last !== guest) {
      list[this.slot[guest]] = last
      this.slot[last] = this.slot[guest]
    }
    this.slot[guest] = this.members[target].push(guest) - 1
    if (this.storageUsed.length > 0) this.moveVolumes(guest, from, target)
    this.placement[guest] = target
    this.version[from]++
    this.version[target]++
    this.changes++
    const {journals} = this
    if (journals !== undefined) {
      // A search makes hundreds of thousands of moves; past that, the journals start again.
      if (this.journaled >= JOURNAL_LIMIT) this.restartJournals()
      this.journaled += 2
      journals[from].push(guest)
      journals[target].push(guest)
    }
  }

  /**
   * What a guest's local volumes hold on `node`'s storages: on its own node what they are
   * known to free when leaving, elsewhere what they were counted at when copied there.
   */
  volumeBytes(guest: number, node: number, storage: number, volume: number): number {
    const storages = this.model.storage!
    const v = storages.volumes[guest][volume]
    return node === this.origin[guest] ? v.frees : volumeNeed(v, storages.storages[storage])
  }

  /** The storage a guest's volume is on when the guest is on `node` (-1: none listed). */
  volumeStorage(guest: number, node: number, volume: number): number {
    const storages = this.model.storage!
    const v = storages.volumes[guest][volume]
    return node === this.origin[guest] ? v.source : storageOn(storages, node, v)
  }

  private moveVolumes(guest: number, from: number, target: number): void {
    const storages = this.model.storage!.storages
    const volumes = this.model.storage!.volumes[guest]
    if (volumes.length > 0) this.freed[from]++
    for (let i = 0; i < volumes.length; i++) {
      const off = this.volumeStorage(guest, from, i)
      if (off >= 0 && counted(storages[off])) this.storageUsed[off] -= this.volumeBytes(guest, from, off, i)
      const on = this.volumeStorage(guest, target, i)
      if (on >= 0 && counted(storages[on])) this.storageUsed[on] += this.volumeBytes(guest, target, on, i)
    }
  }

  /** Utilisation of a node in percent, as the policy's method measures it. */
  utilisation(node: number): number {
    // Asked far more often than a node's guests change: kept until they do.
    if (this.measuredAt[node] === this.version[node]) return this.measured[node]
    const u = this.utilisationWith(node, NO_LOAD, 1)
    this.measured[node] = u
    this.measuredAt[node] = this.version[node]
    return u
  }

  /** Utilisation a node would have with `delta` more load (`sign` -1: less). */
  utilisationWith(node: number, delta: Load, sign: 1 | -1): number {
    const w = this.model.weights
    const capacity = this.model.nodes[node].capacity
    const load = this.loads[node]
    let sum = 0
    if (w.memory) sum += w.memory * ratio(load.memory + sign * delta.memory, capacity.memory)
    if (w.cpu) sum += w.cpu * ratio(load.cpu + sign * delta.cpu, capacity.cpu)
    if (w.disk) sum += w.disk * ratio(load.disk + sign * delta.disk, capacity.disk)
    return (100 * sum) / this.weightSum
  }

  /**
   * The utilisation points `load` accounts for on `node`, whatever else the node carries
   * (utilisation is linear in load; a resource the node has none of counts nothing).
   */
  pointsOf(node: number, load: Load): number {
    const w = this.model.weights
    const capacity = this.model.nodes[node].capacity
    let sum = 0
    if (w.memory && capacity.memory > 0) sum += (w.memory * load.memory) / capacity.memory
    if (w.cpu && capacity.cpu > 0) sum += (w.cpu * load.cpu) / capacity.cpu
    if (w.disk && capacity.disk > 0) sum += (w.disk * load.disk) / capacity.disk
    return (100 * sum) / this.weightSum
  }

  /** Most minus least utilisation among the active nodes, in percentage points. */
  spread(): number {
    if (this.active.length < 2) return 0
    let max = -Infinity
    let min = Infinity
    for (const n of this.active) {
      const u = this.utilisation(n)
      if (u > max) max = u
      if (u < min) min = u
    }
    return max - min
  }

  /** Memory a node carries beyond its limit (0 when within). */
  memoryExcess(node: number): number {
    return Math.max(0, this.loads[node].memory - this.model.nodes[node].memoryLimit)
  }

  node(index: number): ModelNode {
    return this.model.nodes[index]
  }
}

/**
 * A node's load as the state keeps it, changed in place move by move: an object of its own
 * class, changed only by its own method. V8 then keeps its numbers unboxed and writes them
 * in place. The shared `addLoad` also adds to totals made as literals, and a function that
 * sees objects of several shapes boxes every number it stores: each move allocated six
 * (2,000,000 additions to a 100-node state: 47-51 ms and 96 MB allocated through
 * `addLoad`, 4-5 ms and 0.3 MB this way).
 */
export class NodeLoad implements Load {
  // Declared only: a field initialised to undefined first would make V8 box the numbers all the same.
  declare memory: number
  declare cpu: number
  declare disk: number

  constructor(load: Load) {
    this.memory = load.memory
    this.cpu = load.cpu
    this.disk = load.disk
  }

  /** `addLoad` onto this load. */
  add(delta: Load, sign: 1 | -1): void {
    this.memory += sign * delta.memory
    this.cpu += sign * delta.cpu
    this.disk += sign * delta.disk
  }
}

/** Entries the journals hold at most (8 MB). */
const JOURNAL_LIMIT = 2 ** 20

const NO_LOAD: Load = {memory: 0, cpu: 0, disk: 0}

function sameNumbers(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

export function addLoad(target: Load, delta: Load, sign: 1 | -1): void {
  target.memory += sign * delta.memory
  target.cpu += sign * delta.cpu
  target.disk += sign * delta.disk
}

function ratio(load: number, capacity: number): number {
  if (capacity > 0) return load / capacity
  return load > 0 ? 1 : 0
}
