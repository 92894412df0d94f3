/**
 * Which placement rules a cluster breaks, before and after some moves, in the planner's
 * own terms: the same rules, the same checks the search repairs by (a maintenance node
 * still holding a guest that could leave counts too). For reports that say what a scoped
 * plan (a drain) keeps, gives up and leaves broken; not for planning. Pure.
 */
import type {NormalizedPolicy} from '../model/policy.js'
import type {Snapshot} from '../model/snapshot.js'
import {compilePolicy} from '../policy/compile.js'
import {Draft} from './draft.js'
import {describeGuests, describeNodes} from './rules/explain.js'
import type {RuleKind, Violation} from './rules/rule.js'
import type {ClusterState} from './state.js'

export interface BrokenRule {
  /** The rule's name (policy, tag or `ha:` rule), or the kind for rules without one (capacity). */
  rule: string
  kind: RuleKind
  strict: boolean
  /** Guests concerned, by vmid. */
  guests: number[]
  nodes: string[]
  /** One sentence: `apart rule db: db-01 (301), db-02 (302) share pve1`. */
  message: string
}

export interface RuleChanges {
  before: BrokenRule[]
  after: BrokenRule[]
}

/** The rules `snapshot` breaks under `policy`, and those it breaks once `moves` are made. */
export function ruleChanges(snapshot: Snapshot, policy: NormalizedPolicy, moves: readonly {vmid: number; to: string}[]): RuleChanges {
  const draft = new Draft(compilePolicy(snapshot, policy))
  const {model} = draft
  const before = broken(draft, draft.initial)
  const guestIndex = new Map(model.guests.map((g) => [g.vmid, g.index]))
  const nodeIndex = new Map(model.nodes.map((n) => [n.name, n.index]))
  for (const m of moves) {
    const g = guestIndex.get(m.vmid)
    const n = nodeIndex.get(m.to)
    if (g !== undefined && n !== undefined) draft.state.move(g, n)
  }
  return {before, after: broken(draft, draft.state)}
}

/** The key a rule keeps across placements: its kind, strictness and name. */
export function ruleKey(r: Pick<BrokenRule, 'kind' | 'strict' | 'rule'>): string {
  return `${r.kind} ${r.strict ? 'strict' : 'soft'} ${r.rule}`
}

function broken(draft: Draft, state: ClusterState): BrokenRule[] {
  const {model} = draft
  const violations: Violation[] = [true, false].flatMap((strict) => draft.rules.flatMap((rule) => rule.violations(state, strict)))
  return violations.map((v) => {
      const name = v.rule?.name ?? v.kind
      const on = (guests: readonly number[]) => describeNodes(model, [...new Set(guests.map((g) => state.nodeOf(g)))].sort((a, b) => a - b))
      const label =
        v.kind === 'capacity' ? `${describeNodes(model, v.nodes)} over its memory limit`
        : v.kind === 'maintenance' ? `${describeNodes(model, v.nodes)} in maintenance still holds ${describeGuests(model, v.guests)}`
        : `${v.kind} ${v.strict ? 'rule' : 'preference'} ${name}`
      const where = v.kind === 'capacity' || v.kind === 'maintenance' ? '' : `: ${describeGuests(model, v.guests)} on ${on(v.guests)}`
      return {rule: name, kind: v.kind, strict: v.strict, guests: v.guests.map((g) => model.guests[g].vmid), nodes: v.nodes.map((n) => model.nodes[n].name), message: `${label}${where}`}
  })
}
