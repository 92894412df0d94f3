/**
 * The scheduler's guarantees, on random plans run with random migration times: never more
 * migrations than the limits allow, in the cluster or on one node; no node over its memory
 * limit at any moment (a guest counts on both nodes while it migrates); every move starts
 * exactly once; and a plan whose moves fit one after another always runs to its end (no
 * deadlock, whatever the durations). With failures mixed in, the run still ends, and a move
 * is only given up when nothing runs and it cannot start.
 */
import {fc, test} from '@fast-check/vitest'
import {describe, expect} from 'vitest'
import {type NodeMemory, type ScheduledMove, Scheduler} from '../../src/apply/schedule.js'

interface Case {
  limits: {parallel: number; perNode: number}
  memory: Map<string, NodeMemory>
  moves: ScheduledMove[]
  durations: number[]
  fails: boolean[]
}

/** Random clusters and plans whose moves fit in plan order (what apply's staleness check ensures). */
const cases = (withFailures: boolean) =>
  fc
    .record({
      nodes: fc.array(fc.record({limit: fc.integer({min: 16, max: 64}), fill: fc.double({min: 0.2, max: 0.9, noNaN: true})}), {minLength: 2, maxLength: 6}),
      moves: fc.array(fc.record({from: fc.nat(), to: fc.nat(), memory: fc.integer({min: 0, max: 6}), waveStep: fc.boolean(), duration: fc.integer({min: 1, max: 50}), fails: fc.boolean()}), {minLength: 1, maxLength: 60, size: 'large'}),
      parallel: fc.integer({min: 1, max: 5}),
      perNode: fc.integer({min: 1, max: 3}),
    })
    .map(({nodes, moves, parallel, perNode}): Case => {
      const names = nodes.map((_, i) => `pve${i + 1}`)
      const memory = new Map(nodes.map((n, i) => [names[i], {limit: n.limit, load: Math.floor(n.limit * n.fill)}]))
      const load = new Map([...memory].map(([name, m]) => [name, m.load]))
      const kept: ScheduledMove[] = []
      const durations: number[] = []
      const fails: boolean[] = []
      const moved = new Set<string>()
      let wave = 1
      moves.forEach((m, i) => {
        const from = names[m.from % names.length]
        const to = names[(m.from + 1 + (m.to % (names.length - 1))) % names.length]
        // Keep moves that fit in order, and move memory a source still holds.
        if ( (load.get(from) ?? 0) < m.memory || (load.get(to) ?? 0) + m.memory > memory.get(to)!.limit) return
        load.set(from, load.get(from)! - m.memory)
        load.set(to, load.get(to)! + m.memory)
        if (m.waveStep) wave++
        kept.push({vmid: 100 + i, from, to, wave, memory: m.memory, bytes: m.duration})
        durations.push(m.duration)
        fails.push(withFailures && m.fails)
        moved.add(from)
      })
      return {limits: {parallel, perNode: Math.min(perNode, parallel)}, memory, moves: kept, durations, fails}
    })

/** Runs the scheduler on virtual time; checks every invariant at every start. */
function simulate(c: Case): {startedTimes: number[]; givenUp: number[]; ended: number} {
  const scheduler = new Scheduler(c.moves, c.limits, c.memory)
  const load = new Map([...c.memory].map(([name, m]) => [name, m.load]))
  const incoming = new Map<string, number>()
  const touching = new Map<string, number>()
  const running = new Map<number, number>()
  const startedTimes = c.moves.map(() => 0)
  const givenUp: number[] = []
  let time = 0
  let ended = 0
  const bump = (map: Map<string, number>, key: string, delta: number) => map.set(key, (map.get(key) ?? 0) + delta)
  for (let steps = 0; steps < 10_000; steps++) {
    for (const i of scheduler.next()) {
      const m = c.moves[i]
      startedTimes[i]++
      bump(touching, m.from, 1)
      bump(touching, m.to, 1)
      bump(incoming, m.to, m.memory)
      running.set(i, time + c.durations[i])
      expect(running.size).toBeLessThanOrEqual(c.limits.parallel)
      expect(touching.get(m.from)).toBeLessThanOrEqual(c.limits.perNode)
      expect(touching.get(m.to)).toBeLessThanOrEqual(c.limits.perNode)
      expect((load.get(m.to) ?? 0) + (incoming.get(m.to) ?? 0)).toBeLessThanOrEqual(c.memory.get(m.to)!.limit)
    }
    if (running.size === 0) {
      const stuck = scheduler.stuck()
      if (!stuck) break
      givenUp.push(stuck.index)
      continue
    }
    const [index, end] = [...running].sort((a, b) => a[1] - b[1] || a[0] - b[0])[0]
    time = end
    running.delete(index)
    const m = c.moves[index]
    const ok = !c.fails[index]
    bump(touching, m.from, -1)
    bump(touching, m.to, -1)
    bump(incoming, m.to, -m.memory)
    if (ok) {
      bump(load, m.to, m.memory)
      bump(load, m.from, -m.memory)
    }
    scheduler.ended(index, ok)
    ended++
  }
  expect(scheduler.finished).toBe(true)
  return {startedTimes, givenUp, ended}
}

/** Four nodes (a-d) with room for anything. */
function roomy(): Map<string, NodeMemory> {
  return new Map(['a', 'b', 'c', 'd'].map((name) => [name, {load: 0, limit: 100}]))
}

/** A move of 1 unit of memory. */
function move(vmid: number, from: string, to: string, wave: number, bytes = 1): ScheduledMove {
  return {vmid, from, to, wave, memory: 1, bytes}
}

describe('the dynamic scheduler', () => {
  /** Found by this property when the reservation for earlier moves was left out: a deadlock. */
  const reservationMatters: Case = {
    limits: {parallel: 2, perNode: 1},
    memory: new Map(['pve1', 'pve2', 'pve3', 'pve4', 'pve5', 'pve6'].map((name) => [name, {limit: 16, load: 3}])),
    moves: [
      [100, 'pve4', 'pve5', 1, 3], [101, 'pve1', 'pve5', 1, 1], [102, 'pve6', 'pve3', 1, 1], [103, 'pve3', 'pve5', 1, 4], [104, 'pve2', 'pve3', 1, 0],
      [105, 'pve1', 'pve2', 2, 0], [106, 'pve6', 'pve2', 2, 1], [107, 'pve2', 'pve1', 2, 4], [108, 'pve5', 'pve3', 2, 1], [109, 'pve1', 'pve5', 2, 6], [110, 'pve1', 'pve2', 2, 0],
    ].map(([vmid, from, to, wave, memory]) => ({vmid, from, to, wave, memory, bytes: 1}) as ScheduledMove),
    durations: new Array(11).fill(1),
    fails: new Array(11).fill(false),
  }

  test.prop([cases(false)], {numRuns: 300, examples: [[reservationMatters]]})('keeps every limit and the memory peaks, starts each move once, never deadlocks', (c) => {
    const {startedTimes, givenUp, ended} = simulate(c)
    expect(givenUp).toEqual([])
    expect(startedTimes.every((n) => n === 1)).toBe(true)
    expect(ended).toBe(c.moves.length)
  })

  test.prop([cases(true)], {numRuns: 300})('with failures: still ends, each move started at most once or given up, never both', (c) => {
    const {startedTimes, givenUp} = simulate(c)
    expect(startedTimes.every((n) => n <= 1)).toBe(true)
    for (const i of givenUp) expect(startedTimes[i]).toBe(0)
    startedTimes.forEach((n, i) => expect(n === 1 || givenUp.includes(i)).toBe(true))
    if (c.fails.every((f) => !f)) expect(givenUp).toEqual([])
  })

  test('a move set aside gives up its slot, is not handed out again until offered, and a stop holds it', () => {
    const memory = roomy()
    const moves = [move(1, 'a', 'b', 1, 2), move(2, 'c', 'd', 1), move(3, 'c', 'b', 1)]
    const scheduler = new Scheduler(moves, {parallel: 1, perNode: 1}, memory)
    expect(scheduler.next()).toEqual([0])
    scheduler.setAside(0)
    // Its slot goes to the most urgent other move (c → b: nodes b and c have the most work left).
    expect(scheduler.next()).toEqual([2])
    expect(scheduler.finished).toBe(false)
    scheduler.ended(2, true)
    expect(scheduler.next()).toEqual([1])
    scheduler.offer(0)
    expect(scheduler.next()).toEqual([])
    scheduler.ended(1, true)
    expect(scheduler.next()).toEqual([0])
    scheduler.setAside(0)
    scheduler.hold()
    scheduler.offer(0)
    expect(scheduler.next()).toEqual([])
    expect(scheduler.waiting()).toEqual([0])
  })

  test('runs faster than waves as barriers: the next move starts when a slot frees', () => {
    // Two waves of two moves; the first wave's moves take 10 and 1: the second wave need not wait for the 10.
    const memory = roomy()
    const moves = [move(1, 'a', 'b', 1), move(2, 'c', 'd', 1), move(3, 'c', 'b', 2)]
    const s = new Scheduler(moves, {parallel: 2, perNode: 2}, memory)
    expect(s.next()).toEqual([0, 1])
    s.ended(1, true)
    expect(s.next()).toEqual([2])
  })

  test('the node with the most work left goes first, so its per-node slots are never idle at the end', () => {
    // a has three long moves, b one short one earlier in the plan; one slot: a's come first.
    const memory = new Map(['a', 'b', 'x', 'y'].map((n) => [n, {load: 0, limit: 100}]))
    const moves: ScheduledMove[] = [
      {vmid: 1, from: 'b', to: 'y', wave: 1, memory: 1, bytes: 1},
      {vmid: 2, from: 'a', to: 'x', wave: 1, memory: 1, bytes: 5},
      {vmid: 3, from: 'a', to: 'x', wave: 2, memory: 1, bytes: 5},
      {vmid: 4, from: 'a', to: 'x', wave: 3, memory: 1, bytes: 5},
    ]
    const s = new Scheduler(moves, {parallel: 2, perNode: 1}, memory)
    expect(s.next()).toEqual([1, 0])
  })

  /** b makes room for a's guest by sending its own to c first. */
  const makeRoomFirst = () =>
    new Scheduler(
      [
        {vmid: 1, from: 'b', to: 'c', wave: 1, memory: 8, bytes: 8},
        {vmid: 2, from: 'a', to: 'b', wave: 2, memory: 8, bytes: 8},
      ],
      {parallel: 4, perNode: 4},
      new Map([['a', {load: 8, limit: 10}], ['b', {load: 8, limit: 10}], ['c', {load: 0, limit: 10}]]),
    )

  test('a move waits for an earlier-wave departure from its target, and for room reserved by earlier moves', () => {
    const s = makeRoomFirst()
    expect(s.next()).toEqual([0])
    expect(s.next()).toEqual([])
    s.ended(0, true)
    expect(s.next()).toEqual([1])
  })

  test('when the move that made room fails, the one that needed it is given up with the reason', () => {
    const s = makeRoomFirst()
    s.next()
    s.ended(0, false)
    expect(s.next()).toEqual([])
    expect(s.stuck()).toEqual({index: 1, reason: expect.stringMatching(/^no room on b any more: it would hold 16 B of its 10 B limit/)})
    expect(s.finished).toBe(true)
  })
})
