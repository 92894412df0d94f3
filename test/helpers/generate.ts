/**
 * Generated clusters for examples, tests and benchmarks: `buildSnapshot` turns node and
 * guest specs (sizes in GiB, usage as fractions) into a complete, schema-valid snapshot
 * with consistent node loads and a typical storage layout (local, local-lvm, a shared
 * Ceph pool); `generateCluster` makes a realistic cluster of any size from a seed — the
 * same seed, the same cluster — with the skew a balancer must fix (the older half of the
 * nodes carries most guests), HA guests, ProxLB tags, pools, locks and local devices.
 *
 * Used by scripts/gen-examples.ts (the committed lab snapshot), the emulator's property
 * tests and the benchmarks (bench/emulator.ts: 8/200, 32/2,000, 100/10,000).
 */
import {seededRandom} from '../../src/model/prng.js'
import type {Guest, Node, Snapshot, Storage} from '../../src/model/snapshot.js'
import {snapshotFingerprint} from '../../src/model/snapshot.js'

const GiB = 2 ** 30
export const TAKEN_AT = '2026-11-20T09:00:00Z'

export interface NodeSpec {
  name: string
  cores: number
  memoryGiB: number
  diskGiB: number
  /** Memory the host itself uses (GiB). */
  hostGiB: number
  /** CPU the host itself uses (cores). */
  hostCpu: number
  status?: Node['status']
}

export interface GuestSpec {
  vmid: number
  name: string
  type?: Guest['type']
  node: string
  status?: Guest['status']
  cores: number
  memoryGiB: number
  /** Fraction of assigned memory in use when running. */
  memoryUse?: number
  /** Fraction of assigned cores in use when running. */
  cpuUse?: number
  diskGiB: number
  tags?: string[]
  pool?: string
  template?: boolean
  lock?: string
  ha?: boolean
  localDiskGiB?: number
  localResources?: string[]
}

export function buildSnapshot(clusterName: string, nodeSpecs: NodeSpec[], guestSpecs: GuestSpec[], extra: Partial<Snapshot> = {}): Snapshot {
  const guests: Guest[] = guestSpecs.map((s) => {
    const type = s.type ?? 'qemu'
    const status = s.status ?? 'running'
    const running = status === 'running'
    const assigned = s.memoryGiB * GiB
    const guest: Guest = {
      vmid: s.vmid,
      name: s.name,
      type,
      node: s.node,
      status,
      template: s.template ?? false,
      tags: s.tags ?? [],
      cpu: {cores: s.cores, used: running ? round3(s.cores * (s.cpuUse ?? 0.3)) : 0},
      memory: {assigned, used: running ? Math.round(assigned * (s.memoryUse ?? 0.75)) : 0},
      disk: {assigned: s.diskGiB * GiB, used: type === 'lxc' ? Math.round(s.diskGiB * GiB * 0.4) : s.diskGiB * GiB},
      migration: {
        localDisks: s.localDiskGiB ? [{key: type === 'lxc' ? 'rootfs' : 'scsi0', volid: `local-lvm:vm-${s.vmid}-disk-0`, storage: 'local-lvm', size: s.localDiskGiB * GiB}] : [],
        localResources: s.localResources ?? [],
      },
    }
    if (s.pool) guest.pool = s.pool
    if (s.lock) guest.lock = s.lock
    if (s.ha) guest.ha = {managed: true, state: 'started'}
    return guest
  })

  const nodes: Node[] = nodeSpecs.map((n) => {
    const mine = guests.filter((g) => g.node === n.name && g.status === 'running')
    const local = guests.filter((g) => g.node === n.name).flatMap((g) => g.migration?.localDisks ?? [])
    return {
      name: n.name,
      status: n.status ?? 'online',
      maintenance: false,
      ip: `10.0.0.${Number(n.name.replace(/\D/g, '')) + 10}`,
      pveVersion: 'pve-manager/9.1.2',
      cpu: {cores: n.cores, used: round3(n.hostCpu + mine.reduce((s, g) => s + g.cpu.used, 0))},
      memory: {total: n.memoryGiB * GiB, used: n.hostGiB * GiB + mine.reduce((s, g) => s + g.memory.used, 0)},
      disk: {total: n.diskGiB * GiB, used: 12 * GiB + local.reduce((s, d) => s + d.size, 0)},
    }
  })

  const storages: Storage[] = nodeSpecs.flatMap((n) => [
    {id: 'local', node: n.name, type: 'dir', shared: false, content: ['iso', 'vztmpl', 'backup'], total: 100 * GiB, used: 18 * GiB, active: true},
    {id: 'local-lvm', node: n.name, type: 'lvmthin', shared: false, content: ['images', 'rootdir'], total: n.diskGiB * GiB, used: 12 * GiB, active: true},
    {id: 'ceph-vm', node: n.name, type: 'rbd', shared: true, content: ['images', 'rootdir'], total: 20480 * GiB, used: 6100 * GiB, active: true},
  ])

  const snapshot: Snapshot = {
    schemaVersion: 1,
    takenAt: TAKEN_AT,
    source: {kind: 'example', tool: 'proxlb scripts/gen-examples.ts', pveVersion: '9.1.2', cpuWindow: 'sample'},
    cluster: {name: clusterName, quorate: true, crs: {ha: 'static', rebalanceOnStart: false, autoRebalance: false}},
    nodes,
    guests,
    storages,
    ha: {rules: []},
    ...extra,
  }
  snapshot.fingerprint = snapshotFingerprint(snapshot)
  return snapshot
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000
}

export interface ClusterOptions {
  /** Cluster name; nodes are called NAME01, NAME02 ... */
  name: string
  nodes: number
  guests: number
  seed: number
  /** Node sizes, used in turn (default: 64 cores/512 GiB down to 16 cores/128 GiB). */
  nodeSizes?: {cores: number; memoryGiB: number}[]
}

const LAB_NODE_SIZES = [
  {cores: 64, memoryGiB: 512},
  {cores: 48, memoryGiB: 384},
  {cores: 32, memoryGiB: 256},
  {cores: 16, memoryGiB: 128},
]

/** A cluster of `nodes` nodes and `guests` guests, the same for the same options. */
export function generateCluster(options: ClusterOptions): Snapshot {
  const rand = seededRandom(options.seed)
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]
  const nodeSizes = options.nodeSizes ?? LAB_NODE_SIZES
  const nodes: NodeSpec[] = Array.from({length: options.nodes}, (_, i) => {
    const size = nodeSizes[i % nodeSizes.length]
    return {name: `${options.name}${String(i + 1).padStart(2, '0')}`, ...size, diskGiB: 3600, hostGiB: 4 + (i % 3), hostCpu: 0.5 + (i % 4) * 0.3}
  })
  // Older nodes (the first six) carry most guests: the skew a balancer must fix. A guest
  // goes to a node picked by size and age, and never beyond 92% of the node's memory.
  const weights = nodes.map((n, i) => n.memoryGiB * (i < nodes.length / 2 ? 2.5 : 1))
  const usedGiB = nodes.map((n) => n.hostGiB)
  const chooseNode = (needGiB: number) => {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 10_000) throw new Error(`generateCluster: ${options.guests} guests do not fit on ${options.nodes} nodes; give larger nodeSizes`)
      let r = rand() * weights.reduce((a, b) => a + b, 0)
      let i = 0
      while (i < nodes.length - 1 && (r -= weights[i]) >= 0) i++
      if (usedGiB[i] + needGiB <= nodes[i].memoryGiB * 0.92) {
        usedGiB[i] += needGiB
        return nodes[i].name
      }
    }
  }
  const roles = ['web', 'api', 'worker', 'db', 'cache', 'queue', 'ci', 'mon', 'dev', 'test']
  const guests: GuestSpec[] = []
  for (let i = 0; i < options.guests; i++) {
    const role = pick(roles)
    const lxc = rand() < 0.3
    const memoryGiB = pick(lxc ? [1, 2, 4, 8] : [2, 4, 8, 16, 32, 64])
    const running = rand() >= 0.12
    const memoryUse = 0.4 + rand() * 0.55
    const tags: string[] = [role]
    if (role === 'db' && rand() < 0.5) tags.push(`plb_exclude_db${1 + (i % 4)}`)
    if (role === 'cache' && rand() < 0.3) tags.push(`plb_include_cache${1 + (i % 5)}`)
    if (rand() < 0.03) tags.push('plb_ignore_vm')
    guests.push({
      vmid: 1000 + i,
      name: `${role}-${String(i).padStart(3, '0')}`,
      type: lxc ? 'lxc' : 'qemu',
      node: chooseNode(running ? memoryGiB * memoryUse : 0),
      status: running ? 'running' : 'stopped',
      cores: pick([1, 2, 4, 8]),
      memoryGiB,
      memoryUse,
      cpuUse: rand() * 0.4,
      diskGiB: pick([8, 16, 32, 64, 128]),
      tags,
      pool: pick(['prod', 'staging', 'dev']),
      ...(rand() < 0.2 ? {ha: true} : {}),
      // A USB stick for a VM; a container gets a device node (pve-container has no usbN keys).
      ...(rand() < 0.04 ? {localResources: [lxc ? 'dev0' : 'usb0']} : {}),
      ...(rand() < 0.02 ? {lock: 'backup'} : {}),
    })
  }
  return buildSnapshot(options.name, nodes, guests)
}
