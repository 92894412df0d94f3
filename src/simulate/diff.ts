/**
 * What changed between two snapshots of a cluster: nodes added, removed or changing
 * status; guests added, removed, moved (from → to), changing status or size; and each
 * node's measured load (memory and CPU in use, guests) before and after. Independent of
 * any policy: it compares what the snapshots measured. Pure.
 */
import {FORMATS} from '../model/formats.js'
import {compareText, type Guest, type Snapshot} from '../model/snapshot.js'


export interface SnapshotSide {
  label: string
  fingerprint: string
  takenAt: string
  kind: Snapshot['source']['kind']
}

export interface GuestChange {
  vmid: number
  name: string
  from?: string
  to?: string
}

export interface NodeLoad {
  node: string
  /** Absent on the side where the node does not exist. */
  before?: Load
  after?: Load
}

export interface Load {
  status: string
  guests: number
  memory: {used: number; total: number}
  cpu: {used: number; cores: number}
}

export interface SnapshotDiff {
  format: typeof FORMATS.diff
  cluster: string
  before: SnapshotSide
  after: SnapshotSide
  /** Same fingerprint: the cluster state is identical. */
  identical: boolean
  nodes: {added: string[]; removed: string[]; status: {node: string; from: string; to: string}[]}
  guests: {
    added: GuestChange[]
    removed: GuestChange[]
    moved: GuestChange[]
    status: (GuestChange & {was: string; now: string})[]
    resized: (GuestChange & {memory: [number, number]; cores: [number, number]})[]
  }
  load: NodeLoad[]
}

export function diffSnapshots(a: {snapshot: Snapshot; fingerprint: string; label: string}, b: {snapshot: Snapshot; fingerprint: string; label: string}): SnapshotDiff {
  const side = (s: typeof a): SnapshotSide => ({label: s.label, fingerprint: s.fingerprint, takenAt: s.snapshot.takenAt, kind: s.snapshot.source.kind})
  const nodesA = new Map(a.snapshot.nodes.map((n) => [n.name, n]))
  const nodesB = new Map(b.snapshot.nodes.map((n) => [n.name, n]))
  const guestsA = new Map(a.snapshot.guests.map((g) => [g.vmid, g]))
  const guestsB = new Map(b.snapshot.guests.map((g) => [g.vmid, g]))
  const byVmid = (x: GuestChange, y: GuestChange) => x.vmid - y.vmid
  const ref = (g: Guest): GuestChange => ({vmid: g.vmid, name: g.name})

  const moved: GuestChange[] = []
  const status: (GuestChange & {was: string; now: string})[] = []
  const resized: (GuestChange & {memory: [number, number]; cores: [number, number]})[] = []
  for (const [vmid, before] of guestsA) {
    const after = guestsB.get(vmid)
    if (!after) continue
    if (before.node !== after.node) moved.push({...ref(after), from: before.node, to: after.node})
    if (before.status !== after.status) status.push({...ref(after), was: before.status, now: after.status})
    if (before.memory.assigned !== after.memory.assigned || before.cpu.cores !== after.cpu.cores) {
      resized.push({...ref(after), memory: [before.memory.assigned, after.memory.assigned], cores: [before.cpu.cores, after.cpu.cores]})
    }
  }
  const load = (s: Snapshot, name: string): Load | undefined => {
    const n = s.nodes.find((x) => x.name === name)
    if (!n) return undefined
    return {status: n.maintenance ? `${n.status}, maintenance` : n.status, guests: s.guests.filter((g) => g.node === name).length, memory: {used: n.memory.used, total: n.memory.total}, cpu: {used: n.cpu.used, cores: n.cpu.cores}}
  }
  const names = [...new Set([...nodesA.keys(), ...nodesB.keys()])].sort(compareText)
  return {
    format: FORMATS.diff,
    cluster: b.snapshot.cluster.name,
    before: side(a),
    after: side(b),
    identical: a.fingerprint === b.fingerprint,
    nodes: {
      added: names.filter((n) => !nodesA.has(n)),
      removed: names.filter((n) => !nodesB.has(n)),
      status: names.flatMap((n) => {
        const [x, y] = [load(a.snapshot, n), load(b.snapshot, n)]
        return x && y && x.status !== y.status ? [{node: n, from: x.status, to: y.status}] : []
      }),
    },
    guests: {
      added: [...guestsB.values()].filter((g) => !guestsA.has(g.vmid)).map((g) => ({...ref(g), to: g.node})).sort(byVmid),
      removed: [...guestsA.values()].filter((g) => !guestsB.has(g.vmid)).map((g) => ({...ref(g), from: g.node})).sort(byVmid),
      moved: moved.sort(byVmid),
      status: status.sort(byVmid),
      resized: resized.sort(byVmid),
    },
    load: names.map((node) => {
      const [before, after] = [load(a.snapshot, node), load(b.snapshot, node)]
      return {node, ...(before ? {before} : {}), ...(after ? {after} : {})}
    }),
  }
}
