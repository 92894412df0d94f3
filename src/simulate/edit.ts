/**
 * Editing a snapshot the way the cluster would change: a guest that moves takes its share
 * of its node's measured load along, so the host's own load (what compilePolicy derives as
 * node use minus guest use) stays where it is. Its local volumes go along when the
 * snapshot lists storages: onto the storage the plan names (or the same id), which then
 * holds what the planner counted for them, while the storage they leave gives back what
 * they are known to occupy (see src/policy/storage.ts). Every function returns a new snapshot and
 * leaves its input untouched. Pure.
 */
import type {CopiedDisk} from '../model/plan.js'
import {compareText, type Guest, isRunning, localDiskBytes, type Node, type Snapshot, type Storage, snapshotFingerprint} from '../model/snapshot.js'

/** What a guest adds to its node's measured use. */
function share(guest: Guest): {memory: number; cpu: number; disk: number} {
  const running = isRunning(guest)
  return {memory: running ? guest.memory.used : 0, cpu: running ? guest.cpu.used : 0, disk: localDiskBytes(guest)}
}

/** Adds (sign 1) or removes (sign -1) a guest's share from a node's measured use. */
export function account(node: Node, guest: Guest, sign: 1 | -1, disk = true): void {
  const s = share(guest)
  node.memory.used = Math.max(0, node.memory.used + sign * s.memory)
  node.cpu.used = Math.max(0, round3(node.cpu.used + sign * s.cpu))
  if (disk) node.disk.used = Math.max(0, node.disk.used + sign * s.disk)
}

/**
 * A deep copy to edit. A snapshot is plain data (objects, arrays, strings, numbers,
 * booleans, null): copied by a walk over it, which takes a third of structuredClone's time
 * on a 12,000-guest snapshot, and simulate copies it for every change.
 */
export function copySnapshot(snapshot: Snapshot): Snapshot {
  return copyData(snapshot) as Snapshot
}

function copyData(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length)
    for (let i = 0; i < value.length; i++) copy[i] = copyData(value[i])
    return copy
  }
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const inner = copyData((value as Record<string, unknown>)[key])
    // An own "__proto__" key (JSON.parse makes one) stays a key, as structuredClone keeps it.
    if (key === '__proto__') Object.defineProperty(copy, key, {value: inner, enumerable: true, writable: true, configurable: true})
    else copy[key] = inner
  }
  return copy
}

export function nodeByName(snapshot: Snapshot, name: string): Node | undefined {
  return snapshot.nodes.find((n) => n.name === name)
}

/** The snapshot's guests by vmid: an edit that moves many guests finds each at once rather than in the whole list. */
export function guestsByVmid(snapshot: Snapshot): Map<number, Guest> {
  return new Map(snapshot.guests.map((g) => [g.vmid, g]))
}

/**
 * Moves `guest`, one of the snapshot's (in place, on a copy the caller owns), with its
 * share of load and its local volumes; `disks`: where a plan's move puts them (its
 * `disks`), else the same ids.
 */
export function moveGuest(snapshot: Snapshot, guest: Guest, to: string, disks?: readonly CopiedDisk[]): void {
  const volumes = (snapshot.storages?.length ?? 0) > 0
  const from = guest.node
  account(nodeByName(snapshot, from)!, guest, -1, !volumes)
  guest.node = to
  account(nodeByName(snapshot, to)!, guest, 1, !volumes)
  if (volumes) moveVolumes(snapshot, guest, from, to, disks)
}

/** A storage's use (and its node's disk) grows by `delta` bytes (shrinks when negative), within its size. */
function changeStorage(snapshot: Snapshot, storage: Storage | undefined, delta: number): void {
  if (!storage || storage.shared || storage.used === undefined) return
  const next = Math.max(0, Math.min(storage.total ?? Infinity, storage.used + delta))
  if (storage.free !== undefined) storage.free = Math.max(0, storage.free - (next - storage.used))
  const node = nodeByName(snapshot, storage.node)
  if (node && storage.enabled !== false && storage.active !== false) node.disk.used = Math.max(0, node.disk.used + next - storage.used)
  storage.used = next
}

/**
 * A new guest (in place, on a copy the caller owns) takes its share of load on its node,
 * and its local volumes their size on the node's storages of their ids.
 */
export function addGuest(snapshot: Snapshot, guest: Guest): void {
  const volumes = (snapshot.storages?.length ?? 0) > 0
  snapshot.guests.push(guest)
  account(nodeByName(snapshot, guest.node)!, guest, 1, !volumes)
  if (!volumes) return
  for (const d of guest.migration?.localDisks ?? []) if (!d.cdrom) changeStorage(snapshot, snapshot.storages!.find((s) => s.node === guest.node && s.id === d.storage), d.used ?? d.size)
}

function moveVolumes(snapshot: Snapshot, guest: Guest, from: string, to: string, disks?: readonly CopiedDisk[]): void {
  const storageOf = (node: string, id: string) => snapshot.storages!.find((s) => s.node === node && s.id === id)
  const change = (storage: Storage | undefined, delta: number) => changeStorage(snapshot, storage, delta)
  for (const d of guest.migration?.localDisks ?? []) {
    if (d.cdrom) continue
    const source = storageOf(from, d.storage)
    const planned = disks?.find((c) => c.key === d.key)
    const target = storageOf(to, planned?.targetStorage ?? d.storage)
    change(source, -(d.used ?? (source?.thin ? 0 : d.size)))
    const bytes = planned?.bytes ?? (target?.thin && d.used !== undefined ? d.used : d.size)
    change(target, bytes)
    if (planned && planned.targetStorage !== d.storage) {
      d.storage = planned.targetStorage
      if (d.volid) d.volid = `${planned.targetStorage}:${d.volid.slice(d.volid.indexOf(':') + 1)}`
    }
    // On its new storage the volume occupies what was counted for it.
    d.used = target?.thin ? d.used : d.size
    if (d.used === undefined) delete d.used
  }
}

/** Marks a snapshot as predicted by proxlb simulate, with what changed, and fingerprints it. */
export function markSimulated(snapshot: Snapshot, note: string, tool: string): Snapshot {
  const {fingerprint: _old, ...rest} = snapshot
  const marked: Snapshot = {...rest, source: {kind: 'simulated', tool, note}}
  marked.nodes.sort((a, b) => compareText(a.name, b.name))
  marked.guests.sort((a, b) => a.vmid - b.vmid)
  marked.fingerprint = snapshotFingerprint(marked)
  return marked
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000
}
