/**
 * Small builders for snapshots and policies in tests: say only what matters to the test,
 * in GiB and cores, and get a complete, schema-valid document.
 */
import {FORMATS} from '../../src/model/formats.js'
import type {Plan} from '../../src/model/plan.js'
import {snapshotFingerprint, type Guest, type Node, type Snapshot, type Storage} from '../../src/model/snapshot.js'
import {normalizePolicy, type NormalizedPolicy, type Policy} from '../../src/model/policy.js'
import {planRebalance} from '../../src/planner/index.js'

export const GiB = 2 ** 30

export interface NodeSpec {
  name: string
  /** Memory in GiB (default 64). */
  memory?: number
  cores?: number
  /** Local disk in GiB (default 1000). */
  disk?: number
  /** Memory the host itself uses, GiB (default 0). */
  host?: number
  status?: Node['status']
  maintenance?: boolean
}

export interface GuestSpec {
  vmid: number
  node: string
  /** Memory in use, GiB (default 4); assigned defaults to the same. */
  memory?: number
  assigned?: number
  cores?: number
  cpu?: number
  name?: string
  type?: Guest['type']
  status?: Guest['status']
  tags?: string[]
  pool?: string
  lock?: string
  template?: boolean
  localDisk?: number
  localResources?: string[]
  ha?: boolean
}

export function node(spec: NodeSpec, guests: readonly GuestSpec[] = []): Node {
  const mine = guests.filter((g) => g.node === spec.name && (g.status ?? 'running') === 'running')
  const localDisk = guests.filter((g) => g.node === spec.name).reduce((s, g) => s + (g.localDisk ?? 0), 0)
  return {
    name: spec.name,
    status: spec.status ?? 'online',
    maintenance: spec.maintenance ?? false,
    cpu: {cores: spec.cores ?? 16, used: mine.reduce((s, g) => s + (g.cpu ?? 1), 0)},
    memory: {total: (spec.memory ?? 64) * GiB, used: Math.round(((spec.host ?? 0) + mine.reduce((s, g) => s + (g.memory ?? 4), 0)) * GiB)},
    disk: {total: (spec.disk ?? 1000) * GiB, used: Math.round(localDisk * GiB)},
  }
}

export function guest(spec: GuestSpec): Guest {
  const running = (spec.status ?? 'running') === 'running'
  const used = spec.memory ?? 4
  return {
    vmid: spec.vmid,
    name: spec.name ?? `guest-${spec.vmid}`,
    type: spec.type ?? 'qemu',
    node: spec.node,
    status: spec.status ?? 'running',
    template: spec.template ?? false,
    tags: spec.tags ?? [],
    ...(spec.pool ? {pool: spec.pool} : {}),
    ...(spec.lock ? {lock: spec.lock} : {}),
    cpu: {cores: spec.cores ?? 2, used: running ? spec.cpu ?? 1 : 0},
    memory: {assigned: Math.round((spec.assigned ?? used) * GiB), used: running ? Math.round(used * GiB) : 0},
    disk: {assigned: 32 * GiB, used: 32 * GiB},
    ...(spec.ha ? {ha: {managed: true, state: 'started'}} : {}),
    migration: {
      localDisks: spec.localDisk ? [{key: 'scsi0', storage: 'local-lvm', size: Math.round(spec.localDisk * GiB)}] : [],
      localResources: spec.localResources ?? [],
    },
  }
}

export function snapshot(nodes: readonly NodeSpec[], guests: readonly GuestSpec[], extra: Partial<Snapshot> = {}): Snapshot {
  const s: Snapshot = {
    format: FORMATS.snapshot,
    takenAt: '2026-11-21T10:00:00Z',
    source: {kind: 'example'},
    cluster: {name: 'test', quorate: true},
    nodes: nodes.map((n) => node(n, guests)),
    guests: guests.map(guest),
    ...extra,
  }
  s.fingerprint = snapshotFingerprint(s)
  return s
}

export function policy(document: Omit<Policy, 'apiVersion'> = {}): NormalizedPolicy {
  return normalizePolicy({apiVersion: 'proxlb/v1', ...document}, (path, message) => {
    throw new Error(`test policy invalid at ${path.join('.')}: ${message}`)
  }, () => {})
}

export const CONTEXT = {
  createdAt: '2026-11-21T10:00:00Z',
  toolVersion: '0.0.0-test',
  snapshot: {fingerprint: 'sha256:' + '0'.repeat(64), takenAt: '2026-11-21T10:00:00Z', cluster: 'test'},
  policy: {document: undefined as unknown as NormalizedPolicy, hash: 'sha256:' + '0'.repeat(64)},
}

export interface VolumeSpec {
  sizeGiB: number
  usedGiB?: number
  storage?: string
}

/** A snapshot whose guests carry the given volumes and whose nodes the given storages. */
export function withStorage(nodes: NodeSpec[], guests: (GuestSpec & {volumes?: VolumeSpec[]})[], storages: Storage[]): Snapshot {
  const s = snapshot(nodes, guests)
  s.guests = s.guests.map((g: Guest, i) => {
    const volumes = guests[i].volumes ?? []
    return {
      ...g,
      migration: {
        ...g.migration,
        localDisks: volumes.map((v, k) => ({key: `scsi${k}`, storage: v.storage ?? 'local-lvm', size: v.sizeGiB * GiB, ...(v.usedGiB !== undefined ? {used: v.usedGiB * GiB} : {})})),
      },
    }
  })
  s.storages = storages
  // A node's disk is its local guest storage, as the storages report it.
  for (const node of s.nodes) {
    const local = storages.filter((st) => st.node === node.name && !st.shared)
    node.disk = {total: local.reduce((sum, st) => sum + (st.total ?? 0), 0), used: local.reduce((sum, st) => sum + (st.used ?? 0), 0)}
  }
  s.fingerprint = snapshotFingerprint(s)
  return s
}

export function pool(node: string, totalGiB: number, usedGiB: number, extra: Partial<Storage> = {}): Storage {
  return {id: 'local-lvm', node, type: 'lvmthin', shared: false, thin: true, content: ['images', 'rootdir'], total: totalGiB * GiB, used: usedGiB * GiB, free: (totalGiB - usedGiB) * GiB, enabled: true, active: true, ...extra}
}

/** The plan for a snapshot under a policy (the default one when none is given). */
export function planFor(s: Snapshot, p: NormalizedPolicy = policy()): Plan {
  return planRebalance(s, p, {...CONTEXT, policy: {...CONTEXT.policy, document: p}})
}
