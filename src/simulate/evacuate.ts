/**
 * Where the guests of lost nodes can go: the question behind `--fail`, `--remove-node` and
 * the resilience check. The guests on the source nodes are packed onto the nodes that
 * receive guests (role active in the placement model, not a source) under the policy's
 * hard rules: each node's memory limit (capacity minus headroom and reserve), strict pins
 * and allowed nodes, strict apart rules (with the guests already there) and strict together
 * rules (members move as one; to where the rest of their group runs, when it runs on one
 * node). On a removal, local disks are copied: each unit only goes where its volumes find
 * their storage, usable and with room, counted as the planner's storage rule counts them
 * (the packing sees each node's free local storage as one figure; the placement it finds
 * is then replayed through that rule, and a unit it refuses is left without a node, with
 * why). Built on compilePolicy's PlacementModel and the planner's ClusterState, used as
 * read-only inputs. Pure.
 */
import {storageRule} from '../planner/rules/storage.js'
import {ClusterState} from '../planner/state.js'
import {counted, storageOn, volumeNeed} from '../policy/storage.js'
import {localDevices, type PlacementModel} from '../policy/compile.js'
import {type Guest, isRunning, type Snapshot} from '../model/snapshot.js'
import {guestsByVmid} from './edit.js'
import {pack, type PackBin, type PackItem} from './packing.js'

/** failure: running guests restart elsewhere, local disks are lost with the node; removal: every guest moves, local disks are copied. */
export type EvacuationKind = 'failure' | 'removal'

export interface Evacuation {
  /** Model guest index → node index, for guests that found a node. */
  placed: Map<number, number>
  /** Guests that found none, with why. */
  unplaced: {guest: number; reason: string}[]
  /** Memory of the guests left without a node (as the policy's mode counts it). */
  missingMemory: number
  /** Memory of every guest that had to go. */
  memory: number
  /** Guests that had to go. */
  guests: number[]
  /** exact: missingMemory is the least possible; heuristic: the least the search found in its budget. */
  method: 'exact' | 'heuristic'
  /** Whether "every guest fits" is settled either way (see Packing.settled). */
  settled: boolean
}

export function evacuate(snapshot: Snapshot, model: PlacementModel, sources: ReadonlySet<number>, kind: EvacuationKind, budget?: number): Evacuation {
  return new Evacuations(snapshot, model).evacuate(sources, kind, budget)
}

/**
 * Evacuations of one cluster, each from the cluster as it is: what they share (the state
 * the model starts from, the snapshot's guests by vmid) is made once, where resilience
 * asks for an evacuation of every node.
 */
export class Evacuations {
  private readonly start: ClusterState
  private readonly guests: ReadonlyMap<number, Guest>

  constructor(snapshot: Snapshot, model: PlacementModel) {
    this.start = new ClusterState(model)
    this.guests = guestsByVmid(snapshot)
  }

  evacuate(sources: ReadonlySet<number>, kind: EvacuationKind, budget?: number): Evacuation {
    return evacuateFrom(this.start.clone(), this.guests, sources, kind, budget)
  }
}

function evacuateFrom(state: ClusterState, byVmid: ReadonlyMap<number, Guest>, sources: ReadonlySet<number>, kind: EvacuationKind, budget?: number): Evacuation {
  const {model} = state
  const receivers = model.nodes.filter((n) => n.role === 'active' && !sources.has(n.index)).map((n) => n.index)
  const binOf = new Map(receivers.map((node, b) => [node, b]))

  // The sources' guests, by index as the model lists them.
  const leaving = [...sources].flatMap((node) => state.guestsOn(node).filter((g) => kind === 'removal' || isRunning(model.guests[g]))).sort((a, b) => a - b)
  const unplaced: {guest: number; reason: string}[] = []
  const candidates: number[] = []
  for (const index of leaving) {
    const source = byVmid.get(model.guests[index].vmid)
    const devices = source ? localDevices(source) : []
    if (devices.length > 0) unplaced.push({guest: index, reason: `local devices (${devices.join(', ')}) tie it to ${model.nodes[model.guests[index].node].name}`})
    else if (kind === 'failure' && model.guests[index].withLocalDisks) unplaced.push({guest: index, reason: `its local disks are on ${model.nodes[model.guests[index].node].name}`})
    else candidates.push(index)
  }

  // Strict apart rules become groups; strict together rules merge guests into units.
  const apartRules = model.rules.filter((r) => r.kind === 'apart' && r.strict)
  const apartOf = new Map<number, number[]>()
  apartRules.forEach((rule, r) => rule.members.forEach((m) => apartOf.set(m, [...(apartOf.get(m) ?? []), r])))
  const unitOf = new Map(candidates.map((g) => [g, g]))
  const find = (g: number): number => (unitOf.get(g) === g ? g : find(unitOf.get(g)!))
  const anchors = new Map<number, number | undefined>()
  for (const rule of model.rules) {
    if (rule.kind !== 'together' || !rule.strict) continue
    const moving = rule.members.filter((m) => unitOf.has(m))
    if (moving.length === 0) continue
    for (const m of moving.slice(1)) unitOf.set(find(m), find(moving[0]))
    const staying = new Set(rule.members.filter((m) => !sources.has(model.guests[m].node)).map((m) => state.nodeOf(m)))
    if (staying.size === 1) anchors.set(moving[0], [...staying][0])
  }

  const units = new Map<number, number[]>()
  for (const g of candidates) units.set(find(g), [...(units.get(find(g)) ?? []), g])
  const unitList = [...units.values()]
  const storage = kind === 'removal' && model.storage ? storageRule(model) : undefined
  const items: PackItem[] = unitList.map((members) => {
    let allowed = receivers.map((_, b) => b)
    const apart = new Set<number>()
    let clash = false
    for (const m of members) {
      const g = model.guests[m]
      if (g.allowed) allowed = allowed.filter((b) => g.allowed!.includes(receivers[b]))
      for (const r of apartOf.get(m) ?? []) {
        if (apart.has(r)) clash = true
        apart.add(r)
      }
    }
    for (const [member, node] of anchors) {
      if (members.includes(member)) allowed = node !== undefined && binOf.has(node) ? allowed.filter((b) => b === binOf.get(node)) : []
    }
    if (storage) allowed = allowed.filter((b) => storage.refuse(state, members, receivers[b], 'hard', true) === undefined)
    return {
      memory: members.reduce((sum, m) => sum + model.guests[m].load.memory, 0),
      // What the unit's disks need on the receiver that asks the most of them (thick storage counts configured sizes).
      disk: storage ? Math.max(0, ...allowed.map((b) => diskNeed(model, members, receivers[b]))) : 0,
      allowed: clash ? [] : allowed,
      apart: [...apart].sort((a, b) => a - b),
    }
  })
  // The strict apart rules with a member on each node, in the rules' order: one pass over their members.
  const presentOn = new Map<number, Set<number>>()
  apartRules.forEach((rule, r) => {
    for (const m of rule.members) {
      const node = state.nodeOf(m)
      let present = presentOn.get(node)
      if (!present) presentOn.set(node, (present = new Set()))
      present.add(r)
    }
  })
  const bins: PackBin[] = receivers.map((node) => ({
    memory: model.nodes[node].memoryLimit - state.loads[node].memory,
    disk: storage ? freeStorage(model, state, node) : 0,
    apart: [...(presentOn.get(node) ?? [])],
  }))

  const packing = pack(items, bins, budget)
  const placed = new Map<number, number>()
  const left: number[] = []
  unitList.forEach((members, u) => {
    const bin = packing.bins[u]
    const refused = bin >= 0 && storage ? storage.refuse(state, members, receivers[bin], 'hard') : undefined
    if (bin >= 0 && !refused) for (const m of members) state.move(m, receivers[bin])
    for (const m of members) {
      if (bin >= 0 && !refused) placed.set(m, receivers[bin])
      else if (refused) unplaced.push({guest: m, reason: refused})
      else if (items[u].allowed.length === 0) unplaced.push({guest: m, reason: storage ? 'no node that receives guests may take it (pins, rules, or no storage for its disks)' : 'no node that receives guests may take it (pins, rules)'})
      else left.push(u)
    }
  })
  // Left out for room: the disks' reason when no allowed node's storage takes them now.
  for (const u of new Set(left)) {
    const refusals = storage ? items[u].allowed.map((b) => storage.refuse(state, unitList[u], receivers[b], 'hard')) : []
    const why = refusals.length > 0 && refusals.every((r) => r !== undefined) ? refusals[0]! : 'no node has room for it'
    for (const m of unitList[u]) unplaced.push({guest: m, reason: why})
  }
  unplaced.sort((a, b) => a.guest - b.guest)
  const memoryOf = (list: number[]) => list.reduce((sum, g) => sum + model.guests[g].load.memory, 0)
  return {
    placed,
    unplaced,
    missingMemory: memoryOf(unplaced.map((u) => u.guest)),
    memory: memoryOf(leaving),
    guests: leaving,
    method: packing.method,
    settled: packing.settled,
  }
}

/** Bytes the local disks of `members` need on `node`'s counted storages. */
function diskNeed(model: PlacementModel, members: readonly number[], node: number): number {
  const storage = model.storage!
  let bytes = 0
  for (const m of members) {
    for (const v of storage.volumes[m]) {
      const s = storageOn(storage, node, v)
      if (s >= 0 && counted(storage.storages[s])) bytes += volumeNeed(v, storage.storages[s])
    }
  }
  return bytes
}

/** Free space of a node's counted local storages, less their reserve. */
function freeStorage(model: PlacementModel, state: ClusterState, node: number): number {
  let free = 0
  for (const s of model.storage!.storages) if (s.node === node && counted(s)) free += Math.max(0, s.limit - state.storageUsed[s.index])
  return free
}
