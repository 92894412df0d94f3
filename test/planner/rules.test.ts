/**
 * Rule repair and balancing, case by case: the fewest moves of only the guests
 * concerned, and none of the failures users know from greedy balancers (many moves for
 * one anti-affinity violation, violations ignored off the hottest node, targets stacked
 * or overfilled, nodes of different sizes compared by absolute load).
 */
import {describe, expect, test} from 'vitest'
import type {Plan} from '../../src/model/plan.js'
import {Constraints} from '../../src/planner/constraints.js'
import {ClusterState} from '../../src/planner/state.js'
import {compilePolicy} from '../../src/policy/compile.js'
import {planFor as plan, policy, snapshot} from '../helpers/builders.js'

const moved = (p: Plan) => p.moves.map((m) => [m.vmid, m.from, m.to, m.reason])
const big = (name: string) => ({name, memory: 256})

describe('apart', () => {
  const fillers = [{vmid: 900, node: 'b', memory: 12}, {vmid: 901, node: 'c', memory: 12}, {vmid: 902, node: 'd', memory: 12}]

  test('k guests of a group on one node: exactly k - 1 of them move, nobody else, each to its own node', () => {
    const s = snapshot([big('a'), big('b'), big('c'), big('d')], [
      {vmid: 100, node: 'a', memory: 4, tags: ['plb_exclude_db']},
      {vmid: 101, node: 'a', memory: 4, tags: ['plb_exclude_db']},
      {vmid: 102, node: 'a', memory: 4, tags: ['plb_exclude_db']},
      ...fillers,
    ])
    const result = plan(s)
    expect(result.moves).toHaveLength(2)
    expect(result.moves.every((m) => m.reason === 'apart' && m.rule === 'plb_exclude_db' && [100, 101, 102].includes(m.vmid))).toBe(true)
    expect(new Set(result.moves.map((m) => m.to)).size).toBe(2)
    expect(result.balance).toMatchObject({reached: true, rulesRepaired: 2})
    expect(result.warnings).toEqual([])
  })

  test('the guest that stays is the one costliest to move, or one that cannot move', () => {
    const guests = (lock?: string) => [
      {vmid: 100, node: 'a', memory: 8, tags: ['plb_exclude_db'], lock},
      {vmid: 101, node: 'a', memory: 2, tags: ['plb_exclude_db']},
      {vmid: 102, node: 'a', memory: 4, tags: ['plb_exclude_db']},
      ...fillers,
    ]
    expect(plan(snapshot([big('a'), big('b'), big('c'), big('d')], guests())).moves.map((m) => m.vmid).sort()).toEqual([101, 102])
    const locked = snapshot([big('a'), big('b'), big('c'), big('d')], [...guests('backup').slice(0, 1), {vmid: 101, node: 'a', memory: 20, tags: ['plb_exclude_db']}, ...guests().slice(2)])
    expect(plan(locked).moves.map((m) => m.vmid).sort()).toEqual([101, 102])
  })

  test('is repaired on a balanced cluster, also when the broken node is the coldest', () => {
    const s = snapshot([{name: 'a'}, {name: 'b'}, {name: 'c'}], [
      {vmid: 100, node: 'a', memory: 10},
      {vmid: 101, node: 'b', memory: 9},
      {vmid: 102, node: 'c', memory: 3, tags: ['plb_anti_affinity_dns']},
      {vmid: 103, node: 'c', memory: 3, tags: ['plb_anti_affinity_dns']},
    ])
    const result = plan(s)
    expect(result.balance.spreadBefore).toBeLessThan(10)
    expect(moved(result)).toEqual([[102, 'c', 'b', 'apart']])
  })

  test('a target without room is not taken, even when the rule leaves no other: the plan says so', () => {
    const s = snapshot([{name: 'a'}, {name: 'b'}, {name: 'c', memory: 16}], [
      {vmid: 100, node: 'a', memory: 8, tags: ['plb_exclude_db']},
      {vmid: 101, node: 'a', memory: 8, tags: ['plb_exclude_db']},
      {vmid: 102, node: 'b', memory: 8, tags: ['plb_exclude_db']},
      {vmid: 103, node: 'c', memory: 12, lock: 'backup'},
    ])
    const result = plan(s)
    expect(result.moves.filter((m) => m.to === 'c')).toEqual([])
    expect(result.warnings).toContainEqual(expect.objectContaining({code: 'unsatisfiable', rule: 'plb_exclude_db', nodes: ['a']}))
  })

  test('a group larger than the cluster is reported, and spread as far as it goes', () => {
    const s = snapshot([{name: 'a'}, {name: 'b'}], [100, 101, 102].map((vmid) => ({vmid, node: 'a', memory: 2, tags: ['plb_exclude_x']})))
    const result = plan(s)
    expect(result.moves).toHaveLength(1)
    expect(result.warnings[0].message).toContain('it has 3 guests but only 2 nodes can receive guests')
  })
})

describe('together', () => {
  test('a split group gathers where the fewest guests move', () => {
    const s = snapshot([{name: 'a'}, {name: 'b'}, {name: 'c'}], [
      {vmid: 100, node: 'a', memory: 2, tags: ['plb_include_shop']},
      {vmid: 101, node: 'b', memory: 2, tags: ['plb_include_shop']},
      {vmid: 102, node: 'b', memory: 2, tags: ['plb_include_shop']},
      {vmid: 103, node: 'c', memory: 4},
      {vmid: 104, node: 'a', memory: 2},
    ])
    expect(moved(plan(s))).toEqual([[100, 'a', 'b', 'together']])
  })

  test('and elsewhere when that node has no room for the rest', () => {
    const s = snapshot([{name: 'a'}, {name: 'b', memory: 32}, {name: 'c'}], [
      {vmid: 100, node: 'a', memory: 12, tags: ['plb_include_shop']},
      {vmid: 101, node: 'b', memory: 2, tags: ['plb_include_shop']},
      {vmid: 102, node: 'b', memory: 2, tags: ['plb_include_shop']},
      {vmid: 103, node: 'b', memory: 20},
      {vmid: 104, node: 'c', memory: 14},
    ])
    const result = plan(s, policy({balance: {threshold: 100}}))
    expect(result.moves.map((m) => [m.vmid, m.to]).sort()).toEqual([[101, 'a'], [102, 'a']])
  })

  test('a gathered group moves as one unit when balancing', () => {
    const s = snapshot([{name: 'a'}, {name: 'b'}, {name: 'c'}], [
      {vmid: 100, node: 'a', memory: 8, tags: ['plb_include_shop']},
      {vmid: 101, node: 'a', memory: 8, tags: ['plb_include_shop']},
      {vmid: 102, node: 'a', memory: 2, lock: 'backup'},
      {vmid: 103, node: 'c', memory: 10, lock: 'backup'},
    ])
    expect(moved(plan(s))).toEqual([[100, 'a', 'b', 'balance'], [101, 'a', 'b', 'balance']])
  })

  test('is never split, even when moving one of its guests would balance the cluster', () => {
    const s = snapshot([{name: 'a'}, {name: 'b'}, {name: 'c'}], [
      {vmid: 100, node: 'a', memory: 12, tags: ['plb_include_shop']},
      {vmid: 101, node: 'a', memory: 12, tags: ['plb_include_shop']},
      {vmid: 102, node: 'b', memory: 1},
      {vmid: 103, node: 'c', memory: 12},
    ])
    const result = plan(s)
    const group = result.moves.filter((m) => m.vmid === 100 || m.vmid === 101)
    expect(group.length === 0 || (group.length === 2 && group[0].to === group[1].to)).toBe(true)
  })
})

describe('pins', () => {
  test('a guest on a node its pin does not allow moves there, alone', () => {
    const s = snapshot([{name: 'a'}, {name: 'b'}, {name: 'c'}], [
      {vmid: 100, node: 'a', memory: 4, tags: ['plb_pin_c']},
      {vmid: 101, node: 'a', memory: 4},
      {vmid: 102, node: 'b', memory: 8},
      {vmid: 103, node: 'c', memory: 4},
    ])
    expect(moved(plan(s))).toEqual([[100, 'a', 'c', 'pin']])
  })

  test('a pin to a node that cannot receive guests is reported, and nothing moves', () => {
    const s = snapshot([{name: 'a'}, {name: 'b'}], [{vmid: 100, node: 'a', memory: 4, tags: ['plb_pin_b']}, {vmid: 101, node: 'b', memory: 4}])
    const result = plan(s, policy({ignore: {nodes: ['b']}}))
    expect(result.moves).toEqual([])
    expect(result.warnings).toContainEqual(expect.objectContaining({code: 'unsatisfiable', guests: [100], message: expect.stringContaining('none of them can receive guests')}))
  })

  test('a preferred node is honoured where it costs no hard rule, and balancing never takes a guest off it', () => {
    const s = snapshot([{name: 'a'}, {name: 'b'}, {name: 'c'}], [
      {vmid: 100, node: 'a', memory: 4},
      {vmid: 101, node: 'b', memory: 30},
      {vmid: 102, node: 'b', memory: 2},
      {vmid: 103, node: 'c', memory: 2},
    ])
    const p = policy({rules: [{name: 'web-on-a', type: 'pin', guests: [101, 103], nodes: ['a'], strict: false}]})
    const result = plan(s, p)
    expect(result.moves.find((m) => m.vmid === 103)).toMatchObject({to: 'a', reason: 'preference', rule: 'web-on-a'})
    expect(result.moves.find((m) => m.vmid === 101)).toMatchObject({to: 'a', reason: 'preference'})
    expect(result.moves.filter((m) => m.vmid === 101 || m.vmid === 103).every((m) => m.to === 'a')).toBe(true)
  })

  test('a preference is honoured even when it costs a balancing move more: never left broken to save a migration', () => {
    const s = snapshot([{name: 'a'}, {name: 'b'}, {name: 'c'}], [
      {vmid: 100, node: 'a', memory: 14},
      {vmid: 101, node: 'a', memory: 8},
      {vmid: 102, node: 'c', memory: 12},
      {vmid: 103, node: 'b', memory: 14},
    ])
    const balance = {threshold: 10}
    // Without the preference one move balances the cluster.
    expect(plan(s, policy({balance})).moves.map((m) => [m.vmid, m.from, m.to])).toEqual([[101, 'a', 'c']])
    // With it, 103 joins the busiest node, which then sheds two guests instead of one.
    const result = plan(s, policy({balance, rules: [{name: 'near-a', type: 'pin', guests: [103], nodes: ['a'], strict: false}]}))
    expect(result.moves.map((m) => [m.vmid, m.from, m.to, m.reason])).toEqual([
      [103, 'b', 'a', 'preference'],
      [100, 'a', 'b', 'balance'],
      [101, 'a', 'c', 'balance'],
    ])
    expect(result.balance.reached).toBe(true)
  })
})

describe('capacity', () => {
  test('a node over its memory limit sheds the fewest guests: one big enough rather than several small', () => {
    const s = snapshot([{name: 'a'}, {name: 'b'}], [
      {vmid: 100, node: 'a', memory: 6},
      ...[101, 102, 103, 104, 105].map((vmid) => ({vmid, node: 'a', memory: 10})),
      {vmid: 106, node: 'b', memory: 8},
    ])
    const result = plan(s, policy({balance: {threshold: 100}, limits: {headroom: '20%'}}))
    expect(moved(result)).toEqual([[100, 'a', 'b', 'capacity']])
  })

  test('a guest exactly the size of the excess covers it: it goes, not a larger one', () => {
    // A limit of 48 GiB and 52 on the node: 4 GiB over, as much as guest 100 holds.
    const s = snapshot([{name: 'a'}, {name: 'b'}], [
      {vmid: 100, node: 'a', memory: 4},
      {vmid: 101, node: 'a', memory: 6},
      ...Array.from({length: 21}, (_, i) => ({vmid: 102 + i, node: 'a', memory: 2})),
    ])
    const result = plan(s, policy({balance: {threshold: 100}, limits: {headroom: '25%'}}))
    expect(moved(result)).toEqual([[100, 'a', 'b', 'capacity']])
  })

  test('a node over its limit receives nothing', () => {
    const s = snapshot([{name: 'a'}, {name: 'b'}, {name: 'c'}], [
      {vmid: 100, node: 'a', memory: 40},
      {vmid: 101, node: 'a', memory: 20},
      {vmid: 102, node: 'b', memory: 60, lock: 'backup'},
    ])
    const result = plan(s, policy({limits: {headroom: '10%'}}))
    expect(result.moves.filter((m) => m.to === 'b')).toEqual([])
    expect(result.warnings).toContainEqual(expect.objectContaining({code: 'no-room', nodes: ['b']}))
  })

  test('guests sent one after another add up: no target is overfilled, none becomes the hottest', () => {
    const guests = Array.from({length: 8}, (_, i) => ({vmid: 100 + i, node: 'a', memory: 7}))
    const s = snapshot([{name: 'a', memory: 64}, {name: 'b', memory: 16}, {name: 'c', memory: 16}, {name: 'd', memory: 16}], guests)
    const result = plan(s, policy({balance: {threshold: 5}}))
    const after = new Map(result.nodes.map((n) => [n.name, n.after]))
    for (const name of ['b', 'c', 'd']) expect(after.get(name)!.memory.load).toBeLessThanOrEqual(16 * 2 ** 30)
    expect(Math.max(...['b', 'c', 'd'].map((n) => after.get(n)!.utilisation))).toBeLessThanOrEqual(after.get('a')!.utilisation + 5)
    expect(result.moves.every((m) => m.from === 'a')).toBe(true)
  })
})

describe('balancing', () => {
  test('nodes of different sizes compare by utilisation, not by absolute load', () => {
    const s = snapshot([{name: 'small', memory: 32}, {name: 'large', memory: 256}], [
      {vmid: 100, node: 'small', memory: 8},
      {vmid: 101, node: 'small', memory: 8},
      {vmid: 102, node: 'large', memory: 64},
    ])
    expect(moved(plan(s))).toEqual([[100, 'small', 'large', 'balance']])
  })

  test('within the threshold nothing moves, even when a move would narrow the spread', () => {
    const s = snapshot([{name: 'a'}, {name: 'b'}], [{vmid: 100, node: 'a', memory: 8}, {vmid: 101, node: 'a', memory: 2}, {vmid: 102, node: 'b', memory: 5}])
    expect(plan(s).moves).toEqual([])
  })

  test('closes the largest gaps first: one move per overloaded node where one suffices', () => {
    const s = snapshot([{name: 'a'}, {name: 'b'}, {name: 'c'}, {name: 'd'}], [
      ...[6, 6, 12, 6].map((memory, i) => ({vmid: 100 + i, node: 'a', memory})),
      ...[6, 6, 12, 6].map((memory, i) => ({vmid: 110 + i, node: 'b', memory})),
    ])
    const result = plan(s)
    expect(result.moves.map((m) => m.vmid).sort()).toEqual([102, 112])
    expect(result.balance.reached).toBe(true)
  })

  test('stopped guests weigh nothing in memory balancing, in either mode', () => {
    const s = snapshot([{name: 'a'}, {name: 'b'}], [
      {vmid: 100, node: 'a', memory: 30, status: 'stopped'},
      {vmid: 101, node: 'a', memory: 30, assigned: 30, status: 'stopped'},
      {vmid: 102, node: 'b', memory: 4},
    ])
    expect(plan(s).moves).toEqual([])
    expect(plan(s, policy({balance: {mode: 'assigned'}})).moves).toEqual([])
  })

  test('a budget stops the plan at its best within it, and says so', () => {
    const guests = Array.from({length: 6}, (_, i) => ({vmid: 100 + i, node: 'a', memory: 6}))
    const result = plan(snapshot([{name: 'a'}, {name: 'b'}, {name: 'c'}], guests), policy({limits: {maxMoves: 1}}))
    expect(result.moves).toHaveLength(1)
    expect(result.balance).toMatchObject({reached: false, limitedBy: 'budget'})
    expect(result.warnings.map((w) => w.code)).toContain('budget')
    expect(result.summary.message).toContain('budget reached')
  })
})

describe('maintenance', () => {
  test('guests that fit nowhere stay, are reported, and overfill nothing', () => {
    const s = snapshot([{name: 'a'}, {name: 'b'}, {name: 'c'}], [
      {vmid: 100, node: 'a', memory: 40},
      {vmid: 101, node: 'a', memory: 4},
      {vmid: 102, node: 'b', memory: 50},
      {vmid: 103, node: 'c', memory: 50},
    ])
    const result = plan(s, policy({maintenance: {nodes: ['a']}}))
    expect(moved(result)).toEqual([[101, 'a', 'b', 'maintenance']])
    expect(result.warnings).toContainEqual(expect.objectContaining({code: 'no-room', guests: [100], nodes: ['a']}))
  })

  test('a pinned guest that fits nowhere is told by the nodes it may run on, not by every node outside them', () => {
    const nodes = [{name: 'a'}, {name: 'b'}, {name: 'c'}, {name: 'd'}, {name: 'e'}]
    const fillers = [{vmid: 200, node: 'b', memory: 10}, {vmid: 201, node: 'c', memory: 50, tags: ['plb_ignore_vm']}, {vmid: 202, node: 'd', memory: 10}, {vmid: 203, node: 'e', memory: 10}]
    const only = plan(snapshot(nodes, [{vmid: 100, node: 'a', memory: 4, tags: ['plb_pin_a']}, ...fillers]), policy({maintenance: {nodes: ['a']}}))
    expect(only.warnings.find((w) => w.code === 'no-room')?.message).toMatch(/; for guest-100: guest-100 may run only on a \(maintenance\)$/)
    const full = plan(snapshot(nodes, [{vmid: 100, node: 'a', memory: 40, tags: ['plb_pin_a', 'plb_pin_c']}, ...fillers]), policy({maintenance: {nodes: ['a']}}))
    expect(full.warnings.find((w) => w.code === 'no-room')?.message).toMatch(/; for guest-100: guest-100 may run only on a \(maintenance\), c; c has no room for its memory$/)
    // Barred from fewer nodes than it may run on: those are named.
    const most = plan(snapshot(nodes, [{vmid: 100, node: 'a', memory: 40, tags: ['plb_pin_a', 'plb_pin_b', 'plb_pin_c', 'plb_pin_d']}, ...fillers.map((f) => ({...f, memory: 50, tags: ['plb_ignore_vm']}))]), policy({maintenance: {nodes: ['a']}}))
    expect(most.warnings.find((w) => w.code === 'no-room')?.message).toMatch(/; for guest-100: guest-100 may not run on e; b has no room for its memory; c has no room for its memory \(and 1 more\)$/)
  })
})

describe('waves', () => {
  test('a guest joins a node only in a wave after its apart peer has left it', () => {
    const s = snapshot([{name: 'a'}, {name: 'b'}, {name: 'c'}], [
      {vmid: 100, node: 'a', memory: 4, tags: ['plb_exclude_db', 'plb_pin_b']},
      {vmid: 101, node: 'b', memory: 4, tags: ['plb_exclude_db', 'plb_pin_c']},
      {vmid: 102, node: 'c', memory: 8},
    ])
    const result = plan(s, policy({limits: {parallel: 4, perNode: 2}}))
    const wave = (vmid: number) => result.moves.find((m) => m.vmid === vmid)!.wave
    expect(wave(100)).toBeGreaterThan(wave(101))
  })
})

describe('HA rules', () => {
  test('negative resource affinity is repaired like an apart rule, disabled rules are not', () => {
    const s = snapshot([{name: 'a'}, {name: 'b'}, {name: 'c'}], [{vmid: 100, node: 'a', memory: 4}, {vmid: 101, node: 'a', memory: 4}, {vmid: 102, node: 'b', memory: 4}, {vmid: 103, node: 'c', memory: 4}], {
      ha: {rules: [{id: 'db', type: 'resource-affinity', resources: [100, 101], affinity: 'negative'}, {id: 'old', type: 'resource-affinity', resources: [102, 103], affinity: 'positive', disabled: true}]},
    })
    const result = plan(s)
    expect(result.moves).toHaveLength(1)
    expect(result.moves[0]).toMatchObject({reason: 'apart', rule: 'ha:db'})
  })
})

describe('Constraints, for code that places guests itself', () => {
  test('refuses targets that do not receive guests, are outside pins, lack room, or hold an apart peer; placed guests add up', () => {
    const s = snapshot([{name: 'a'}, {name: 'b', memory: 16}, {name: 'c'}, {name: 'd'}], [
      {vmid: 100, node: 'a', memory: 10, tags: ['plb_exclude_db', 'plb_pin_a', 'plb_pin_b', 'plb_pin_c']},
      {vmid: 101, node: 'c', memory: 2, tags: ['plb_exclude_db']},
      {vmid: 102, node: 'a', memory: 10},
    ])
    const model = compilePolicy(s, policy({maintenance: {nodes: ['d']}}))
    const state = new ClusterState(model)
    const constraints = new Constraints(state)
    const [b, c, d] = [1, 2, 3]
    expect(constraints.refusal(0, 0)).toBe('it is already there')
    expect(constraints.refusal(0, d)).toBe('d does not receive guests (maintenance)')
    expect(constraints.refusal(0, c)).toBe('apart rule plb_exclude_db: guest-101 is on c')
    expect(constraints.canPlace(0, b)).toBe(true)
    state.move(2, b)
    expect(constraints.refusal(0, b)).toBe('b has no room for its memory')
  })
})
