import {describe, expect, test} from 'vitest'
import {planRebalance} from '../../src/planner/index.js'
import {cycleInput, defaultMinGain, EMPTY_MEMORY, remember, withServiceDefaults} from '../../src/planner/calm.js'
import type {NormalizedPolicy} from '../../src/model/policy.js'
import type {Snapshot} from '../../src/model/snapshot.js'
import type {CalmInput} from '../../src/policy/compile.js'
import {CONTEXT, planFor, policy, snapshot} from '../helpers/builders.js'

function planCalm(s: Snapshot, p: NormalizedPolicy, calm: CalmInput) {
  return planRebalance(s, p, {...CONTEXT, policy: {...CONTEXT.policy, document: p}}, undefined, calm)
}

// a: 24 of 64 GiB (37.5 %), b: 12 (18.75 %): a spread of 18.75 points.
const wobbly = snapshot(
  [{name: 'a'}, {name: 'b'}],
  [
    {vmid: 100, node: 'a', memory: 12},
    {vmid: 101, node: 'a', memory: 6},
    {vmid: 102, node: 'a', memory: 6},
    {vmid: 103, node: 'b', memory: 12},
  ],
)

describe('calm planning', () => {
  test('balances as before without calm settings', () => {
    expect(planFor(wobbly).moves.map((m) => m.vmid)).toEqual([101])
  })

  test('within threshold plus margin, nothing moves, and the plan says why', () => {
    const plan = planFor(wobbly, policy({balance: {margin: 10}}))
    expect(plan.moves).toEqual([])
    expect(plan.balance).toMatchObject({reached: false, held: 'margin'})
    expect(plan.balance.limitedBy).toBeUndefined()
    expect(plan.summary.message).toBe('Nothing moves: the spread is 18.8 points, above the threshold of 10; balancing waits: it is within the margin of 10 above it (balance.margin).')
  })

  test('beyond threshold plus margin, balancing goes down to the threshold', () => {
    const plan = planFor(wobbly, policy({balance: {margin: 5}}))
    expect(plan.moves.map((m) => m.vmid)).toEqual([101])
    expect(plan.balance.reached).toBe(true)
  })

  test('moves nothing when the gain per GiB moved is below minGain', () => {
    // Moving 101 (6 GiB) gains 18.75 points: 3.1 points per GiB.
    const plan = planFor(wobbly, policy({balance: {minGain: 4}}))
    expect(plan.moves).toEqual([])
    expect(plan.balance.held).toBe('not-worth-it')
    expect(plan.summary.message).toContain('balancing waits: it would gain 18.8 points for 6 GiB moved, less than 4 per GiB (balance.minGain)')
    expect(planFor(wobbly, policy({balance: {minGain: 3}})).moves).toHaveLength(1)
  })

  test("the service's minGain is for its nodes' size: a cluster of large nodes is balanced", () => {
    // Twenty nodes of 3 TiB, half at 83 %, half at 15 %: evening them out gains 62.5 points
    // for 9.38 TiB moved, 0.0065 per GiB. A point of spread is 30 GiB on one of these
    // nodes, 0.64 on a node of 64 GiB: the default is 48 times smaller here.
    const nodes = Array.from({length: 20}, (_, i) => ({name: `n${String(i).padStart(2, '0')}`, memory: 3072}))
    const guests = nodes.flatMap((n, i) => Array.from({length: i < 10 ? 40 : 7}, (_, j) => ({vmid: 1000 + i * 100 + j, node: n.name, memory: 64})))
    const large = snapshot(nodes, guests)
    const service = withServiceDefaults(policy(), large)
    expect(service.balance.minGain).toBe(0.00042)
    const plan = planFor(large, service)
    expect(plan.balance).toMatchObject({reached: true})
    expect(plan.balance.held).toBeUndefined()
    // The same plan under the 0.02 per GiB meant for nodes of 64 GiB would wait.
    expect(planFor(large, {...service, balance: {...service.balance, minGain: 0.02}}).balance.held).toBe('not-worth-it')
    expect(defaultMinGain(wobbly)).toBe(0.02)
    expect(defaultMinGain(snapshot([{name: 'a', memory: 16}, {name: 'b', memory: 16}], []))).toBe(0.08)
  })

  test('rule repairs are never held back', () => {
    const plan = planFor(wobbly, policy({balance: {margin: 50}, maintenance: {nodes: ['b']}}))
    expect(plan.moves.map((m) => [m.vmid, m.reason])).toEqual([[103, 'maintenance']])
  })

  test('a cooling guest is not moved for balance; another one is', () => {
    const plan = planCalm(wobbly, policy(), {cooling: [{vmid: 101, left: 'b'}]})
    expect(plan.moves.map((m) => m.vmid)).toEqual([102])
  })

  test('with every candidate cooling, balancing moves nothing', () => {
    const plan = planCalm(wobbly, policy(), {cooling: [100, 101, 102].map((vmid) => ({vmid, left: 'b'}))})
    expect(plan.moves).toEqual([])
  })

  test('a strict rule may move a cooling guest, but never back to the node it left', () => {
    const s = snapshot(
      [{name: 'a'}, {name: 'b'}, {name: 'c'}],
      [
        {vmid: 100, node: 'a', memory: 8},
        {vmid: 101, node: 'b', memory: 30},
        {vmid: 102, node: 'c', memory: 2},
      ],
    )
    // 100 came from c; a goes into maintenance: it must leave a, and c, the emptier node, is barred.
    const p = policy({balance: {threshold: 100}, maintenance: {nodes: ['a']}})
    expect(planCalm(s, p, {cooling: [{vmid: 100, left: 'c'}]}).moves.map((m) => [m.vmid, m.to, m.reason])).toEqual([[100, 'b', 'maintenance']])
    expect(planFor(s, p).moves.map((m) => m.to)).toEqual(['c'])
  })

  test('balancing waits for persistence cycles in a row', () => {
    const p = policy({balance: {persistence: 3}})
    let memory = EMPTY_MEMORY
    const at = new Date('2026-11-21T10:00:00Z')
    const moves: number[] = []
    for (let cycle = 0; cycle < 3; cycle++) {
      const input = cycleInput(memory, p, 18.75, at)
      memory = input.memory
      moves.push(planCalm(wobbly, p, input.calm).moves.length)
    }
    expect(moves).toEqual([0, 0, 1])
    expect(cycleInput(memory, p, 5, at).memory.imbalancedCycles).toBe(0)
  })

  test('the cooldown ends after limits.cooldown', () => {
    const p = policy({limits: {cooldown: '2h'}})
    const memory = remember(EMPTY_MEMORY, [{vmid: 101, from: 'b', to: 'a', at: '2026-11-21T10:00:00Z'}])
    expect(cycleInput(memory, p, 0, new Date('2026-11-21T11:59:00Z')).calm.cooling).toEqual([{vmid: 101, left: 'b'}])
    const later = cycleInput(memory, p, 0, new Date('2026-11-21T12:00:01Z'))
    expect(later.calm.cooling).toEqual([])
    expect(later.memory.migrated).toEqual([])
  })

  test('policies refuse a bad cron window and a bad cooldown, naming the place', () => {
    expect(() => policy({balance: {during: ['* 25 * * *']}})).toThrow(/balance\.during\.0.*not a cron expression/)
    expect(() => policy({balance: {during: ['0 * * * * *']}})).toThrow(/five fields/)
    expect(policy({limits: {cooldown: '90m'}}).limits.cooldown).toBe(5400)
    expect(policy().limits.cooldown).toBeUndefined()
  })
})
