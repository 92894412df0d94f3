/**
 * The cluster the emulator pretends to be: a mutable copy of the seed snapshot plus what a
 * snapshot does not record (where each guest's disks live, HA service states, storages
 * synthesised when the seed lists none). Every change bumps `version`, so views built from
 * it can be cached until the next change.
 *
 * This module holds state and the few operations that change it (a guest moves, gets or
 * loses a lock, a node goes down or comes back); how that state looks on the wire lives in
 * views.ts, migrations in migration.ts.
 */
import {seededRandom} from '../model/prng.js'
import {localDiskBytes, snapshotFingerprint, type Guest, type Node, type Snapshot, type Storage} from '../model/snapshot.js'
import {serverError} from './errors.js'
import {type Pool, seedPools} from './pools.js'

export const GiB = 2 ** 30

/** A storage as one node sees it, with every field the API reports filled in. */
export interface ServedStorage {
  id: string
  node: string
  type: string
  shared: boolean
  content: string[]
  total: number
  used: number
  active: boolean
}

/** HA service state of a managed guest, as the CRM keeps it. */
export interface HaService {
  sid: string
  /** Requested state (resources config): started, stopped, ignored, disabled ... */
  state: string
  group?: string
  /** State the CRM reports: started, stopped, migrate, ... */
  crmState: string
  /** Target node while crmState is migrate. */
  target?: string
}

export type NodeStatus = Node['status']

export class Cluster {
  readonly name: string
  readonly nodes = new Map<string, Node>()
  readonly nodeNames: string[]
  readonly guests = new Map<number, Guest>()
  readonly storages: ServedStorage[]
  readonly ha = new Map<number, HaService>()
  /** Resource pools (user.cfg), by id. */
  readonly pools: Map<string, Pool>
  /** Storage holding each guest's disks that are not listed as local (shared storage). */
  readonly sharedStorageOf = new Map<number, string>()
  readonly pveVersion: string
  readonly startedAt = Date.now()
  /** Bumped on every change; caches compare it. */
  version = 0

  private readonly seed: Snapshot
  private readonly seedQuorate: boolean

  constructor(seed: Snapshot) {
    this.seed = structuredClone(seed)
    const copy = structuredClone(seed)
    this.name = copy.cluster.name
    this.seedQuorate = copy.cluster.quorate
    for (const node of copy.nodes) this.nodes.set(node.name, node)
    this.nodeNames = copy.nodes.map((n) => n.name)
    for (const guest of copy.guests) this.guests.set(guest.vmid, guest)
    this.pveVersion = versionOf(copy)
    this.storages = servedStorages(copy)
    this.pools = seedPools(copy.guests)
    for (const guest of copy.guests) {
      this.sharedStorageOf.set(guest.vmid, sharedStorageFor(guest, this.storages))
      if (guest.ha?.managed) {
        const state = guest.ha.state ?? 'started'
        this.ha.set(guest.vmid, {sid: haSid(guest), state, ...(guest.ha.group ? {group: guest.ha.group} : {}), crmState: crmStateFor(state, guest.status)})
      }
    }
  }

  touch(): void {
    this.version++
  }

  private members?: {version: number; pools: [string, {vms: number[]; storage: string[]}][]}

  /** Each resource pool with its members, for pool ACLs (made once per cluster version: every permission check asks). */
  poolMembers(): [string, {vms: number[]; storage: string[]}][] {
    if (this.members?.version !== this.version) {
      const pools = [...this.pools].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      this.members = {version: this.version, pools: pools.map(([id, p]) => [id, {vms: [...p.vms].sort((a, b) => a - b), storage: [...p.storage].sort()}])}
    }
    return this.members.pools
  }

  node(name: string): Node | undefined {
    return this.nodes.get(name)
  }

  /** The guest `vmid` of `type` if its config is on `node`; else PVE's 500 for a missing config file. */
  guestOn(node: string, type: Guest['type'], vmid: number): Guest {
    const guest = this.guests.get(vmid)
    if (!guest || guest.node !== node || guest.type !== type) {
      throw serverError(`Configuration file 'nodes/${node}/${type === 'qemu' ? 'qemu-server' : 'lxc'}/${vmid}.conf' does not exist`)
    }
    return guest
  }

  /** Cluster network address of a node: the snapshot's, or one made up from its position. */
  ip(name: string): string {
    const node = this.nodes.get(name)
    if (node?.ip) return node.ip
    const i = this.nodeNames.indexOf(name)
    return `10.10.${Math.floor(i / 200)}.${(i % 200) + 11}`
  }

  isOnline(name: string): boolean {
    return this.nodes.get(name)?.status === 'online'
  }

  /** Quorum as corosync would see it: the seed said so, and more than half the nodes are up. */
  quorate(): boolean {
    const online = this.nodeNames.filter((n) => this.isOnline(n)).length
    return this.seedQuorate && online * 2 > this.nodeNames.length
  }

  /** The node answering the API (`local: 1` in /cluster/status): the first online node. */
  localNode(): string {
    return this.nodeNames.find((n) => this.isOnline(n)) ?? this.nodeNames[0]
  }

  setNodeStatus(name: string, status: NodeStatus): void {
    const node = this.nodes.get(name)
    if (!node || node.status === status) return
    node.status = status
    this.touch()
  }

  /** Seed status of a node (for restoring after injected outages). */
  seedStatus(name: string): NodeStatus | undefined {
    return this.seed.nodes.find((n) => n.name === name)?.status
  }

  setLock(vmid: number, lock: string | undefined): void {
    const guest = this.guests.get(vmid)
    if (!guest) return
    if (lock) guest.lock = lock
    else delete guest.lock
    this.touch()
  }

  /** The guest now runs on `target`: node loads follow it, its local disks were copied along. */
  moveGuest(vmid: number, target: string): void {
    const guest = this.guests.get(vmid)
    const from = guest && this.nodes.get(guest.node)
    const to = this.nodes.get(target)
    if (!guest || !from || !to || from === to) return
    const running = guest.status === 'running'
    const local = localDiskBytes(guest)
    if (running) {
      from.memory.used = Math.max(0, from.memory.used - guest.memory.used)
      to.memory.used += guest.memory.used
      from.cpu.used = round3(Math.max(0, from.cpu.used - guest.cpu.used))
      to.cpu.used = round3(to.cpu.used + guest.cpu.used)
    }
    from.disk.used = Math.max(0, from.disk.used - local)
    to.disk.used += local
    for (const disk of guest.migration?.localDisks ?? []) {
      if (disk.cdrom) continue
      const a = this.storages.find((s) => s.node === from.name && s.id === disk.storage)
      const b = this.storages.find((s) => s.node === to.name && s.id === disk.storage)
      if (a) a.used = Math.max(0, a.used - disk.size)
      if (b) b.used += disk.size
    }
    guest.node = target
    this.touch()
  }

  /** The cluster as it is now, as a snapshot (source kind emulator). */
  snapshot(endpoint: string, takenAt: string): Snapshot {
    const snapshot: Snapshot = {
      schemaVersion: 1,
      takenAt,
      source: {kind: 'emulator', endpoint, pveVersion: this.pveVersion, tool: 'proxlb emulate', ...(this.seed.source.cpuWindow ? {cpuWindow: this.seed.source.cpuWindow} : {})},
      cluster: {...structuredClone(this.seed.cluster), quorate: this.quorate()},
      nodes: this.nodeNames.map((n) => structuredClone(this.nodes.get(n)!)),
      guests: [...this.guests.values()].map((g) => structuredClone(g)),
      ...(this.seed.storages ? {storages: this.seed.storages.map((s) => ({...structuredClone(s), ...usedOf(this.storages, s)}))} : {}),
      ...(this.seed.ha ? {ha: structuredClone(this.seed.ha)} : {}),
    }
    snapshot.fingerprint = snapshotFingerprint(snapshot)
    return snapshot
  }

  /** HA rules from the seed (PVE 9 rules). */
  haRules(): NonNullable<NonNullable<Snapshot['ha']>['rules']> {
    return this.seed.ha?.rules ?? []
  }

  crs(): Snapshot['cluster']['crs'] {
    return this.seed.cluster.crs
  }

  /** Whether the seed still used HA groups (PVE 8): then /cluster/ha/groups lists them. */
  haGroups(): string[] {
    return [...new Set([...this.ha.values()].map((s) => s.group).filter((g): g is string => !!g))].sort()
  }
}

export function haSid(guest: Pick<Guest, 'type' | 'vmid'>): string {
  return `${guest.type === 'lxc' ? 'ct' : 'vm'}:${guest.vmid}`
}

function crmStateFor(requested: string, status: Guest['status']): string {
  if (requested === 'ignored' || requested === 'disabled') return requested === 'disabled' ? 'stopped' : 'ignored'
  return status === 'running' ? 'started' : 'stopped'
}

function usedOf(served: ServedStorage[], seed: Storage): Partial<Storage> {
  const now = served.find((s) => s.id === seed.id && s.node === seed.node)
  return now && seed.used !== undefined ? {used: now.used} : {}
}

/** pve-manager version of the cluster: from the source, else from a node, else 9.1.2. */
function versionOf(snapshot: Snapshot): string {
  const fromNode = snapshot.nodes.map((n) => /(\d+\.\d+(?:[.-]\d+)?)/.exec(n.pveVersion ?? '')?.[1]).find(Boolean)
  return /^\d+\.\d+/.test(snapshot.source.pveVersion ?? '') ? snapshot.source.pveVersion! : fromNode ?? '9.1.2'
}

/**
 * The storages every node reports: the seed's, completed with what its guests need (the
 * local storage their local disks name, a shared storage for their other disks), or a
 * typical layout (local, local-lvm, a shared Ceph pool) when the seed lists none.
 */
function servedStorages(snapshot: Snapshot): ServedStorage[] {
  const served: ServedStorage[] = []
  const add = (s: ServedStorage) => {
    if (!served.some((x) => x.id === s.id && x.node === s.node)) served.push(s)
  }
  for (const s of snapshot.storages ?? []) {
    add({
      id: s.id,
      node: s.node,
      type: s.type ?? (s.shared ? 'rbd' : 'dir'),
      shared: s.shared,
      content: s.content ?? ['images', 'rootdir'],
      total: s.total ?? 1024 * GiB,
      used: s.used ?? 0,
      active: s.active ?? true,
    })
  }
  const seeded = served.length > 0
  for (const node of snapshot.nodes) {
    if (!seeded) add({id: 'local', node: node.name, type: 'dir', shared: false, content: ['iso', 'vztmpl', 'backup'], total: 100 * GiB, used: 18 * GiB, active: true})
    const localIds = new Set(snapshot.guests.filter((g) => g.node === node.name).flatMap((g) => (g.migration?.localDisks ?? []).map((d) => d.storage)))
    if (!seeded && localIds.size === 0) localIds.add('local-lvm')
    for (const id of localIds) {
      add({id, node: node.name, type: id === 'local' ? 'dir' : 'lvmthin', shared: false, content: ['images', 'rootdir'], total: node.disk.total, used: node.disk.used, active: true})
    }
  }
  if (!served.some((s) => s.shared && s.content.includes('images'))) {
    const used = snapshot.guests.reduce((sum, g) => sum + Math.max(0, g.disk.assigned - localDiskBytes(g)), 0)
    for (const node of snapshot.nodes) add({id: 'ceph-vm', node: node.name, type: 'rbd', shared: true, content: ['images', 'rootdir'], total: Math.max(used * 2, 1024 * GiB), used, active: true})
  }
  return served
}

function sharedStorageFor(guest: Guest, storages: ServedStorage[]): string {
  const want = guest.type === 'lxc' ? 'rootdir' : 'images'
  const onNode = storages.filter((s) => s.shared && s.node === guest.node)
  return (onNode.find((s) => s.content.includes(want)) ?? onNode[0] ?? storages.find((s) => s.shared))?.id ?? 'ceph-vm'
}

/**
 * A stable hex string derived from text: repo ids, MAC addresses, UUIDs, fake digests.
 * Not a cryptographic hash (FNV-1a seeding a PRNG): cheap enough for every config GET.
 */
export function stableHex(text: string, length: number): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  const next = seededRandom(hash)
  let hex = ''
  while (hex.length < length) hex += Math.floor(next() * 0x100000000).toString(16).padStart(8, '0')
  return hex.slice(0, length)
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000
}
