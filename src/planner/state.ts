/**
 * The cluster as the planner sees it while searching: where each guest is and what each
 * node carries. Mutable for speed, owned by one search at a time; the placement model
 * it is built from stays untouched.
 */
import type {Load, ModelGuest, ModelNode, PlacementModel, Resource} from '../policy/compile.js'

const RESOURCE_LIST: readonly Resource[] = ['memory', 'cpu', 'disk']

export class ClusterState {
  readonly model: PlacementModel
  /** Node index of each guest, by guest index. */
  readonly placement: Int32Array
  /** Load of each node (host base plus guests), by node index. */
  readonly loads: Load[]
  private readonly weightSum: number

  constructor(model: PlacementModel) {
    this.model = model
    this.placement = Int32Array.from(model.guests, (g) => g.node)
    this.loads = model.nodes.map((n) => ({...n.base}))
    for (const guest of model.guests) addLoad(this.loads[guest.node], guest.load, 1)
    const w = model.weights
    this.weightSum = w.memory + w.cpu + w.disk
  }

  clone(): ClusterState {
    const copy = Object.create(ClusterState.prototype) as ClusterState
    Object.assign(copy, {
      model: this.model,
      placement: Int32Array.from(this.placement),
      loads: this.loads.map((l) => ({...l})),
      weightSum: this.weightSum,
    })
    return copy
  }

  nodeOf(guest: number): number {
    return this.placement[guest]
  }

  move(guest: number, target: number): void {
    const g = this.model.guests[guest]
    addLoad(this.loads[this.placement[guest]], g.load, -1)
    addLoad(this.loads[target], g.load, 1)
    this.placement[guest] = target
  }

  /** Utilisation of a node in percent, as the policy's method measures it. */
  utilisation(node: number): number {
    return this.utilisationOf(this.model.nodes[node], this.loads[node])
  }

  /** Utilisation a node would have with `delta` more load (negative to remove). */
  utilisationWith(node: number, delta: Load, sign: 1 | -1): number {
    const l = this.loads[node]
    return this.utilisationOf(this.model.nodes[node], {
      memory: l.memory + sign * delta.memory,
      cpu: l.cpu + sign * delta.cpu,
      disk: l.disk + sign * delta.disk,
    })
  }

  utilisationOf(node: ModelNode, load: Load): number {
    const w = this.model.weights
    let sum = 0
    for (const r of RESOURCE_LIST) {
      if (w[r] === 0) continue
      sum += w[r] * ratio(load[r], node.capacity[r])
    }
    return (100 * sum) / this.weightSum
  }

  /** Guests currently on a node, by guest index ascending. */
  guestsOn(node: number): number[] {
    const out: number[] = []
    for (let i = 0; i < this.placement.length; i++) if (this.placement[i] === node) out.push(i)
    return out
  }

  /** Most minus least utilisation among the given nodes, in percentage points. */
  spread(nodes: readonly number[]): number {
    if (nodes.length < 2) return 0
    let max = -Infinity
    let min = Infinity
    for (const n of nodes) {
      const u = this.utilisation(n)
      if (u > max) max = u
      if (u < min) min = u
    }
    return max - min
  }
}

function ratio(load: number, capacity: number): number {
  if (capacity > 0) return load / capacity
  return load > 0 ? 1 : 0
}

function addLoad(target: Load, delta: Load, sign: number): void {
  target.memory += sign * delta.memory
  target.cpu += sign * delta.cpu
  target.disk += sign * delta.disk
}

/** Local disk a guest brings to its target, which must fit there. */
export function diskNeed(guest: ModelGuest): number {
  return guest.withLocalDisks ? guest.load.disk : 0
}
