/**
 * Loads averaged over an RRD window (`snapshot --cpu-window`, the balance service's
 * balance.window) count each guest where it runs now. PVE keeps a node's RRD with the
 * node and a guest's with the guest, so a guest migrated within the window is still in
 * the average of the node it left and missing from the one it went to; the collector
 * moves its share over, from the migrations /cluster/tasks lists. Against the emulator,
 * whose node RRD holds the node's history as PVE's does.
 */
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {type Emulator, startEmulator} from '../../src/emulator/index.js'
import {apiPath, ProxmoxClient} from '../../src/proxmox/client.js'
import {collectSnapshot, migrationsSince, placeAverages} from '../../src/proxmox/collector.js'
import {parseHosts} from '../../src/proxmox/hosts.js'
import {GiB, snapshot} from '../helpers/builders.js'

const SEED = snapshot(
  [{name: 'a', memory: 64, cores: 16, host: 2}, {name: 'b', memory: 64, cores: 16, host: 2}],
  [
    {vmid: 100, node: 'a', memory: 16, assigned: 24, cores: 4, cpu: 3},
    {vmid: 101, node: 'a', memory: 8, cores: 2, cpu: 1},
    {vmid: 102, node: 'b', memory: 8, cores: 2, cpu: 1},
  ],
)

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator({snapshot: SEED, port: 0, tokens: [{tokenid: 'root@pam!t', secret: 'token-secret'}], migration: {instant: true}})
})
afterAll(async () => emulator?.close())

async function withClient<T>(use: (c: ProxmoxClient) => Promise<T>): Promise<T> {
  const hosts = parseHosts([emulator.url])
  if (!hosts.ok) throw new Error(hosts.message)
  const c = new ProxmoxClient({endpoints: hosts.endpoints, credentials: {kind: 'token', tokenId: 'root@pam!t', secret: 'token-secret'}, tls: {ca: emulator.certificatePem}})
  try {
    return await use(c)
  } finally {
    await c.close()
  }
}

const averaged = () => withClient((c) => collectSnapshot(c, {cpuWindow: 'hour', averageMemory: true, takenAt: '2026-11-21T10:00:00Z', tool: 'proxlb test'}))
const memoryOf = (s: Awaited<ReturnType<typeof averaged>>['snapshot'], node: string) => s.nodes.find((n) => n.name === node)!.memory.used / GiB
const cpuOf = (s: Awaited<ReturnType<typeof averaged>>['snapshot'], node: string) => s.nodes.find((n) => n.name === node)!.cpu.used

describe('averages over a window after a migration within it', () => {
  test('the migrated guest counts on the node it went to, for the whole window', async () => {
    const before = (await averaged()).snapshot
    expect(memoryOf(before, 'a')).toBeCloseTo(26, 1)
    expect(memoryOf(before, 'b')).toBeCloseTo(10, 1)

    await withClient(async (c) => {
      const upid = await c.post<string>(apiPath`/nodes/${'a'}/qemu/${100}/migrate`, {target: 'b', online: 1})
      await expect.poll(async () => (await c.get<{status: string}>(apiPath`/nodes/${'a'}/tasks/${upid}/status`)).status).toBe('stopped')
    })
    // The nodes' own RRD still has the guest on a for the whole hour, as PVE's would.
    const rows = await withClient((c) => c.get<{memused: number}[]>(apiPath`/nodes/${'a'}/rrddata`, {timeframe: 'hour', cf: 'AVERAGE'}))
    expect(rows.reduce((sum, r) => sum + r.memused, 0) / rows.length / GiB).toBeGreaterThan(25)

    const {snapshot: after, warnings} = await averaged()
    expect(warnings).toEqual([])
    expect(after.guests.find((g) => g.vmid === 100)!.node).toBe('b')
    // Within one RRD row (1/70 of the guest) of where the guests are now.
    expect(memoryOf(after, 'a')).toBeCloseTo(10, 0)
    expect(memoryOf(after, 'b')).toBeCloseTo(26, 0)
    expect(cpuOf(after, 'a')).toBeCloseTo(1, 0)
    expect(cpuOf(after, 'b')).toBeCloseTo(4, 0)
  })
})

describe('migrationsSince and placeAverages', () => {
  const upid = (node: string, vmid: number, type = 'qmigrate') => ({node, pid: 1, pstart: 1, starttime: 900, type, id: String(vmid), user: 'root@pam'})
  test('a guest moved twice went where it left from next, then where it is; failed, running and older migrations and other tasks do not count', () => {
    const tasks = [
      {...upid('a', 100), endtime: 1000, exitstatus: 'OK'},
      {...upid('b', 100), endtime: 1500, exitstatus: 'OK'},
      {...upid('a', 101), endtime: 1200, exitstatus: 'migration aborted'},
      {...upid('a', 102)},
      {...upid('a', 103), endtime: 100, exitstatus: 'OK'},
      {...upid('a', 104, 'vzmigrate'), endtime: 1300, exitstatus: 'WARNINGS: 1'},
      {...upid('a', 105, 'vzdump'), endtime: 1300, exitstatus: 'OK'},
    ]
    const where = new Map([[100, 'c'], [101, 'a'], [102, 'a'], [103, 'b'], [104, 'b'], [105, 'a']])
    expect(migrationsSince(tasks, where, 500)).toEqual([
      {vmid: 100, from: 'a', to: 'b', end: 1000},
      {vmid: 104, from: 'a', to: 'b', end: 1300},
      {vmid: 100, from: 'b', to: 'c', end: 1500},
    ])
  })

  test('the share of the window before the migration moves from the node left to the node reached', () => {
    // Rows every 60 s ending at 600 (covering 0-600): the guest left at 150, a quarter in.
    const times = Array.from({length: 10}, (_, i) => 60 * (i + 1))
    const nodes = new Map([['a', 20], ['b', 5]])
    placeAverages(nodes, new Map([[100, 8]]), [{vmid: 100, from: 'a', to: 'b', end: 150}], times, () => 1)
    expect(nodes.get('a')).toBeCloseTo(20 - 8 * 0.25)
    expect(nodes.get('b')).toBeCloseTo(5 + 8 * 0.25)
  })
})
