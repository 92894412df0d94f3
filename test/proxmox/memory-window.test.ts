/**
 * balance.window: the balance service plans from memory (and CPU) averaged over RRD data,
 * not from one sample.
 */
import {describe, expect, test} from 'vitest'
import {averageOf} from '../../src/proxmox/collector.js'
import {snapshotFromReading} from '../../src/proxmox/translate.js'

const META = {takenAt: '2026-11-21T10:00:00Z', kind: 'api' as const, cpuWindow: 'hour' as const}
const GiB = 2 ** 30

describe('memory averaged over a window', () => {
  test('the mean of a field over RRD rows, gaps left out', () => {
    expect(averageOf([{mem: 2}, {mem: 4}, {}, {mem: null}, {mem: 6}], 'mem')).toBe(4)
    expect(averageOf([{}], 'mem')).toBeUndefined()
    expect(averageOf('nope', 'mem')).toBeUndefined()
  })

  test('replaces the sample of guests and nodes in the snapshot', () => {
    const resources = [
      {type: 'node', node: 'a', status: 'online', maxcpu: 8, cpu: 0.1, maxmem: 64 * GiB, mem: 40 * GiB},
      {type: 'qemu', vmid: 100, node: 'a', status: 'running', name: 'vm', maxcpu: 2, cpu: 0.5, maxmem: 16 * GiB, mem: 12 * GiB, memhost: 12 * GiB},
    ]
    const sample = snapshotFromReading({resources, status: []}, META).snapshot
    expect(sample.guests[0].memory.used).toBe(12 * GiB)
    const averaged = snapshotFromReading({resources, status: [], memoryAverages: {guests: new Map([[100, 6 * GiB + 0.4]]), nodes: new Map([['a', 30 * GiB]])}}, META).snapshot
    expect(averaged.guests[0].memory.used).toBe(6 * GiB)
    expect(averaged.nodes[0].memory.used).toBe(30 * GiB)
  })
})
