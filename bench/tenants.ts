/**
 * A fifth generator for the planner benchmark, sharing nothing with the others: a hosting
 * provider's cluster, where ProxLB's tags carry the rules. Tenants' application stacks of
 * 2 to `stack` guests sit on one node each, kept together by `plb_affinity_<stack>`;
 * replica sets of 2 to 5 guests are kept apart by `plb_anti_affinity_<set>`; some guests
 * are pinned to one of two nodes by `plb_pin_<node>` tags, a few ignored by
 * `plb_ignore_vm`. Nodes of very different sizes (`sizes`, GiB) stand side by side, the
 * last `empty` of them newly added and still empty; every disk is on Ceph. A guest that
 * finds no room is stopped, as an operator would have had it, and a node's CPU is at most
 * 90 % of its cores. The same snapshot for the same seed.
 */
import type {Snapshot} from '../src/model/snapshot.js'
import {simulatedSnapshot} from './simulated.js'

const GiB = 2 ** 30

type Guest = Snapshot['guests'][number]

export interface TenantRecipe {
  seed: number
  nodes: number
  guests: number
  /** Share of its memory a node is filled to, at most, before the new nodes are added. */
  fill: number
  /** Nodes added last, with nothing on them yet. */
  empty: number
  /** Node memory sizes in GiB, picked at random. */
  sizes: readonly number[]
  /** VM memory sizes in GiB (containers take 0.5-4). */
  vm: readonly number[]
  /** The largest application stack. */
  stack: number
  /** Replica sets kept apart. */
  apart: number
  /** Guests pinned by tag. */
  pins: number
}

export const TENANTS: Omit<TenantRecipe, 'seed'> = {nodes: 100, guests: 12_000, fill: 0.8, empty: 10, sizes: [128, 256, 512, 1024], vm: [2, 4, 8, 16], stack: 40, apart: 800, pins: 300}

export function tenantCluster(recipe: TenantRecipe): Snapshot {
  let x = (recipe.seed * 69069 + 1) % 2 ** 32 || 5
  const random = () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0
    return x / 2 ** 32
  }
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
  const hosts = Array.from({length: recipe.nodes}, (_, i) => ({
    name: `hv-${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}`,
    memory: pick(recipe.sizes),
    cores: pick([16, 32, 64, 128]),
    empty: i >= recipe.nodes - recipe.empty,
    used: 0,
    cpu: 0,
    guests: [] as Guest[],
  }))
  type Host = (typeof hosts)[number]
  const filled = hosts.filter((h) => !h.empty)
  const guests: Guest[] = []
  let vmid = 100
  const place = (used: number, avoid?: ReadonlySet<string>): Host => {
    for (let t = 0; t < 60; t++) {
      const h = pick(filled)
      if (!avoid?.has(h.name) && h.used + used <= recipe.fill * h.memory * GiB) return h
    }
    return filled.filter((h) => !avoid?.has(h.name)).reduce((a, b) => (b.memory * GiB - b.used > a.memory * GiB - a.used ? b : a))
  }
  const add = (tags: string[], host?: Host, avoid?: ReadonlySet<string>): Guest => {
    const lxc = random() < 0.5
    const assigned = Math.round(pick(lxc ? [0.5, 1, 2, 4] : recipe.vm) * GiB)
    const running = random() < 0.9
    let used = running ? Math.round(assigned * (0.2 + 0.75 * random())) : 0
    const h = host ?? place(used, avoid)
    const fits = h.used + used <= 0.97 * h.memory * GiB
    if (!fits) used = 0
    h.used += used
    const cores = pick([1, 2, 4, 8, 16])
    const cpuUsed = running && fits ? +(cores * random() ** 3).toFixed(3) : 0
    h.cpu += cpuUsed
    const id = vmid++
    const size = Math.round(pick([8, 16, 32, 64, 128]) * GiB)
    const guest: Guest = {
      vmid: id,
      name: `${lxc ? 'ct' : 'vm'}-${id}`,
      type: lxc ? 'lxc' : 'qemu',
      node: h.name,
      status: running && fits ? 'running' : 'stopped',
      tags,
      cpu: {cores, used: cpuUsed},
      memory: {assigned, used},
      disk: {assigned: size, used: Math.round(size * 0.3)},
      migration: {localDisks: [], sharedDisks: [{key: lxc ? 'rootfs' : 'scsi0', volid: `ceph:vm-${id}-disk-0`, storage: 'ceph', size}], localResources: []},
    }
    guests.push(guest)
    h.guests.push(guest)
    return guest
  }
  // A third of the guests in application stacks, each on one node.
  for (let k = 0; guests.length < recipe.guests * 0.35; k++) {
    const n = 2 + Math.floor(random() * random() * (recipe.stack - 1))
    const h = place(n * 4 * GiB)
    for (let i = 0; i < n && guests.length < recipe.guests; i++) add([`plb_affinity_stack${k}`, `tenant-${k % 37}`], h)
  }
  for (let r = 0; r < recipe.apart; r++) {
    const n = 2 + Math.floor(random() * 4)
    const taken = new Set<string>()
    for (let i = 0; i < n; i++) taken.add(add([`plb_anti_affinity_rs${r}`], undefined, taken).node)
  }
  for (let p = 0; p < recipe.pins; p++) {
    const a = pick(filled)
    const b = pick(filled)
    add([`plb_pin_${a.name}`, `plb_pin_${b.name}`], a)
  }
  while (guests.length < recipe.guests) add(random() < 0.03 ? ['plb_ignore_vm'] : [])
  // A node's CPU is at most its cores: the guests' figures scaled to 90 % where they sum beyond.
  for (const h of hosts) {
    const scale = h.cpu > 0.9 * h.cores ? (0.9 * h.cores) / h.cpu : 1
    h.cpu = 0
    for (const g of h.guests) h.cpu += g.cpu.used = +(g.cpu.used * scale).toFixed(3)
  }
  const storages: NonNullable<Snapshot['storages']> = []
  const nodes = hosts.map((h, i) => {
    storages.push(
      {id: 'ceph', node: h.name, type: 'rbd', shared: true, content: ['images', 'rootdir'], total: 500 * 1024 * GiB, used: 200 * 1024 * GiB, free: 300 * 1024 * GiB, enabled: true, active: true},
      {id: 'local', node: h.name, type: 'dir', shared: false, content: ['iso', 'backup'], total: 100 * GiB, used: 10 * GiB, free: 90 * GiB, enabled: true, active: true},
    )
    return {
      name: h.name,
      status: 'online' as const,
      ...(i % 41 === 7 ? {maintenance: true} : {}),
      ip: `10.9.${i >> 8}.${i % 256}`,
      pveVersion: 'pve-manager/9.1.4',
      cpu: {cores: h.cores, used: +(h.cpu + 0.2).toFixed(3)},
      memory: {total: h.memory * GiB, used: Math.min(h.memory * GiB, h.used + 4 * GiB)},
      disk: {total: 100 * GiB, used: 10 * GiB},
    }
  })
  return simulatedSnapshot('proxlb bench/tenants.ts', `tenants-${recipe.seed}`, '2026-12-08T02:00:00Z', {nodes, guests, storages})
}
