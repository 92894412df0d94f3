/**
 * Is a plan still true of the live cluster? Before anything moves, apply takes a fresh
 * snapshot and checks every move still to run against it: the guest is still the same
 * guest on the plan's source node, not locked, in a state its migration method fits; the
 * source and the target are online and the target is not in maintenance; and, taking the
 * moves in plan order on today's memory figures, each target still has room under the
 * policy's limit, and the local disks a move copies still find their storage on the
 * target, usable, with room for them under its capacity less the storage reserve (as
 * the planner counts them: src/policy/storage.ts). Every difference is listed, so the user sees at once what changed.
 *
 * The same figures become the memory model the scheduler works with. Migrations someone
 * else runs (a guest locked by `migrate` that is not one of ours) are found here too:
 * apply does not start while another migration is under way. Pure.
 */
import type {Move} from '../model/plan.js'
import type {NormalizedPolicy} from '../model/policy.js'
import {type Guest, isRunning, type Snapshot} from '../model/snapshot.js'
import {formatBytes} from '../model/units.js'
import {compilePolicy, type PlacementModel} from '../policy/compile.js'
import {contentFor, counted, storageOn, volumeNeed} from '../policy/storage.js'
import type {NodeMemory} from './schedule.js'

export interface PlanChange {
  /** Index of the move in the plan. */
  index: number
  vmid: number
  /** What changed, one sentence naming the guest. */
  message: string
}

export interface LiveCheck {
  /** Differences that make the plan stale; empty when it still holds. */
  changes: PlanChange[]
  /** Guests locked by a migration none of ours: someone else is migrating. */
  foreignMigrations: Guest[]
  /** Memory of every node now, as the policy counts it, with its limit. */
  memory: Map<string, NodeMemory>
  /** Moves whose guest is on its target already (moved along with an HA group, or by someone else): nothing to do. */
  alreadyThere: number[]
  /** Memory each move's guest occupies now (bytes), by move index. */
  moveMemory: number[]
  /** What each move's local disks need on the storages of its target, by move index: re-checked right before it starts. */
  moveDisks: DiskNeed[][]
  quorate: boolean
}

/** Bytes a move's local disks need on one storage of its target, as the planner counts them, and the bytes that storage keeps free (the policy's storage reserve). */
export interface DiskNeed {
  storage: string
  bytes: number
  reserve: number
}

export interface CheckOptions {
  /** Moves not to check (settled, or already running: a resumed run follows them). */
  skip?: ReadonlySet<number>
  /** Moves whose migration already runs: their guests' locks are ours, their memory is on its way. */
  inFlight?: ReadonlySet<number>
  /** Nodes no guest may go to now, with why (nodes being drained). */
  unavailable?: ReadonlyMap<string, string>
}

export function checkAgainstLive(snapshot: Snapshot, moves: readonly Move[], policy: NormalizedPolicy, options: CheckOptions = {}): LiveCheck {
  const skip = options.skip ?? new Set<number>()
  const inFlight = options.inFlight ?? new Set<number>()
  const model = compilePolicy(snapshot, policy)
  const memory = new Map<string, NodeMemory>(model.nodes.map((n) => [n.name, {load: n.base.memory, limit: n.memoryLimit}]))
  const guestMemory = new Map<number, number>()
  for (const g of model.guests) {
    guestMemory.set(g.vmid, g.load.memory)
    memory.get(model.nodes[g.node].name)!.load += g.load.memory
  }
  const guests = new Map(snapshot.guests.map((g) => [g.vmid, g]))
  const nodes = new Map(snapshot.nodes.map((n) => [n.name, n]))
  const moveMemory = moves.map((m) => guestMemory.get(m.vmid) ?? m.memory)
  const changes: PlanChange[] = []
  const alreadyThere: number[] = []

  moves.forEach((move, index) => {
    if (skip.has(index)) return
    const say = (message: string) => changes.push({index, vmid: move.vmid, message: `${move.name} (${move.vmid}): ${message}`})
    const guest = guests.get(move.vmid)
    if (!guest) return say('no longer exists')
    if (guest.type !== move.type) return say(`is now a ${guest.type === 'lxc' ? 'container' : 'VM'} (${guest.name}): the id was reused`)
    if (guest.name !== move.name) return say(`is now called ${guest.name || '(no name)'}: another guest has its id, or it was renamed`)
    if (guest.node === move.to && !guest.lock) return void alreadyThere.push(index)
    if (guest.node !== move.precondition.node) return say(`is now on ${guest.node}; the plan moves it from ${move.precondition.node}`)
    if (guest.lock) say(`is locked (${guest.lock})`)
    const fits = methodFits(move.method, guest)
    if (!fits) say(`is ${guest.status} now; the plan migrates it ${move.method} (it was ${move.precondition.status})`)
    const source = nodes.get(move.from)
    if (source && source.status !== 'online') say(`its node ${move.from} is ${source.status}`)
    const target = nodes.get(move.to)
    if (!target) say(`the target ${move.to} is no longer in the cluster`)
    else if (target.status !== 'online') say(`the target ${move.to} is ${target.status}`)
    else if (target.maintenance) say(`the target ${move.to} is in HA maintenance mode`)
    else if (options.unavailable?.has(move.to)) say(`the target ${move.to} ${options.unavailable.get(move.to)}`)
  })

  // Room, in plan order: the migrations already running are on their way, then each move in turn.
  // Their memory is still on their source; what their disks take on the target the storage's
  // figures hold already, in part or whole (a thick volume is allocated at the start, a thin
  // one as it is written): counted again, a resume would find the plan stale for the copy it
  // follows. The executor holds their room before it starts a move to the same storage.
  const load = new Map([...memory].map(([name, m]) => [name, m.load]))
  const disks = new StorageRoom(model)
  for (const index of inFlight) load.set(moves[index].to, (load.get(moves[index].to) ?? 0) + moveMemory[index])
  moves.forEach((move, index) => {
    if (skip.has(index) || alreadyThere.includes(index) || changes.some((c) => c.index === index)) return
    const limit = memory.get(move.to)?.limit
    const after = (load.get(move.to) ?? 0) + moveMemory[index]
    if (limit !== undefined && after > limit + 1e-6) {
      changes.push({index, vmid: move.vmid, message: `${move.name} (${move.vmid}): ${move.to} has no room for its ${formatBytes(moveMemory[index])} any more: ${formatBytes(after)} of its ${formatBytes(limit)} limit would be in use`})
      return
    }
    const disk = disks.refusal(move)
    if (disk) {
      changes.push({index, vmid: move.vmid, message: `${move.name} (${move.vmid}): ${disk}`})
      return
    }
    load.set(move.to, after)
    load.set(move.from, (load.get(move.from) ?? 0) - moveMemory[index])
    disks.arrive(move)
    disks.leave(move)
  })

  const ours = new Set([...inFlight].map((i) => moves[i].vmid))
  const foreignMigrations = snapshot.guests.filter((g) => g.lock === 'migrate' && !ours.has(g.vmid)).sort((a, b) => a.vmid - b.vmid)
  changes.sort((a, b) => a.index - b.index)
  const moveDisks = moves.map((move) => disks.needs(move))
  return {changes, foreignMigrations, alreadyThere, memory, moveMemory, moveDisks, quorate: snapshot.cluster.quorate}
}

/**
 * The live storages, filled move by move: what each move's local volumes (as the live
 * snapshot lists them) need on the target and free on the source. Nothing is checked
 * when the snapshot has no storage information, as in planning.
 */
class StorageRoom {
  private readonly used: number[]
  private readonly guest: Map<number, number>
  private readonly node: Map<string, number>

  constructor(private readonly model: PlacementModel) {
    this.used = (model.storage?.storages ?? []).map((s) => s.used)
    this.guest = new Map(model.guests.map((g) => [g.vmid, g.index]))
    this.node = new Map(model.nodes.map((n) => [n.name, n.index]))
  }

  /** Why the move's disks no longer fit its target, or undefined. */
  refusal(move: Move): string | undefined {
    const storage = this.model.storage
    const g = this.guest.get(move.vmid)
    const to = this.node.get(move.to)
    if (!storage || g === undefined || to === undefined) return undefined
    for (const v of storage.volumes[g]) {
      const s = storageOn(storage, to, v)
      const id = storage.ids[v.target]
      if (s < 0) return `the target ${move.to} has no storage ${id} for its ${v.key} any more`
      const st = storage.storages[s]
      if (!st.usable) return `storage ${id} on ${move.to} is disabled or inactive now`
      if (st.content && !st.content.includes(contentFor(this.model.guests[g].type))) return `storage ${id} on ${move.to} no longer holds ${contentFor(this.model.guests[g].type)}`
    }
    for (const [s, bytes] of this.need(move)) {
      const st = storage.storages[s]
      if (bytes > 0 && this.used[s] + bytes > st.limit + 1e-6) {
        return `storage ${st.id} on ${move.to} has no room for its disks any more: ${formatBytes(bytes)} needed, ${formatBytes(Math.max(0, st.limit - this.used[s]))} free${st.limit < st.total ? ' above its reserve' : ''}`
      }
    }
    return undefined
  }

  /** What the move's disks need on each counted storage of its target (see DiskNeed). */
  needs(move: Move): DiskNeed[] {
    const storages = this.model.storage?.storages ?? []
    return [...this.need(move)].filter(([, bytes]) => bytes > 0).map(([s, bytes]) => ({storage: storages[s].id, bytes, reserve: storages[s].total - storages[s].limit}))
  }

  arrive(move: Move): void {
    for (const [s, bytes] of this.need(move)) this.used[s] += bytes
  }

  /** Bytes the move's volumes need on each counted storage of its target, by storage index (empty without storage information). */
  private need(move: Move): Map<number, number> {
    const storage = this.model.storage
    const g = this.guest.get(move.vmid)
    const to = this.node.get(move.to)
    const need = new Map<number, number>()
    if (!storage || g === undefined || to === undefined) return need
    for (const v of storage.volumes[g]) {
      const s = storageOn(storage, to, v)
      if (s >= 0 && counted(storage.storages[s])) need.set(s, (need.get(s) ?? 0) + volumeNeed(v, storage.storages[s]))
    }
    return need
  }

  leave(move: Move): void {
    const storage = this.model.storage
    const g = this.guest.get(move.vmid)
    if (!storage || g === undefined) return
    for (const v of storage.volumes[g]) if (v.source >= 0 && counted(storage.storages[v.source])) this.used[v.source] -= v.frees
  }
}

function methodFits(method: Move['method'], guest: Guest): boolean {
  const running = isRunning(guest)
  if (method === 'offline') return guest.status === 'stopped'
  if (method === 'online') return running && guest.type === 'qemu'
  return running && guest.type === 'lxc'
}

/**
 * Whether a plan belongs to another cluster than `snapshot`: the cluster's name differs,
 * or not one guest it moves is here under its id with its name and type (a cluster of the
 * same name, other guests). One sentence saying so, or undefined when it is this cluster's.
 * Only the guests that differ from the plan, among others that match, make it stale instead.
 */
export function foreignPlan(snapshot: Snapshot, plan: {label: string; cluster: string; moves: readonly Move[]}): string | undefined {
  const here = snapshot.cluster.name
  if (plan.cluster !== here) return `${plan.label} was made for cluster ${plan.cluster}, but this is cluster ${here}: apply a plan only to the cluster it was made for; nothing was moved`
  if (plan.moves.length === 0) return undefined
  const guests = new Map(snapshot.guests.map((g) => [g.vmid, g]))
  const same = (m: Move) => guests.get(m.vmid)?.name === m.name && guests.get(m.vmid)?.type === m.type
  if (plan.moves.some(same)) return undefined
  const shown = plan.moves.slice(0, 3).map((m) => {
    const g = guests.get(m.vmid)
    return `${m.vmid} is ${m.name} (${m.type}) in the plan, ${g ? `${g.name} (${g.type}) here` : 'absent here'}`
  })
  const more = plan.moves.length > 3 ? `, and ${plan.moves.length - 3} more` : ''
  return `${plan.label} was made for another cluster named ${here}: none of the ${plan.moves.length} guests it moves is here (${shown.join('; ')}${more}); nothing was moved`
}
