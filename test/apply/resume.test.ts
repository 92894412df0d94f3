/**
 * --resume tries again what is retriable now: moves skipped because their target was
 * offline run once the node is back (and stay skipped, saying why, while it is not), and a
 * drain's failed migration is tried again by drain --resume. Nothing that was carried out
 * is sent again.
 */
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {GiB} from '../helpers/builders.js'
import {cli, expectConsistent, journalRecords, emulatorPerTest, placement, smallCluster, spawnCli, tempDir, waitForJournal, writePlan} from './helpers.js'

const emulator = emulatorPerTest()

describe('resume retries what is retriable now', () => {
  test('moves skipped while their target was offline: not retried while it is down, run once it is back', async () => {
    const emu = await emulator({snapshot: smallCluster(), migration: {bandwidth: 16 * GiB}})
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    const journal = join(dir, 'plan.journal.jsonl')
    const run = spawnCli(emu, dir, ['apply', file, '--yes', '--parallel', '1'])
    await waitForJournal(journal, 'move-accepted')
    // A target of moves still to come goes down (not the one running now).
    const running = journalRecords(journal).find((rec) => rec.event === 'move-accepted')!.move!
    const doomed = plan.moves.map((m) => m.to).find((to) => to !== running.to)!
    emu.faults.nodeDown(doomed)
    expect((await run.result).status).toBe(3)
    const skipped = journalRecords(journal).filter((rec) => rec.event === 'move-skipped').map((rec) => rec.move!)
    expect(skipped.length).toBeGreaterThan(0)
    for (const m of skipped) expect(m.to).toBe(doomed)

    const early = await cli(emu, dir, ['apply', file, '--yes', '--resume'])
    expect(early.status).toBe(3)
    for (const m of skipped) expect(early.stderr).toContain(`${m.name} (${m.vmid}) pve1 → ${doomed}: skipped in an earlier run, and not tried again: the target ${doomed} is offline\n`)

    emu.faults.nodeUp(doomed)
    const resumed = await cli(emu, dir, ['apply', file, '--yes', '--resume'])
    expect(resumed.status).toBe(0)
    for (const m of skipped) expect(resumed.stderr).toContain(`${m.name} (${m.vmid}) pve1 → ${doomed}: skipped in an earlier run (not started: the target ${doomed} is offline); tried again\n`)
    expect(resumed.stdout).toMatch(new RegExp(`\\n${plan.moves.length} of ${plan.moves.length} migrations done; `))
    for (const m of plan.moves) expect(placement(emu).get(m.vmid)).toBe(m.to)
    expectConsistent(emu, smallCluster(), plan, journal)
  })

  test('drain --resume tries a failed migration again once its cause is gone', async () => {
    const emu = await emulator({snapshot: smallCluster()})
    const dir = tempDir()
    emu.faults.failMigration(103, 'storage migration failed: no space left on device')
    const first = await cli(emu, dir, ['drain', 'pve1', '--yes', '--force'])
    expect(first.status).toBe(3)
    expect(first.stdout).toContain('The drain of pve1 did not finish: see above; continue it with proxlb drain pve1 --resume.\n')
    emu.faults.reset()

    const resumed = await cli(emu, dir, ['drain', 'pve1', '--yes', '--resume'])
    expect(resumed.status).toBe(0)
    expect(resumed.stderr).toMatch(/(^|\n)vm-03 \(103\) pve1 → pve\d: failed in an earlier run \(migration aborted \(duration 00:00:00\): storage migration failed: no space left on device\); tried again\n/)
    // gpu (207) stays on pve1, running (local devices): a resumed drain claims only what its plan knows.
    expect(resumed.stdout).toContain('Every migration of the drain of pve1 is done (the guests it leaves there were listed when it started). Do the maintenance, then bring its guests back: proxlb drain pve1 --restore\n')
    expect(placement(emu).get(207)).toBe('pve1')
    expect(placement(emu).get(103)).not.toBe('pve1')
  })
})
