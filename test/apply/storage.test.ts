/**
 * Plans that copy local disks, applied to the emulator over HTTPS: they carry the disks
 * to the storages the plan names; a plan whose target storage filled up after it was
 * made is refused as stale before anything moves; and a storage that fills up while the
 * run goes on (someone else writing, or proxlb's own copies in flight) makes the moves
 * that no longer fit skip, before their migration is sent.
 */
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import type {Policy} from '../../src/model/policy.js'
import {storageCluster} from '../emulator/helpers.js'
import {type Snapshot, snapshotFingerprint} from '../../src/model/snapshot.js'
import {GiB} from '../helpers/builders.js'
import {cli, emulatorPerTest, expectConsistent, journalRecords, spawnCli, tempDir, waitForJournal, writePlan} from './helpers.js'

const emulator = emulatorPerTest()

/** pve1 emptied, local disks copied along. */
const DRAIN: Omit<Policy, 'apiVersion'> = {balance: {threshold: 100}, maintenance: {nodes: ['pve1']}, migration: {withLocalDisks: true}, limits: {parallel: 2}}

/** The storage cluster with web-02 (101) given a 30 GiB volume on local-lvm beside db-01's 50 GiB, pve2's local-lvm with `free` bytes left. */
function twoCopiesOntoPve2(free: number): Snapshot {
  const seed = storageCluster()
  seed.guests.find((g) => g.vmid === 101)!.migration!.localDisks = [{key: 'scsi0', volid: 'local-lvm:vm-101-disk-0', storage: 'local-lvm', size: 30 * GiB, format: 'raw'}]
  const pool = seed.storages!.find((s) => s.node === 'pve2' && s.id === 'local-lvm')!
  pool.used = pool.total! - free
  seed.fingerprint = snapshotFingerprint(seed)
  return seed
}

describe('apply with local disks', () => {
  test('a plan that copies local disks is carried out: each guest and its volumes end on the planned storage', async () => {
    const seed = storageCluster()
    const emu = await emulator({snapshot: seed})
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir, DRAIN)
    const db = plan.moves.find((m) => m.vmid === 102)!
    expect(db.disks).toEqual([
      {key: 'scsi0', storage: 'local-lvm', targetStorage: 'local-lvm', bytes: 50 * GiB, estimate: 'configured'},
      // The emulator's own state does not say whether `local` is thin: its size counts.
      {key: 'scsi1', storage: 'local', targetStorage: 'local', bytes: 20 * GiB, estimate: 'configured'},
    ])
    const before = emu.state().storages!.find((s) => s.node === db.to && s.id === 'local-lvm')!.used!
    const r = await cli(emu, dir, ['apply', file, '--yes'])
    expect(r.stderr).not.toMatch(/error/)
    expect(r.status).toBe(0)
    expect(r.stdout + r.stderr).toMatch(new RegExp(`db-01 \\(102, VM\\) +pve1 → ${db.to} +online \\+ disks at most 50 GiB → local-lvm, at most 20 GiB → local +86 GiB`))
    const state = emu.state()
    expect(state.guests.find((g) => g.vmid === 102)!.node).toBe(db.to)
    expect(state.guests.find((g) => g.vmid === 102)!.migration!.localDisks!.map((d) => d.storage)).toEqual(['local-lvm', 'local'])
    expect(state.storages!.find((s) => s.node === db.to && s.id === 'local-lvm')!.used!).toBeGreaterThan(before)
    expectConsistent(emu, seed, plan, join(dir, 'plan.journal.jsonl'))
  })

  test('a plan whose target storage filled up since it was made is refused as stale, and nothing moves', async () => {
    const emu = await emulator({snapshot: storageCluster()})
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir, DRAIN)
    const db = plan.moves.find((m) => m.vmid === 102)!
    const pool = emu.state().storages!.find((s) => s.node === db.to && s.id === 'local-lvm')!
    // Leave 20 GiB free: less than db-01's 50 GiB volume.
    emu.faults.fillStorage(db.to, 'local-lvm', pool.total! - pool.used! - 20 * GiB)
    const r = await cli(emu, dir, ['apply', file, '--yes'])
    expect(r.status).toBe(4)
    expect(r.stderr).toContain(`db-01 (102): storage local-lvm on ${db.to} has no room for its disks any more: 50 GiB needed, 20 GiB free`)
    expect(emu.calls().filter((c) => c.method === 'POST' && c.path.endsWith('/migrate'))).toEqual([])
  })

  test('a storage someone else fills during the run: the move whose disks no longer fit is skipped before it is sent, the others go on', async () => {
    let filled = false
    let target = ''
    const emu = await emulator({
      snapshot: storageCluster(),
      // After the run's own check of the live cluster, before db-01's migration: the first
      // look at the cluster's tasks is the first move's check that nobody else works on it.
      onCall: (call) => {
        if (filled || !target || call.method !== 'GET' || call.path !== '/cluster/tasks') return
        filled = true
        const pool = emu.state().storages!.find((s) => s.node === target && s.id === 'local-lvm')!
        emu.faults.fillStorage(target, 'local-lvm', pool.total! - pool.used! - 20 * GiB)
      },
    })
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir, DRAIN)
    target = plan.moves.find((m) => m.vmid === 102)!.to
    const r = await cli(emu, dir, ['apply', file, '--yes', '--parallel', '1'])
    expect(filled).toBe(true)
    expect(r.status).toBe(3)
    expect(r.stdout + r.stderr).toContain(`not started: storage local-lvm on ${target} has 20 GiB free now; its disks need 50 GiB`)
    const posts = emu.calls().filter((c) => c.method === 'POST' && c.path.endsWith('/migrate')).map((c) => c.path)
    expect(posts.some((p) => p.includes('/102/'))).toBe(false)
    expect(posts).toHaveLength(plan.moves.length - 1)
    const state = emu.state()
    expect(state.guests.find((g) => g.vmid === 102)!.node).toBe('pve1')
    for (const m of plan.moves.filter((m) => m.vmid !== 102)) expect(state.guests.find((g) => g.vmid === m.vmid)!.node).toBe(m.to)
  })

  // pve2's pool: 100 GiB free when the plan is made, room for both (50 + 30 GiB); 30 GiB
  // more are written by someone else at the run's first look at the cluster's tasks, so that
  // db-01 fits, and then web-02 does not while db-01 copies. Copies take a while (64 GiB/s):
  // db-01's 86 GiB is still on its way when web-02's turn comes. `slowFirst`: db-01's own
  // checks before it starts are slow, so that web-02's storage answer comes back first.
  test.each([
    ['two copies onto one storage with room for one: the second is skipped, what the first took counted', false],
    ['two moves asking for one storage at once: the earlier in the plan gets the room, whichever answer comes back first', true],
  ])('%s', async (_name, slowFirst) => {
    const seed = twoCopiesOntoPve2(100 * GiB)
    let filled = false
    const emu = await emulator({
      snapshot: seed,
      migration: {bandwidth: 64 * GiB},
      onCall: (call) => {
        if (filled || call.method !== 'GET' || call.path !== '/cluster/tasks') return
        filled = true
        emu.faults.fillStorage('pve2', 'local-lvm', 30 * GiB)
      },
    })
    if (slowFirst) emu.faults.slow(/^GET \/nodes\/pve1\/tasks\?.*vmid=102/, 300)
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir, {...DRAIN, rules: [{name: 'to-pve2', type: 'pin', guests: [101, 102], nodes: ['pve2']}]})
    expect(plan.moves.filter((m) => m.to === 'pve2').map((m) => m.vmid)).toEqual([102, 101])
    const r = await cli(emu, dir, ['apply', file, '--yes', '--parallel', '2', '--per-node', '2'])
    expect(r.status).toBe(3)
    expect(r.stdout + r.stderr).toMatch(/web-02 \(101\)[^\n]*not started: storage local-lvm on pve2 has 20 GiB free now; its disks need 30 GiB/)
    const posts = emu.calls().filter((c) => c.method === 'POST' && c.path.endsWith('/migrate')).map((c) => c.path)
    expect(posts.some((p) => p.includes('/102/'))).toBe(true)
    expect(posts.some((p) => p.includes('/101/'))).toBe(false)
    const pool = emu.state().storages!.find((s) => s.node === 'pve2' && s.id === 'local-lvm')!
    expect(pool.used!).toBeLessThanOrEqual(pool.total!)
  })

  test('resumed with a copy under way that took its room at its start: a move to the same storage waits for it to end, the others going on, then goes', async () => {
    // 90 GiB free: room for both (50 + 30 GiB), not for both with the first counted twice.
    const seed = twoCopiesOntoPve2(90 * GiB)
    // db-01's 86 GiB take 2.7 s; the emulator takes a copy's room when it starts, as lvcreate does a thick volume's.
    const emu = await emulator({snapshot: seed, migration: {bandwidth: 32 * GiB}})
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir, {...DRAIN, rules: [{name: 'to-pve2', type: 'pin', guests: [101, 102], nodes: ['pve2']}]})
    expect(plan.moves.filter((m) => m.to === 'pve2').map((m) => m.vmid).sort()).toEqual([101, 102])
    const journal = join(dir, 'plan.journal.jsonl')
    const first = spawnCli(emu, dir, ['apply', file, '--yes', '--parallel', '1'])
    await waitForJournal(journal, 'move-accepted', 1)
    first.child.kill('SIGKILL')
    await first.result
    expect(journalRecords(journal).filter((r) => r.event === 'move-accepted').map((r) => r.move!.vmid)).toEqual([102])

    const r = await cli(emu, dir, ['apply', file, '--yes', '--resume', '--parallel', '2', '--per-node', '2'])
    expect(r.status).toBe(0)
    const out = r.stdout + r.stderr
    expect(out).toContain("web-02 (101) waits for proxlb's copies to storage local-lvm on pve2 to end: 40 GiB free now, 50 GiB of it perhaps still theirs; its disks need 30 GiB")
    // Its slot goes to the others meanwhile; it starts once db-01 is done.
    expect(out.indexOf('done    web-01 (100)')).toBeGreaterThan(-1)
    expect(out.indexOf('done    web-01 (100)')).toBeLessThan(out.indexOf('done    db-01 (102)'))
    expect(out.indexOf('start   web-02 (101)')).toBeGreaterThan(out.indexOf('done    db-01 (102)'))
    const state = emu.state()
    for (const m of plan.moves) expect(state.guests.find((g) => g.vmid === m.vmid)!.node).toBe(m.to)
    const pool = state.storages!.find((s) => s.node === 'pve2' && s.id === 'local-lvm')!
    expect(pool.used!).toBeLessThanOrEqual(pool.total!)
  })
})
