/**
 * Plans that copy local disks, applied to the emulator over HTTPS: they carry the disks
 * to the storages the plan names; and a plan whose target storage filled up after it was
 * made is refused as stale before anything moves.
 */
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import type {Policy} from '../../src/model/policy.js'
import {storageCluster} from '../emulator/helpers.js'
import {GiB} from '../helpers/builders.js'
import {cli, emulatorPerTest, expectConsistent, tempDir, writePlan} from './helpers.js'

const emulator = emulatorPerTest()

/** pve1 emptied, local disks copied along. */
const DRAIN: Omit<Policy, 'apiVersion'> = {balance: {threshold: 100}, maintenance: {nodes: ['pve1']}, migration: {withLocalDisks: true}, limits: {parallel: 2}}

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
})
