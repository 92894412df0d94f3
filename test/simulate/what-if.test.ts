/**
 * Each what-if change on small clusters with numbers worked out by hand. Nodes a, b, c
 * have 64 GiB and 16 cores; guests use what they are assigned; the default policy
 * (memory, used, threshold 10, no headroom) unless a test says otherwise.
 */
import {describe, expect, test} from 'vitest'
import {type ChangeFlags, changesFromFlags, readScenario} from '../../src/model/scenario.js'
import {InvalidInputError} from '../../src/model/problems.js'
import {readSnapshot, type Snapshot} from '../../src/model/snapshot.js'
import type {NormalizedPolicy} from '../../src/model/policy.js'
import {simulate} from '../../src/simulate/index.js'
import {GiB, type GuestSpec, policy, snapshot} from '../helpers/builders.js'

const GUESTS: GuestSpec[] = [
  {vmid: 100, node: 'a', memory: 16},
  {vmid: 101, node: 'a', memory: 8},
  {vmid: 200, node: 'b', memory: 16},
  {vmid: 300, node: 'c', memory: 8},
]
const abc = () => snapshot([{name: 'a'}, {name: 'b'}, {name: 'c'}], GUESTS)

function run(flags: ChangeFlags, s: Snapshot = abc(), p: NormalizedPolicy = policy()) {
  return simulate({
    snapshot: s,
    fingerprint: s.fingerprint!,
    snapshotLabel: 'test.json',
    policy: {policy: p, hash: 'sha256:' + '1'.repeat(64), label: 'test policy'},
    changes: changesFromFlags(flags),
    createdAt: '2026-11-21T10:00:00Z',
    toolVersion: '0.0.0-test',
  })
}

const utilisation = (sim: ReturnType<typeof run>['simulation'], stage: 'now' | 'changed' | 'after') => Object.fromEntries(sim.nodes.map((n) => [n.name, n[stage]?.utilisation]))

describe('what-if changes', () => {
  test('--fail: the running guests restart on the other nodes, largest first where there is most room', () => {
    const {simulation, predicted} = run({fail: ['a']})
    const [effect] = simulation.changes
    expect(effect.summary).toBe('a fails: 2 running guests (24 GiB) must restart elsewhere: all fit')
    // 16 GiB to c (56 GiB free), then 8 GiB to b (48 free against c's 40).
    expect(effect.placed.map((g) => [g.vmid, g.from, g.to])).toEqual([[100, 'a', 'c'], [101, 'a', 'b']])
    expect(effect.method).toBe('exact')
    expect(utilisation(simulation, 'now')).toEqual({a: 37.5, b: 25, c: 12.5})
    expect(utilisation(simulation, 'changed')).toEqual({a: 0, b: 37.5, c: 37.5})
    expect(predicted.nodes.find((n) => n.name === 'a')!.status).toBe('offline')
    // After the plan, b and c within 10 points of each other.
    expect(simulation.spread.after).toBeLessThanOrEqual(10)
    expect(simulation.notPlaced).toEqual([])
  })

  test('--fail: guests that do not fit are named with the memory they lack', () => {
    const s = snapshot([{name: 'a'}, {name: 'b', memory: 32}], [{vmid: 100, node: 'a', memory: 24}, {vmid: 101, node: 'a', memory: 16}, {vmid: 200, node: 'b', memory: 16}])
    const {simulation, predicted} = run({fail: ['a']}, s)
    expect(simulation.changes[0].summary).toBe('a fails: 2 running guests (40 GiB) must restart elsewhere: 1 fit, 1 does not (24 GiB missing)')
    expect(simulation.notPlaced.map((g) => [g.vmid, g.memory / GiB, g.reason])).toEqual([[100, 24, 'no node has room for it']])
    expect(predicted.guests.find((g) => g.vmid === 100)).toMatchObject({node: 'a', status: 'stopped'})
    expect(predicted.guests.find((g) => g.vmid === 101)!.node).toBe('b')
  })

  test('--add-node: an empty node joins (disk defaults to the smallest) and the plan fills it', () => {
    const {simulation, predicted} = run({'add-node': ['d:128GiB/32cores']})
    expect(simulation.changes[0].summary).toBe('d joins the cluster with 128 GiB memory, 32 cores and 1000 GiB local disk')
    expect(predicted.nodes.find((n) => n.name === 'd')).toMatchObject({status: 'online', memory: {total: 128 * GiB}, cpu: {cores: 32}, disk: {total: 1000 * GiB}})
    expect(utilisation(simulation, 'changed')).toEqual({a: 37.5, b: 25, c: 12.5, d: 0})
    expect(simulation.plan.moves.some((m) => m.to === 'd')).toBe(true)
    expect(simulation.nodes.find((n) => n.name === 'd')!.now).toBeUndefined()
  })

  test('--remove-node: every guest finds a node and the node leaves the predicted cluster', () => {
    const {simulation, predicted} = run({'remove-node': ['c']})
    expect(simulation.changes[0].summary).toBe('c is removed: 1 guest (8 GiB) move away: all find a node')
    expect(simulation.changes[0].placed.map((g) => [g.vmid, g.to])).toEqual([[300, 'b']])
    expect(predicted.nodes.map((n) => n.name)).toEqual(['a', 'b'])
    const removed = simulation.nodes.find((n) => n.name === 'c')!
    expect([removed.role, removed.after, removed.now?.utilisation]).toEqual([undefined, undefined, 12.5])
  })

  test('--add-guests: each new guest goes to the least utilised node; headroom counts what still fits', () => {
    const {simulation, predicted} = run({'add-guests': ['4x8GiB/2cores']})
    const [effect] = simulation.changes
    expect(effect.placed.map((g) => [g.vmid, g.name, g.to])).toEqual([[301, 'new-1', 'c'], [302, 'new-2', 'b'], [303, 'new-3', 'c'], [304, 'new-4', 'a']])
    expect(effect.summary).toBe('4 new guests of 8 GiB/2 cores arrive: 4 placed (a 1, b 1, c 2)')
    expect(predicted.guests).toHaveLength(8)
    // 192 GiB in all, 80 GiB used: 112 GiB free is 14 guests of 8 GiB.
    expect(simulation.headroom).toHaveLength(1)
    expect(simulation.headroom[0].total).toBe(14)
    expect(simulation.headroom[0].nodes.reduce((sum, n) => sum + n.count, 0)).toBe(14)
  })

  test('--add-guests: with 10% headroom and an apart tag, at most one per node and only where it fits', () => {
    // A threshold of 100 keeps the plan empty, so headroom is measured on the what-if itself.
    const p = policy({limits: {headroom: '10%'}, balance: {threshold: 100}})
    const {simulation} = run({'add-guests': ['3x40GiB/4cores,tag=plb_exclude_big,name=big']}, abc(), p)
    // Limit 57.6 GiB per node: a (24 used) cannot take 40 GiB; c (8) and b (16) can, once each.
    expect(simulation.changes[0].placed.map((g) => [g.name, g.to])).toEqual([['big-1', 'c'], ['big-2', 'b']])
    expect(simulation.changes[0].notPlaced.map((g) => [g.name, g.reason])).toEqual([['big-3', 'no node has room for it under the policy']])
    expect(simulation.plan.moves).toEqual([])
    expect(simulation.headroom[0]).toMatchObject({total: 0, nodes: []})
    // One 8 GiB guest goes to c; then a (24 GiB of 57.6) takes 4 more, b (16) and c (16) 5 each.
    expect(run({'add-guests': ['1x8GiB/1core']}, abc(), p).simulation.headroom[0]).toMatchObject({total: 14, nodes: [{node: 'a', count: 4}, {node: 'b', count: 5}, {node: 'c', count: 5}]})
  })

  test('--grow: used and assigned memory grow on every guest, with their nodes', () => {
    const {simulation, predicted} = run({grow: ['memory=+50%']})
    expect(simulation.changes[0].summary).toBe('every guest (4) grow: memory +50%, used and assigned')
    expect(utilisation(simulation, 'changed')).toEqual({a: 56.25, b: 37.5, c: 18.75})
    expect(predicted.guests.find((g) => g.vmid === 100)!.memory).toEqual({assigned: 24 * GiB, used: 24 * GiB})
  })

  test('--drain: the node goes into maintenance and the plan empties it', () => {
    const {simulation} = run({drain: ['b']})
    expect(simulation.changes[0].summary).toBe('b goes into maintenance: the plan moves its guest away where they can move')
    expect(simulation.plan.moves.map((m) => [m.vmid, m.from, m.reason])).toEqual([[200, 'b', 'maintenance']])
    expect(simulation.nodes.find((n) => n.name === 'b')).toMatchObject({role: 'maintenance', after: {guests: 0}})
  })

  test('resilience: a cluster with room everywhere survives the loss of any one node; a full one does not', () => {
    expect(run({}).simulation.resilience).toMatchObject({survivesAnyOneNode: true, method: 'exact'})
    const full = snapshot([{name: 'a', memory: 32}, {name: 'b', memory: 32}], [{vmid: 100, node: 'a', memory: 20}, {vmid: 200, node: 'b', memory: 20}])
    const {resilience} = run({}, full).simulation
    expect(resilience.survivesAnyOneNode).toBe(false)
    expect(resilience.losses.map((l) => [l.node, l.survives, l.missingMemory / GiB])).toEqual([['a', false, 20], ['b', false, 20]])
  })

  test('the predicted snapshot reads back, is marked simulated and says what changed', () => {
    const {predicted, simulation} = run({fail: ['a']})
    const loaded = readSnapshot(JSON.stringify(predicted), 'predicted.json')
    expect(loaded.warnings).toEqual([])
    expect(loaded.fingerprint).toBe(simulation.predicted.fingerprint)
    expect(predicted.source.kind).toBe('simulated')
    expect(predicted.source.note).toContain('a fails: 2 running guests (24 GiB) must restart elsewhere: all fit; then planned: ')
  })

  test('a scenario file and the same flags give the same simulation', () => {
    const scenario = readScenario(
      ['apiVersion: proxlb/v1', 'kind: Scenario', 'changes:', '  - addNode: {name: d, memory: 64GiB, cores: 16}', '  - grow: {memory: +10%}', '  - addGuests: 2x4GiB/1core', '  - fail: a'].join('\n'),
      'scenario.yaml',
    )
    const s = abc()
    const fromFile = simulate({snapshot: s, fingerprint: s.fingerprint!, snapshotLabel: 't', policy: {policy: policy(), hash: 'h', label: 'p'}, changes: scenario.changes, createdAt: 'x', toolVersion: 'y'})
    const fromFlags = run({'add-node': ['d:64GiB/16cores'], grow: ['memory=+10%'], 'add-guests': ['2x4GiB/1core'], fail: ['a']})
    expect(fromFile.predicted.fingerprint).toBe(fromFlags.predicted.fingerprint)
    expect(fromFile.simulation.changes.map((c) => c.summary)).toEqual(fromFlags.simulation.changes.map((c) => c.summary))
    expect(fromFile.simulation.changes.map((c) => c.origin)).toEqual(['scenario.yaml:4:14: changes[0].addNode', 'scenario.yaml:5:11: changes[1].grow', 'scenario.yaml:6:16: changes[2].addGuests', 'scenario.yaml:7:11: changes[3].fail'])
  })
})

describe('what-if specs and their errors', () => {
  const refusal = (fn: () => unknown) => {
    try {
      fn()
    } catch (error) {
      if (error instanceof InvalidInputError) return error.lines()
      throw error
    }
    throw new Error('expected a refusal')
  }

  test.each([
    [{'add-node': ['pve6']}, '--add-node pve6: missing the node name: expected NAME:MEMORY/CORES[/DISK] such as pve6:256GiB/32cores/2TiB, got "pve6"'],
    [{'add-node': ['pve6:64GiB']}, '--add-node pve6:64GiB: missing the cores: expected NAME:MEMORY/CORES[/DISK] such as pve6:256GiB/32cores/2TiB, got "pve6:64GiB"'],
    [{'add-guests': ['8GiB/4cores']}, '--add-guests 8GiB/4cores: missing the count: expected COUNTxMEMORY/CORES[/DISK][,type=lxc][,name=PREFIX][,tag=TAG]...[,pool=POOL][,storage=local] such as 20x8GiB/4cores, got "8GiB/4cores"'],
    [{'add-guests': ['2x8GB/4cores,color=red']}, expect.stringMatching(/^--add-guests 2x8GB\/4cores,color=red: unknown option "color=red" \(type=qemu\|lxc, name=PREFIX, tag=TAG, pool=POOL, storage=shared\|local\)/)],
    [{grow: ['ram=+20%']}, expect.stringMatching(/^--grow ram=\+20%: unknown resource in "ram=\+20%": expected RESOURCE=±N%/)],
    [{grow: ['memory=20']}, expect.stringMatching(/^--grow memory=20: the change must be a percentage/)],
  ])('%j is refused in one line', (flags, line) => {
    expect(refusal(() => changesFromFlags(flags as ChangeFlags))).toEqual([line])
  })

  test('a node the snapshot does not have is refused at the change that names it', () => {
    expect(refusal(() => run({fail: ['zz']}))).toEqual(['--fail zz: no node "zz" in the snapshot (it has a, b, c)'])
    expect(refusal(() => run({'add-node': ['a:64GiB/16cores']}))).toEqual(['--add-node a:64GiB/16cores: node a is already in the snapshot: pick a new name'])
  })

  test('a scenario file reports every problem with its YAML position', () => {
    const text = ['apiVersion: proxlb/v1', 'changes:', '  - fail: pve1', '    drain: pve2', '  - addNode: pve6', '  - grow: {memory: lots}', '  - explode: pve3'].join('\n')
    expect(refusal(() => readScenario(text, 's.yaml'))).toEqual([
      's.yaml:3:5: changes[0]: expected one change: an entry with exactly one of addNode, removeNode, grow, addGuests, drain or fail, got {"fail":"pve1","drain":"pve2"}',
      's.yaml:6:20: changes[2].grow.memory: expected a change in percent such as +20%, -10% or 20, got "lots"',
      's.yaml:7:14: changes[3].explode: unknown field "explode"; allowed here: addNode, removeNode, grow, addGuests, drain, fail',
    ])
    expect(refusal(() => readScenario('apiVersion: proxlb/v1\nchanges:\n  - addNode: pve6\n', 's.yaml'))).toEqual([
      's.yaml:3:14: changes[0].addNode: missing the node name: expected NAME:MEMORY/CORES[/DISK] such as pve6:256GiB/32cores/2TiB, got "pve6"',
    ])
  })
})
