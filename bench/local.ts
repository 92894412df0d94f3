/**
 * Clusters without shared guest storage, from a fourth generator that shares nothing with
 * the others: most guests (three in four) live on their node's local ZFS pool or thin LVM
 * (three nodes in five have a pool, the others only LVM), one to four disks each, EFI
 * disks, unused volumes and ISO cdroms beside them; the rest on NFS. Node memory of
 * 192 GiB to 768 GiB filled to `fill`, local pools of 1 TiB to 8 TiB filled to `poolFill`
 * times half their guests' disk sizes (1: half full, 2: full), PVE 9 HA affinity rules
 * (300 negative, 100 positive, 200 node affinity), a node in maintenance, a few offline.
 * With migration.withLocalDisks the storage rule decides most moves: a full pool refuses
 * every guest with a disk on it. The same snapshot for the same seed.
 */
import type {LocalDisk, SharedDisk} from '../src/model/generated/snapshot.v1.js'
import type {Snapshot} from '../src/model/snapshot.js'
import {simulatedSnapshot} from './simulated.js'

const GiB = 2 ** 30
const TiB = 1024 * GiB

export function localCluster(seed: number, nodeCount: number, guestCount: number, fill: number, poolFill: number): Snapshot {
  let x = (seed * 40503 + 7) % 2 ** 31 || 3
  const random = () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return ((x >>> 0) % 1_000_000) / 1_000_000
  }
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
  const hosts = Array.from({length: nodeCount}, (_, i) => {
    const memory = pick([192, 256, 384, 512, 768])
    const zfs = random() < 0.6
    const lvm = !zfs || random() < 0.3
    const zpool = pick([1, 2, 4, 8]) * TiB
    const cores = pick([24, 32, 48, 64, 96])
    const lpool = pick([1, 2]) * TiB
    return {name: `node-${String(i + 1).padStart(2, '0')}`, memory, cores, zfs, lvm, zpool, lpool, usedMemory: 0, zfsUsed: 0, lvmUsed: 0, guests: [] as Snapshot['guests'], online: random() > 0.01}
  })
  const online = hosts.filter((h) => h.online)
  const guests: Snapshot['guests'] = []
  for (let i = 0; i < guestCount; i++) {
    const lxc = random() < 0.4
    const memoryGiB = Math.max(0.25, Math.round(Math.exp(Math.log(lxc ? 1 : 6) + 0.8 * (random() + random() + random() - 1.5) * 2) * 4) / 4)
    const status = random() < 0.15 ? 'stopped' : 'running'
    const used = status === 'stopped' ? 0 : Math.round(memoryGiB * GiB * (0.3 + 0.7 * random()))
    let host = pick(online)
    const local = random() < 0.75
    for (let t = 0; t < 40; t++) {
      host = pick(online)
      if (host.usedMemory + used <= fill * host.memory * GiB) break
    }
    host.usedMemory += used
    const vmid = 1000 + i * 3
    const storage = () => (host.zfs && (!host.lvm || random() < 0.7) ? 'local-zfs' : 'local-lvm')
    const disks: LocalDisk[] = []
    const shared: SharedDisk[] = []
    const count = lxc ? 1 + (random() < 0.2 ? 1 : 0) : 1 + Math.floor(random() * random() * 4)
    for (let d = 0; d < count; d++) {
      const size = Math.round(pick([4, 8, 16, 32, 64, 128, 256, 1024]) * GiB)
      const key = lxc ? (d === 0 ? 'rootfs' : `mp${d - 1}`) : `scsi${d}`
      if (local) {
        const s = storage()
        disks.push({key, volid: `${s}:${lxc ? 'subvol' : 'vm'}-${vmid}-disk-${d}`, storage: s, size, format: s === 'local-zfs' && lxc ? 'subvol' : 'raw'})
      } else shared.push({key, volid: `nfs-vm:${vmid}/vm-${vmid}-disk-${d}.qcow2`, storage: 'nfs-vm', size})
    }
    if (!lxc && local && random() < 0.4) {
      const s = storage()
      disks.push({key: 'efidisk0', volid: `${s}:vm-${vmid}-disk-9`, storage: s, size: 1024 * 1024, format: 'raw'})
    }
    if (!lxc && random() < 0.1) disks.push({key: 'unused0', volid: `${storage()}:vm-${vmid}-disk-8`, storage: storage(), size: 32 * GiB, format: 'raw'})
    if (!lxc && random() < 0.05) disks.push({key: 'ide2', volid: 'local:iso/debian-13.iso', storage: 'local', size: 700 * 2 ** 20, format: 'iso', cdrom: true})
    for (const d of disks) {
      if (d.storage === 'local-zfs') host.zfsUsed += d.size * 0.5
      else if (d.storage === 'local-lvm') host.lvmUsed += d.size * 0.5
    }
    const cores = pick([1, 2, 2, 4, 4, 8])
    const size = [...disks, ...shared].reduce((sum, d) => sum + d.size, 0)
    const guest: Snapshot['guests'][number] = {
      vmid,
      name: `${lxc ? 'ct' : 'vm'}${vmid}`,
      type: lxc ? 'lxc' : 'qemu',
      node: host.name,
      status,
      tags: random() < 0.05 ? ['plb_ignore_vm'] : [],
      cpu: {cores, used: status === 'running' ? +(cores * random() * random()).toFixed(3) : 0},
      memory: {assigned: Math.round(memoryGiB * GiB), used},
      disk: {assigned: size, used: Math.round(size * 0.4)},
      migration: {localDisks: disks, sharedDisks: shared, localResources: !lxc && random() < 0.02 ? ['hostpci0'] : []},
      ...(random() < 0.3 ? {ha: {managed: true, state: 'started'}} : {}),
    }
    guests.push(guest)
    host.guests.push(guest)
  }
  const ha = guests.filter((g) => g.ha)
  const rules: NonNullable<NonNullable<Snapshot['ha']>['rules']> = []
  for (let k = 0; k < 300; k++) rules.push({id: `apart${k}`, type: 'resource-affinity', affinity: 'negative', resources: [...new Set([pick(ha).vmid, pick(ha).vmid, pick(ha).vmid])]})
  for (let k = 0; k < 100; k++) rules.push({id: `keep${k}`, type: 'resource-affinity', affinity: 'positive', resources: [...new Set([pick(ha).vmid, pick(ha).vmid])]})
  for (let k = 0; k < 200; k++) {
    const resources = [...new Set(Array.from({length: 1 + Math.floor(random() * 8)}, () => pick(ha).vmid))]
    const nodes = [...new Set(Array.from({length: 10 + Math.floor(random() * 20)}, () => pick(online).name))].map((node, j) => ({node, priority: j % 3}))
    rules.push({id: `zone${k}`, type: 'node-affinity', resources, nodes, strict: random() < 0.7})
  }
  const storages: NonNullable<Snapshot['storages']> = []
  const nodes = hosts.map((h, i) => {
    const total = h.memory * GiB
    storages.push({id: 'local', node: h.name, type: 'dir', shared: false, content: ['iso', 'vztmpl', 'backup', 'snippets'], total: 94 * GiB, used: 30 * GiB, free: 64 * GiB, enabled: true, active: h.online})
    if (h.zfs) {
      const used = Math.min(h.zpool, Math.round(h.zfsUsed * poolFill))
      storages.push({id: 'local-zfs', node: h.name, type: 'zfspool', shared: false, content: ['images', 'rootdir'], total: h.zpool, used, free: h.zpool - used, thin: true, enabled: true, active: h.online})
    }
    if (h.lvm) {
      const used = Math.min(h.lpool, Math.round(h.lvmUsed * poolFill))
      storages.push({id: 'local-lvm', node: h.name, type: 'lvmthin', shared: false, content: ['images', 'rootdir'], total: h.lpool, used, free: h.lpool - used, thin: true, enabled: true, active: h.online})
    }
    storages.push({id: 'nfs-vm', node: h.name, type: 'nfs', shared: true, content: ['images'], total: 200 * TiB, used: 120 * TiB, free: 80 * TiB, enabled: true, active: h.online})
    storages.push({id: 'pbs', node: h.name, type: 'pbs', shared: true, content: ['backup'], total: 400 * TiB, used: 300 * TiB, free: 100 * TiB, enabled: true, active: h.online})
    // CephFS for ISOs and templates, enabled on every other node.
    storages.push({id: 'cephfs', node: h.name, type: 'cephfs', shared: true, content: ['iso', 'vztmpl'], total: 10 * TiB, used: TiB, free: 9 * TiB, enabled: i % 2 === 0, active: h.online && i % 2 === 0})
    const running = h.guests.filter((g) => g.status === 'running')
    // A node's disk, as the client reads it: its local guest storages together.
    const guestStorages = storages.filter((s) => s.node === h.name && !s.shared && s.content!.includes('images'))
    const cpuSum = running.reduce((sum, g) => sum + g.cpu.used, 0.3)
    const cpuScale = cpuSum > h.cores * 0.9 ? (h.cores * 0.9) / cpuSum : 1
    for (const g of running) g.cpu.used = +(g.cpu.used * cpuScale).toFixed(3)
    return {
      name: h.name,
      status: h.online ? ('online' as const) : ('offline' as const),
      ...(i === 3 ? {maintenance: true} : {}),
      ip: `192.168.${10 + (i >> 8)}.${i % 256}`,
      pveVersion: 'pve-manager/9.1.4',
      cpu: {cores: h.cores, used: h.online ? +running.reduce((sum, g) => sum + g.cpu.used, 0.3).toFixed(3) : 0},
      memory: {total: h.online ? total : 0, used: h.online ? Math.min(total, h.usedMemory + Math.round(8 * GiB)) : 0},
      disk: {total: guestStorages.reduce((sum, s) => sum + s.total!, 0), used: guestStorages.reduce((sum, s) => sum + s.used!, 0)},
      rootfs: {total: 94 * GiB, used: 30 * GiB},
    }
  })
  return simulatedSnapshot('bench/local', `local-${seed}`, '2026-12-07T03:00:00Z', {nodes, guests, storages, ha: {rules}})
}
