/**
 * Words for warnings: guests and nodes named the way every rule names them, and a
 * violation turned into a plan warning. Presentation only; no decisions.
 */
import type {PlanWarning} from '../../model/plan.js'
import type {PlacementModel} from '../../policy/compile.js'
import type {Draft} from '../draft.js'
import type {ClusterState} from '../state.js'
import type {Violation} from './rule.js'

const LISTED = 8

/** `db-1 (101), db-2 (102)`, shortened after a few. */
export function describeGuests(model: PlacementModel, guests: readonly number[]): string {
  return shortened(guests, (g) => `${model.guests[g].name} (${model.guests[g].vmid})`)
}

/** The items named and joined, the first few only and how many more. */
function shortened(items: readonly number[], name: (item: number) => string): string {
  const named = items.slice(0, LISTED).map(name).join(', ')
  return items.length > LISTED ? `${named} and ${items.length - LISTED} more` : named
}

export function describeNodes(model: PlacementModel, nodes: readonly number[]): string {
  return nodes.map((n) => model.nodes[n].name).join(', ')
}

/**
 * Why a guest finds no target, in a few words: the distinct refusals of the active nodes
 * (at most three, the first nodes by name), empty when some node would take it. The nodes
 * a guest of the unit may not run on (its pins, Proxmox's allowed nodes, the node a
 * cooling guest left) are told first, in one phrase for the guest (the nodes it may run
 * on, or those it may not, whichever are fewer), rather than as one refusal for each
 * node, which would crowd out what refuses the nodes it may run on.
 */
export function whyNowhere(draft: Draft, guest: number): string {
  const {model} = draft
  const unit = draft.unit(guest, 'hard')
  const barred = new Map<number, number[]>()
  const reasons: string[] = []
  for (const target of draft.state.active) {
    if (target === draft.state.nodeOf(guest)) continue
    const why = draft.refusal(unit, target, 'hard')
    if (why === undefined) return ''
    const outside = unit.filter((m) => model.guests[m].allowed?.includes(target) === false)
    for (const m of outside) {
      const nodes = barred.get(m)
      if (nodes) nodes.push(target)
      else barred.set(m, [target])
    }
    if (outside.length === 0 && !reasons.includes(why)) reasons.push(why)
  }
  // A node the guest may run on that receives no guests says why (in maintenance, say).
  const nodeName = (n: number) => (model.nodes[n].role === 'active' ? model.nodes[n].name : `${model.nodes[n].name} (${model.nodes[n].role})`)
  const bounds = [...barred].sort(([a], [b]) => a - b).map(([m, nodes]) => {
    const allowed = model.guests[m].allowed!
    const name = model.guests[m].name
    return allowed.length <= nodes.length ? `${name} may run only on ${shortened(allowed, nodeName)}` : `${name} may not run on ${shortened(nodes, (n) => model.nodes[n].name)}`
  })
  reasons.unshift(...bounds)
  return reasons.length === 0 ? '' : `${reasons.slice(0, 3).join('; ')}${reasons.length > 3 ? ` (and ${reasons.length - 3} more)` : ''}`
}

/** The nodes the guests are on now, ascending. */
export function nodesOf(state: ClusterState, guests: readonly number[]): number[] {
  return [...new Set(guests.map((g) => state.nodeOf(g)))].sort((a, b) => a - b)
}

export function toWarning(model: PlacementModel, code: PlanWarning['code'], v: Violation, message: string): PlanWarning {
  return {
    code,
    message,
    ...(v.guests.length ? {guests: v.guests.map((g) => model.guests[g].vmid)} : {}),
    ...(v.nodes.length ? {nodes: v.nodes.map((n) => model.nodes[n].name)} : {}),
    ...(v.rule ? {rule: v.rule.name} : {}),
  }
}
