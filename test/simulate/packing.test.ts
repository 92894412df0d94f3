/**
 * The packing search on instances whose answers are known by hand: where best-fit
 * decreasing fails and only the exhaustive search finds a placement, and what the search
 * says when its budget stops it first.
 */
import {describe, expect, test} from 'vitest'
import {pack, type PackBin, type PackItem} from '../../src/simulate/packing.js'

const item = (memory: number, allowed = [0, 1], apart: number[] = []): PackItem => ({memory, disk: 0, allowed, apart})
const bin = (memory: number, apart: number[] = []): PackBin => ({memory, disk: 0, apart})

describe('packing', () => {
  // Two bins of 9 and items 5,3,3,3,2,2 (sum 18): both most-room-first and best fit
  // decreasing strand a 2; {5,2,2} and {3,3,3} is the only way.
  const items = [5, 3, 3, 3, 2, 2].map((m) => item(m))
  const bins = [bin(9), bin(9)]

  test('finds the placement the greedy rules miss, and calls it exact', () => {
    const result = pack(items, bins)
    expect(result.method).toBe('exact')
    expect(result.unplacedMemory).toBe(0)
    const load = [0, 0]
    result.bins.forEach((b, i) => (load[b] += items[i].memory))
    expect(load).toEqual([9, 9])
  })

  test('spreads guests over the nodes with most room when that places them all', () => {
    expect(pack([item(4), item(4), item(2)], [bin(10), bin(10)]).bins).toEqual([0, 1, 0])
  })

  test('stops at the first placement as good as the bound: what fits nowhere left out, nothing else tried', () => {
    // A guest of 50 fits on none of four nodes of 15; thirty of 1 to 3 fill them exactly.
    // The first placement leaves out only the 50, which no placement can take: one
    // descent (a step per item, and the last) settles it, as losing a node of a full
    // cluster does a hundred times in a resilience check.
    const small = Array.from({length: 30}, (_, i) => item(1 + (i % 3), [0, 1, 2, 3]))
    const result = pack([item(50, [0, 1, 2, 3]), ...small], [bin(15), bin(15), bin(15), bin(15)])
    expect(result).toMatchObject({method: 'exact', settled: true, unplacedMemory: 50})
    expect(result.bins[0]).toBe(-1)
    expect(result.bins.slice(1).every((b) => b >= 0)).toBe(true)
    expect(result.steps).toBe(small.length + 2)
  })

  test('with a budget too small to search, keeps the heuristic answer and says so', () => {
    const result = pack(items, bins, items.length + 1)
    expect(result.method).toBe('heuristic')
    expect(result.unplacedMemory).toBe(2)
    expect(result.bins.filter((b) => b < 0)).toHaveLength(1)
  })

  test('a budget that runs out still settles "not everything fits" when capacity alone rules it out', () => {
    // 5,3,3,3,2,2 need 18; two bins of 8 hold 16 at most.
    const short = pack(items, [bin(8), bin(8)], items.length + 1)
    expect(short).toMatchObject({method: 'heuristic', settled: true})
    expect(short.unplacedMemory).toBeGreaterThanOrEqual(2)
    // With room for all (9 + 9) but no time to find how, nothing is settled.
    expect(pack(items, bins, items.length + 1)).toMatchObject({method: 'heuristic', settled: false})
  })

  test('leaves out the least memory, then the fewest guests, when not everything fits', () => {
    // Leaving out the 7 or the 4 and the 3 loses the same memory; one guest is fewer than two.
    expect(pack([item(7, [0]), item(4, [0]), item(3, [0])], [bin(7)]).unplacedMemory).toBe(7)
    // A guest without memory still needs a node it is allowed on.
    const zero = pack([item(0, [0]), item(5, [0])], [bin(5)])
    expect(zero.bins).toEqual([0, 0])
  })

  test('never puts two members of an apart group on one node, nor beside one already there', () => {
    const result = pack([item(1, [0, 1], [0]), item(1, [0, 1], [0])], [bin(10, [0]), bin(10)])
    expect(result.bins.filter((b) => b >= 0)).toEqual([1])
    expect(result.unplacedMemory).toBe(1)
  })
})
