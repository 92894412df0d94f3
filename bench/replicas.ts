/**
 * A third generator for the planner benchmark, sharing nothing with the other two
 * (test/helpers/generate.ts, bench/outside.ts): the cluster of a platform team rather
 * than of years of hand placement. 100 identical nodes (768 GiB, 64 cores), three in
 * maintenance; services of three replicas, each kept apart by an HA negative
 * resource-affinity rule as PVE 9 writes them, and pairs kept together by positive
 * ones; a third of the disks on each node's ZFS pool, the rest on Ceph. Each node is
 * filled to its own level, from half to `fill` of its memory.
 *
 * One node (pve043) has failed, and HA recovery put every guest it held onto one
 * survivor (pve044), which now holds far more than its memory limit: the capacity repair
 * must send a hundred guests or more away before balancing starts (the shape that found
 * the repair sorting every guest of the node again before each of those moves,
 * 2026-12-07). With memory counted as assigned, most nodes are over their limit too.
 */
import type {Snapshot} from '../src/model/snapshot.js'
import {simulatedSnapshot} from './simulated.js'

const GiB = 2 ** 30

type Guest = Snapshot['guests'][number]
type HaRule = NonNullable<NonNullable<Snapshot['ha']>['rules']>[number]

export function replicaCluster(seed: number, guestCount = 12_000, fill = 0.95, services = 1_500): Snapshot {
  let x = (seed * 2654435761) % 2 ** 32 || 1
  const random = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
  const hosts = Array.from({length: 100}, (_, i) => ({
    name: `pve${String(i + 1).padStart(3, '0')}`,
    online: true,
    maintenance: i % 33 === 5,
    fill: 0.5 + (fill - 0.5) * Math.sqrt(random()),
    used: 0,
    guests: [] as Guest[],
  }))
  const online = hosts.filter((h) => h.online)
  const guests: Guest[] = []
  const rules: HaRule[] = []
  let vmid = 1000
  const hostFor = (used: number, avoid: ReadonlySet<string>) => {
    for (let tries = 0; tries < 200; tries++) {
      const host = pick(online)
      if (!avoid.has(host.name) && host.used + used <= host.fill * 768 * GiB) return host
    }
    // Nowhere with room: the node with the most memory left that keeps the replicas apart.
    const open = online.filter((h) => !avoid.has(h.name))
    return open.reduce((a, b) => (b.fill * 768 * GiB - b.used > a.fill * 768 * GiB - a.used ? b : a), open[0])
  }
  const add = (sizeGiB: number, avoid: ReadonlySet<string>, ha: boolean): Guest => {
    const assigned = sizeGiB * GiB
    const running = random() > 0.1
    const used = running ? Math.round(assigned * (0.5 + 0.45 * random())) : 0
    const host = hostFor(used, avoid)
    host.used += used
    const id = vmid++
    const local = random() < 0.3
    const disk = Math.round(pick([32, 64, 100, 200]) * GiB)
    const guest: Guest = {
      vmid: id,
      name: `svc-${id}`,
      type: 'qemu',
      node: host.name,
      status: running ? 'running' : 'stopped',
      tags: [],
      cpu: {cores: pick([2, 4, 8]), used: running ? +(random() * 2).toFixed(3) : 0},
      memory: {assigned, used},
      disk: {assigned: disk, used: Math.round(disk * 0.5)},
      ...(ha ? {ha: {managed: true, state: running ? 'started' : 'stopped'}} : {}),
      migration: {
        localDisks: local ? [{key: 'scsi0', volid: `local-zfs:vm-${id}-disk-0`, storage: 'local-zfs', size: disk, used: Math.round(disk * 0.6), format: 'raw'}] : [],
        sharedDisks: local ? [] : [{key: 'scsi0', volid: `rbd:vm-${id}-disk-0`, storage: 'rbd', size: disk}],
        localResources: [],
      },
    }
    guests.push(guest)
    host.guests.push(guest)
    return guest
  }
  for (let s = 0; s < services; s++) {
    const size = pick([2, 4, 8, 16])
    const taken = new Set<string>()
    const members: number[] = []
    for (let r = 0; r < 3; r++) {
      const guest = add(size, taken, true)
      taken.add(guest.node)
      members.push(guest.vmid)
    }
    rules.push({id: `svc-${s}`, type: 'resource-affinity', affinity: 'negative', resources: members})
  }
  for (let p = 0; p < 200; p++) {
    const a = add(pick([2, 4, 8]), new Set(), true)
    const b = add(pick([2, 4]), new Set(), true)
    rules.push({id: `pair-${p}`, type: 'resource-affinity', affinity: 'positive', resources: [a.vmid, b.vmid]})
  }
  while (guests.length < guestCount) add(pick([1, 2, 2, 4, 4, 8, 16]), new Set(), random() < 0.2)
  // The failed node's guests, recovered by HA onto its neighbour (replicas kept apart by
  // their rules may meet there: the repair of those rules is part of the work).
  const failed = hosts[42]
  const survivor = hosts[43]
  failed.online = false
  for (const guest of failed.guests) {
    guest.node = survivor.name
    survivor.guests.push(guest)
  }
  failed.guests = []
  const storages: NonNullable<Snapshot['storages']> = []
  const nodes = hosts.map((h, i) => {
    const total = 768 * GiB
    const used = h.guests.reduce((sum, g) => sum + g.memory.used, 0) + 8 * GiB
    const pooled = h.guests.reduce((sum, g) => sum + (g.migration?.localDisks ?? []).reduce((s, d) => s + (d.used ?? d.size), 0), 0)
    const pool = 8 * 1024 * GiB
    storages.push(
      {id: 'local-zfs', node: h.name, type: 'zfspool', shared: false, content: ['images', 'rootdir'], total: pool, used: Math.min(pool, pooled), free: Math.max(0, pool - pooled), enabled: true, active: h.online},
      {id: 'rbd', node: h.name, type: 'rbd', shared: true, content: ['images', 'rootdir'], total: 800 * 1024 * GiB, used: 300 * 1024 * GiB, free: 500 * 1024 * GiB, enabled: true, active: h.online},
    )
    return {
      name: h.name,
      status: h.online ? ('online' as const) : ('offline' as const),
      ...(h.maintenance ? {maintenance: true} : {}),
      ip: `10.2.0.${i + 1}`,
      pveVersion: 'pve-manager/9.1.4',
      cpu: {cores: 64, used: h.online ? +h.guests.reduce((sum, g) => sum + g.cpu.used, 0.5).toFixed(3) : 0},
      // A node reports at most all of its memory as used, however much its guests hold.
      memory: {total: h.online ? total : 0, used: h.online ? Math.min(used, total) : 0},
      disk: {total: 100 * GiB, used: 20 * GiB},
    }
  })
  return simulatedSnapshot('proxlb bench/replicas.ts', `replicas-${seed}`, '2026-12-07T01:00:00Z', {nodes, guests, storages, ha: {rules}})
}
