/**
 * The cluster the emulator pretends to be: a mutable copy of the seed snapshot plus what a
 * snapshot does not record (HA service states, storages and volumes completed where the
 * seed is silent, see storage.ts). Every change bumps `version`, so views built from it
 * can be cached until the next change.
 *
 * This module holds state and the few operations that change it (a guest moves, gets or
 * loses a lock, a node goes down or comes back, a migration reserves or frees storage);
 * how that state looks on the wire lives in views.ts, migrations in migration.ts.
 */
import {FORMATS} from '../model/formats.js'
import {seededRandom} from '../model/prng.js'
import {snapshotFingerprint, type Guest, type Node, type Snapshot, type Storage} from '../model/snapshot.js'
import {serverError} from './errors.js'
import {type Pool, seedPools} from './pools.js'
import {GiB, occupies, type ServedStorage, type ServedVolume, servedStorages, servedVolumes} from './storage.js'

export {GiB, type ServedStorage, type ServedVolume} from './storage.js'

/** A storage's entry in the datacenter's storage configuration: one per storage id. */
export interface StorageConfigEntry {
  id: string
  type: string
  content: string[]
  shared: boolean
  /** The nodes it is configured for, when not all of them. */
  nodes?: string[]
  disabled: boolean
  thin: boolean
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
  readonly pveVersion: string
  readonly startedAt = Date.now()
  /** Bumped on every change; caches compare it. */
  version = 0
  /**
   * Each node's use since a time (seconds since the epoch), oldest first, as its RRD keeps
   * it: a guest migrated away stays in the node's history, and a guest's own history goes
   * with the guest. Starts with the seed's figures, from the beginning of time.
   */
  readonly usage = new Map<string, {since: number; memory: number; cpu: number}[]>()

  private readonly seed: Snapshot
  private readonly seedQuorate: boolean
  private readonly volumes: Map<number, ServedVolume[]>
  private volumeIndex?: {version: number; byPlace: Map<string, ServedVolume[]>}

  constructor(seed: Snapshot) {
    this.seed = structuredClone(seed)
    const copy = structuredClone(seed)
    this.name = copy.cluster.name
    this.seedQuorate = copy.cluster.quorate
    for (const node of copy.nodes) this.nodes.set(node.name, node)
    this.nodeNames = copy.nodes.map((n) => n.name)
    for (const guest of copy.guests) this.guests.set(guest.vmid, guest)
    for (const node of copy.nodes) this.usage.set(node.name, [{since: -Infinity, memory: node.memory.used, cpu: node.cpu.used}])
    this.pveVersion = versionOf(copy)
    this.storages = servedStorages(copy)
    this.pools = seedPools(copy.guests)
    this.volumes = servedVolumes(copy, this.storages)
    for (const guest of copy.guests) {
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

  /** A storage stops answering on a node, or answers again; false when the node has no such storage. */
  setStorageOffline(node: string, id: string, offline: boolean): boolean {
    const storage = this.storage(node, id)
    if (!storage) return false
    storage.unreachable = offline || undefined
    this.touch()
    return true
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

  /**
   * The guest now runs on `target`: node loads follow it, and its volumes that were copied
   * are on the storages `copied` names (the space they take there was reserved when the
   * copy began; what they took on the source is freed now).
   */
  moveGuest(vmid: number, target: string, copied: ReadonlyMap<string, {storage: string; volid: string; format: string}> = new Map()): void {
    const guest = this.guests.get(vmid)
    const from = guest && this.nodes.get(guest.node)
    const to = this.nodes.get(target)
    if (!guest || !from || !to || from === to) return
    if (guest.status === 'running') {
      from.memory.used = Math.max(0, from.memory.used - guest.memory.used)
      to.memory.used += guest.memory.used
      from.cpu.used = round3(Math.max(0, from.cpu.used - guest.cpu.used))
      to.cpu.used = round3(to.cpu.used + guest.cpu.used)
      const now = Date.now() / 1000
      for (const node of [from, to]) this.usage.get(node.name)?.push({since: now, memory: node.memory.used, cpu: node.cpu.used})
    }
    for (const volume of this.volumesOf(vmid)) {
      const copy = copied.get(volume.key)
      if (copy === undefined) continue
      const source = this.storage(from.name, volume.storage)
      if (source) this.release(source, occupies(volume, source))
      const disk = guest.migration?.localDisks?.find((d) => d.key === volume.key)
      if (disk) {
        disk.storage = copy.storage
        if (disk.volid !== undefined) disk.volid = copy.volid
        if (disk.format !== undefined) disk.format = copy.format
      }
      Object.assign(volume, copy)
    }
    guest.node = target
    this.touch()
  }

  /** The storage `id` as `node` sees it. */
  storage(node: string, id: string): ServedStorage | undefined {
    return this.storages.find((s) => s.node === node && s.id === id)
  }

  /** Every storage id of the storage configuration, in pve-storage's order (sorted). */
  storageIds(): string[] {
    return [...new Set(this.storages.map((s) => s.id))].sort()
  }

  /** The configuration entry of a storage id, or undefined when no storage has that id. */
  storageConfig(id: string): StorageConfigEntry | undefined {
    const entries = this.storages.filter((s) => s.id === id)
    if (entries.length === 0) return undefined
    const first = entries[0]
    // pve-storage never restricts `local` to some nodes (Plugin.pm parse_config).
    const nodes = id !== 'local' && entries.length < this.nodeNames.length ? this.nodeNames.filter((n) => entries.some((e) => e.node === n)) : undefined
    return {id, type: first.type, content: first.content, shared: first.shared, ...(nodes ? {nodes} : {}), disabled: !first.enabled, thin: first.thin}
  }

  /** A guest's volumes (config lines with a volume), local and shared. */
  volumesOf(vmid: number): ServedVolume[] {
    return this.volumes.get(vmid) ?? []
  }

  /** The volumes on storage `id` as `node` sees it: a shared storage's from every guest, a local one's from the node's guests. */
  volumesOn(node: string, id: string): ServedVolume[] {
    if (this.volumeIndex?.version !== this.version) {
      const byPlace = new Map<string, ServedVolume[]>()
      for (const [vmid, list] of this.volumes) {
        const guest = this.guests.get(vmid)
        if (!guest) continue
        for (const volume of list) {
          const shared = this.storages.some((s) => s.id === volume.storage && s.shared)
          const place = shared ? `*/${volume.storage}` : `${guest.node}/${volume.storage}`
          byPlace.set(place, [...(byPlace.get(place) ?? []), volume])
        }
      }
      this.volumeIndex = {version: this.version, byPlace}
    }
    const shared = this.storages.some((s) => s.id === id && s.shared)
    return this.volumeIndex.byPlace.get(shared ? `*/${id}` : `${node}/${id}`) ?? []
  }

  /** Space taken on a storage (a copy allocating its volume): the node's guest storage follows. */
  reserve(storage: ServedStorage, bytes: number): void {
    this.changeUse(storage, Math.max(0, Math.min(bytes, storage.total - storage.used)))
  }

  /** Space given back on a storage (a volume freed). */
  release(storage: ServedStorage, bytes: number): void {
    this.changeUse(storage, -Math.max(0, Math.min(bytes, storage.used)))
  }

  private changeUse(storage: ServedStorage, delta: number): void {
    if (delta === 0) return
    storage.used += delta
    const node = this.nodes.get(storage.node)
    if (node && isLocalGuestStorage(storage)) node.disk.used = Math.max(0, node.disk.used + delta)
    this.touch()
  }

  /**
   * The node's root filesystem as /cluster/resources and the node status report it: the
   * seed's; else the `local` directory storage, which lives on the root filesystem in a
   * default installation (/var/lib/vz); else what the installer makes of a disk (a quarter
   * of it for the root logical volume, at most `maxroot`, 96 GiB), a tenth of it in use.
   */
  rootfs(name: string): {total: number; used: number} {
    const node = this.nodes.get(name)
    const seed = this.seed.nodes.find((n) => n.name === name)?.rootfs
    if (seed) return seed
    const local = this.storage(name, 'local')
    if (local?.type === 'dir') return {total: local.total, used: local.used}
    const total = Math.min(96 * GiB, Math.max(8 * GiB, Math.round((node?.disk.total ?? 0) / 4 / GiB) * GiB))
    return {total, used: Math.round(total / 10)}
  }

  /** The cluster as it is now, as a snapshot (source kind emulator). */
  snapshot(endpoint: string, takenAt: string): Snapshot {
    const snapshot: Snapshot = {
      format: FORMATS.snapshot,
      takenAt,
      source: {kind: 'emulator', endpoint, pveVersion: this.pveVersion, tool: 'proxlb emulate', ...(this.seed.source.cpuWindow ? {cpuWindow: this.seed.source.cpuWindow} : {})},
      cluster: {...structuredClone(this.seed.cluster), quorate: this.quorate()},
      nodes: this.nodeNames.map((n) => structuredClone(this.nodes.get(n)!)),
      guests: [...this.guests.values()].map((g) => structuredClone(g)),
      ...(this.seed.storages ? {storages: this.seed.storages.map((s) => ({...structuredClone(s), ...this.figuresNow(s)}))} : {}),
      ...(this.seed.ha ? {ha: structuredClone(this.seed.ha)} : {}),
    }
    snapshot.fingerprint = snapshotFingerprint(snapshot)
    return snapshot
  }

  /** A seed storage's figures as they are now (those the seed gave). */
  private figuresNow(seed: Storage): Partial<Storage> {
    const now = this.storage(seed.node, seed.id)
    if (!now) return {}
    return {
      ...(seed.used !== undefined ? {used: now.used} : {}),
      ...(seed.free !== undefined ? {free: Math.max(0, now.total - now.used - now.reserved)} : {}),
    }
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

/** An enabled, node-local storage for guest volumes: what a node's `disk` adds up. */
export function isLocalGuestStorage(storage: ServedStorage): boolean {
  return !storage.shared && storage.enabled && storage.active && storage.content.some((c) => c === 'images' || c === 'rootdir')
}

/** pve-manager version of the cluster: from the source, else from a node, else 9.1.2. */
function versionOf(snapshot: Snapshot): string {
  const fromNode = snapshot.nodes.map((n) => /(\d+\.\d+(?:[.-]\d+)?)/.exec(n.pveVersion ?? '')?.[1]).find(Boolean)
  return /^\d+\.\d+/.test(snapshot.source.pveVersion ?? '') ? snapshot.source.pveVersion! : fromNode ?? '9.1.2'
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
