/**
 * Policy compilation: a snapshot and a normalized policy become the placement model the
 * planner searches over.
 *
 * Here every policy decision that does not depend on the search is settled once: each
 * node's role and memory limit, each guest's load as the policy measures it, whether it
 * may move and why not, how it would migrate and what that costs, and the rules (policy
 * rules, ProxLB tags, Proxmox HA rules) as groups of guest indexes. Nodes are sorted by
 * name and guests by vmid, so the model, and every plan made from it, is the same
 * whatever order the snapshot lists them in.
 *
 * What a load is:
 * - `used` mode counts what guests use now (measured memory and CPU); `assigned` mode
 *   counts what they are configured with (memory size, vCPUs).
 * - In both modes only running (or paused) guests count for memory and CPU: a stopped
 *   guest uses neither, as in ProxLB, which reads running guests only. Its local disks
 *   count in both modes, since they fill the node's storage whether it runs or not.
 * - A node's load is its host's own share (what the node uses beyond its running guests,
 *   measured) plus its guests' loads; utilisation is that load over the node's capacity,
 *   per resource, so nodes of different sizes compare fairly.
 * - The memory limit of a node is its capacity minus the policy's headroom and the node's
 *   reserve; the memory load, as the mode counts it, must stay within it. In `used` mode
 *   configured sizes do not bound it: ballooning and KSM make most clusters overcommit
 *   assigned memory, and bounding it would forbid nearly every move. Who wants configured
 *   sizes to fit balances in `assigned` mode (or keeps headroom).
 * - A guest's disk load is what its local volumes occupy (their used bytes, else an
 *   estimate: see storage.ts); a node's disk capacity is its local guest storage, not its
 *   root filesystem. Whether copied disks fit is the storage model's question, asked per
 *   storage (storage.ts), never of these sums: thin storage is overcommitted by design.
 * Pure: no I/O, no clock.
 */
import type {PlanWarning} from '../model/plan.js'
import type {GuestType, Method, Mode, NormalizedPolicy} from '../model/policy.js'
import {compareText, type Guest, hasNoMemory, isRunning, localDiskBytes, type Node, type Snapshot} from '../model/snapshot.js'
import {coverageWarnings} from './coverage.js'
import {collectRules, type ModelRule, nodeConstraints} from './rules.js'
import {matchesGuest, matchesNode} from './selectors.js'
import {compileStorage, type StorageModel} from './storage.js'
import {isIgnoreTag} from './tags.js'

export type {ModelRule} from './rules.js'

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
  /** Ignored by policy or tag, or outside the plan's scope: never moves and is not reported as unmovable. */
  ignored: boolean
  method: MigrationMethod
  withLocalDisks: boolean
  /** Bytes a migration transfers: memory for a live move, plus local disks when copied. */
  bytes: number
  /** Nodes the guest's strict pins allow it on (node indexes), absent when unpinned: running elsewhere breaks a rule. */
  pinned?: number[]
  /** Nodes the guest may migrate to (its pins narrowed by Proxmox's allowed nodes, and for a cooling guest without the node it left), absent for any. */
  allowed?: number[]
  /** Migrated by the balance service within its cooldown: balancing leaves it where it is. */
  cooling?: true
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
  /** Points above the threshold the spread must reach before balancing starts (hysteresis). */
  margin: number
  /** Least spread gained, in points, per GiB the balancing moves transfer. */
  minGain: number
  /** Balancing may move guests at all (false: the balance service's persistence holds it back this cycle). */
  balancing: boolean
  maxMoves: number
  maxBytesMoved: number
  parallel: number
  perNode: number
  /** Migrations are possible at all (the cluster has quorum). */
  quorate: boolean
  /** Local guest storages and volumes; absent when the snapshot has no storage information (disk space is then not checked). */
  storage?: StorageModel
  warnings: PlanWarning[]
}

/**
 * Which guests a plan may move: only those on `nodes` (a drain moves the guests leaving its
 * node and no bystander). The others stay where they are, as ignored guests do, and rules
 * broken among them stay broken.
 */
export interface PlanScope {
  nodes: readonly string[]
}

/**
 * What the balance service remembers between cycles and hands to the planner: the guests
 * it migrated within their cooldown, each with the node it left, and whether balancing
 * may act this cycle at all (see src/planner/calm.ts).
 */
export interface CalmInput {
  cooling?: readonly {vmid: number; left: string}[]
  /** false: only rule repairs this cycle (the imbalance has not persisted long enough). */
  balancing?: boolean
}

export function compilePolicy(snapshot: Snapshot, policy: NormalizedPolicy, scope?: PlanScope, calm: CalmInput = {}): PlacementModel {
  const warnings: PlanWarning[] = []
  const sortedNodes = [...snapshot.nodes].sort((a, b) => compareText(a.name, b.name))
  const sortedGuests = [...snapshot.guests].sort((a, b) => a.vmid - b.vmid)
  const nodeIndex = new Map(sortedNodes.map((n, i) => [n.name, i]))
  const {mode} = policy.balance

  const storage = compileStorage(snapshot, policy, nodeIndex, sortedGuests)
  const guestLoads = sortedGuests.map((g, i) => guestLoad(g, mode, storage ? storage.volumes[i].reduce((sum, v) => sum + v.occupies, 0) : localDiskBytes(g)))
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
    const outside = scope !== undefined && !scope.nodes.includes(g.node)
    const ignored = outside || isIgnored(g, policy)
    const localDisk = localDiskBytes(g)
    const method: MigrationMethod = g.status === 'stopped' ? 'offline' : g.type === 'lxc' ? 'restart' : 'online'
    const withLocalDisks = localDisk > 0
    const memoryBytes = method === 'online' ? g.memory.used || g.memory.assigned : 0
    // A literal of fixed keys (a lock added after, on the few guests that have one): a
    // spread inside it made V8 build each of 12,000 objects key by key.
    const guest: ModelGuest = {
      index,
      vmid: g.vmid,
      name: g.name,
      type: g.type,
      status: g.status,
      node: node.index,
      load: guestLoads[index],
      ignored,
      blockers: outside ? [`outside the plan's scope (only guests on ${scope.nodes.join(', ')} move)`] : ignored ? ['ignored by policy'] : blockers(g, node, policy, method),
      movable: false,
      method,
      withLocalDisks,
      bytes: memoryBytes + (withLocalDisks ? localDisk : 0),
    }
    if (g.lock) guest.lock = g.lock
    return guest
  })
  for (const guest of guests) guest.movable = guest.blockers.length === 0

  const rules = collectRules(snapshot, policy, sortedGuests, nodes.map((n) => ({name: n.name, receives: n.role === 'active'})))
  nodeConstraints(sortedGuests, rules, nodes.map((n) => n.name)).forEach((c, i) => Object.assign(guests[i], c))
  coolDown(guests, nodes, calm)

  for (const node of sortedNodes.filter(hasNoMemory)) {
    const stay = sortedGuests.filter((g) => g.node === node.name).map((g) => g.vmid)
    warnings.push({code: 'unmovable', nodes: [node.name], ...(stay.length ? {guests: stay} : {}), message: `node ${node.name} is online but reports no memory (its status could not be read?): left out of planning, nothing moves to or from it${stay.length ? ` (${stay.length} guests stay)` : ''}`})
  }
  warnings.push(...coverageWarnings(policy, snapshot))
  const storageWarning = storageWarningOf(sortedGuests, storage !== undefined, policy)
  if (storageWarning) warnings.push(storageWarning)
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
    margin: policy.balance.margin ?? 0,
    minGain: policy.balance.minGain ?? 0,
    balancing: calm.balancing ?? true,
    maxMoves: policy.limits.maxMoves ?? Number.POSITIVE_INFINITY,
    maxBytesMoved: policy.limits.maxBytesMoved ?? Number.POSITIVE_INFINITY,
    parallel: policy.limits.parallel,
    perNode: Math.min(policy.limits.perNode, policy.limits.parallel),
    quorate: snapshot.cluster.quorate,
    ...(storage ? {storage} : {}),
    warnings,
  }
}

/**
 * Cooling guests: balancing leaves them be (the draft refuses them at the soft level),
 * and no move, not even a rule's repair, takes them back to the node they left.
 */
function coolDown(guests: ModelGuest[], nodes: ModelNode[], calm: CalmInput): void {
  if (!calm.cooling?.length) return
  const byVmid = new Map(guests.map((g) => [g.vmid, g]))
  const nodeIndex = new Map(nodes.map((n) => [n.name, n.index]))
  for (const {vmid, left} of calm.cooling) {
    const guest = byVmid.get(vmid)
    if (!guest) continue
    guest.cooling = true
    const from = nodeIndex.get(left)
    if (from !== undefined && from !== guest.node) guest.allowed = (guest.allowed ?? nodes.map((n) => n.index)).filter((n) => n !== from)
  }
}

/** What a guest adds to its node's load (see the module comment); `localDisk`: what its local volumes occupy. */
function guestLoad(guest: Guest, mode: Mode, localDisk: number): Load {
  if (!isRunning(guest)) return {memory: 0, cpu: 0, disk: localDisk}
  return mode === 'used'
    ? {memory: guest.memory.used, cpu: guest.cpu.used, disk: localDisk}
    : {memory: guest.memory.assigned, cpu: guest.cpu.cores, disk: localDisk}
}

/**
 * The one warning about disk space the model cannot check: no storage information at all,
 * or volumes on storages the reader could not see. Only when some disk would be copied.
 */
function storageWarningOf(guests: readonly Guest[], known: boolean, policy: NormalizedPolicy): PlanWarning | undefined {
  if (!policy.migration.withLocalDisks) return undefined
  const unseen = guests.filter((g) => (g.migration?.unknownDisks?.length ?? 0) > 0)
  if (!known) {
    const local = guests.filter((g) => localDiskBytes(g) > 0 || (g.migration?.unknownDisks?.length ?? 0) > 0)
    if (local.length === 0) return undefined
    return {code: 'storage', message: `disk space is not checked: the snapshot carries no storage information (an older snapshot, or a reader without Datastore.Audit), so the ${local.length} guest(s) with disks to copy move as if every target had room for them`}
  }
  if (unseen.length === 0) return undefined
  const ids = [...new Set(unseen.flatMap((g) => g.migration!.unknownDisks!.map((d) => d.storage)))].sort(compareText)
  return {code: 'storage', guests: unseen.map((g) => g.vmid), message: `disk space is not checked for volumes on ${ids.join(', ')}: the snapshot could not see ${ids.length === 1 ? 'that storage' : 'those storages'} (Datastore.Audit?), so ${unseen.length} guest(s) move as if their targets had room for them`}
}

function nodeRole(node: Node, policy: NormalizedPolicy): NodeRole {
  if (node.status !== 'online') return 'offline'
  // Left alone like an ignored node: nothing is known of what fits there.
  if (hasNoMemory(node) || policy.ignore.nodes.some((s) => matchesNode(s, node.name))) return 'ignored'
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
  return policy.proxlbTags && (guest.tags ?? []).some(isIgnoreTag)
}

/**
 * The configuration keys that tie a guest to its node (PCI/USB passthrough, serial and
 * parallel ports, shared memory, virtiofs, physical disks, container devices and bind
 * mounts). Every one of them blocks a migration: the snapshot records only such keys
 * (see schemas/snapshot.v1.json and src/proxmox/guest-config.ts).
 */
export function localDevices(guest: Guest): string[] {
  return guest.migration?.localResources ?? []
}

/** Why a guest may not move, as short phrases ("locked (backup)"); empty when it may. */
function blockers(guest: Guest, node: ModelNode, policy: NormalizedPolicy, method: MigrationMethod): string[] {
  const reasons: string[] = []
  const m = policy.migration
  if (node.role === 'offline') reasons.push(`on offline node ${node.name}`)
  if (node.role === 'ignored') reasons.push(node.capacity.memory === 0 ? `on node ${node.name}, which reports no memory` : `on ignored node ${node.name}`)
  if (guest.template && !m.templates) reasons.push('template (migration.templates is off)')
  if (guest.lock) reasons.push(`locked (${guest.lock})`)
  if (!policy.balance.guestTypes.includes(guest.type)) reasons.push(`${guest.type} not in balance.guestTypes`)
  if (guest.status === 'unknown') reasons.push('state unknown')
  const devices = localDevices(guest)
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

