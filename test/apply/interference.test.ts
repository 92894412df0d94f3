/**
 * Right before each migration request, apply looks for someone else at the guest: an HA
 * migration request the HA manager has not acted on yet, a migration task running for it,
 * the HA manager moving it along with its resource-affinity group. Someone else's work
 * skips the move (retriable, with the reason) instead of a second request; the HA
 * manager bringing it where the plan wants it counts as done, not as a migration of ours.
 */
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import type {Emulator} from '../../src/emulator/index.js'
import {snapshotFingerprint} from '../../src/model/snapshot.js'
import {GiB} from '../helpers/builders.js'
import {login, waitForTask} from '../emulator/helpers.js'
import {acceptedMigrations, cli, crowdedCluster, EVACUATE, emulatorPerTest, journalRecords, migrationRequests, placement, smallCluster, spawnCli, tempDir, waitForJournal, writePlan} from './helpers.js'

const emulator = emulatorPerTest()

/** Someone else at the cluster: root@pam through the API, as the GUI or another tool. */
const someoneElse = (emu: Emulator) => login(emu)

/**
 * An apply of the small cluster's evacuation running one migration at a time, and someone
 * else migrating the last plain VM of its plan by hand (elsewhere) once the run is under way.
 */
async function midRun(extra: Record<string, string>) {
  const emu = await emulator({snapshot: smallCluster(), migration: {bandwidth: 64 * GiB}})
  const dir = tempDir()
  const {file, plan} = writePlan(emu, dir)
  const run = spawnCli(emu, dir, ['apply', file, '--yes', '--parallel', '1'])
  await waitForJournal(join(dir, 'plan.journal.jsonl'), 'move-accepted')
  const victim = [...plan.moves].reverse().find((m) => m.method === 'online' && !m.name.startsWith('ha-') && !m.withLocalDisks)!
  const elsewhere = ['pve2', 'pve3', 'pve4', 'pve5'].find((n) => n !== victim.to)!
  const other = await someoneElse(emu)
  const upid: string = (await other.post(`/nodes/pve1/qemu/${victim.vmid}/migrate`, {target: elsewhere, online: '1', ...extra})).body.data
  return {emu, dir, plan, run, victim, elsewhere, upid, other}
}

describe('someone else at the guest right before its request', () => {
  test('an HA migration requested by someone else moments ago: the move is skipped with the reason, no second request', async () => {
    // The HA manager takes its time: the request is queued, nothing shows but the hamigrate task.
    const emu = await emulator({snapshot: smallCluster(), migration: {haDelayMs: 60_000}})
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir, {...EVACUATE, ignore: {guests: ['ha-b']}})
    const ha = plan.moves.find((m) => m.name === 'ha-a')!
    const other = await someoneElse(emu)
    expect((await other.post(`/nodes/pve1/qemu/${ha.vmid}/migrate`, {target: 'pve5', online: '1'})).status).toBe(200)

    const r = await cli(emu, dir, ['apply', file, '--yes'])
    expect(r.status).toBe(3)
    const reason = `not started: an HA migration of it was requested by root@pam at ${'\\d\\d:\\d\\d:\\d\\d'} UTC, which the HA manager may still carry out`
    expect(r.stdout).toMatch(new RegExp(`skipped ${ha.name} \\(${ha.vmid}\\) pve1 → ${ha.to}: ${reason}\\n`))
    // One request for ha-a: the other one's.
    expect(acceptedMigrations(emu).get(ha.vmid)).toBe(1)
    expect(journalRecords(join(dir, 'plan.journal.jsonl')).filter((rec) => rec.move?.vmid === ha.vmid).map((rec) => rec.event)).toEqual(['move-skipped'])
    for (const m of plan.moves) if (m !== ha) expect(placement(emu).get(m.vmid)).toBe(m.to)
  })

  test('a migration someone else started mid-run: its move is skipped, the others go on', async () => {
    // Migrated by hand, slowly (64 MiB/s): it still runs when its turn comes.
    const {emu, dir, plan, run, victim, elsewhere, upid} = await midRun({bwlimit: String(64 * 1024)})
    expect(upid).toMatch(/^UPID:/)

    const r = await run.result
    expect(r.status).toBe(3)
    expect(r.stdout).toMatch(new RegExp(`skipped ${victim.name} \\(${victim.vmid}\\) pve1 → ${victim.to}: not started: a qmigrate task of root@pam runs for it on pve1 \\(UPID:pve1:[^)]+:qmigrate:${victim.vmid}:root@pam:\\)\\n`))
    expect(migrationRequests(emu).filter((c) => c.path.endsWith(`/${victim.vmid}/migrate`))).toHaveLength(1)
    for (const m of plan.moves) if (m !== victim) expect(placement(emu).get(m.vmid)).toBe(m.to)
    expect(journalRecords(join(dir, 'plan.journal.jsonl')).filter((rec) => rec.move?.vmid === victim.vmid).map((rec) => rec.event)).toEqual(['move-skipped'])
  })

  test("someone else's migration that ended before the guest's turn is never taken for proxlb's own", async () => {
    // Migrated by hand, at full speed: it has ended when its turn comes.
    const {emu, dir, plan, run, victim, elsewhere, upid, other} = await midRun({})
    await waitForTask(other, upid)

    const r = await run.result
    expect(r.status).toBe(3)
    expect(r.stdout).toContain(`FAILED  ${victim.name} (${victim.vmid}) pve1 → ${victim.to}: POST /nodes/pve1/qemu/${victim.vmid}/migrate failed at ${emu.url} with 500: Configuration file 'nodes/pve1/qemu-server/${victim.vmid}.conf' does not exist; guest ${victim.vmid} is on ${elsewhere} now, moved by someone else\n`)
    const records = journalRecords(join(dir, 'plan.journal.jsonl')).filter((rec) => rec.move?.vmid === victim.vmid)
    expect(records.map((rec) => rec.event)).toEqual(['move-started', 'move-finished'])
    expect(placement(emu).get(victim.vmid)).toBe(elsewhere)
  })

  test('the HA manager moving a guest along with its group: no request of ours, done once it arrives', async () => {
    // ha-a and ha-b stay together (a PVE 9 positive resource-affinity rule): migrating one moves both.
    const seed = crowdedCluster(4)
    seed.ha = {rules: [{id: 'pair', type: 'resource-affinity', resources: [204, 205], affinity: 'positive'}]}
    seed.fingerprint = snapshotFingerprint(seed)
    const emu = await emulator({snapshot: seed})
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    const pair = plan.moves.filter((m) => m.vmid === 204 || m.vmid === 205)
    expect(pair).toHaveLength(2)
    expect(pair[0].to).toBe(pair[1].to)

    const r = await cli(emu, dir, ['apply', file, '--yes', '--parallel', '1'])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(placement(emu).get(204)).toBe(pair[0].to)
    expect(placement(emu).get(205)).toBe(pair[0].to)
    // One request for the pair; the other guest came along.
    expect(migrationRequests(emu).filter((c) => /\/(204|205)\/migrate$/.test(c.path))).toHaveLength(1)
    const along = journalRecords(join(dir, 'plan.journal.jsonl')).find((rec) => rec.event === 'move-verified' && rec.recovered)!
    expect(along.reason).toMatch(new RegExp(`^the HA manager (is migrating it already \\(to ${pair[0].to}\\)|has moved it to ${pair[0].to} already)$`))
    expect(r.stdout).toMatch(/ migrations done, 1 found on its target already; /)
  })
})
