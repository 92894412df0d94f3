/**
 * Placement rules from their three sources, as groups of guest indexes: the policy's
 * `rules`, ProxLB's tags and Proxmox HA rules (PVE 9 node and resource affinity). Also
 * each guest's node constraints: the nodes strict pins allow it on, and the targets it
 * may migrate to (those pins, narrowed by the nodes Proxmox itself allows).
 *
 * Rules are listed in a fixed order (policy rules as written, then tag groups by name,
 * tag pins by vmid, HA rules by id) with members ascending, so that rules, and the plans
 * made with them, do not depend on the order a snapshot lists things in.
 * Pure: no I/O.
 */
import type {NormalizedPolicy, RuleType} from '../model/policy.js'
import {compareText, type Guest, type Snapshot} from '../model/snapshot.js'
import {matchesGuest, matchesNode} from './selectors.js'
import {tagGroup, tagPin} from './tags.js'

export interface ModelRule {
  name: string
  kind: RuleType
  /** true: a hard rule no plan breaks; false: a preference, honoured where it costs no hard rule. */
  strict: boolean
  /** Guest indexes the rule covers, ascending. */
  members: number[]
  /** pin only: node indexes the guests may (or prefer to) run on, best first. */
  nodes?: number[]
  /** pin only: node names the rule names that are not in the cluster. */
  unknownNodes?: string[]
  /** Where the rule comes from: the policy, ProxLB tags, or Proxmox HA rules. */
  origin: 'policy' | 'tag' | 'ha'
}

/** The rule covers `guest` (a binary search of its ascending members). */
export function ruleHolds(rule: ModelRule, guest: number): boolean {
  const {members} = rule
  let low = 0
  let high = members.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (members[mid] < guest) low = mid + 1
    else high = mid
  }
  return members[low] === guest
}

/** Rules by the guests they cover, to find those of a few guests without scanning every rule. */
export class RulesByGuest {
  private readonly rules: readonly ModelRule[]
  /** Each rule's place in `rules`. */
  private readonly position: Map<ModelRule, number>
  /** The rules covering each guest, in their order. */
  private readonly lists: ModelRule[][]

  constructor(rules: readonly ModelRule[], guests: number) {
    this.rules = rules
    this.position = new Map(rules.map((rule, i) => [rule, i]))
    this.lists = Array.from({length: guests}, () => [])
    for (const rule of rules) for (const m of rule.members) this.lists[m].push(rule)
  }

  /** The rules that cover `guest`, in their order. */
  of(guest: number): readonly ModelRule[] {
    return this.lists[guest]
  }

  /** The rules that cover one of `guests` (all of them without `guests`), in their order. */
  holding(guests: readonly number[] | undefined): readonly ModelRule[] {
    if (!guests) return this.rules
    if (guests.length === 1) return this.lists[guests[0]]
    return [...new Set(guests.flatMap((g) => this.lists[g]))].sort((a, b) => this.position.get(a)! - this.position.get(b)!)
  }
}

/** Node constraints of one guest, by node index; absent means any node. */
export interface NodeConstraints {
  /** Nodes the guest's strict pins allow it on (the intersection of its pins). */
  pinned?: number[]
  /** Nodes the guest may migrate to: `pinned`, narrowed by Proxmox's allowed nodes. */
  allowed?: number[]
}

interface NodeRef {
  name: string
  /** The node can receive guests under the policy. */
  receives: boolean
}

export function collectRules(snapshot: Snapshot, policy: NormalizedPolicy, guests: readonly Guest[], nodes: readonly NodeRef[]): ModelRule[] {
  const nodeIndex = new Map(nodes.map((n, i) => [n.name, i]))
  const rules: ModelRule[] = []

  // Plain vmids are looked up rather than matched against every guest: rules of many
  // vmids each on clusters of many guests are otherwise rules × guests × vmids.
  const byVmid = new Map(guests.map((g, i) => [g.vmid, i]))
  for (const rule of policy.rules) {
    const patterns = rule.guests.filter((s) => typeof s !== 'number')
    const listed = rule.guests.flatMap((s) => (typeof s === 'number' && byVmid.has(s) ? [byVmid.get(s)!] : []))
    const matched = patterns.length === 0 ? [] : guests.flatMap((g, i) => (patterns.some((s) => matchesGuest(s, g)) ? [i] : []))
    const members = [...new Set([...listed, ...matched])]
    const pinNodes = rule.nodes && nodes.flatMap((n, i) => (rule.nodes!.some((s) => matchesNode(s, n.name)) ? [i] : []))
    rules.push({name: rule.name, kind: rule.type, strict: rule.strict, members, ...(pinNodes ? {nodes: pinNodes} : {}), origin: 'policy'})
  }
  if (policy.proxlbTags) rules.push(...tagRules(guests, nodeIndex))
  rules.push(...haRules(snapshot, guests, nodes, nodeIndex))
  for (const rule of rules) rule.members.sort((a, b) => a - b)
  return rules
}

function tagRules(guests: readonly Guest[], nodeIndex: Map<string, number>): ModelRule[] {
  const groups = new Map<string, ModelRule>()
  const pins: ModelRule[] = []
  guests.forEach((g, i) => {
    const pinTags: string[] = []
    for (const tag of g.tags ?? []) {
      const group = tagGroup(tag)
      if (group) {
        const key = `${group.kind}:${group.name}`
        const rule = groups.get(key) ?? {name: group.name, kind: group.kind, strict: true, members: [], origin: 'tag' as const}
        if (!rule.members.includes(i)) rule.members.push(i)
        groups.set(key, rule)
      } else if (tagPin(tag) !== undefined) pinTags.push(tagPin(tag)!)
    }
    if (pinTags.length > 0) {
      const known = [...new Set(pinTags.filter((n) => nodeIndex.has(n)).map((n) => nodeIndex.get(n)!))].sort((a, b) => a - b)
      const unknown = [...new Set(pinTags.filter((n) => !nodeIndex.has(n)))].sort(compareText)
      pins.push({name: `plb_pin (${g.vmid})`, kind: 'pin', strict: true, members: [i], nodes: known, ...(unknown.length ? {unknownNodes: unknown} : {}), origin: 'tag'})
    }
  })
  return [...[...groups.values()].sort((a, b) => compareText(a.name, b.name) || compareText(a.kind, b.kind)), ...pins]
}

function haRules(snapshot: Snapshot, guests: readonly Guest[], nodes: readonly NodeRef[], nodeIndex: Map<string, number>): ModelRule[] {
  const vmidIndex = new Map(guests.map((g, i) => [g.vmid, i]))
  const rules: ModelRule[] = []
  for (const haRule of [...(snapshot.ha?.rules ?? [])].sort((a, b) => compareText(a.id, b.id))) {
    if (haRule.disabled) continue
    const members = [...new Set(haRule.resources.flatMap((vmid) => (vmidIndex.has(vmid) ? [vmidIndex.get(vmid)!] : [])))]
    const name = `ha:${haRule.id}`
    if (haRule.type === 'resource-affinity') {
      rules.push({name, kind: haRule.affinity === 'negative' ? 'apart' : 'together', strict: true, members, origin: 'ha'})
      continue
    }
    const listed = (haRule.nodes ?? []).filter((n) => nodeIndex.has(n.node))
    const unknown = (haRule.nodes ?? []).filter((n) => !nodeIndex.has(n.node)).map((n) => n.node)
    const strict = haRule.strict ?? false
    // A strict rule allows every listed node. A preference, like the HA manager, wants the
    // highest priority among the nodes that can take guests.
    const usable = strict ? listed : listed.filter((n) => nodes[nodeIndex.get(n.node)!].receives)
    const top = Math.max(...usable.map((n) => n.priority ?? 0))
    const preferred = strict || usable.length === 0 ? listed : usable.filter((n) => (n.priority ?? 0) === top)
    const pinNodes = [...new Set(preferred.map((n) => nodeIndex.get(n.node)!))].sort((a, b) => a - b)
    rules.push({name, kind: 'pin', strict, members, nodes: pinNodes, ...(unknown.length ? {unknownNodes: [...new Set(unknown)].sort(compareText)} : {}), origin: 'ha'})
  }
  return rules
}

/**
 * Each guest's pinned nodes (strict pins intersected) and allowed targets (those, narrowed
 * by Proxmox's allowed nodes, which name migration targets and so never the current node).
 */
export function nodeConstraints(guests: readonly Guest[], rules: readonly ModelRule[], nodeNames: readonly string[]): NodeConstraints[] {
  const nodeIndex = new Map(nodeNames.map((n, i) => [n, i]))
  const pinned: (Set<number> | undefined)[] = guests.map(() => undefined)
  for (const rule of rules) {
    if (rule.kind !== 'pin' || !rule.strict) continue
    const nodes = new Set(rule.nodes ?? [])
    for (const m of rule.members) pinned[m] = pinned[m] ? new Set([...pinned[m]!].filter((n) => nodes.has(n))) : nodes
  }
  return guests.map((g, i) => {
    const pins = pinned[i] && [...pinned[i]!].sort((a, b) => a - b)
    const proxmox = g.migration?.allowedNodes && new Set(g.migration.allowedNodes.flatMap((name) => (nodeIndex.has(name) ? [nodeIndex.get(name)!] : [])))
    if (!pins && !proxmox) return {}
    const allowed = (pins ?? nodeNames.map((_, n) => n)).filter((n) => !proxmox || proxmox.has(n))
    return {...(pins ? {pinned: pins} : {}), allowed}
  })
}
