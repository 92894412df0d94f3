/**
 * Clusters from a generator that shares nothing with test/helpers: written from what a
 * Proxmox admin's cluster looks like rather than from what the planner's tests need, so
 * that the benchmark meets shapes the project's own generators never make. Mixed
 * hardware generations (256 GiB to 2 TiB, the same number of guests on each, so the big
 * nodes sit nearly empty), a fifth of the guests piled on a fifth of the nodes, memory
 * log-normal (most guests 1-8 GiB, a few 64-256), nodes filled to at most 92 % of their
 * memory, a fifth of the guests stopped, templates, backup and snapshot locks, a tenth
 * on local thin LVM (which migration.withLocalDisks keeps in place by default), a few
 * with passed-through devices, ProxLB tags (together groups, apart groups, pins,
 * ignores), HA resources with PVE 9 affinity rules, a few offline nodes and one in
 * maintenance. The same snapshot for the same seed.
 */
import type {Snapshot} from '../src/model/snapshot.js'
import {simulatedSnapshot} from './simulated.js'

const GiB = 2 ** 30

export function outsideCluster(seed: number, nodeCount = 100, guestCount = 12_000, fill = 0.92): Snapshot {
  let x = (seed * 2654435761) % 2 ** 32 || 1
  const random = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
  const logNormal = (median: number, sigma: number) => median * Math.exp(sigma * Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random()))
  const kinds = [
    {memory: 256, cores: 32, share: 0.3},
    {memory: 512, cores: 48, share: 0.4},
    {memory: 1024, cores: 64, share: 0.2},
    {memory: 2048, cores: 128, share: 0.1},
  ]
  const hosts = Array.from({length: nodeCount}, (_, i) => {
    let r = random()
    const kind = kinds.find((k) => (r -= k.share) <= 0) ?? kinds[0]
    return {name: `hv${String(i + 1).padStart(3, '0')}`, online: random() >= 0.02, memory: kind.memory, cores: kind.cores, used: 0, guests: [] as Snapshot['guests']}
  })
  const online = hosts.filter((h) => h.online)
  const guests: Snapshot['guests'] = []
  for (let i = 0; i < guestCount; i++) {
    const lxc = random() < 0.3
    const assigned = Math.max(0.5, Math.min(256, Math.round(logNormal(lxc ? 1 : 4, 0.9) * 2) / 2))
    const status = random() < 0.22 ? 'stopped' : random() < 0.005 ? 'paused' : 'running'
    const template = !lxc && status === 'stopped' && random() < 0.1
    const used = status === 'stopped' ? 0 : Math.round(assigned * GiB * (lxc ? 0.1 + 0.5 * random() : 0.35 + 0.65 * random()))
    // Placed by hand over the years: skewed, but no node past `fill` of its memory.
    let host = online[0]
    for (let tries = 0; tries < 50; tries++) {
      host = random() < 0.3 ? online[Math.floor(random() * Math.max(1, Math.floor(online.length / 5)))] : pick(online)
      if (host.used + used <= fill * host.memory * GiB) break
    }
    host.used += used
    const cores = pick([1, 1, 2, 2, 2, 4, 4, 8, 16])
    const vmid = 100 + i + (i > guestCount / 2 ? 10_000 : 0)
    const size = Math.round(pick([8, 16, 32, 32, 50, 100, 200, 500]) * GiB)
    const key = lxc ? 'rootfs' : 'scsi0'
    const local = random() < 0.12
    const guest: Snapshot['guests'][number] = {
      vmid,
      name: `${lxc ? 'ct' : 'vm'}-${vmid}`,
      type: lxc ? 'lxc' : 'qemu',
      node: host.name,
      status,
      ...(template ? {template: true} : {}),
      tags: [],
      ...(random() < 0.3 ? {pool: pick(['prod', 'dev', 'infra'])} : {}),
      ...(random() < 0.004 ? {lock: pick(['backup', 'snapshot'])} : {}),
      cpu: {cores, used: status === 'running' ? +(cores * Math.min(1, logNormal(0.08, 1.2))).toFixed(3) : 0},
      memory: {assigned: Math.round(assigned * GiB), used},
      disk: {assigned: size, used: Math.round(size * 0.4)},
      ...(random() < 0.25 ? {ha: {managed: true, state: status === 'stopped' ? 'stopped' : 'started'}} : {}),
      migration: {
        localDisks: local ? [{key, volid: `local-lvm:vm-${vmid}-disk-0`, storage: 'local-lvm', size, used: Math.round(size * (0.1 + 0.8 * random())), format: 'raw'}] : [],
        sharedDisks: local ? [] : [{key, volid: `ceph-vm:vm-${vmid}-disk-0`, storage: 'ceph-vm', size}],
        localResources: !lxc && random() < 0.01 ? [pick(['hostpci0', 'usb0'])] : [],
      },
    }
    guests.push(guest)
    host.guests.push(guest)
  }
  const tag = (count: number, size: () => number, name: (k: number) => string) => {
    for (let k = 0; k < count; k++) for (let j = size(); j > 0; j--) pick(guests).tags!.push(name(k))
  }
  tag(120, () => 2 + Math.floor(random() * 3), (k) => `plb_include_app${k}`)
  tag(180, () => 3 + Math.floor(random() * 10), (k) => `plb_exclude_db${k}`)
  tag(60, () => 1, () => `plb_pin_${pick(online).name}`)
  tag(80, () => 1, () => 'plb_ignore_vm')
  for (const g of guests) g.tags = [...new Set(g.tags)].sort()
  const withHa = guests.filter((g) => g.ha)
  const rules: NonNullable<NonNullable<Snapshot['ha']>['rules']> = []
  for (let k = 0; k < 150; k++) {
    const resources = [...new Set(Array.from({length: 2 + Math.floor(random() * 3)}, () => pick(withHa).vmid))]
    rules.push({id: `anti-${k}`, type: 'resource-affinity', affinity: 'negative', resources, ...(random() < 0.05 ? {disabled: true} : {})})
  }
  for (let k = 0; k < 40; k++) {
    const nodes = Array.from({length: 3}, () => ({node: pick(online).name, priority: Math.floor(random() * 3)})).filter((v, i, all) => all.findIndex((w) => w.node === v.node) === i)
    rules.push({id: `where-${k}`, type: 'node-affinity', resources: [pick(withHa).vmid], nodes, strict: random() < 0.5})
  }
  const storages: NonNullable<Snapshot['storages']> = []
  const nodes = hosts.map((h, i) => {
    const running = h.guests.filter((g) => g.status !== 'stopped')
    const total = h.memory * GiB
    const used = running.reduce((sum, g) => sum + g.memory.used, 0) + Math.round((4 + 12 * random()) * GiB)
    const pool = Math.round(pick([2, 4, 8]) * 1024 * GiB)
    const pooled = h.guests.reduce((sum, g) => sum + (g.migration?.localDisks ?? []).reduce((s, d) => s + (d.used ?? d.size), 0), 0)
    storages.push(
      {id: 'local', node: h.name, type: 'dir', shared: false, content: ['iso', 'vztmpl', 'backup'], total: 100 * GiB, used: 20 * GiB, free: 80 * GiB, enabled: true, active: h.online},
      {id: 'local-lvm', node: h.name, type: 'lvmthin', shared: false, content: ['images', 'rootdir'], total: pool, used: Math.min(pooled, pool), free: Math.max(0, pool - pooled), thin: true, enabled: true, active: h.online},
      {id: 'ceph-vm', node: h.name, type: 'rbd', shared: true, content: ['images', 'rootdir'], total: 500 * 1024 * GiB, used: 200 * 1024 * GiB, free: 300 * 1024 * GiB, enabled: true, active: h.online},
    )
    return {
      name: h.name,
      status: h.online ? ('online' as const) : ('offline' as const),
      ...(i === 7 ? {maintenance: true} : {}),
      ip: `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`,
      pveVersion: 'pve-manager/9.1.4',
      cpu: {cores: h.cores, used: h.online ? +running.reduce((sum, g) => sum + g.cpu.used, 0.5).toFixed(3) : 0},
      memory: {total: h.online ? total : 0, used: h.online ? Math.min(used, total) : 0},
      disk: {total: 100 * GiB, used: 20 * GiB},
    }
  })
  return simulatedSnapshot('proxlb bench/outside.ts', `outside-${seed}`, '2026-12-03T10:00:00Z', {nodes, guests, storages, ha: {rules}})
}
