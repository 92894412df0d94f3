/**
 * The collector's scheduler: every item once, never more in flight than the limit, never
 * more for one node than the node's limit, as many as the limits allow from the start,
 * nodes taken in turn, and the first error stops the rest.
 */
import {fc, test} from '@fast-check/vitest'
import {describe, expect} from 'vitest'
import {forEachBounded} from '../../src/proxmox/collector.js'

interface Item {
  id: number
  node: string
  /** Microtask turns the work takes. */
  ticks: number
}

const items = fc
  .array(fc.record({node: fc.constantFrom('pve1', 'pve2', 'pve3', 'pve4', 'pve5'), ticks: fc.integer({min: 0, max: 6})}), {maxLength: 60})
  .map((list) => list.map((item, id): Item => ({id, ...item})))

async function turns(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await Promise.resolve()
}

describe('forEachBounded', () => {
  test.prop([items, fc.integer({min: 1, max: 12}), fc.integer({min: 1, max: 5})], {numRuns: 300})(
    'runs each item once within both limits, starting as many as they allow',
    async (list, limit, perNode) => {
      const done: number[] = []
      const running = new Map<string, number>()
      let inFlight = 0
      let peak = 0
      let peakPerNode = 0
      const finished = forEachBounded(list, limit, async (item) => {
        inFlight++
        running.set(item.node, (running.get(item.node) ?? 0) + 1)
        peak = Math.max(peak, inFlight)
        peakPerNode = Math.max(peakPerNode, running.get(item.node)!)
        await turns(item.ticks)
        inFlight--
        running.set(item.node, running.get(item.node)! - 1)
        done.push(item.id)
      }, {key: (item) => item.node, limit: perNode})
      // Everything the limits allow has started before the first item can finish.
      const perNodeCounts = new Map<string, number>()
      for (const item of list) perNodeCounts.set(item.node, (perNodeCounts.get(item.node) ?? 0) + 1)
      const allowed = Math.min(limit, [...perNodeCounts.values()].reduce((sum, n) => sum + Math.min(n, perNode), 0))
      expect(inFlight).toBe(allowed)
      await finished
      expect(done.sort((a, b) => a - b)).toEqual(list.map((item) => item.id))
      expect(peak).toBeLessThanOrEqual(limit)
      expect(peakPerNode).toBeLessThanOrEqual(perNode)
    },
  )

  test('takes the nodes in turn whatever order the items come in', async () => {
    const started: string[] = []
    const list = ['a1', 'a2', 'a3', 'b1', 'b2', 'c1'].map((name) => ({name, node: name[0]}))
    await forEachBounded(list, 1, async (item) => {
      started.push(item.name)
    }, {key: (item) => item.node, limit: 4})
    expect(started).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3'])
  })

  test('without groups it keeps the order and the limit', async () => {
    const started: number[] = []
    await forEachBounded([1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n)
      await turns(n)
    })
    expect(started).toEqual([1, 2, 3, 4, 5])
  })

  test('the first error is thrown and nothing else starts', async () => {
    const started: number[] = []
    const failure = new Error('node pve2 refused')
    const run = forEachBounded([1, 2, 3, 4, 5, 6], 1, async (n) => {
      started.push(n)
      if (n === 3) throw failure
    })
    await expect(run).rejects.toBe(failure)
    await turns(10)
    expect(started).toEqual([1, 2, 3])
  })

  test('no items: done at once', async () => {
    await expect(forEachBounded([], 4, async () => {})).resolves.toBeUndefined()
  })
})
