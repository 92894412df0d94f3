/**
 * Writes the example snapshots in snapshots/ (run with `npx tsx scripts/gen-examples.ts`).
 *
 * demo.json is written out guest by guest so that it tells a story a reviewer can follow:
 * pve1 is crowded, pve5 was just added and is nearly empty, two database VMs that should
 * be apart share a node, a GPU VM cannot move, a backup VM is ignored by tag. The lab
 * snapshot is generated from a fixed seed. Both are committed; the test suite validates
 * them, and this script only needs to run again when the examples should change.
 */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {prettyJson} from '../src/model/canonical.js'
import {seededRandom} from '../src/model/prng.js'
import type {Guest, Node, Snapshot, Storage} from '../src/model/snapshot.js'
import {snapshotFingerprint} from '../src/model/snapshot.js'

const GiB = 2 ** 30
const TAKEN_AT = '2026-11-20T09:00:00Z'

interface NodeSpec {
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

interface GuestSpec {
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

function buildSnapshot(clusterName: string, nodeSpecs: NodeSpec[], guestSpecs: GuestSpec[], extra: Partial<Snapshot> = {}): Snapshot {
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

const demoNodes: NodeSpec[] = [
  {name: 'pve1', cores: 32, memoryGiB: 256, diskGiB: 1800, hostGiB: 6, hostCpu: 1.2},
  {name: 'pve2', cores: 16, memoryGiB: 128, diskGiB: 900, hostGiB: 4, hostCpu: 0.8},
  {name: 'pve3', cores: 24, memoryGiB: 192, diskGiB: 1800, hostGiB: 5, hostCpu: 1.0},
  {name: 'pve4', cores: 12, memoryGiB: 96, diskGiB: 900, hostGiB: 3, hostCpu: 0.6},
  {name: 'pve5', cores: 32, memoryGiB: 256, diskGiB: 1800, hostGiB: 4, hostCpu: 0.5},
]

const demoGuests: GuestSpec[] = [
  // pve1: crowded. The shop pair belongs together, two databases should be apart.
  {vmid: 100, name: 'shop-app-01', node: 'pve1', cores: 8, memoryGiB: 32, memoryUse: 0.8, cpuUse: 0.45, diskGiB: 80, tags: ['plb_include_shop', 'prod'], pool: 'prod', ha: true},
  {vmid: 101, name: 'shop-cache-01', node: 'pve1', cores: 4, memoryGiB: 16, memoryUse: 0.9, cpuUse: 0.2, diskGiB: 20, tags: ['plb_include_shop', 'prod'], pool: 'prod', ha: true},
  {vmid: 110, name: 'db-01', node: 'pve1', cores: 8, memoryGiB: 48, memoryUse: 0.92, cpuUse: 0.5, diskGiB: 400, tags: ['plb_exclude_db', 'prod'], pool: 'prod', ha: true},
  {vmid: 111, name: 'db-02', node: 'pve1', cores: 8, memoryGiB: 48, memoryUse: 0.88, cpuUse: 0.4, diskGiB: 400, tags: ['plb_exclude_db', 'prod'], pool: 'prod', ha: true},
  {vmid: 120, name: 'web-01', node: 'pve1', cores: 4, memoryGiB: 8, memoryUse: 0.7, cpuUse: 0.35, diskGiB: 32, tags: ['web'], pool: 'prod'},
  {vmid: 121, name: 'web-02', node: 'pve1', cores: 4, memoryGiB: 8, memoryUse: 0.7, cpuUse: 0.3, diskGiB: 32, tags: ['web'], pool: 'prod'},
  {vmid: 130, name: 'ci-runner-01', type: 'lxc', node: 'pve1', cores: 8, memoryGiB: 16, memoryUse: 0.6, cpuUse: 0.7, diskGiB: 64},
  {vmid: 131, name: 'ci-runner-02', type: 'lxc', node: 'pve1', cores: 8, memoryGiB: 16, memoryUse: 0.55, cpuUse: 0.6, diskGiB: 64},
  {vmid: 140, name: 'backup-proxy', node: 'pve1', cores: 4, memoryGiB: 12, memoryUse: 0.6, cpuUse: 0.1, diskGiB: 40, tags: ['plb_ignore_vm']},
  {vmid: 150, name: 'elastic-01', node: 'pve1', cores: 6, memoryGiB: 24, memoryUse: 0.85, cpuUse: 0.4, diskGiB: 300, pool: 'logs'},
  {vmid: 151, name: 'grafana', type: 'lxc', node: 'pve1', cores: 2, memoryGiB: 4, memoryUse: 0.5, cpuUse: 0.1, diskGiB: 16, pool: 'logs'},
  {vmid: 160, name: 'win-build-01', node: 'pve1', status: 'stopped', cores: 8, memoryGiB: 16, diskGiB: 120},

  // pve2: busy for its size. A GPU VM is tied to it by PCI passthrough.
  {vmid: 200, name: 'gpu-render-01', node: 'pve2', cores: 8, memoryGiB: 32, memoryUse: 0.9, cpuUse: 0.6, diskGiB: 200, localResources: ['hostpci0']},
  {vmid: 201, name: 'db-03', node: 'pve2', cores: 6, memoryGiB: 32, memoryUse: 0.85, cpuUse: 0.35, diskGiB: 300, tags: ['plb_exclude_db', 'prod'], pool: 'prod', ha: true},
  {vmid: 202, name: 'web-03', node: 'pve2', cores: 4, memoryGiB: 8, memoryUse: 0.7, cpuUse: 0.3, diskGiB: 32, tags: ['web'], pool: 'prod'},
  {vmid: 203, name: 'mail-01', node: 'pve2', cores: 4, memoryGiB: 12, memoryUse: 0.75, cpuUse: 0.15, diskGiB: 100},
  {vmid: 204, name: 'dns-01', type: 'lxc', node: 'pve2', cores: 1, memoryGiB: 1, memoryUse: 0.4, cpuUse: 0.05, diskGiB: 8, tags: ['plb_exclude_dns']},
  {vmid: 205, name: 'dns-02', type: 'lxc', node: 'pve2', cores: 1, memoryGiB: 1, memoryUse: 0.4, cpuUse: 0.05, diskGiB: 8, tags: ['plb_exclude_dns']},
  {vmid: 206, name: 'vpn-gw', type: 'lxc', node: 'pve2', cores: 2, memoryGiB: 2, memoryUse: 0.5, cpuUse: 0.1, diskGiB: 8},
  {vmid: 207, name: 'jump-host', type: 'lxc', node: 'pve2', cores: 1, memoryGiB: 2, memoryUse: 0.3, cpuUse: 0.02, diskGiB: 8, localDiskGiB: 8},
  {vmid: 208, name: 'test-vm-old', node: 'pve2', status: 'stopped', cores: 2, memoryGiB: 4, diskGiB: 32},

  // pve3: comfortable.
  {vmid: 300, name: 'web-04', node: 'pve3', cores: 4, memoryGiB: 8, memoryUse: 0.7, cpuUse: 0.3, diskGiB: 32, tags: ['web'], pool: 'prod'},
  {vmid: 301, name: 'kafka-01', node: 'pve3', cores: 8, memoryGiB: 32, memoryUse: 0.8, cpuUse: 0.35, diskGiB: 500, pool: 'logs'},
  {vmid: 302, name: 'nextcloud', node: 'pve3', cores: 4, memoryGiB: 16, memoryUse: 0.6, cpuUse: 0.15, diskGiB: 200},
  {vmid: 303, name: 'gitlab', node: 'pve3', cores: 8, memoryGiB: 24, memoryUse: 0.8, cpuUse: 0.3, diskGiB: 250, ha: true},
  {vmid: 304, name: 'registry', type: 'lxc', node: 'pve3', cores: 2, memoryGiB: 4, memoryUse: 0.5, cpuUse: 0.05, diskGiB: 100},
  {vmid: 305, name: 'ldap-01', type: 'lxc', node: 'pve3', cores: 2, memoryGiB: 2, memoryUse: 0.5, cpuUse: 0.05, diskGiB: 8},
  {vmid: 306, name: 'ubuntu-24.04-template', node: 'pve3', status: 'stopped', template: true, cores: 2, memoryGiB: 2, diskGiB: 16},
  {vmid: 307, name: 'debian-13-template', node: 'pve3', status: 'stopped', template: true, cores: 2, memoryGiB: 2, diskGiB: 16},
  {vmid: 308, name: 'wiki', node: 'pve3', cores: 2, memoryGiB: 8, memoryUse: 0.6, cpuUse: 0.1, diskGiB: 50, lock: 'backup'},

  // pve4: small and quiet.
  {vmid: 400, name: 'monitoring', node: 'pve4', cores: 4, memoryGiB: 8, memoryUse: 0.7, cpuUse: 0.2, diskGiB: 100},
  {vmid: 401, name: 'ntp-01', type: 'lxc', node: 'pve4', cores: 1, memoryGiB: 1, memoryUse: 0.3, cpuUse: 0.02, diskGiB: 4},
  {vmid: 402, name: 'home-assistant', node: 'pve4', cores: 2, memoryGiB: 4, memoryUse: 0.6, cpuUse: 0.1, diskGiB: 32},
  {vmid: 403, name: 'sandbox-01', node: 'pve4', status: 'stopped', cores: 2, memoryGiB: 8, diskGiB: 40},
  {vmid: 404, name: 'pbs-agent', type: 'lxc', node: 'pve4', cores: 1, memoryGiB: 2, memoryUse: 0.4, cpuUse: 0.05, diskGiB: 8},

  // pve5: added last week, almost empty.
  {vmid: 500, name: 'web-05', node: 'pve5', cores: 4, memoryGiB: 8, memoryUse: 0.7, cpuUse: 0.3, diskGiB: 32, tags: ['web'], pool: 'prod'},
  {vmid: 501, name: 'dev-db', node: 'pve5', cores: 4, memoryGiB: 16, memoryUse: 0.5, cpuUse: 0.1, diskGiB: 100},
  {vmid: 502, name: 'scratch-ct', type: 'lxc', node: 'pve5', status: 'stopped', cores: 2, memoryGiB: 4, diskGiB: 16},
]

function labSnapshot(): Snapshot {
  const rand = seededRandom(20261120)
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]
  const nodeSizes = [
    {cores: 64, memoryGiB: 512},
    {cores: 48, memoryGiB: 384},
    {cores: 32, memoryGiB: 256},
    {cores: 16, memoryGiB: 128},
  ]
  const nodes: NodeSpec[] = Array.from({length: 12}, (_, i) => {
    const size = nodeSizes[i % nodeSizes.length]
    return {name: `lab${String(i + 1).padStart(2, '0')}`, ...size, diskGiB: 3600, hostGiB: 4 + (i % 3), hostCpu: 0.5 + (i % 4) * 0.3}
  })
  // Older nodes (the first six) carry most guests: the skew a balancer must fix. A guest
  // goes to a node picked by size and age, and never beyond 92% of the node's memory.
  const weights = nodes.map((n, i) => n.memoryGiB * (i < 6 ? 2.5 : 1))
  const usedGiB = nodes.map((n) => n.hostGiB)
  const chooseNode = (needGiB: number) => {
    for (;;) {
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
  for (let i = 0; i < 240; i++) {
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
      ...(rand() < 0.04 ? {localResources: ['usb0']} : {}),
      ...(rand() < 0.02 ? {lock: 'backup'} : {}),
    })
  }
  return buildSnapshot('lab', nodes, guests)
}

const root = join(__dirname, '..', 'snapshots')
writeFileSync(join(root, 'demo.json'), prettyJson(buildSnapshot('demo', demoNodes, demoGuests)))
writeFileSync(join(root, 'lab-12-nodes.json'), prettyJson(labSnapshot()))
console.log('wrote snapshots/demo.json and snapshots/lab-12-nodes.json')
