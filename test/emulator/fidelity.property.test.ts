/**
 * Properties of the emulator's picture of a cluster, over generated clusters of any shape:
 * what /cluster/resources and the configs say agrees with the seed snapshot, RRD averages
 * equal the snapshot's figures (so CPU-window averaging has a known answer), and
 * migrations never lose or duplicate a guest or a byte of memory.
 */
import {fc, test} from '@fast-check/vitest'
import {describe, expect} from 'vitest'
import {Cluster} from '../../src/emulator/cluster.js'
import {guestConfig} from '../../src/emulator/config.js'
import {Migrations} from '../../src/emulator/migration.js'
import {RRD_POINTS} from '../../src/emulator/rrd.js'
import {TaskRegistry} from '../../src/emulator/tasks.js'
import {clusterResources, guestRrd, nodeRrd, storageContent} from '../../src/emulator/views.js'
import {generateCluster} from '../helpers/generate.js'

const BIG = [{cores: 128, memoryGiB: 4096}]
const clusters = fc
  .record({seed: fc.integer({min: 1, max: 2 ** 31 - 1}), nodes: fc.integer({min: 2, max: 8}), guests: fc.integer({min: 1, max: 60})})
  .map((o) => generateCluster({name: 'gen', ...o, nodeSizes: BIG}))

/** Clusters laid out as PVE installs them: overcommitted thin pools, a ZFS node, Ceph, files on `local`. */
const pveClusters = fc
  .record({seed: fc.integer({min: 1, max: 2 ** 31 - 1}), nodes: fc.integer({min: 2, max: 6}), guests: fc.integer({min: 1, max: 40})})
  .map((o) => generateCluster({name: 'gen', ...o, nodeSizes: BIG, storage: 'pve'}))

const SIZE_UNITS: Record<string, number> = {K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40}
const sizeOf = (text: string) => {
  const m = /size=(\d+)([KMGT]?)/.exec(text)
  return m ? Number(m[1]) * (SIZE_UNITS[m[2]] ?? 1) : 0
}

describe('the emulator reports the seed faithfully', () => {
  test.prop([clusters], {numRuns: 40})('every node and guest appears in /cluster/resources with its figures', (seed) => {
    const cluster = new Cluster(seed)
    const resources = clusterResources({cluster, now: 1_800_000_000})
    for (const node of seed.nodes) {
      const r = resources.find((x) => x.type === 'node' && x.node === node.name)!
      expect(r).toMatchObject({status: node.status, maxmem: node.memory.total, maxcpu: node.cpu.cores})
      if (node.status === 'online') {
        expect(r.mem).toBe(node.memory.used)
        expect((r.cpu as number) * node.cpu.cores).toBeCloseTo(node.cpu.used, 4)
      }
    }
    for (const guest of seed.guests) {
      const r = resources.find((x) => x.vmid === guest.vmid)!
      expect(r).toMatchObject({id: `${guest.type}/${guest.vmid}`, type: guest.type, node: guest.node, maxmem: guest.memory.assigned, maxdisk: guest.disk.assigned, template: guest.template ? 1 : 0})
      expect(r.mem).toBe(guest.memory.used)
      expect((r.cpu as number) * guest.cpu.cores).toBeCloseTo(guest.cpu.used, 4)
      expect(r.tags).toBe(guest.tags?.length ? guest.tags.join(';') : undefined)
      expect(r.pool).toBe(guest.pool)
      expect(r.lock).toBe(guest.lock)
      expect(r.hastate !== undefined).toBe(!!guest.ha?.managed)
    }
    expect(resources.filter((x) => x.type === 'qemu' || x.type === 'lxc')).toHaveLength(seed.guests.length)
  })

  test.prop([clusters], {numRuns: 30})('each config gives the assigned memory and disks that add up to the assigned size', (seed) => {
    const cluster = new Cluster(seed)
    for (const guest of seed.guests) {
      const config = guestConfig(guest, cluster.volumesOf(guest.vmid))
      const mib = Math.max(16, Math.round(guest.memory.assigned / 2 ** 20))
      expect(config.memory).toBe(guest.type === 'qemu' ? String(mib) : mib)
      const disks = Object.entries(config).filter(([k]) => /^(scsi|virtio|sata|ide|efidisk|tpmstate|rootfs|mp)\d*$/.test(k))
      expect(disks.reduce((sum, [, v]) => sum + sizeOf(String(v)), 0)).toBe(guest.disk.assigned)
      expect(config.digest).toMatch(/^[0-9a-f]{40}$/)
    }
  })

  test.prop([clusters, fc.constantFrom('hour', 'day', 'week', 'month', 'year' as const)], {numRuns: 30})(
    'RRD averages equal the snapshot figures, and every value stays in range',
    (seed, timeframe) => {
      const cluster = new Cluster(seed)
      const view = {cluster, now: 1_800_000_000}
      const mean = (rows: Record<string, unknown>[], key: string) => rows.reduce((s, r) => s + (r[key] as number), 0) / rows.length
      for (const guest of seed.guests) {
        const rows = guestRrd(view, guest, timeframe, 'AVERAGE')
        expect(rows).toHaveLength(RRD_POINTS)
        const running = guest.status === 'running'
        expect(mean(rows, 'cpu') * guest.cpu.cores).toBeCloseTo(running ? guest.cpu.used : 0, 6)
        expect(mean(rows, 'mem') / Math.max(1, guest.memory.assigned)).toBeCloseTo((running ? guest.memory.used : 0) / Math.max(1, guest.memory.assigned), 9)
        for (const row of rows) {
          expect(row.cpu as number).toBeGreaterThanOrEqual(0)
          expect(row.cpu as number).toBeLessThanOrEqual(1)
          expect(row.mem as number).toBeLessThanOrEqual(guest.memory.assigned)
        }
        const max = guestRrd(view, guest, timeframe, 'MAX')
        max.forEach((row, i) => expect(row.cpu as number).toBeGreaterThanOrEqual((rows[i].cpu as number) * 0.999 - 1e-12))
      }
      for (const node of seed.nodes) {
        const rows = nodeRrd(view, node, timeframe, 'AVERAGE')
        expect(mean(rows, 'cpu') * node.cpu.cores).toBeCloseTo(node.cpu.used, 6)
        expect(rows.map((r) => r.time as number)).toEqual([...rows.map((r) => r.time as number)].sort((a, b) => a - b))
      }
    },
  )
})

describe('migrations conserve the cluster', () => {
  test.prop([clusters, fc.array(fc.tuple(fc.nat(), fc.nat()), {minLength: 1, maxLength: 15})], {numRuns: 25})(
    'after any migrations every guest is on exactly one node, unlocked, and no memory appeared or vanished',
    async (seed, moves) => {
      const cluster = new Cluster(seed)
      const tasks = new TaskRegistry()
      const migrations = new Migrations(cluster, tasks, {bandwidth: 2 ** 40, instant: true, haDelayMs: 0})
      const total = () => seed.nodes.reduce((sum, n) => sum + cluster.nodes.get(n.name)!.memory.used, 0)
      const before = total()
      const locked = new Set(seed.guests.filter((g) => g.lock).map((g) => g.vmid))
      try {
        for (const [g, n] of moves) {
          const guest = seed.guests[g % seed.guests.length]
          const current = cluster.guests.get(guest.vmid)!
          const target = seed.nodes[n % seed.nodes.length].name
          try {
            migrations.request(current.node, current.type, current.vmid, {target, online: true, restart: true, withLocalDisks: true}, 'root@pam')
          } catch {
            // Refused at once (locked, target is the source ...): nothing may change.
          }
          await new Promise((resolve) => setTimeout(resolve, 1))
        }
        await new Promise((resolve) => setTimeout(resolve, 5))
        expect(tasks.running()).toEqual([])
        expect(total()).toBe(before)
        const names = new Set(seed.nodes.map((n) => n.name))
        for (const guest of cluster.guests.values()) {
          expect(names.has(guest.node)).toBe(true)
          expect(guest.lock !== undefined).toBe(locked.has(guest.vmid))
        }
        expect(cluster.guests.size).toBe(seed.guests.length)
      } finally {
        migrations.close()
      }
    },
  )

  test.prop([pveClusters, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), {minLength: 1, maxLength: 15})], {numRuns: 25})(
    'copies move storage use and never create or lose it: no storage above its size, each volume listed once, on its guest\'s node',
    async (seed, moves) => {
      const cluster = new Cluster(seed)
      const tasks = new TaskRegistry()
      const migrations = new Migrations(cluster, tasks, {bandwidth: 2 ** 40, instant: true, haDelayMs: 0})
      const total = () => cluster.storages.filter((s) => !s.shared).reduce((sum, s) => sum + s.used, 0)
      const before = total()
      try {
        for (const [g, n, withDisks] of moves) {
          const guest = cluster.guests.get(seed.guests[g % seed.guests.length].vmid)!
          const target = seed.nodes[n % seed.nodes.length].name
          try {
            migrations.request(guest.node, guest.type, guest.vmid, {target, online: true, restart: true, withLocalDisks: withDisks}, 'root@pam')
          } catch {
            // Refused at once (a storage the target lacks ...): nothing may change.
          }
          await new Promise((resolve) => setTimeout(resolve, 1))
          for (const s of cluster.storages) expect(s.used).toBeLessThanOrEqual(s.total)
        }
        await new Promise((resolve) => setTimeout(resolve, 5))
        expect(tasks.running()).toEqual([])
        expect(total()).toBe(before)
        const view = {cluster, now: 1_800_000_000}
        for (const guest of cluster.guests.values()) {
          for (const disk of guest.migration?.localDisks ?? []) {
            const listed = storageContent(view, guest.node, disk.storage, {}).filter((v) => v.volid === disk.volid)
            expect(listed, `${disk.volid} of guest ${guest.vmid} on ${guest.node}`).toHaveLength(1)
            expect(listed[0].vmid).toBe(guest.vmid)
          }
        }
      } finally {
        migrations.close()
      }
    },
  )
})
