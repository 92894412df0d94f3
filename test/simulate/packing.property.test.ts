/**
 * The packing search against brute force, on instances made for its shortcuts: few sizes
 * (so that items and bins are often alike and the search passes over bins it takes for
 * interchangeable), apart groups already on bins and on items. Whatever it passes over,
 * it must find the least memory left out, then the fewest items, as trying every
 * assignment does, and its own placement must honour every rule.
 */
import {fc, test} from '@fast-check/vitest'
import {describe, expect} from 'vitest'
import {pack, type PackBin, type PackItem} from '../../src/simulate/packing.js'

const groups = fc.uniqueArray(fc.integer({min: 0, max: 2}), {maxLength: 2}).map((g) => g.sort((a, b) => a - b))
const instance = fc.integer({min: 1, max: 4}).chain((binCount) =>
  fc.record({
    bins: fc.array(fc.record({memory: fc.constantFrom(0, 4, 8), disk: fc.constant(0), apart: groups}), {minLength: binCount, maxLength: binCount}),
    items: fc.array(
      fc.record({memory: fc.constantFrom(0, 2, 4), disk: fc.constant(0), allowed: fc.uniqueArray(fc.integer({min: 0, max: binCount - 1}), {minLength: 1, maxLength: binCount}).map((a) => a.sort((x, y) => x - y)), apart: groups}),
      {maxLength: 6},
    ),
  }),
)

/** Whether `bins` (bin per item, -1: left out) honours memory and apart groups. */
function valid(items: readonly PackItem[], bins: readonly PackBin[], placement: readonly number[]): boolean {
  const used = bins.map(() => 0)
  const present = bins.map((b) => [...b.apart])
  for (let i = 0; i < items.length; i++) {
    const b = placement[i]
    if (b < 0) continue
    if (!items[i].allowed.includes(b)) return false
    used[b] += items[i].memory
    if (items[i].apart.some((g) => present[b].includes(g))) return false
    present[b].push(...items[i].apart)
  }
  return used.every((m, b) => m <= bins[b].memory)
}

/** The least memory left out, then the fewest items, over every assignment. */
function bruteForce(items: readonly PackItem[], bins: readonly PackBin[]): {memory: number; count: number} {
  let best = {memory: Infinity, count: Infinity}
  const placement = items.map(() => -1)
  const visit = (i: number): void => {
    if (i === items.length) {
      if (!valid(items, bins, placement)) return
      const left = items.filter((_, k) => placement[k] < 0)
      const memory = left.reduce((sum, item) => sum + item.memory, 0)
      if (memory < best.memory || (memory === best.memory && left.length < best.count)) best = {memory, count: left.length}
      return
    }
    for (const b of [-1, ...items[i].allowed]) {
      placement[i] = b
      visit(i + 1)
    }
    placement[i] = -1
  }
  visit(0)
  return best
}

describe('the packing search', () => {
  test.prop([instance], {numRuns: 1000})('leaves out what brute force leaves out, and honours every rule', ({items, bins}) => {
    const result = pack(items, bins)
    expect(result.method).toBe('exact')
    expect(valid(items, bins, result.bins)).toBe(true)
    const best = bruteForce(items, bins)
    expect(result.unplacedMemory).toBe(best.memory)
    expect(result.bins.filter((b) => b < 0).length).toBe(best.count)
  })
})
