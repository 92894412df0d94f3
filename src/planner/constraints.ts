/**
 * Hard rules a single move must not break: the target is a node that receives guests,
 * the guest is allowed there (pins, HA node affinity, Proxmox's allowed nodes), the
 * target keeps its memory within its limit and has room for copied local disks, and no
 * strict apart rule gets two members on one node. Each check answers with the reason it
 * refused, so plans and warnings can explain themselves.
 */
import type {ModelRule} from '../policy/compile.js'
import {type ClusterState, diskNeed} from './state.js'

export class Constraints {
  private readonly state: ClusterState
  /** Strict apart rules by guest index. */
  private readonly apartOf: ModelRule[][]

  constructor(state: ClusterState) {
    this.state = state
    this.apartOf = state.model.guests.map(() => [])
    for (const rule of state.model.rules) {
      if (rule.kind === 'apart' && rule.strict) for (const m of rule.members) this.apartOf[m].push(rule)
    }
  }

  /** Why `guest` may not move to `target` now, or undefined when it may. */
  refusal(guest: number, target: number): string | undefined {
    const {model} = this.state
    const g = model.guests[guest]
    const node = model.nodes[target]
    if (this.state.nodeOf(guest) === target) return 'it is already there'
    if (node.role !== 'active') return `${node.name} does not receive guests (${node.role})`
    if (g.allowed && !g.allowed.includes(target)) return `${node.name} is not among its allowed nodes`
    const load = this.state.loads[target]
    if (load.memory + g.load.memory > node.memoryLimit) return `${node.name} has no room for its memory`
    const disk = diskNeed(g)
    if (disk > 0 && load.disk + disk > node.capacity.disk) return `${node.name} has no room for its local disks`
    for (const rule of this.apartOf[guest]) {
      for (const other of rule.members) {
        if (other !== guest && this.state.nodeOf(other) === target) return `apart rule ${rule.name}: ${model.guests[other].name} is on ${node.name}`
      }
    }
    return undefined
  }

  canPlace(guest: number, target: number): boolean {
    return this.refusal(guest, target) === undefined
  }
}
