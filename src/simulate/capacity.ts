/**
 * Resilience and headroom of a cluster under a policy.
 *
 * Resilience: for every online node, could the other nodes that receive guests restart its
 * running guests under the policy's hard rules? The verdict "survives the loss of any one
 * node" is yes only when a placement was found for every node's guests; a node whose
 * guests do not all fit names them and the memory they lack. With no node online there
 * is nothing left to lose, and the verdict is no.
 *
 * Headroom: how many more guests of one size fit, and on which nodes. Guests of one size
 * fill each node independently (its free memory under the limit, the free space of its
 * local storages less reserve for their disks, at most one per node when they share a
 * strict apart rule), so the count per node is exact.
 * Pure.
 */
import type {GuestBatch} from '../model/scenario.js'
import type {NormalizedPolicy} from '../model/policy.js'
import type {Snapshot} from '../model/snapshot.js'
import {Constraints} from '../planner/constraints.js'
import type {ClusterState} from '../planner/state.js'
import {compilePolicy, type PlacementModel} from '../policy/compile.js'
import {counted, storageOn, volumeNeed} from '../policy/storage.js'
import {Evacuations} from './evacuate.js'
import {newGuests, type NotPlacedGuest, withArrivals} from './what-if.js'

export interface NodeLoss {
  node: string
  /** Running guests that must restart elsewhere. */
  guests: number
  /** Their memory, as the policy counts it. */
  memory: number
  survives: boolean
  notPlaced: NotPlacedGuest[]
  /** Memory of the guests that found no node. */
  missingMemory: number
  /** exact: the verdict is proven (a placement found, or none possible); heuristic: "no" means none was found in the search budget. */
  method: 'exact' | 'heuristic'
  /** missingMemory is the least possible (false: the least found in the search budget). */
  minimal: boolean
}

export interface Resilience {
  /** Every single node can be lost with all its running guests restarted elsewhere. */
  survivesAnyOneNode: boolean
  /** exact when every verdict is proven; heuristic when a "no" only means the search found no placement in its budget. */
  method: 'exact' | 'heuristic'
  losses: NodeLoss[]
}

export function resilience(snapshot: Snapshot, policy: NormalizedPolicy, budget?: number): Resilience {
  const model = compilePolicy(snapshot, policy)
  const evacuations = new Evacuations(snapshot, model)
  const losses: NodeLoss[] = model.nodes
    .filter((n) => n.role !== 'offline')
    .map((n) => {
      const result = evacuations.evacuate(new Set([n.index]), 'failure', budget)
      const notPlaced = result.unplaced.map((u) => {
        const g = model.guests[u.guest]
        return {vmid: g.vmid, name: g.name, memory: g.load.memory, from: n.name, reason: u.reason}
      })
      return {node: n.name, guests: result.guests.length, memory: result.memory, survives: notPlaced.length === 0, notPlaced, missingMemory: result.missingMemory, method: result.settled ? 'exact' : 'heuristic', minimal: result.method === 'exact'}
    })
  return {
    survivesAnyOneNode: losses.length > 0 && losses.every((l) => l.survives),
    method: losses.some((l) => l.method === 'heuristic') ? 'heuristic' : 'exact',
    losses,
  }
}

export interface Headroom {
  batch: GuestBatch
  /** How many more guests of the batch's size fit, in total. */
  total: number
  /** Where: nodes that take at least one, by name. */
  nodes: {node: string; count: number}[]
  /** The node that takes the next one: the least utilised after placing it. */
  best?: string
}

/**
 * How many guests like `guest` the local storages of `node` take (their free space less
 * reserve over what its volumes need there, as the planner counts it); Infinity when
 * nothing is counted (no local disks, no storage information).
 */
function storageRoom(model: PlacementModel, state: ClusterState, guest: number, node: number): number {
  const storage = model.storage
  if (!storage) return Infinity
  const need = new Map<number, number>()
  for (const v of storage.volumes[guest]) {
    const s = storageOn(storage, node, v)
    if (s < 0) return 0
    if (counted(storage.storages[s])) need.set(s, (need.get(s) ?? 0) + volumeNeed(v, storage.storages[s]))
  }
  let room = Infinity
  for (const [s, bytes] of need) if (bytes > 0) room = Math.min(room, Math.floor(Math.max(0, storage.storages[s].limit - state.storageUsed[s]) / bytes + 1e-9))
  return room
}

export function headroom(snapshot: Snapshot, policy: NormalizedPolicy, batch: GuestBatch): Headroom {
  const [template] = newGuests(snapshot, batch, 1)
  const {model, state, indexes} = withArrivals(snapshot, policy, [template])
  const index = indexes[0]
  const g = model.guests[index]
  const constraints = new Constraints(state)
  const apart = model.rules.some((r) => r.kind === 'apart' && r.strict && r.members.includes(index))
  const nodes: {node: string; count: number}[] = []
  let best: string | undefined
  let lowest = Infinity
  for (const n of model.nodes) {
    if (!constraints.canPlace(index, n.index)) continue
    const byMemory = g.load.memory > 0 ? Math.floor((n.memoryLimit - state.loads[n.index].memory) / g.load.memory + 1e-9) : Infinity
    const byDisk = storageRoom(model, state, index, n.index)
    const count = Math.min(byMemory, byDisk, apart ? 1 : Infinity)
    if (count <= 0) continue
    nodes.push({node: n.name, count})
    const after = state.utilisationWith(n.index, g.load, 1)
    if (after < lowest - 1e-9) [best, lowest] = [n.name, after]
  }
  return {batch, total: nodes.reduce((sum, n) => sum + n.count, 0), nodes, ...(best ? {best} : {})}
}
