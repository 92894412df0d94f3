/**
 * simulate --cycles as a user runs it (the compiled CLI), and the replay's own sums.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {readSnapshot} from '../../src/model/snapshot.js'
import {driftedOver, parseDrift} from '../../src/simulate/drift.js'
import {replay} from '../../src/simulate/replay.js'
import {GiB, policy, snapshot} from '../helpers/builders.js'
import {proxlb, ROOT} from '../helpers/cli.js'

describe('drift specs', () => {
  test('reads each part and refuses what it cannot read, saying how to write it', () => {
    expect(parseDrift('walk:5%,daily:20%,seed:3')).toEqual({walk: 0.05, daily: 0.2, jitter: 0, seed: 3})
    expect(parseDrift('jitter:10%')).toEqual({walk: 0, daily: 0, jitter: 0.1, seed: 1})
    expect(parseDrift('walk:5')).toBe('walk needs a percentage, such as walk:5%')
    expect(parseDrift('wave:5%')).toMatch(/^"wave:5%" is not a part of a drift \(expected walk:N%/)
    expect(parseDrift('seed:1,seed:2')).toBe('seed is given twice')
  })
})

describe('the replay', () => {
  const wobbly = snapshot(
    [{name: 'a'}, {name: 'b'}, {name: 'c'}],
    Array.from({length: 18}, (_, i) => ({vmid: 100 + i, node: i < 10 ? 'a' : i < 15 ? 'b' : 'c', memory: 4})),
  )

  test('is the same for the same seed, and the greedy balancer flaps where proxlb does not', () => {
    // On the demo cluster the greedy balancer chases every drift, back and forth.
    const demo = readSnapshot(readFileSync(join(ROOT, 'snapshots', 'demo.json')), 'demo.json').snapshot
    const run = () => replay({snapshot: demo, snapshotLabel: 's', policy: policy(), policyLabel: 'p', cycles: 48, everySeconds: 3600, drift: {walk: 0.02, daily: 0.1, jitter: 0, seed: 1}, toolVersion: 't'})
    const first = run()
    expect(JSON.stringify(run())).toBe(JSON.stringify(first))
    const [proxlb, greedy] = first.runs
    expect(proxlb.totals.movedAgainWithinCooldown).toBe(0)
    expect(proxlb.totals.moves).toBeGreaterThan(0)
    expect(proxlb.totals.movesAfterFirst).toBe(0)
    expect(greedy.totals.movedBackWithinCooldown).toBeGreaterThan(10)
  })

  test('marks the cycles whose plan left a node in maintenance or above its memory limit', () => {
    // b has no room for the 12 GiB guest that must leave a: every cycle's plan says no-room.
    const stuck = snapshot([{name: 'a', memory: 32}, {name: 'b', memory: 16}], [{vmid: 100, node: 'a', memory: 12}, {vmid: 101, node: 'b', memory: 8}])
    const result = replay({snapshot: stuck, snapshotLabel: 's', policy: policy({maintenance: {nodes: ['a']}}), policyLabel: 'p', cycles: 3, everySeconds: 3600, drift: {walk: 0, daily: 0, jitter: 0, seed: 1}, toolVersion: 't', strategies: ['proxlb']})
    expect(result.runs[0].cycles.map((c) => [c.moves.length, c.unsatisfied])).toEqual([[0, true], [0, true], [0, true]])
  })

  test('with balance.window, proxlb plans from the load averaged over the window before each cycle; the greedy from the sample', () => {
    // Two even nodes, every guest off by up to ±30 % each hour: the samples cross the
    // threshold plus margin again and again; averaged over a day they do not.
    const even = snapshot([{name: 'a', memory: 32}, {name: 'b', memory: 32}], Array.from({length: 8}, (_, i) => ({vmid: 100 + i, node: i < 4 ? 'a' : 'b', memory: 6, assigned: 8})))
    const moves = (window: 'off' | 'hour' | 'day') => {
      const result = replay({snapshot: even, snapshotLabel: 's', policy: policy({balance: {window}}), policyLabel: 'p', cycles: 48, everySeconds: 3600, drift: {walk: 0, daily: 0, jitter: 0.3, seed: 1}, toolVersion: 't'})
      return {proxlb: result.runs[0].totals.moves, greedy: result.runs[1].totals.moves, window: result.policy.window}
    }
    const sample = moves('off')
    const hour = moves('hour')
    const day = moves('day')
    expect(sample.window).toBeUndefined()
    expect(day.window).toBe('day')
    expect(sample.proxlb).toBeGreaterThan(hour.proxlb)
    expect(hour.proxlb).toBeGreaterThan(day.proxlb)
    expect(day.proxlb).toBe(0)
    expect(day.greedy).toBe(sample.greedy)
  })

  test('an average over spans weighs each span by its share, caps each at the guest size, and moves the node with it', () => {
    const base = snapshot([{name: 'a', memory: 64, host: 2}], [{vmid: 100, node: 'a', memory: 8, assigned: 10}])
    const seen = driftedOver(base, base, [{factors: new Map([[100, 0.5]]), weight: 0.5}, {factors: new Map([[100, 2]]), weight: 0.5}])
    // 4 GiB for half the window, 16 capped at 10 for the other half.
    expect(seen.guests[0].memory.used / GiB).toBeCloseTo(7)
    expect(seen.nodes[0].memory.used / GiB).toBeCloseTo(9)
  })

  test('runs no cycle outside balance.during', () => {
    const nights = policy({balance: {during: ['* 0-5 * * *']}})
    const result = replay({snapshot: wobbly, snapshotLabel: 's', policy: nights, policyLabel: 'p', cycles: 24, everySeconds: 3600, drift: {walk: 0, daily: 0, jitter: 0, seed: 1}, toolVersion: 't', strategies: ['proxlb']})
    const ran = result.runs[0].cycles.filter((c) => c.ran).map((c) => new Date(c.at).getUTCHours())
    expect(ran).toEqual([0, 1, 2, 3, 4, 5])
    // The snapshot was taken at 10:00: nothing moves until midnight.
    expect(result.runs[0].cycles.findIndex((c) => c.moves.length > 0)).toBe(14)
  })
})

describe('proxlb simulate --cycles', () => {
  test('replays the demo for a day and compares with the greedy balancer', () => {
    const r = proxlb(['simulate', '--cycles', '24', '--drift', 'walk:2%,daily:10%,seed:1'])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('Replay of the balance service on demo: 24 cycles every 1h (1d)')
    expect(r.stdout).toMatch(/migrations\s+5\s+\d+/)
    expect(r.stdout).toContain("proxlb's migrations, by cycle:")
  })

  test('prints JSON and an HTML chart', () => {
    const json = JSON.parse(proxlb(['simulate', '--cycles', '3', '--json']).stdout)
    expect(json).toMatchObject({format: 'proxlb.replay/v1', cycles: 3, runs: [{strategy: 'proxlb'}, {strategy: 'greedy'}]})
    expect(json.runs[0].cycles).toHaveLength(3)
    const html = proxlb(['simulate', '--cycles', '3', '--format', 'html']).stdout
    expect(html).toContain('<polyline')
    expect(html).toContain('Spread and migrations over time')
  })

  test('refuses a bad drift and what-if changes in one line', () => {
    const bad = proxlb(['simulate', '--cycles', '3', '--drift', 'walk:5'])
    expect(bad.status).toBe(1)
    expect(bad.stderr.trim()).toBe('error: --drift walk:5: walk needs a percentage, such as walk:5%')
    const mixed = proxlb(['simulate', '--cycles', '3', '--fail', 'pve1'])
    expect(mixed.status).toBe(1)
    expect(mixed.stderr.trim().split('\n')).toHaveLength(1)
    expect(mixed.stderr).toContain('drop --fail')
    expect(proxlb(['simulate', '--drift', 'walk:1%']).stderr).toContain('--drift only applies with --cycles N')
  })
})
