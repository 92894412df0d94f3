/**
 * Storage in the planner: copied disks need their storage on the target with real free
 * space for what they occupy; configured sizes of thin storage never refuse a move;
 * without storage information nothing is checked and the plan says so once.
 */
import {fc, test as fcTest} from '@fast-check/vitest'
import {describe, expect, test} from 'vitest'
import type {Plan} from '../../src/model/plan.js'
import type {Storage} from '../../src/model/snapshot.js'
import {renderPlanHtml} from '../../src/render/html.js'
import {renderPlanMarkdown} from '../../src/render/plan-markdown.js'
import {renderPlanText} from '../../src/render/plan-text.js'
import {checkPlan} from '../helpers/check.js'
import {GiB, planFor, policy, pool, snapshot, withStorage} from '../helpers/builders.js'
import {buildCluster, clusterRecipe, type ClusterShape} from '../helpers/clusters.js'

const LOCAL = policy({migration: {withLocalDisks: true}, maintenance: {nodes: ['pve1']}})

describe('storage in the planner', () => {
  test('thin storage configured far beyond its size, with room for what is used, lets every guest leave a maintenance node', () => {
    // 6 x 80 GiB configured on a 200 GiB pool (240 %), 10 GiB used each.
    const guests = Array.from({length: 6}, (_, i) => ({vmid: 100 + i, node: 'pve1', memory: 4, volumes: [{sizeGiB: 80, usedGiB: 10}]}))
    const s = withStorage([{name: 'pve1', disk: 200}, {name: 'pve2', disk: 200}, {name: 'pve3', disk: 200}], guests, [pool('pve1', 200, 60), pool('pve2', 200, 90), pool('pve3', 200, 90)])
    const plan = planFor(s, LOCAL)
    expect(plan.moves).toHaveLength(6)
    expect(plan.warnings).toEqual([])
    expect(plan.moves[0].disks).toEqual([{key: 'scsi0', storage: 'local-lvm', targetStorage: 'local-lvm', bytes: 10 * GiB, estimate: 'used'}])
    expect(checkPlan(s, LOCAL, plan)).toEqual([])
  })

  test('a full thick storage refuses the move, and the warning names the storage', () => {
    const s = withStorage(
      [{name: 'pve1'}, {name: 'pve2'}],
      [{vmid: 100, node: 'pve1', volumes: [{sizeGiB: 50, usedGiB: 5}]}],
      [pool('pve1', 100, 50), pool('pve2', 100, 80, {type: 'lvm', thin: false})],
    )
    const plan = planFor(s, LOCAL)
    expect(plan.moves).toEqual([])
    const warning = plan.warnings.find((w) => w.code === 'no-room')!
    expect(warning.message).toContain('storage local-lvm on pve2 has no room for the disks (50 GiB needed, 20 GiB free)')
    expect(checkPlan(s, LOCAL, plan)).toEqual([])
  })

  test('volumes of unknown use count their configured size, and moves onto one storage add up', () => {
    const guests = [100, 101, 102].map((vmid) => ({vmid, node: 'pve1', memory: 4, volumes: [{sizeGiB: 40}]}))
    const s = withStorage([{name: 'pve1'}, {name: 'pve2'}, {name: 'pve3'}], guests, [pool('pve1', 100, 30), pool('pve2', 100, 10), pool('pve3', 100, 50)])
    const plan = planFor(s, LOCAL)
    const to = plan.moves.map((m) => m.to).sort()
    expect(to).toEqual(['pve2', 'pve2', 'pve3'])
    expect(plan.moves.every((m) => m.disks?.[0].estimate === 'configured' && m.disks[0].bytes === 40 * GiB)).toBe(true)
    expect(checkPlan(s, LOCAL, plan)).toEqual([])
  })

  test('the storage reserve is kept free', () => {
    const s = withStorage([{name: 'pve1'}, {name: 'pve2'}], [{vmid: 100, node: 'pve1', volumes: [{sizeGiB: 40, usedGiB: 30}]}], [pool('pve1', 100, 50), pool('pve2', 100, 55)])
    expect(planFor(s, LOCAL).moves).toHaveLength(1)
    const reserved = policy({migration: {withLocalDisks: true}, maintenance: {nodes: ['pve1']}, limits: {storageReserve: '20%'}})
    const plan = planFor(s, reserved)
    expect(plan.moves).toEqual([])
    expect(plan.warnings.find((w) => w.code === 'no-room')!.message).toContain('above its reserve')
  })

  test('a target without the storage is refused; migration.targetStorage maps it to one it has', () => {
    const zfs: Storage = {id: 'local-zfs', node: 'pve2', type: 'zfspool', shared: false, thin: true, content: ['images', 'rootdir'], total: 100 * GiB, used: 10 * GiB, enabled: true, active: true}
    const s = withStorage([{name: 'pve1'}, {name: 'pve2'}], [{vmid: 100, node: 'pve1', volumes: [{sizeGiB: 40, usedGiB: 30}]}], [pool('pve1', 100, 50), zfs])
    const refused = planFor(s, LOCAL)
    expect(refused.moves).toEqual([])
    expect(refused.warnings.find((w) => w.code === 'no-room')!.message).toContain('pve2 has no storage local-lvm for guest-100')
    const mapped = policy({migration: {withLocalDisks: true, targetStorage: {'local-lvm': 'local-zfs'}}, maintenance: {nodes: ['pve1']}})
    const plan = planFor(s, mapped)
    expect(plan.moves).toHaveLength(1)
    expect(plan.moves[0].disks).toEqual([{key: 'scsi0', storage: 'local-lvm', targetStorage: 'local-zfs', bytes: 30 * GiB, estimate: 'used'}])
    expect(checkPlan(s, mapped, plan)).toEqual([])
  })

  test('the views show the bytes each move copies and to which storage', () => {
    const zfs: Storage = {id: 'local-zfs', node: 'pve2', type: 'zfspool', shared: false, thin: true, content: ['images', 'rootdir'], total: 100 * GiB, used: 10 * GiB, enabled: true, active: true}
    const s = withStorage([{name: 'pve1'}, {name: 'pve2'}], [{vmid: 100, node: 'pve1', volumes: [{sizeGiB: 40, usedGiB: 30}, {sizeGiB: 8}]}], [pool('pve1', 100, 50), zfs])
    const plan = planFor(s, policy({migration: {withLocalDisks: true, targetStorage: 'local-zfs'}, maintenance: {nodes: ['pve1']}}))
    const sources = {snapshot: 's.json', policy: 'p.yaml'}
    expect(renderPlanText(plan, sources)).toContain('pve1 → pve2  [maintenance] online + disks at most 38 GiB → local-zfs, 52 GiB')
    expect(renderPlanMarkdown(plan, sources)).toContain('| online + disks at most 38 GiB → local-zfs | 52 GiB |')
    expect(renderPlanHtml(plan, sources)).toContain('online + disks at most 38 GiB → local-zfs')
  })

  test('the disk method balances what local guest storage really holds, not configured sizes nor the root filesystem', () => {
    // 8 volumes of 40 GiB configured (320 % of the pool), 10 GiB written each.
    const guests = Array.from({length: 8}, (_, i) => ({vmid: 100 + i, node: 'pve1', memory: 1, volumes: [{sizeGiB: 40, usedGiB: 10}]}))
    const s = withStorage([{name: 'pve1'}, {name: 'pve2'}], guests, [pool('pve1', 100, 80), pool('pve2', 100, 0)])
    s.nodes.forEach((n) => (n.rootfs = {total: 100 * GiB, used: 95 * GiB}))
    const p = policy({balance: {method: 'disk', threshold: 10}, migration: {withLocalDisks: true}})
    const plan = planFor(s, p)
    expect(plan.nodes.map((n) => n.before.utilisation)).toEqual([80, 0])
    expect(plan.moves).toHaveLength(4)
    expect(plan.nodes.map((n) => n.after.utilisation)).toEqual([40, 40])
    expect(checkPlan(s, p, plan)).toEqual([])
  })

  test('a disabled storage, or one without the content type, takes no disks', () => {
    const nodes = [{name: 'pve1'}, {name: 'pve2'}]
    const guests = [{vmid: 100, node: 'pve1', volumes: [{sizeGiB: 10, usedGiB: 1}]}]
    const disabled = planFor(withStorage(nodes, guests, [pool('pve1', 100, 50), pool('pve2', 100, 10, {enabled: false})]), LOCAL)
    expect(disabled.warnings.find((w) => w.code === 'no-room')!.message).toContain('storage local-lvm on pve2 is disabled or inactive')
    const noImages = planFor(withStorage(nodes, guests, [pool('pve1', 100, 50), pool('pve2', 100, 10, {content: ['rootdir']})]), LOCAL)
    expect(noImages.warnings.find((w) => w.code === 'no-room')!.message).toContain('storage local-lvm on pve2 holds no images')
  })

  test('a shared storage is never counted, and a volume on it copies nothing', () => {
    const ceph: Storage[] = ['pve1', 'pve2'].map((node) => ({id: 'ceph', node, type: 'rbd', shared: true, thin: true, content: ['images'], total: 100 * GiB, used: 99 * GiB, enabled: true, active: true}))
    const s = withStorage([{name: 'pve1'}, {name: 'pve2'}], [{vmid: 100, node: 'pve1', volumes: [{sizeGiB: 50, storage: 'ceph'}]}], ceph)
    expect(planFor(s, LOCAL).moves).toHaveLength(1)
  })

  test('without storage information disk space is not checked, and the plan says so once', () => {
    // Configured local disks far above the nodes' disk figures: moved all the same.
    const s = snapshot([{name: 'pve1', disk: 10}, {name: 'pve2', disk: 10}], [100, 101].map((vmid) => ({vmid, node: 'pve1', localDisk: 500})))
    const plan = planFor(s, LOCAL)
    expect(plan.moves).toHaveLength(2)
    expect(plan.warnings.filter((w) => w.code === 'storage')).toEqual([
      {code: 'storage', message: 'disk space is not checked: the snapshot carries no storage information (an older snapshot, or a reader without Datastore.Audit), so the 2 guest(s) with disks to copy move as if every target had room for them'},
    ])
  })

  test('moves in one wave onto one storage add up: the second waits for a later wave when both would not fit', () => {
    const guests = [100, 101].map((vmid) => ({vmid, node: 'pve1', memory: 4, volumes: [{sizeGiB: 30, usedGiB: 30}]}))
    const leaving = [{vmid: 102, node: 'pve2', memory: 4, volumes: [{sizeGiB: 30, usedGiB: 30}]}]
    const s = withStorage([{name: 'pve1'}, {name: 'pve2'}, {name: 'pve3'}], [...guests, ...leaving], [pool('pve1', 200, 60), pool('pve2', 100, 50), pool('pve3', 100, 99)])
    const p = policy({migration: {withLocalDisks: true}, maintenance: {nodes: ['pve1']}, limits: {parallel: 4, perNode: 4}, ignore: {guests: [102]}})
    const plan = planFor(s, p)
    // pve2 has room for one 30 GiB volume (50 free); pve3 none: one guest leaves, the other stays.
    expect(plan.moves.map((m) => m.vmid)).toEqual([100])
    expect(checkPlan(s, p, plan)).toEqual([])
  })
})

describe('storage properties', () => {
  fcTest.prop([fc.integer({min: 2, max: 6}), fc.array(fc.record({size: fc.integer({min: 11, max: 200}), used: fc.option(fc.integer({min: 1, max: 10}), {nil: undefined})}), {minLength: 1, maxLength: 8}), fc.integer({min: 0, max: 10})], {numRuns: 40})(
    'full thick storage refuses every copy onto it, and the warning names the storage',
    (nodes, volumes, free) => {
      const names = Array.from({length: nodes}, (_, i) => `pve${i + 1}`)
      const guests = volumes.map((v, i) => ({vmid: 100 + i, node: 'pve1', memory: 1, volumes: [{sizeGiB: v.size, usedGiB: v.used}]}))
      // Every other node's pool is thick with at most 10 GiB free: less than any volume's size.
      const storages = names.map((node, i) => (i === 0 ? pool(node, 10_000, 100) : pool(node, 1000, 1000 - free, {type: 'lvm', thin: false})))
      const s = withStorage(names.map((name) => ({name})), guests, storages)
      const plan = planFor(s, LOCAL)
      expect(plan.moves).toEqual([])
      const warning = plan.warnings.find((w) => w.code === 'no-room')!
      expect(warning.message).toContain('storage local-lvm on pve2 has no room for the disks')
      expect(checkPlan(s, LOCAL, plan)).toEqual([])
    },
  )

  const SHAPE: ClusterShape = {nodes: [1, 10], guests: [0, 120], storage: 'mixed', policy: {withLocalDisks: true}}

  fcTest.prop([clusterRecipe({...SHAPE, budgets: true})], {numRuns: 60})(
    'after any plan, and between waves, no storage holds more than its capacity less reserve, and every copied disk finds its storage',
    (recipe) => {
      const {snapshot, policy} = buildCluster(recipe)
      expect(checkPlan(snapshot, policy, planFor(snapshot, policy))).toEqual([])
    },
  )

  fcTest.prop([clusterRecipe({...SHAPE, overfull: true})], {numRuns: 30})('the same when nodes and storages start overfilled', (recipe) => {
    const {snapshot, policy} = buildCluster(recipe)
    expect(checkPlan(snapshot, policy, planFor(snapshot, policy))).toEqual([])
  })

  fcTest.prop([clusterRecipe({nodes: [2, 10], guests: [5, 120], storage: 'roomy', skew: 2.5, fill: 0.5, methods: ['memory', 'cpu'], policy: {withLocalDisks: true}})], {numRuns: 40})(
    'overcommitted thin storage with plenty of free space balances as if disks did not matter',
    (recipe) => {
      const {snapshot, policy} = buildCluster(recipe)
      const configured = (snapshot.guests.flatMap((g) => g.migration?.localDisks ?? []).reduce((sum, d) => sum + d.size, 0))
      const pools = snapshot.storages!.filter((s) => !s.shared).reduce((sum, s) => sum + s.total!, 0)
      fc.pre(configured > pools)
      const unchecked = {...snapshot, storages: []}
      const moves = (p: Plan) => p.moves.map((m) => [m.vmid, m.to])
      const plan = planFor(snapshot, policy)
      const free = planFor(unchecked, policy)
      expect(moves(plan)).toEqual(moves(free))
      expect(plan.warnings).toEqual(free.warnings.filter((w) => w.code !== 'storage'))
    },
  )
})
