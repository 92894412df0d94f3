/**
 * Editing a snapshot the way the cluster would change: a guest that moves takes its share
 * of its node's measured load along, so the host's own load (what compilePolicy derives as
 * node use minus guest use) stays where it is. Every function returns a new snapshot and
 * leaves its input untouched. Pure.
 */
import {compareText, type Guest, isRunning, localDiskBytes, type Node, type Snapshot, snapshotFingerprint} from '../model/snapshot.js'

/** What a guest adds to its node's measured use. */
function share(guest: Guest): {memory: number; cpu: number; disk: number} {
  const running = isRunning(guest)
  return {memory: running ? guest.memory.used : 0, cpu: running ? guest.cpu.used : 0, disk: localDiskBytes(guest)}
}

/** Adds (sign 1) or removes (sign -1) a guest's share from a node's measured use. */
export function account(node: Node, guest: Guest, sign: 1 | -1): void {
  const s = share(guest)
  node.memory.used = Math.max(0, node.memory.used + sign * s.memory)
  node.cpu.used = Math.max(0, round3(node.cpu.used + sign * s.cpu))
  node.disk.used = Math.max(0, node.disk.used + sign * s.disk)
}

/** A deep copy to edit. */
export function copySnapshot(snapshot: Snapshot): Snapshot {
  return structuredClone(snapshot)
}

export function nodeByName(snapshot: Snapshot, name: string): Node | undefined {
  return snapshot.nodes.find((n) => n.name === name)
}

/** Moves a guest (in place, on a copy the caller owns) with its share of load. */
export function moveGuest(snapshot: Snapshot, vmid: number, to: string): void {
  const guest = snapshot.guests.find((g) => g.vmid === vmid)!
  account(nodeByName(snapshot, guest.node)!, guest, -1)
  guest.node = to
  account(nodeByName(snapshot, to)!, guest, 1)
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
