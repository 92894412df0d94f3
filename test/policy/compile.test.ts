/**
 * What a snapshot and a policy mean to the planner: loads by mode, memory limits, which
 * guests may move, and rules from the policy, ProxLB tags and Proxmox HA rules.
 */
import {describe, expect, test} from 'vitest'
import type {Snapshot} from '../../src/model/snapshot.js'
import {compilePolicy, type PlacementModel} from '../../src/policy/compile.js'
import {GiB, policy, snapshot} from '../helpers/builders.js'

const rule = (model: PlacementModel, name: string) => model.rules.find((r) => r.name === name)
const vmids = (model: PlacementModel, members: number[]) => members.map((i) => model.guests[i].vmid)

describe('loads', () => {
  const s = snapshot(
    [{name: 'a', memory: 64, host: 2}],
    [
      {vmid: 100, node: 'a', memory: 4, assigned: 8, cpu: 1, cores: 4},
      {vmid: 101, node: 'a', memory: 4, assigned: 16, status: 'stopped', localDisk: 10},
    ],
  )

  test('used mode counts measured memory and CPU of running guests, plus the host', () => {
    const model = compilePolicy(s, policy({migration: {withLocalDisks: true}}))
    expect(model.guests.map((g) => g.load.memory)).toEqual([4 * GiB, 0])
    expect(model.nodes[0].base.memory).toBe(2 * GiB)
    expect(model.guests[0].load.cpu).toBe(1)
  })

  test('assigned mode counts configured sizes of running guests; stopped guests count only their local disks', () => {
    const model = compilePolicy(s, policy({balance: {mode: 'assigned'}}))
    expect(model.guests.map((g) => g.load.memory)).toEqual([8 * GiB, 0])
    expect(model.guests.map((g) => g.load.cpu)).toEqual([4, 0])
    expect(model.guests[1].load.disk).toBe(10 * GiB)
  })

  test('the memory limit is capacity less headroom (a share or a size) and the node reserve', () => {
    const two = snapshot([{name: 'a', memory: 100}, {name: 'b', memory: 100}], [])
    expect(compilePolicy(two, policy({limits: {headroom: '10%'}})).nodes.map((n) => n.memoryLimit)).toEqual([90 * GiB, 90 * GiB])
    expect(compilePolicy(two, policy({limits: {headroom: '8GiB', reserve: {b: '2GiB'}}})).nodes.map((n) => n.memoryLimit)).toEqual([92 * GiB, 90 * GiB])
  })
})

describe('which guests may move', () => {
  test('each reason that keeps a guest in place is named', () => {
    const s = snapshot(
      [{name: 'a'}, {name: 'b', status: 'offline'}],
      [
        {vmid: 100, node: 'a'},
        {vmid: 101, node: 'a', lock: 'backup'},
        {vmid: 102, node: 'a', template: true, status: 'stopped'},
        {vmid: 103, node: 'a', localResources: ['hostpci0']},
        {vmid: 104, node: 'a', localDisk: 20},
        {vmid: 105, node: 'b'},
        {vmid: 106, node: 'a', tags: ['plb_ignore_vm']},
        {vmid: 107, node: 'a', type: 'lxc'},
      ],
    )
    const model = compilePolicy(s, policy({balance: {guestTypes: ['qemu']}}))
    expect(model.guests.map((g) => [g.vmid, g.blockers[0] ?? 'movable'])).toEqual([
      [100, 'movable'],
      [101, 'locked (backup)'],
      [102, 'template (migration.templates is off)'],
      [103, 'local devices (hostpci0)'],
      [104, 'local disks (scsi0) and migration.withLocalDisks is off'],
      [105, 'on offline node b'],
      [106, 'ignored by policy'],
      [107, 'lxc not in balance.guestTypes'],
    ])
  })

  test('the migration method and the bytes it moves follow the guest', () => {
    const s = snapshot([{name: 'a'}], [{vmid: 100, node: 'a', memory: 6}, {vmid: 101, node: 'a', type: 'lxc'}, {vmid: 102, node: 'a', status: 'stopped', localDisk: 30}])
    const model = compilePolicy(s, policy({migration: {withLocalDisks: true}}))
    expect(model.guests.map((g) => [g.method, g.bytes / GiB])).toEqual([
      ['online', 6],
      ['restart', 0],
      ['offline', 30],
    ])
  })
})

describe('rules from ProxLB tags', () => {
  const s = snapshot(
    [{name: 'pve1'}, {name: 'pve2'}],
    [
      {vmid: 100, node: 'pve1', tags: ['plb_include_web']},
      {vmid: 101, node: 'pve1', tags: ['plb_affinity_web']},
      {vmid: 102, node: 'pve1', tags: ['plb_exclude_db']},
      {vmid: 103, node: 'pve2', tags: ['plb_anti_affinity_db']},
      {vmid: 104, node: 'pve2', tags: ['plb_pin_pve1', 'plb_pin_pve2']},
      {vmid: 105, node: 'pve2', tags: ['plb_pin_pve9']},
      {vmid: 106, node: 'pve2', tags: ['plb_ignore_backup']},
    ],
  )

  test('both spellings of a group are one rule; pins allow every tagged node', () => {
    const model = compilePolicy(s, policy())
    expect(rule(model, 'plb_include_web')).toMatchObject({kind: 'together', strict: true, origin: 'tag'})
    expect(vmids(model, rule(model, 'plb_include_web')!.members)).toEqual([100, 101])
    expect(vmids(model, rule(model, 'plb_exclude_db')!.members)).toEqual([102, 103])
    expect(model.guests[4].pinned).toEqual([0, 1])
    expect(model.guests[6].ignored).toBe(true)
  })

  test('a pin to a node not in the cluster allows no node and names it', () => {
    const model = compilePolicy(s, policy())
    expect(model.guests[5].pinned).toEqual([])
    expect(rule(model, 'plb_pin (105)')?.unknownNodes).toEqual(['pve9'])
  })

  test('proxlbTags: false leaves tags alone', () => {
    const model = compilePolicy(s, policy({proxlbTags: false}))
    expect(model.rules).toEqual([])
    expect(model.guests.every((g) => !g.ignored && !g.pinned)).toBe(true)
  })
})

describe('rules from the policy and Proxmox HA', () => {
  const ha: Partial<Snapshot> = {
    ha: {
      rules: [
        {id: 'db-apart', type: 'resource-affinity', resources: [100, 101], affinity: 'negative'},
        {id: 'pair', type: 'resource-affinity', resources: [102, 103], affinity: 'positive'},
        {id: 'strict-pin', type: 'node-affinity', resources: [104], nodes: [{node: 'c'}], strict: true},
        {id: 'soft-pin', type: 'node-affinity', resources: [105], nodes: [{node: 'a', priority: 1}, {node: 'b', priority: 2}, {node: 'c', priority: 2}]},
        {id: 'off', type: 'resource-affinity', resources: [100, 105], affinity: 'negative', disabled: true},
      ],
    },
  }
  const s = snapshot([{name: 'a'}, {name: 'b'}, {name: 'c'}], [100, 101, 102, 103, 104, 105].map((vmid) => ({vmid, node: 'a', tags: vmid === 101 ? ['db'] : [], pool: vmid < 102 ? 'prod' : undefined})), ha)

  test('resource affinity keeps guests apart or together, node affinity pins, disabled rules are skipped', () => {
    const model = compilePolicy(s, policy())
    expect(model.rules.map((r) => [r.name, r.kind, r.strict])).toEqual([
      ['ha:db-apart', 'apart', true],
      ['ha:pair', 'together', true],
      ['ha:soft-pin', 'pin', false],
      ['ha:strict-pin', 'pin', true],
    ])
    expect(model.guests[4].pinned).toEqual([2])
  })

  test('a non-strict node affinity prefers its highest-priority nodes that can receive guests', () => {
    expect(rule(compilePolicy(s, policy()), 'ha:soft-pin')?.nodes).toEqual([1, 2])
    expect(rule(compilePolicy(s, policy({maintenance: {nodes: ['b', 'c']}})), 'ha:soft-pin')?.nodes).toEqual([0])
  })

  test('policy rules select guests by vmid, range, tag, pool and name pattern', () => {
    const model = compilePolicy(
      s,
      policy({
        rules: [
          {name: 'by-range', type: 'apart', guests: ['vmid:100-102']},
          {name: 'by-tag-pool', type: 'together', guests: ['tag:db', 'pool:prod']},
          {name: 'by-name', type: 'pin', guests: ['guest-10*'], nodes: ['a', 'c*'], strict: false},
        ],
      }),
    )
    expect(vmids(model, rule(model, 'by-range')!.members)).toEqual([100, 101, 102])
    expect(vmids(model, rule(model, 'by-tag-pool')!.members)).toEqual([100, 101])
    expect(rule(model, 'by-name')).toMatchObject({strict: false, nodes: [0, 2]})
  })

  test("Proxmox's allowed nodes narrow the targets without making the current node a violation", () => {
    const guest = snapshot([{name: 'a'}, {name: 'b'}, {name: 'c'}], [{vmid: 100, node: 'a'}]).guests[0]
    guest.migration!.allowedNodes = ['b']
    const model = compilePolicy({...snapshot([{name: 'a'}, {name: 'b'}, {name: 'c'}], []), guests: [guest]}, policy())
    expect(model.guests[0]).toMatchObject({allowed: [1]})
    expect(model.guests[0].pinned).toBeUndefined()
  })
})
