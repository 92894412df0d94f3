/**
 * Generated clusters for examples, tests and benchmarks: `buildSnapshot` turns node and
 * guest specs (sizes in GiB, usage as fractions) into a complete, schema-valid snapshot
 * with consistent node loads and a typical storage layout (local, local-lvm, a shared
 * Ceph pool); `generateCluster` makes a realistic cluster of any size from a seed — the
 * same seed, the same cluster — with the skew a balancer must fix (the older half of the
 * nodes carries most guests), HA guests, ProxLB tags, pools, locks and local devices.
 *
 * Nodes given an `installed` layout and guests given `volumes` get storage as a PVE
 * installation has it instead: `local` (a directory on the root filesystem, which is
 * what the node reports as its disk), a pool for guest volumes (local-lvm, an LVM-thin
 * pool, or local-zfs, a sparse ZFS pool) whose use is what its volumes hold, and volumes
 * that record what they occupy only where Proxmox reports it (files on `local`, a running
 * container's root filesystem). `generateCluster({storage: 'pve'})` lays a whole cluster
 * out so, with thin pools overcommitted the way real ones are (configured 167-290 % of
 * their size, 33-62 % used).
 *
 * Used by scripts/gen-examples.ts (the committed lab snapshot), the emulator's property
 * tests and the benchmarks (bench/emulator.ts: 8/200, 32/2,000, 100/10,000).
 */
import {FORMATS} from '../../src/model/formats.js'
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
  /** Storage as the PVE installer lays it out (see the module comment); without it, the plain layout. */
  installed?: InstalledStorage
}

/** A node's storage as a PVE installation has it, in GiB. */
export interface InstalledStorage {
  /** The root filesystem: `local` (/var/lib/vz) lives on it. */
  rootGiB: number
  /** In use on it besides guest files on `local` (the system, ISO images, templates, backups). */
  rootUsedGiB: number
  /** The pool for guest volumes: local-lvm (LVM-thin, as on ext4/xfs installs) or local-zfs (ZFS installs, sparse). */
  pool: 'lvmthin' | 'zfspool'
  poolGiB: number
  /** In use on the pool besides the guests' volumes (other volumes, metadata). */
  poolOtherGiB?: number
}

/** A volume of a guest on a named storage, in GiB. */
export interface VolumeSpec {
  key: string
  storage: string
  sizeGiB: number
  /** What is written to it: its use on thin storage. */
  writtenGiB: number
  format?: 'raw' | 'qcow2' | 'subvol'
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
  /** Every volume of the guest, where it is (then diskGiB and localDiskGiB are not used). */
  volumes?: VolumeSpec[]
}

/** Storages every node of a PVE-installed cluster shares: the Ceph pool and the content of `local`. */
export interface ClusterStorage {
  /** A shared Ceph RBD pool for guest volumes. */
  ceph?: {id: string; totalGiB: number; usedGiB: number}
  /** Content of `local` (PVE's default is iso,vztmpl,backup; images lets guests keep files there). */
  localContent: string[]
}

const FILE_STORAGES = new Set(['local'])

export function buildSnapshot(clusterName: string, nodeSpecs: NodeSpec[], guestSpecs: GuestSpec[], extra: Partial<Snapshot> = {}, layout: ClusterStorage = {localContent: ['iso', 'vztmpl', 'backup']}): Snapshot {
  const guests: Guest[] = guestSpecs.map((s) => guestOf(s, s.volumes ? volumeFacts(s, layout) : plainDisks(s)))

  const installed = installedStorages(nodeSpecs, guestSpecs, layout)
  const nodes: Node[] = nodeSpecs.map((n) => {
    const mine = guests.filter((g) => g.node === n.name && g.status === 'running')
    const local = guests.filter((g) => g.node === n.name).flatMap((g) => g.migration?.localDisks ?? [])
    if (n.installed) return nodeOf(n, mine, installedDisks(installed.filter((st) => st.node === n.name)))
    return nodeOf(n, mine, {disk: {total: n.diskGiB * GiB, used: 12 * GiB + local.reduce((s, d) => s + d.size, 0)}})
  })

  const storages: Storage[] = nodeSpecs.flatMap((n): Storage[] => n.installed ? installed.filter((st) => st.node === n.name) : [
    {id: 'local', node: n.name, type: 'dir', shared: false, content: ['iso', 'vztmpl', 'backup'], total: 100 * GiB, used: 18 * GiB, active: true},
    {id: 'local-lvm', node: n.name, type: 'lvmthin', shared: false, content: ['images', 'rootdir'], total: n.diskGiB * GiB, used: 12 * GiB, active: true},
    {id: 'ceph-vm', node: n.name, type: 'rbd', shared: true, content: ['images', 'rootdir'], total: 20480 * GiB, used: 6100 * GiB, active: true},
  ])

  const snapshot: Snapshot = {
    format: FORMATS.snapshot,
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

/** A guest from its spec, with its disks as given. */
function guestOf(s: GuestSpec, disks: Pick<Guest, 'disk' | 'migration'>): Guest {
  const running = (s.status ?? 'running') === 'running'
  const assigned = s.memoryGiB * GiB
  const guest: Guest = {
    vmid: s.vmid,
    name: s.name,
    type: s.type ?? 'qemu',
    node: s.node,
    status: s.status ?? 'running',
    template: s.template ?? false,
    tags: s.tags ?? [],
    cpu: {cores: s.cores, used: running ? round3(s.cores * (s.cpuUse ?? 0.3)) : 0},
    memory: {assigned, used: running ? Math.round(assigned * (s.memoryUse ?? 0.75)) : 0},
    ...disks,
  }
  if (s.pool) guest.pool = s.pool
  if (s.lock) guest.lock = s.lock
  if (s.ha) guest.ha = {managed: true, state: 'started'}
  return guest
}

/** The plain layout: diskGiB on shared storage, localDiskGiB on local-lvm. */
function plainDisks(s: GuestSpec): Pick<Guest, 'disk' | 'migration'> {
  const lxc = s.type === 'lxc'
  return {
    disk: {assigned: s.diskGiB * GiB, used: lxc ? Math.round(s.diskGiB * GiB * 0.4) : s.diskGiB * GiB},
    migration: {
      localDisks: s.localDiskGiB ? [{key: lxc ? 'rootfs' : 'scsi0', volid: `local-lvm:vm-${s.vmid}-disk-0`, storage: 'local-lvm', size: s.localDiskGiB * GiB}] : [],
      localResources: s.localResources ?? [],
    },
  }
}

/** Given volumes: local ones (on `local` or the node's pool) and shared ones (on Ceph), each recording its use where Proxmox reports it. */
function volumeFacts(s: GuestSpec, layout: ClusterStorage): Pick<Guest, 'disk' | 'migration'> {
  const lxc = s.type === 'lxc'
  const running = (s.status ?? 'running') === 'running'
  const volumes = s.volumes!
  const shared = (v: VolumeSpec) => v.storage === layout.ceph?.id
  const bytes = (gib: number) => Math.round(gib * GiB)
  const volid = (v: VolumeSpec, i: number) => {
    const name = `${v.format === 'subvol' ? 'subvol' : 'vm'}-${s.vmid}-disk-${i}`
    return FILE_STORAGES.has(v.storage) ? `${v.storage}:${s.vmid}/${name}.${v.format ?? 'raw'}` : `${v.storage}:${name}`
  }
  // What Proxmox reports of a volume's use: a file's allocated size, a running container's root filesystem.
  const reported = (v: VolumeSpec) => FILE_STORAGES.has(v.storage) || (lxc && v.key === 'rootfs' && running)
  const disk = (v: VolumeSpec, i: number) => ({key: v.key, volid: volid(v, i), storage: v.storage, size: bytes(v.sizeGiB), ...(reported(v) ? {used: bytes(v.writtenGiB)} : {})})
  const rootfs = volumes.find((v) => v.key === 'rootfs')
  const assigned = bytes(volumes.reduce((sum, v) => sum + v.sizeGiB, 0))
  return {
    // /cluster/resources: a container's disk is its root filesystem's use (0 when stopped).
    disk: {assigned, used: lxc ? (running && rootfs ? bytes(rootfs.writtenGiB) : 0) : assigned},
    migration: {
      localDisks: volumes.flatMap((v, i) => (shared(v) ? [] : [{...disk(v, i), format: v.format ?? 'raw'}])),
      ...(volumes.some(shared) ? {sharedDisks: volumes.flatMap((v, i) => (shared(v) ? [disk(v, i)] : []))} : {}),
      localResources: s.localResources ?? [],
    },
  }
}

/** The storages of installed nodes: `local`, the pool (its use what its volumes hold), Ceph where the cluster has it. */
function installedStorages(nodeSpecs: NodeSpec[], guestSpecs: GuestSpec[], layout: ClusterStorage): Storage[] {
  const written = (node: string, storage: string) => guestSpecs.filter((g) => g.node === node).flatMap((g) => g.volumes ?? []).filter((v) => v.storage === storage).reduce((sum, v) => sum + v.writtenGiB, 0)
  return nodeSpecs.flatMap((n): Storage[] => {
    const spec = n.installed
    if (!spec) return []
    const pool = spec.pool === 'lvmthin' ? 'local-lvm' : 'local-zfs'
    const localUsed = Math.round((spec.rootUsedGiB + written(n.name, 'local')) * GiB)
    const poolUsed = Math.round(((spec.poolOtherGiB ?? 0) + written(n.name, pool)) * GiB)
    return [
      {id: 'local', node: n.name, type: 'dir', shared: false, content: layout.localContent, total: spec.rootGiB * GiB, used: localUsed, free: spec.rootGiB * GiB - localUsed, thin: true, enabled: true, active: true},
      {id: pool, node: n.name, type: spec.pool, shared: false, content: ['images', 'rootdir'], total: spec.poolGiB * GiB, used: poolUsed, free: spec.poolGiB * GiB - poolUsed, thin: true, enabled: true, active: true},
      ...(layout.ceph ? [{
        id: layout.ceph.id, node: n.name, type: 'rbd', shared: true, content: ['images', 'rootdir'], total: layout.ceph.totalGiB * GiB, used: layout.ceph.usedGiB * GiB,
        free: (layout.ceph.totalGiB - layout.ceph.usedGiB) * GiB, thin: true, enabled: true, active: true,
      }] : []),
    ]
  })
}

/** A node from its spec, with its running guests' load and its disks as given. */
function nodeOf(n: NodeSpec, running: Guest[], disks: Pick<Node, 'disk' | 'rootfs'>): Node {
  return {
    name: n.name,
    status: n.status ?? 'online',
    maintenance: false,
    ip: `10.0.0.${Number(n.name.replace(/\D/g, '')) + 10}`,
    pveVersion: 'pve-manager/9.1.2',
    cpu: {cores: n.cores, used: round3(n.hostCpu + running.reduce((s, g) => s + g.cpu.used, 0))},
    memory: {total: n.memoryGiB * GiB, used: n.hostGiB * GiB + running.reduce((s, g) => s + g.memory.used, 0)},
    ...disks,
  }
}

/** An installed node's disk is its local guest storage; its root filesystem the one `local` is on. */
function installedDisks(storages: Storage[]): Pick<Node, 'disk' | 'rootfs'> {
  const guestStorage = storages.filter((st) => !st.shared && st.content!.some((c) => c === 'images' || c === 'rootdir'))
  const local = storages.find((st) => st.id === 'local')!
  return {
    disk: {total: guestStorage.reduce((sum, st) => sum + st.total!, 0), used: guestStorage.reduce((sum, st) => sum + st.used!, 0)},
    rootfs: {total: local.total!, used: local.used!},
  }
}

export interface ClusterOptions {
  /** Cluster name; nodes are called NAME01, NAME02 ... */
  name: string
  nodes: number
  guests: number
  seed: number
  /** Node sizes, used in turn (default: 64 cores/512 GiB down to 16 cores/128 GiB). */
  nodeSizes?: {cores: number; memoryGiB: number}[]
  /**
   * pve: storage as PVE installs it (see the module comment): a shared Ceph pool, `local`
   * with images allowed, local-lvm on every node but the last of four or more, which runs
   * on ZFS (local-zfs); guests' volumes spread over them, the thin pools overcommitted.
   * Without it, the plain layout (and the same cluster as before it existed).
   */
  storage?: 'pve'
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
  if (options.storage !== 'pve') return buildSnapshot(options.name, nodes, guests)
  const layout = installPve(nodes, guests, options.seed)
  return buildSnapshot(options.name, nodes, guests, {}, layout)
}

const CEPH = 'ceph-vm'

/**
 * Lays out storage as PVE installs it, from its own PRNG (the cluster's guests and
 * placement stay what they are without it): each guest's volumes on its node's pool,
 * Ceph or `local`, what each has written, and pools sized so that what is configured on
 * them is 167-290 % of their size while 33-62 % is used.
 */
function installPve(nodes: NodeSpec[], guests: GuestSpec[], seed: number): ClusterStorage {
  const rand = seededRandom((seed ^ 0x5eed_1e55) >>> 0)
  const between = (low: number, high: number) => low + rand() * (high - low)
  const zfsNode = nodes.length >= 4 ? nodes.at(-1)!.name : undefined
  const poolOf = (node: string) => (node === zfsNode ? 'local-zfs' : 'local-lvm')
  const shape = new Map(nodes.map((n) => [n.name, {overcommit: between(1.67, 2.9), used: between(0.33, 0.62)}]))
  for (const g of guests) {
    const lxc = g.type === 'lxc'
    const {overcommit, used} = shape.get(g.node)!
    // What a volume on the pool holds: around the share that makes the pool as full as chosen.
    const writtenOn = (storage: string, size: number) => Math.round(size * Math.min(1, storage === CEPH ? between(0.2, 0.7) : (used / overcommit) * between(0.6, 1.4)) * 10) / 10
    const home = g.ha || rand() < (lxc ? 0.5 : 0.4) ? CEPH : poolOf(g.node)
    const format = lxc && home === 'local-zfs' ? 'subvol' : 'raw'
    const volumes: VolumeSpec[] = [{key: lxc ? 'rootfs' : 'scsi0', storage: home, sizeGiB: g.diskGiB, writtenGiB: writtenOn(home, g.diskGiB), format}]
    if (!lxc && rand() < 0.2) {
      const size = [64, 128, 256, 512][Math.floor(rand() * 4)]
      volumes.push({key: 'scsi1', storage: home, sizeGiB: size, writtenGiB: writtenOn(home, size), format: 'raw'})
    }
    // Now and then a disk image kept as a file on `local`, which reports what it holds.
    if (!lxc && !g.ha && rand() < 0.06) volumes.push({key: 'virtio1', storage: 'local', sizeGiB: 32, writtenGiB: Math.round(between(2, 20)), format: 'qcow2'})
    g.volumes = volumes
  }
  for (const n of nodes) {
    const {overcommit, used} = shape.get(n.name)!
    const pool = poolOf(n.name)
    const mine = guests.filter((g) => g.node === n.name).flatMap((g) => g.volumes!).filter((v) => v.storage === pool)
    const configured = mine.reduce((sum, v) => sum + v.sizeGiB, 0)
    const size = configured > 0 ? Math.max(16, Math.round(configured / overcommit)) : 1000
    const written = mine.reduce((sum, v) => sum + v.writtenGiB, 0)
    n.diskGiB = size
    // The installer's root logical volume: a quarter of the disk, at most maxroot (96 GiB), less the file system's own.
    n.installed = {
      rootGiB: 94, rootUsedGiB: 5 + (n.name.length % 4) + Math.round(between(1, 12)), pool: pool === 'local-zfs' ? 'zfspool' : 'lvmthin', poolGiB: size,
      poolOtherGiB: configured > 0 ? Math.max(0, Math.round(size * used - written)) : Math.round(size * 0.02),
    }
  }
  const cephUsed = guests.flatMap((g) => g.volumes!).filter((v) => v.storage === CEPH).reduce((sum, v) => sum + v.writtenGiB, 0)
  return {ceph: {id: CEPH, totalGiB: Math.max(4096, Math.ceil((cephUsed * 3) / 1024) * 1024), usedGiB: Math.round(cephUsed)}, localContent: ['backup', 'images', 'iso', 'vztmpl']}
}
