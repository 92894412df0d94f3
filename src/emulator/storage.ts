/**
 * Storage as the emulated cluster holds it: every storage as each node sees it (plugin
 * type, capacity, use, thin or thick, enabled, active) and every volume of every guest
 * (which storage, its size, its format, the bytes written to it), built from the seed
 * snapshot and completed where the seed is silent the way a real cluster would be.
 *
 * What a volume occupies follows pve-storage: on thin storage the bytes written to it, on
 * thick storage its whole size (see src/proxmox/storage-plugins.ts). Where the seed gives a
 * volume's use (`used`), that is what was written; otherwise a thin storage's reported use
 * is shared among its volumes in proportion to their sizes, so that moving every volume
 * off a pool empties it. A thick volume's written bytes are not known and count as its
 * size. This module builds that state; the operations that change it (a migration
 * reserving space on its target, freeing it on its source) live in cluster.ts.
 */
import {localDiskBytes, type Guest, type Snapshot} from '../model/snapshot.js'
import {isFileBased, thinProvisioned} from '../proxmox/storage-plugins.js'

export const GiB = 2 ** 30

/** A storage as one node sees it, with every figure the API reports filled in. */
export interface ServedStorage {
  id: string
  node: string
  type: string
  shared: boolean
  content: string[]
  total: number
  used: number
  /** What the file system keeps back from `avail` (root's reserve): avail = total − used − reserved. */
  reserved: number
  active: boolean
  /** Not disabled in the storage configuration (one setting for the whole cluster). */
  enabled: boolean
  thin: boolean
  /** Stopped answering (a fault): activating it fails, /cluster/resources still shows pvestatd's last report. */
  unreachable?: boolean
}

/** A volume of a guest: a config line's volume, where it is and what it holds. */
export interface ServedVolume {
  vmid: number
  /** Configuration key: scsi0, rootfs, mp0, unused0, ide2 ... */
  key: string
  volid: string
  storage: string
  size: number
  /** raw, qcow2, subvol, iso ... as the content listing gives it. */
  format: string
  cdrom: boolean
  /** Bytes written to it: what it occupies on thin storage. */
  written: number
}

/** Bytes a volume occupies on a storage: what was written on thin storage, its size on thick. */
export function occupies(volume: Pick<ServedVolume, 'size' | 'written'>, storage: Pick<ServedStorage, 'thin'>): number {
  return storage.thin ? Math.min(volume.written, volume.size) : volume.size
}

/**
 * The storages every node reports: the seed's, completed with what its guests need (the
 * local storage their local disks name, a shared storage for their other disks), or a
 * typical layout (local, local-lvm, a shared Ceph pool) when the seed lists none.
 */
export function servedStorages(snapshot: Snapshot): ServedStorage[] {
  const served: ServedStorage[] = []
  const add = (s: Omit<ServedStorage, 'thin' | 'reserved' | 'enabled'> & {thin?: boolean; reserved?: number; enabled?: boolean}) => {
    if (served.some((x) => x.id === s.id && x.node === s.node)) return
    served.push({...s, thin: servedThinness(s.type, s.thin), reserved: s.reserved ?? 0, enabled: s.enabled ?? true})
  }
  for (const s of snapshot.storages ?? []) {
    const total = s.total ?? 1024 * GiB
    const used = s.used ?? 0
    add({
      id: s.id,
      node: s.node,
      type: s.type ?? (s.shared ? 'rbd' : 'dir'),
      shared: s.shared,
      content: s.content ?? ['images', 'rootdir'],
      total,
      used,
      reserved: s.free !== undefined ? Math.max(0, total - used - s.free) : 0,
      active: s.active ?? true,
      ...(s.enabled !== undefined ? {enabled: s.enabled} : {}),
      ...(s.thin !== undefined ? {thin: s.thin} : {}),
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
  // Volumes on storage the seed's reader could not see live somewhere: on shared storage
  // (nothing to copy), as the planner treats them.
  const unknownIds = new Set(snapshot.guests.flatMap((g) => (g.migration?.unknownDisks ?? []).map((d) => d.storage)))
  for (const id of unknownIds) {
    if (served.some((s) => s.id === id)) continue
    for (const node of snapshot.nodes) add({id, node: node.name, type: 'rbd', shared: true, content: ['images', 'rootdir'], total: 1024 * GiB, used: 0, active: true})
  }
  // Disabling is a setting of the storage configuration: one for every node.
  for (const s of served) if (served.some((x) => x.id === s.id && !x.enabled)) s.enabled = false
  return served
}

/** The plugin decides where it can (lvmthin and rbd are thin, lvm thick); elsewhere the seed, else PVE's defaults (sparse files, the installer's sparse local-zfs). */
function servedThinness(type: string, seed: boolean | undefined): boolean {
  return thinProvisioned(type, undefined) ?? seed ?? (type === 'zfspool' || isFileBased(type))
}

/** The storage that holds a guest's disks not listed in its migration facts: a shared one on its node. */
export function sharedStorageFor(guest: Guest, storages: ServedStorage[]): string {
  const want = guest.type === 'lxc' ? 'rootdir' : 'images'
  const onNode = storages.filter((s) => s.shared && s.node === guest.node)
  return (onNode.find((s) => s.content.includes(want)) ?? onNode[0] ?? storages.find((s) => s.shared))?.id ?? 'ceph-vm'
}

/**
 * Every guest's volumes: the local, shared and unknown disks its migration facts list,
 * then one disk on shared storage for what of its assigned size they do not cover. What
 * each has written comes from the seed or, on thin storage, from the storage's use.
 */
export function servedVolumes(snapshot: Snapshot, storages: ServedStorage[]): Map<number, ServedVolume[]> {
  const typeOf = (id: string) => storages.find((s) => s.id === id)?.type ?? 'rbd'
  const out = new Map<number, ServedVolume[]>()
  const seedUse = new Map<ServedVolume, number | undefined>()
  for (const guest of snapshot.guests) {
    const lxc = guest.type === 'lxc'
    const volumes: ServedVolume[] = []
    const listed = [...(guest.migration?.localDisks ?? []), ...(guest.migration?.sharedDisks ?? []), ...(guest.migration?.unknownDisks ?? [])]
    listed.forEach((disk, i) => {
      const cdrom = 'cdrom' in disk && !!disk.cdrom
      const type = typeOf(disk.storage)
      const format = ('format' in disk && typeof disk.format === 'string' ? disk.format : undefined) ?? formatFor(type, lxc, disk.volid, cdrom)
      const volid = disk.volid ?? volidFor(disk.storage, type, guest.vmid, i, format, cdrom)
      const volume = {vmid: guest.vmid, key: disk.key, volid, storage: disk.storage, size: disk.size, format, cdrom, written: disk.size}
      seedUse.set(volume, disk.used)
      volumes.push(volume)
    })
    const covered = volumes.filter((v) => !v.cdrom).reduce((sum, v) => sum + v.size, 0)
    const rest = Math.max(0, guest.disk.assigned - covered)
    if (rest > 0 || volumes.length === 0) {
      const taken = new Set(volumes.map((v) => v.key))
      const key = lxc ? (taken.has('rootfs') ? firstFree('mp', taken) : 'rootfs') : firstFree('scsi', taken)
      const storage = sharedStorageFor(guest, storages)
      const format = formatFor(typeOf(storage), lxc, undefined, false)
      const volume = {vmid: guest.vmid, key, volid: volidFor(storage, typeOf(storage), guest.vmid, volumes.length, format, false), storage, size: rest, format, cdrom: false, written: rest}
      seedUse.set(volume, undefined)
      volumes.push(volume)
    }
    out.set(guest.vmid, volumes)
  }
  shareOutStorageUse(snapshot, storages, out, seedUse)
  return out
}

/** Written bytes: the seed's use where given; on a thin storage, the rest of its use shared by size. */
function shareOutStorageUse(snapshot: Snapshot, storages: ServedStorage[], volumes: Map<number, ServedVolume[]>, seedUse: Map<ServedVolume, number | undefined>): void {
  const nodeOf = new Map(snapshot.guests.map((g) => [g.vmid, g.node]))
  const groups = new Map<string, {storage: ServedStorage; volumes: ServedVolume[]}>()
  for (const [vmid, list] of volumes) {
    for (const volume of list) {
      const used = seedUse.get(volume)
      if (used !== undefined) volume.written = Math.min(used, volume.size)
      if (volume.cdrom) continue
      const storage = storages.find((s) => s.id === volume.storage && (s.shared || s.node === nodeOf.get(vmid)))
      if (!storage?.thin) continue
      const key = storage.shared ? `*/${storage.id}` : `${storage.node}/${storage.id}`
      const group = groups.get(key) ?? {storage, volumes: []}
      group.volumes.push(volume)
      groups.set(key, group)
    }
  }
  for (const {storage, volumes: list} of groups.values()) {
    const known = list.filter((v) => seedUse.get(v) !== undefined)
    const rest = list.filter((v) => seedUse.get(v) === undefined)
    const left = Math.max(0, storage.used - known.reduce((sum, v) => sum + v.written, 0))
    const sizes = rest.reduce((sum, v) => sum + v.size, 0)
    const ratio = sizes > 0 ? Math.min(1, left / sizes) : 0
    for (const v of rest) v.written = Math.floor(v.size * ratio)
  }
}

/** The format a volume has on a storage of this type, when the seed does not say. */
function formatFor(type: string, lxc: boolean, volid: string | undefined, cdrom: boolean): string {
  if (cdrom) return 'iso'
  const extension = /\.(raw|qcow2|vmdk|subvol)$/.exec(volid ?? '')?.[1]
  if (extension) return extension
  if (lxc && (type === 'zfspool' || type === 'btrfs')) return 'subvol'
  return 'raw'
}

/** A volume id as the plugin names volumes: files under a vmid directory, block devices by name. */
function volidFor(storage: string, type: string, vmid: number, index: number, format: string, cdrom: boolean): string {
  if (cdrom) return `${storage}:iso/guest-${vmid}.iso`
  const name = `${format === 'subvol' ? 'subvol' : 'vm'}-${vmid}-disk-${index}`
  return isFileBased(type) ? `${storage}:${vmid}/${name}.${format}` : `${storage}:${name}`
}

function firstFree(prefix: string, taken: Set<string>): string {
  for (let i = 0; ; i++) if (!taken.has(`${prefix}${i}`)) return `${prefix}${i}`
}

/**
 * The volume a copy makes on another storage: the same name, in the target plugin's
 * layout and format (Storage.pm storage_migrate keeps the volume name; a file storage
 * keeps the format, a block storage holds raw images, ZFS container volumes stay
 * subvolumes).
 */
export function volumeOn(volume: ServedVolume, target: Pick<ServedStorage, 'id' | 'type'>): {volid: string; format: string} {
  const name = volume.volid.slice(volume.volid.indexOf(':') + 1).split('/').pop()!.replace(/\.(raw|qcow2|vmdk|subvol)$/, '')
  const file = isFileBased(target.type)
  const format = file ? volume.format : target.type === 'zfspool' && volume.format === 'subvol' ? 'subvol' : 'raw'
  return {volid: file ? `${target.id}:${volume.vmid}/${name}.${format}` : `${target.id}:${name}`, format}
}
