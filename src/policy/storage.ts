/**
 * Storage as the planner counts it: the snapshot's local guest storages and the local
 * volumes of each guest, compiled once so that asking whether a move's disks fit costs
 * O(volumes) and allocates nothing.
 *
 * What a volume needs on its target: the storage of the same id there (or the one
 * `migration.targetStorage` maps it to), enabled, active and holding the guest's content
 * type (images for VMs, rootdir for containers), with room for what the volume will
 * occupy: the bytes it uses now where they are known and the target is thin, else its
 * configured size (a safe upper bound). Room is what the storage reports free (total
 * less used, or its own free figure when smaller) less the policy's storage reserve;
 * configured sizes never count against it, since thin storage is overcommitted by design.
 * Shared storage is never counted: nothing is copied onto it that was not there.
 * What a volume frees on the storage it leaves is what it is known to occupy: its used
 * bytes, its configured size on thick storage, nothing on thin storage that does not say
 * (lvmthin, zfspool, rbd report only the pool's use), so space is never counted twice.
 * Without storage information (an old snapshot, a reader without Datastore.Audit) there
 * is no storage model: disk space is not checked at all, and the plan says so once.
 * The node's root filesystem is not guest storage and plays no part here.
 * Pure: no I/O, no clock.
 */
import type {NormalizedPolicy} from '../model/policy.js'
import {compareText, type Guest, type Snapshot} from '../model/snapshot.js'

export interface ModelStorage {
  index: number
  /** Node index. */
  node: number
  id: string
  shared: boolean
  thin: boolean
  /** Enabled and active (as far as the snapshot knows). */
  usable: boolean
  /** Content types it holds; absent: not known, any. */
  content?: readonly string[]
  /** Bytes in use when the snapshot was taken, as the storage reports them. */
  used: number
  /** Most bytes it may hold after a move copies disks onto it: capacity less reserve (Infinity when its size is not known). */
  limit: number
  total: number
}

export interface ModelVolume {
  key: string
  /** Storage id it is on now. */
  storage: string
  /** Index of that storage on the guest's node (-1 when the snapshot does not list it). */
  source: number
  /** Interned id of the storage it goes to on a target node (index into StorageModel.ids). */
  target: number
  /** Configured size in bytes. */
  size: number
  /** Bytes it occupies now, where Proxmox reports them. */
  used?: number
  /** Bytes it is known to free on its source storage when it leaves (see the module comment). */
  frees: number
  /** Bytes it is estimated to occupy now, for balancing (not a bound). */
  occupies: number
}

export interface StorageModel {
  storages: ModelStorage[]
  /** Storage ids, interned. */
  ids: string[]
  /** Storage index by node and interned id: at[node * ids.length + id], -1 when the node has none of that id. */
  at: Int32Array
  /** Local volumes of each guest by guest index (CD-ROM images left out). */
  volumes: ModelVolume[][]
}

export type DiskEstimate = 'used' | 'configured'

/** The storage model, or undefined when the snapshot carries no storage information. */
export function compileStorage(snapshot: Snapshot, policy: NormalizedPolicy, nodeIndex: ReadonlyMap<string, number>, sortedGuests: readonly Guest[]): StorageModel | undefined {
  const listed = snapshot.storages ?? []
  if (listed.length === 0) return undefined
  const reserve = policy.limits.storageReserve ?? 0
  const mapping = policy.migration.targetStorage ?? {}
  const idOf = new Map<string, number>()
  const ids: string[] = []
  const intern = (id: string): number => {
    let i = idOf.get(id)
    if (i === undefined) {
      i = ids.push(id) - 1
      idOf.set(id, i)
    }
    return i
  }
  const sorted = [...listed].filter((s) => nodeIndex.has(s.node)).sort((a, b) => nodeIndex.get(a.node)! - nodeIndex.get(b.node)! || compareText(a.id, b.id))
  const storages: ModelStorage[] = sorted.map((s, index) => {
    const total = s.total ?? 0
    const used = s.used ?? 0
    const known = s.total !== undefined && s.used !== undefined
    // The storage's own free figure (avail) can be less than total − used: trust the smaller.
    const held = known && s.free !== undefined ? Math.max(used, total - s.free) : used
    const kept = typeof reserve === 'string' ? (total * Number.parseFloat(reserve)) / 100 : reserve
    intern(s.id)
    return {
      index,
      node: nodeIndex.get(s.node)!,
      id: s.id,
      shared: s.shared,
      thin: s.thin === true,
      usable: s.enabled !== false && s.active !== false,
      ...(s.content ? {content: s.content} : {}),
      used: held,
      limit: known ? Math.max(0, total - kept) : Number.POSITIVE_INFINITY,
      total,
    }
  })
  const volumesOf = sortedGuests.map((g) => (g.migration?.localDisks ?? []).filter((d) => !d.cdrom))
  for (const disks of volumesOf) for (const d of disks) intern(targetId(d.storage, mapping))
  const at = new Int32Array(nodeIndex.size * ids.length).fill(-1)
  for (const s of storages) at[s.node * ids.length + idOf.get(s.id)!] = s.index
  const sourceOf = (node: number, id: string) => {
    const i = idOf.get(id)
    return i === undefined ? -1 : at[node * ids.length + i]
  }

  // What a thin volume of unknown use occupies, for balancing: its share of its pool's use.
  const configured = new Float64Array(storages.length)
  volumesOf.forEach((disks, g) => {
    const node = nodeIndex.get(sortedGuests[g].node)!
    for (const d of disks) {
      const s = sourceOf(node, d.storage)
      if (s >= 0) configured[s] += d.size
    }
  })
  const volumes = volumesOf.map((disks, g) => {
    const node = nodeIndex.get(sortedGuests[g].node)!
    return disks.map<ModelVolume>((d) => {
      const source = sourceOf(node, d.storage)
      const storage = source >= 0 ? storages[source] : undefined
      const thinUnknown = d.used === undefined && (storage === undefined || storage.thin)
      const share = storage && configured[source] > 0 ? Math.min(d.size, (storage.used * d.size) / configured[source]) : d.size
      return {
        key: d.key,
        storage: d.storage,
        source,
        target: idOf.get(targetId(d.storage, mapping))!,
        size: d.size,
        ...(d.used !== undefined ? {used: d.used} : {}),
        frees: d.used ?? (thinUnknown ? 0 : d.size),
        occupies: d.used ?? (thinUnknown ? share : d.size),
      }
    })
  })
  return {storages, ids, at, volumes}
}

/** The storage id a volume on `storage` goes to on the target. */
export function targetId(storage: string, mapping: Readonly<Record<string, string>>): string {
  return mapping[storage] ?? mapping['*'] ?? storage
}

/** What `volume` will occupy on `storage` and which estimate that is. */
export function volumeNeed(volume: ModelVolume, storage: ModelStorage): number {
  return storage.thin && volume.used !== undefined ? volume.used : volume.size
}

export function volumeEstimate(volume: ModelVolume, storage: ModelStorage): DiskEstimate {
  return storage.thin && volume.used !== undefined ? 'used' : 'configured'
}

/** The storage `volume` goes to on `node` (index), or -1 when the node has none. */
export function storageOn(model: StorageModel, node: number, volume: ModelVolume): number {
  return model.at[node * model.ids.length + volume.target]
}

/** The content type a guest's volumes need on a storage. */
export function contentFor(type: Guest['type']): string {
  return type === 'lxc' ? 'rootdir' : 'images'
}

/** Whether a storage is counted at all: local, with a known size. */
export function counted(storage: ModelStorage): boolean {
  return !storage.shared && storage.limit !== Number.POSITIVE_INFINITY
}
