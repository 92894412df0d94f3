/**
 * simulate, headroom, node removal and a drain's restore count disks as the planner does:
 * per storage, real free space less reserve, what each volume occupies.
 */
import {describe, expect, test} from 'vitest'
import {drainPolicy, guestsLeftBehind, restoreMoves} from '../../src/apply/drain.js'
import {compilePolicy} from '../../src/policy/compile.js'
import {applyPlan} from '../../src/simulate/apply-plan.js'
import {headroom} from '../../src/simulate/capacity.js'
import {evacuate} from '../../src/simulate/evacuate.js'
import {applyChanges} from '../../src/simulate/what-if.js'
import {GiB, planFor, policy, pool, withStorage} from '../helpers/builders.js'

const LOCAL = policy({migration: {withLocalDisks: true}, maintenance: {nodes: ['pve1']}})
const used = (s: ReturnType<typeof withStorage>, node: string) => s.storages!.find((x) => x.node === node && x.id === 'local-lvm')!.used

describe('storage beyond the planner', () => {
  test('the cluster after a plan: copied volumes fill their target storage and free what they are known to occupy on the source', () => {
    const s = withStorage([{name: 'pve1'}, {name: 'pve2'}], [{vmid: 100, node: 'pve1', volumes: [{sizeGiB: 40, usedGiB: 30}]}], [pool('pve1', 100, 50), pool('pve2', 100, 10)])
    const plan = planFor(s, LOCAL)
    const after = applyPlan(s, s.fingerprint!, plan, 'plan.json').snapshot
    expect([used(after, 'pve1'), used(after, 'pve2')]).toEqual([20 * GiB, 40 * GiB])
    expect(after.nodes.map((n) => n.disk.used)).toEqual([20 * GiB, 40 * GiB])
    // Planning again on the predicted cluster sees the storage as the plan left it.
    expect(planFor(after, policy({migration: {withLocalDisks: true}, maintenance: {nodes: ['pve2']}})).moves).toHaveLength(1)
  })

  test('headroom counts how many guests the free space of each storage takes', () => {
    const s = withStorage([{name: 'pve1'}, {name: 'pve2'}], [], [pool('pve1', 100, 50), pool('pve2', 100, 90)])
    const h = headroom(s, policy(), {count: 1, memory: 1 * GiB, cores: 1, disk: 20 * GiB, storage: 'local', type: 'qemu', name: 'new', tags: []})
    expect(h.nodes).toEqual([{node: 'pve1', count: 2}])
  })

  test('new guests with local disks go where a local guest storage has room, and fill it; a new node gets its own', () => {
    const s = withStorage([{name: 'pve1'}, {name: 'pve2'}], [], [pool('pve1', 100, 50), pool('pve2', 100, 90)])
    const origin = {file: 'test'}
    const batch = {count: 3, memory: 1 * GiB, cores: 1, disk: 20 * GiB, storage: 'local' as const, type: 'qemu' as const, name: 'new', tags: []}
    const {snapshot, effects} = applyChanges(s, policy(), [{kind: 'add-guests', origin, spec: batch}])
    expect(effects[0].placed.map((p) => p.to)).toEqual(['pve1', 'pve1'])
    expect(effects[0].notPlaced).toHaveLength(1)
    expect(used(snapshot, 'pve1')).toBe(90 * GiB)
    const grown = applyChanges(s, policy(), [{kind: 'add-node', origin, name: 'pve3', memory: 64 * GiB, cores: 8, disk: 200 * GiB}, {kind: 'add-guests', origin, spec: batch}])
    expect(grown.snapshot.storages!.find((x) => x.node === 'pve3' && x.id === 'local-lvm')).toMatchObject({type: 'lvmthin', total: 200 * GiB, used: 20 * GiB})
    expect(grown.effects[1].notPlaced).toEqual([])
  })

  test('removing a node: its guests go only where their disks find room', () => {
    const s = withStorage(
      [{name: 'pve1'}, {name: 'pve2'}, {name: 'pve3'}],
      [{vmid: 100, node: 'pve1', volumes: [{sizeGiB: 40}]}, {vmid: 101, node: 'pve1', volumes: [{sizeGiB: 40}]}],
      [pool('pve1', 100, 50), pool('pve2', 100, 50), pool('pve3', 100, 80)],
    )
    const model = compilePolicy(s, policy({migration: {withLocalDisks: true}}))
    const result = evacuate(s, model, new Set([0]), 'removal')
    expect([...result.placed.values()]).toEqual([1])
    expect(result.unplaced).toEqual([{guest: 1, reason: 'storage local-lvm on pve2 has no room for the disks (40 GiB needed, 10 GiB free)'}])
  })

  test('a drain names the storage that keeps a guest on the node', () => {
    const s = withStorage([{name: 'pve1'}, {name: 'pve2'}], [{vmid: 100, node: 'pve1', volumes: [{sizeGiB: 40}]}], [pool('pve1', 100, 50), pool('pve2', 100, 90)])
    const p = drainPolicy(policy({migration: {withLocalDisks: true}}), 'pve1')
    const plan = planFor(s, p)
    expect(guestsLeftBehind(s, p, plan, 'pve1').stuck).toEqual([{vmid: 100, name: 'guest-100', reason: 'no node has room for its disks (storage local-lvm on pve2 has no room for the disks (40 GiB needed, 10 GiB free))'}])
  })

  test("a drain's restore leaves a guest where it is when its disks no longer fit back", () => {
    const s = withStorage([{name: 'pve1'}, {name: 'pve2'}], [{vmid: 100, node: 'pve2', volumes: [{sizeGiB: 40, usedGiB: 30}]}], [pool('pve1', 100, 90), pool('pve2', 100, 50)])
    const drain = {...planFor(s, LOCAL), moves: [{vmid: 100, name: 'guest-100', type: 'qemu' as const, from: 'pve1', to: 'pve2', reason: 'maintenance' as const, detail: '', wave: 1, method: 'online' as const, withLocalDisks: true, memory: 4 * GiB, bytes: 44 * GiB, precondition: {node: 'pve1', status: 'running' as const}}]}
    const restore = restoreMoves(s, policy({migration: {withLocalDisks: true}}), drain, [{phase: 'verified'} as never], 'pve1')
    expect(restore.moves).toEqual([])
    expect(restore.staying).toEqual([{vmid: 100, name: 'guest-100', reason: 'storage local-lvm on pve1 has no room for the disks (30 GiB needed, 10 GiB free)'}])
  })
})
