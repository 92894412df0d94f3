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
  const named = guests.slice(0, LISTED).map((g) => `${model.guests[g].name} (${model.guests[g].vmid})`)
  return guests.length > LISTED ? `${named.join(', ')} and ${guests.length - LISTED} more` : named.join(', ')
}

export function describeNodes(model: PlacementModel, nodes: readonly number[]): string {
  return nodes.map((n) => model.nodes[n].name).join(', ')
}

/**
 * Why a guest finds no target, in a few words: the distinct refusals of the active nodes
 * (at most three, the first nodes by name), empty when some node would take it.
 */
export function whyNowhere(draft: Draft, guest: number): string {
  const unit = draft.unit(guest, 'hard')
  const reasons: string[] = []
  for (const target of draft.state.active) {
    if (target === draft.state.nodeOf(guest)) continue
    const why = draft.refusal(unit, target, 'hard')
    if (why === undefined) return ''
    if (!reasons.includes(why)) reasons.push(why)
  }
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
