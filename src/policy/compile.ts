/**
 * Policy compilation: a snapshot and a normalized policy become the placement model the
 * planner searches over.
 *
 * Here every policy decision that does not depend on the search is settled once: each
 * node's role and memory limit (capacity minus headroom and reserve), each guest's load
 * as the policy measures it, whether it may move and why not, how it would migrate and
 * what that costs, and the rules (policy rules, ProxLB tags, Proxmox HA rules) as groups
 * of guest indexes. Nodes are sorted by name and guests by vmid, so the model, and every
 * plan made from it, is the same whatever order the snapshot lists them in.
 * Pure: no I/O, no clock.
 */
import type {PlanWarning} from '../model/plan.js'
import type {GuestType, Method, Mode, NormalizedPolicy, RuleType} from '../model/policy.js'
import {compareText, type Guest, type Node, type Snapshot} from '../model/snapshot.js'
import {matchesGuest, matchesNode} from './selectors.js'

export type Resource = 'memory' | 'cpu' | 'disk'
export const RESOURCES: readonly Resource[] = ['memory', 'cpu', 'disk']

/** An amount of each resource: bytes for memory and disk, cores for cpu. */
export interface Load {
  memory: number
  cpu: number
  disk: number
}

export type NodeRole = 'active' | 'ignored' | 'maintenance' | 'offline'

export interface ModelNode {
  index: number
  name: string
  /** active nodes give and receive guests; maintenance nodes only give; the others neither. */
  role: NodeRole
  capacity: Load
  /** Load of the host itself (everything but its guests), as the policy's mode counts it. */
  base: Load
  /** Most memory load the node may carry after any move: capacity minus headroom and reserve. */
  memoryLimit: number
}

export type MigrationMethod = 'online' | 'restart' | 'offline'

export interface ModelGuest {
  index: number
  vmid: number
  name: string
  type: GuestType
  status: Guest['status']
  lock?: string
  /** Index of the node the guest is on. */
  node: number
  /** What the guest adds to its node's load, as the policy's mode counts it. */
  load: Load
  /** The guest may be migrated by a plan. */
  movable: boolean
  /** Why it may not (empty when movable). */
  blockers: string[]
  /** Ignored by policy or tag: never moves and is not reported as unmovable. */
  ignored: boolean
  method: MigrationMethod
  withLocalDisks: boolean
  /** Bytes a migration transfers: memory for a live move, plus local disks when copied. */
  bytes: number
  /** Strict node constraints (pins, HA node affinity, Proxmox's allowed nodes): node indexes, or undefined for any. */
  allowed?: number[]
  /** Preferred nodes (non-strict pins), best first. */
  preferred?: number[]
}

export type RuleKind = RuleType

export interface ModelRule {
  name: string
  kind: RuleKind
  strict: boolean
  /** Guest indexes the rule covers, ascending. */
  members: number[]
  /** pin: node indexes the guests may run on. */
  nodes?: number[]
  /** Where the rule comes from: the policy, ProxLB tags, or Proxmox HA rules. */
  origin: 'policy' | 'tag' | 'ha'
}

export interface PlacementModel {
  nodes: ModelNode[]
  guests: ModelGuest[]
  rules: ModelRule[]
  method: Method
  mode: Mode
  /** Weights used for utilisation; for a single-resource method, 1 on that resource. */
  weights: Load
  /** Allowed spread in percentage points. */
  threshold: number
  maxMoves: number
  maxBytesMoved: number
  parallel: number
  perNode: number
  /** Migrations are possible at all (the cluster has quorum). */
  quorate: boolean
  warnings: PlanWarning[]
}

export function compilePolicy(snapshot: Snapshot, policy: NormalizedPolicy): PlacementModel {
  const warnings: PlanWarning[] = []
  const sortedNodes = [...snapshot.nodes].sort((a, b) => compareText(a.name, b.name))
  const sortedGuests = [...snapshot.guests].sort((a, b) => a.vmid - b.vmid)
  const nodeIndex = new Map(sortedNodes.map((n, i) => [n.name, i]))
  const {mode} = policy.balance

  const guestLoads = sortedGuests.map((g) => guestLoad(g, mode))
  const guestSums = sortedNodes.map(() => ({memory: 0, cpu: 0, disk: 0, measuredMemory: 0, measuredCpu: 0}))
  sortedGuests.forEach((g, i) => {
    const sum = guestSums[nodeIndex.get(g.node)!]
    sum.memory += guestLoads[i].memory
    sum.cpu += guestLoads[i].cpu
    sum.disk += guestLoads[i].disk
    if (isRunning(g)) {
      sum.measuredMemory += g.memory.used
      sum.measuredCpu += g.cpu.used
    }
  })

  const nodes: ModelNode[] = sortedNodes.map((node, index) => {
    const sum = guestSums[index]
    const capacity = {memory: node.memory.total, cpu: node.cpu.cores, disk: node.disk.total}
    // The host's own load is what the node uses beyond its running guests.
    const base = {
      memory: Math.max(0, node.memory.used - sum.measuredMemory),
      cpu: Math.max(0, node.cpu.used - sum.measuredCpu),
      disk: Math.max(0, node.disk.used - sum.disk),
    }
    return {index, name: node.name, role: nodeRole(node, policy), capacity, base, memoryLimit: memoryLimit(node, policy)}
  })

  const guests: ModelGuest[] = sortedGuests.map((g, index) => {
    const node = nodes[nodeIndex.get(g.node)!]
    const ignored = isIgnored(g, policy)
    const localDiskBytes = (g.migration?.localDisks ?? []).reduce((sum, d) => sum + (d.cdrom ? 0 : d.size), 0)
    const method: MigrationMethod = g.status === 'stopped' ? 'offline' : g.type === 'lxc' ? 'restart' : 'online'
    const withLocalDisks = localDiskBytes > 0
    const memoryBytes = method === 'online' ? g.memory.used || g.memory.assigned : 0
    return {
      index,
      vmid: g.vmid,
      name: g.name,
      type: g.type,
      status: g.status,
      ...(g.lock ? {lock: g.lock} : {}),
      node: node.index,
      load: guestLoads[index],
      ignored,
      blockers: ignored ? ['ignored by policy'] : blockers(g, node, policy, method),
      movable: false,
      method,
      withLocalDisks,
      bytes: memoryBytes + (withLocalDisks ? localDiskBytes : 0),
    }
  })
  for (const guest of guests) guest.movable = guest.blockers.length === 0

  const rules = collectRules(snapshot, policy, sortedGuests, nodeIndex, nodes, warnings)
  applyNodeConstraints(guests, sortedGuests, rules, nodeIndex, warnings)

  if (!snapshot.cluster.quorate) {
    warnings.push({code: 'quorum', message: 'the cluster had no quorum when the snapshot was taken: nothing can migrate until it is quorate again'})
  }
  if (snapshot.cluster.crs?.autoRebalance) {
    warnings.push({code: 'conflict', message: "Proxmox's own HA auto-rebalance (crs ha-auto-rebalance) is on: two balancers will move guests against each other; turn one of them off"})
  }

  const weights =
    policy.balance.method === 'weighted'
      ? policy.balance.weights
      : {memory: 0, cpu: 0, disk: 0, [policy.balance.method]: 1}
  return {
    nodes,
    guests,
    rules,
    method: policy.balance.method,
    mode,
    weights,
    threshold: policy.balance.threshold,
    maxMoves: policy.limits.maxMoves ?? Number.POSITIVE_INFINITY,
    maxBytesMoved: policy.limits.maxBytesMoved ?? Number.POSITIVE_INFINITY,
    parallel: policy.limits.parallel,
    perNode: Math.min(policy.limits.perNode, policy.limits.parallel),
    quorate: snapshot.cluster.quorate,
    warnings,
  }
}

function isRunning(guest: Guest): boolean {
  return guest.status === 'running' || guest.status === 'paused'
}

/** What a guest adds to its node's load. Stopped guests use nothing but their local disks. */
function guestLoad(guest: Guest, mode: Mode): Load {
  const localDisk = (guest.migration?.localDisks ?? []).reduce((sum, d) => sum + (d.cdrom ? 0 : d.size), 0)
  if (!isRunning(guest)) return {memory: 0, cpu: 0, disk: localDisk}
  return mode === 'used'
    ? {memory: guest.memory.used, cpu: guest.cpu.used, disk: localDisk}
    : {memory: guest.memory.assigned, cpu: guest.cpu.cores, disk: localDisk}
}

function nodeRole(node: Node, policy: NormalizedPolicy): NodeRole {
  if (node.status !== 'online') return 'offline'
  if (policy.ignore.nodes.some((s) => matchesNode(s, node.name))) return 'ignored'
  if (node.maintenance || policy.maintenance.nodes.some((s) => matchesNode(s, node.name))) return 'maintenance'
  return 'active'
}

function memoryLimit(node: Node, policy: NormalizedPolicy): number {
  const {headroom, reserve} = policy.limits
  const kept = typeof headroom === 'string' ? (node.memory.total * Number.parseFloat(headroom)) / 100 : headroom
  return Math.max(0, node.memory.total - kept - (reserve[node.name] ?? 0))
}

function isIgnored(guest: Guest, policy: NormalizedPolicy): boolean {
  if (policy.ignore.guests.some((s) => matchesGuest(s, guest))) return true
  return policy.proxlbTags && (guest.tags ?? []).some((tag) => tag === 'plb_ignore_vm' || tag.startsWith('plb_ignore_'))
}

const LOCAL_DEVICE = /^(hostpci|usb|serial|parallel|ivshmem|virtiofs)/

/** Why a guest may not move, as short phrases ("locked (backup)"); empty when it may. */
function blockers(guest: Guest, node: ModelNode, policy: NormalizedPolicy, method: MigrationMethod): string[] {
  const reasons: string[] = []
  const m = policy.migration
  if (node.role === 'offline') reasons.push(`on offline node ${node.name}`)
  if (node.role === 'ignored') reasons.push(`on ignored node ${node.name}`)
  if (guest.template && !m.templates) reasons.push('template (migration.templates is off)')
  if (guest.lock) reasons.push(`locked (${guest.lock})`)
  if (!policy.balance.guestTypes.includes(guest.type)) reasons.push(`${guest.type} not in balance.guestTypes`)
  if (guest.status === 'unknown') reasons.push('state unknown')
  const devices = (guest.migration?.localResources ?? []).filter((r) => LOCAL_DEVICE.test(r))
  if (devices.length > 0) reasons.push(`local devices (${devices.join(', ')})`)
  const localDisks = guest.migration?.localDisks ?? []
  const disks = localDisks.filter((d) => !d.cdrom)
  if (disks.length > 0 && !m.withLocalDisks) reasons.push(`local disks (${disks.map((d) => d.key).join(', ')}) and migration.withLocalDisks is off`)
  if (method === 'online' && localDisks.some((d) => d.cdrom)) reasons.push('local CD-ROM image attached')
  if (method === 'online' && !m.online) reasons.push('running, and migration.online is off')
  if (method === 'restart' && !m.restartContainers) reasons.push('running container, and migration.restartContainers is off')
  if (guest.ha?.managed && !m.haManaged) reasons.push('HA-managed, and migration.haManaged is off')
  return reasons
}

const TAG_RULES: readonly {prefix: string; kind: RuleKind}[] = [
  {prefix: 'plb_include_', kind: 'together'},
  {prefix: 'plb_affinity_', kind: 'together'},
  {prefix: 'plb_exclude_', kind: 'apart'},
  {prefix: 'plb_anti_affinity_', kind: 'apart'},
]

function collectRules(
  snapshot: Snapshot,
  policy: NormalizedPolicy,
  guests: Guest[],
  nodeIndex: Map<string, number>,
  nodes: ModelNode[],
  warnings: PlanWarning[],
): ModelRule[] {
  const rules: ModelRule[] = []
  const nodeNames = nodes.map((n) => n.name)

  for (const rule of policy.rules) {
    const members = guests.flatMap((g, i) => (rule.guests.some((s) => matchesGuest(s, g)) ? [i] : []))
    const pinNodes = rule.nodes ? nodeNames.flatMap((name, i) => (rule.nodes!.some((s) => matchesNode(s, name)) ? [i] : [])) : undefined
    rules.push({name: rule.name, kind: rule.type, strict: rule.strict, members, ...(pinNodes ? {nodes: pinNodes} : {}), origin: 'policy'})
  }

  if (policy.proxlbTags) {
    const groups = new Map<string, ModelRule>()
    const pins = new Map<number, number[]>()
    guests.forEach((g, i) => {
      for (const tag of g.tags ?? []) {
        const tagRule = TAG_RULES.find((t) => tag.startsWith(t.prefix) && tag.length > t.prefix.length)
        if (tagRule) {
          const name = `${tagRule.kind === 'together' ? 'plb_include_' : 'plb_exclude_'}${tag.slice(tagRule.prefix.length)}`
          const key = `${tagRule.kind}:${name}`
          const group = groups.get(key) ?? {name, kind: tagRule.kind, strict: true, members: [], origin: 'tag' as const}
          if (!group.members.includes(i)) group.members.push(i)
          groups.set(key, group)
        } else if (tag.startsWith('plb_pin_')) {
          const target = nodeIndex.get(tag.slice('plb_pin_'.length))
          const list = pins.get(i) ?? []
          if (target === undefined) {
            warnings.push({code: 'unsatisfiable', message: `guest ${g.vmid} (${g.name}) is pinned by tag ${tag} to a node that is not in the cluster`, guests: [g.vmid], rule: tag})
          } else list.push(target)
          pins.set(i, list)
        }
      }
    })
    rules.push(...[...groups.values()].sort((a, b) => compareText(a.name, b.name)))
    for (const [guest, list] of pins) {
      rules.push({name: `plb_pin (${guests[guest].vmid})`, kind: 'pin', strict: true, members: [guest], nodes: [...new Set(list)].sort((a, b) => a - b), origin: 'tag'})
    }
  }

  const vmidIndex = new Map(guests.map((g, i) => [g.vmid, i]))
  for (const haRule of [...(snapshot.ha?.rules ?? [])].sort((a, b) => compareText(a.id, b.id))) {
    if (haRule.disabled) continue
    const members = [...new Set(haRule.resources.flatMap((vmid) => (vmidIndex.has(vmid) ? [vmidIndex.get(vmid)!] : [])))].sort((a, b) => a - b)
    if (haRule.type === 'resource-affinity') {
      rules.push({name: `ha:${haRule.id}`, kind: haRule.affinity === 'negative' ? 'apart' : 'together', strict: true, members, origin: 'ha'})
    } else {
      // Higher priority first: the HA manager prefers (and with failback returns to) those.
      const ordered = [...(haRule.nodes ?? [])].sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0) || compareText(a.node, b.node))
      const pinNodes = ordered.flatMap((n) => (nodeIndex.has(n.node) ? [nodeIndex.get(n.node)!] : []))
      rules.push({name: `ha:${haRule.id}`, kind: 'pin', strict: haRule.strict ?? false, members, nodes: pinNodes, origin: 'ha'})
    }
  }

  for (const rule of rules) rule.members.sort((a, b) => a - b)
  reportStaticConflicts(rules, guests, nodes, warnings)
  return rules
}

/** Rules no placement can satisfy, found before any search. */
function reportStaticConflicts(rules: ModelRule[], guests: Guest[], nodes: ModelNode[], warnings: PlanWarning[]): void {
  const receivers = nodes.filter((n) => n.role === 'active' || n.role === 'ignored' || n.role === 'maintenance').length
  for (const rule of rules) {
    const vmids = rule.members.map((i) => guests[i].vmid)
    if (rule.kind === 'apart' && rule.strict && rule.members.length > receivers) {
      warnings.push({code: 'unsatisfiable', rule: rule.name, guests: vmids, message: `apart rule ${rule.name} has ${rule.members.length} guests but only ${receivers} nodes can hold guests: at least two must share a node`})
    }
    if (rule.kind === 'pin' && rule.nodes) {
      const unusable = rule.nodes.filter((i) => nodes[i].role !== 'active').map((i) => nodes[i].name)
      if (rule.nodes.length === 0) {
        warnings.push({code: 'unsatisfiable', rule: rule.name, guests: vmids, message: `pin rule ${rule.name} matches no node in the cluster`})
      } else if (unusable.length === rule.nodes.length && rule.strict) {
        warnings.push({code: 'unsatisfiable', rule: rule.name, guests: vmids, nodes: unusable, message: `pin rule ${rule.name} only allows nodes that cannot receive guests (${unusable.join(', ')}: ignored, in maintenance or offline)`})
      }
    }
  }
}

/** Sets each guest's allowed and preferred nodes from pins and Proxmox's own allowed nodes. */
function applyNodeConstraints(guests: ModelGuest[], source: Guest[], rules: ModelRule[], nodeIndex: Map<string, number>, warnings: PlanWarning[]): void {
  const allowed = new Map<number, Set<number>>()
  const restrict = (guest: number, nodes: Iterable<number>) => {
    const next = new Set(nodes)
    const current = allowed.get(guest)
    allowed.set(guest, current ? new Set([...current].filter((n) => next.has(n))) : next)
  }
  source.forEach((g, i) => {
    if (g.migration?.allowedNodes) restrict(i, g.migration.allowedNodes.flatMap((name) => (nodeIndex.has(name) ? [nodeIndex.get(name)!] : [])))
  })
  for (const rule of rules) {
    if (rule.kind !== 'pin' || !rule.nodes) continue
    for (const member of rule.members) {
      if (rule.strict) restrict(member, rule.nodes)
      else guests[member].preferred ??= [...rule.nodes]
    }
  }
  for (const [index, set] of allowed) {
    const guest = guests[index]
    guest.allowed = [...set].sort((a, b) => a - b)
    // The current node counts as allowed only when a rule says so; an empty set is a conflict.
    if (guest.allowed.length === 0) {
      warnings.push({code: 'unsatisfiable', guests: [guest.vmid], message: `guest ${guest.vmid} (${guest.name}) has pins that allow no node at all; it stays where it is`})
    }
  }
}

